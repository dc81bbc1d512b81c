# shellcheck shell=sh
# blockstate helpers for POSIX shells (dash, bash, busybox ash, mksh, ksh93,
# yash; posh with limits: see blockstate_set and blockstate_end).
#
#   eval "$(blockstate init sh)"          # or: . /path/to/shell/blockstate.sh
#   blockstate_begin "implement auth"     # load the workflow's state into this shell
#   blockstate_begin --capture "implement auth"   # ... and store this block's exports at exit
#   blockstate_set API_URL "$url"         # store one variable and export it here too
#   blockstate_end                        # delete the workflow's state now
#   blockstate_end --on-exit              # ... or when this shell exits (last block only)
#
# The helpers run `blockstate` from PATH. They keep their own values in
# variables whose names start with _blockstate_. zsh users: use
# `blockstate init zsh` (zsh scopes EXIT traps set in functions).

blockstate_begin() {
  # --capture: also store this block's exports when the shell exits.
  _blockstate_flag=
  if [ "${1-}" = --capture ]; then
    _blockstate_flag=--capture
    shift
  fi
  if [ "$#" -ne 1 ] || [ -z "${1}" ]; then
    printf '%s\n' 'blockstate_begin: usage: blockstate_begin [--capture] DESCRIPTION (one non-empty argument; quote it)' >&2
    return 2
  fi
  # The script is captured whole first: `load` prints either a complete
  # script or, on failure, nothing usable and a non-zero status. Status 1
  # of `--existing` means nothing is stored yet: said out loud, since a
  # typo in the description lands there too. Any other failure is reported
  # by the plain `load` that follows. (No unquoted expansion of the flag:
  # the caller's IFS could split it.)
  _blockstate_script=$(
    if [ -n "${_blockstate_flag}" ]; then
      command blockstate load --existing --capture -d "${1}" 2>/dev/null
    else
      command blockstate load --existing -d "${1}" 2>/dev/null
    fi
  ) || {
    if [ "$?" -eq 1 ]; then
      printf 'blockstate_begin: nothing is stored for "%s" yet: starting a new workflow\n' "${1}" >&2
    fi
    _blockstate_script=$(
      if [ -n "${_blockstate_flag}" ]; then
        command blockstate load --capture -d "${1}"
      else
        command blockstate load -d "${1}"
      fi
    ) || {
      unset _blockstate_script
      printf 'blockstate_begin: could not load the state of "%s" (see the error above); nothing was loaded, so stop this block\n' "${1}" >&2
      return 1
    }
  }
  # Drop the temporary before the exports run: a stored variable may have
  # any name, and must win.
  eval "unset _blockstate_script
${_blockstate_script}" || return
  _blockstate_description=${1}
  _blockstate_workflow=${BLOCKSTATE_WORKFLOW-}
  unset _blockstate_flag
}

blockstate_set() {
  if [ "$#" -ne 2 ]; then
    printf '%s\n' 'blockstate_set: usage: blockstate_set KEY VALUE' >&2
    return 2
  fi
  # The value goes through a pipe, not the argument list: other users can
  # read argument lists in `ps`, and they are limited in size. Only a
  # builtin writes it without an argument list, so a shell without one
  # (posh has neither printf nor print built in) is refused, not served
  # by an external printf that would show the value and fail past 128 KiB
  # while blockstate stored what it got.
  _blockstate_writer || return
  if [ -n "${_blockstate_description-}" ] && [ "${BLOCKSTATE_WORKFLOW-}" = "${_blockstate_workflow-}" ]; then
    _blockstate_print "${2}" | command blockstate set -d "${_blockstate_description}" --stdin "${1}" || return
  else
    _blockstate_print "${2}" | command blockstate set --stdin "${1}" || return
  fi
  export "${1}=${2}"
}

blockstate_end() {
  if [ "$#" -gt 1 ] || { [ "$#" -eq 1 ] && [ "${1}" != --on-exit ]; }; then
    printf '%s\n' 'blockstate_end: usage: blockstate_end [--on-exit]' >&2
    return 2
  fi
  case ${BLOCKSTATE_WORKFLOW-} in
    '')
      printf '%s\n' 'blockstate_end: no workflow is loaded (BLOCKSTATE_WORKFLOW is empty); run blockstate_begin DESCRIPTION first' >&2
      return 2
      ;;
    *[!ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-]*)
      # It is written into the trap below, so it must be a plain ID.
      printf 'blockstate_end: BLOCKSTATE_WORKFLOW is not a valid workflow ID: %s\n' "${BLOCKSTATE_WORKFLOW}" >&2
      return 2
      ;;
    *) ;;
  esac
  if [ "$#" -eq 0 ]; then
    command blockstate gc -w "${BLOCKSTATE_WORKFLOW}"
    return
  fi
  if [ -n "${ZSH_VERSION-}" ]; then
    printf '%s\n' 'blockstate_end: in zsh, load the zsh helpers (blockstate init zsh): zsh scopes an EXIT trap set in a function to that function' >&2
    return 2
  fi
  _blockstate_action="_blockstate_on_exit '${BLOCKSTATE_WORKFLOW}' && :"
  _blockstate_exit_trap || return
  # The action is built now on purpose: it names this workflow, whatever
  # BLOCKSTATE_WORKFLOW holds when the shell exits.
  # shellcheck disable=SC2064
  case ${_blockstate_prev} in
    *"${_blockstate_action}"*) ;;
    '') trap "${_blockstate_action}" EXIT ;;
    *)
      # Ours runs first and keeps $?, so the existing action still runs
      # exactly as before (`exit N` and all).
      trap "${_blockstate_action}
${_blockstate_prev}" EXIT
      ;;
  esac
  unset _blockstate_action _blockstate_prev
}

# The EXIT trap's action: delete the workflow, then return the status the
# trap started with. It is called as `... && :`, which keeps that status in
# $? without tripping `set -e`.
_blockstate_on_exit() {
  _blockstate_rc=$?
  command blockstate gc -w "${1}" || :
  return "${_blockstate_rc}"
}

# Sets _blockstate_prev to the current EXIT trap's action ('' if none).
_blockstate_exit_trap() {
  _blockstate_prev=
  if [ -n "${BASH_VERSION-}" ]; then
    # bash lists the caller's traps inside `$(...)`; POSIX sh has no -p.
    # shellcheck disable=SC3045
    _blockstate_traps=$(trap -p EXIT) || return
    if [ -n "${_blockstate_traps}" ]; then
      # One `trap -- ACTION EXIT` command in bash's own quoting: bash
      # parses it into the collector's arguments.
      eval "_blockstate_trap_seen ${_blockstate_traps#trap }"
    fi
    unset _blockstate_traps
    return 0
  fi
  # Elsewhere `$(trap)` runs in a subshell without the caller's traps, so
  # the listing goes through a private temporary file.
  _blockstate_tmp=$(mktemp) || {
    printf '%s\n' 'blockstate_end: cannot create a temporary file to read the current EXIT trap' >&2
    return 1
  }
  trap >"${_blockstate_tmp}"
  _blockstate_traps=$(cat "${_blockstate_tmp}")
  rm -f "${_blockstate_tmp}"
  unset _blockstate_tmp
  if [ -n "${_blockstate_traps}" ]; then
    if alias trap >/dev/null 2>&1; then
      printf '%s\n' 'blockstate_end: an alias named trap is defined, so the current EXIT trap cannot be read; nothing was installed' >&2
      unset _blockstate_traps
      return 1
    fi
    # The listing is `trap -- ACTION SIGNAL` commands in the shell's own
    # quoting (several lines for one action, $'...' in mksh). The shell
    # parses it itself, with `trap` aliased to the collector. A shell
    # without `alias` (posh) would run the listing as real trap commands
    # and the user's trap would then be replaced: refuse instead.
    if ! alias trap=_blockstate_trap_seen 2>/dev/null; then
      printf '%s\n' 'blockstate_end: this shell has no alias builtin, so the EXIT trap already set cannot be read back and kept; nothing was installed. Call blockstate_end from your own EXIT trap instead, e.g. trap '"'"'blockstate_end; your_cleanup'"'"' EXIT' >&2
      unset _blockstate_traps
      return 1
    fi
    eval "${_blockstate_traps}"
    unalias trap
  fi
  unset _blockstate_traps
}

_blockstate_trap_seen() {
  if [ "${1-}" = -- ]; then
    shift
  fi
  # `-` is the default action, which POSIX-mode bash lists too.
  case ${2-}:${1-} in
    EXIT:- | 0:-) ;;
    EXIT:* | 0:*) _blockstate_prev=${1-} ;;
    *) ;;
  esac
}

# Sets _blockstate_printer to the builtin that writes a value without an
# argument list (printf, or print where printf is external as in mksh), once
# per shell; fails with a message when there is none.
_blockstate_writer() {
  if [ -z "${_blockstate_printer-}" ]; then
    case $(command -V printf 2>/dev/null) in
      *builtin* | *built-in*) _blockstate_printer='printf' ;;
      *)
        case $(command -V print 2>/dev/null) in
          *builtin* | *built-in*) _blockstate_printer='print' ;;
          *) _blockstate_printer=none ;;
        esac
        ;;
    esac
  fi
  if [ "${_blockstate_printer}" = none ]; then
    printf '%s\n' 'blockstate_set: this shell has no builtin printf or print, so the value cannot be piped to blockstate without showing it in ps; nothing was stored. Use dash, bash, ksh93, mksh, yash or busybox ash, or run: blockstate set --stdin KEY < file' >&2
    return 1
  fi
}

_blockstate_print() {
  if [ "${_blockstate_printer}" = print ]; then
    print -rn -- "${1}"
  else
    printf '%s' "${1}"
  fi
}
