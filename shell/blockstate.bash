# shellcheck shell=bash
# blockstate helpers for bash.
#
#   eval "$(blockstate init bash)"        # or: source /path/to/shell/blockstate.bash
#   blockstate_begin "implement auth"     # load the workflow's state into this shell
#   blockstate_begin --capture "implement auth"   # ... and store this block's exports at exit
#   blockstate_set API_URL "$url"         # store one variable and export it here too
#   blockstate_end                        # delete the workflow's state now
#   blockstate_end --on-exit              # ... or when this shell exits (last block only)
#
# The helpers run `blockstate` from PATH. They keep their own values in
# variables whose names start with _blockstate_.

blockstate_begin() {
  # --capture: also store this block's exports when the shell exits.
  local capture=()
  if [[ ${1-} == --capture ]]; then
    capture=(--capture)
    shift
  fi
  if [[ $# -ne 1 || -z ${1} ]]; then
    printf '%s\n' 'blockstate_begin: usage: blockstate_begin [--capture] DESCRIPTION (one non-empty argument; quote it)' >&2
    return 2
  fi
  # Captured whole first: `load` prints either a complete script or, on
  # failure, nothing usable and a non-zero status. Not a local: a stored
  # variable of the same name would become local too, and vanish. Status 1
  # of `--existing` means nothing is stored yet: said out loud, since a
  # typo in the description lands there too. Any other failure is reported
  # by the plain `load` that follows.
  _blockstate_script=$(command blockstate load --existing "${capture[@]}" -d "${1}" 2>/dev/null) || {
    if [[ $? -eq 1 ]]; then
      printf 'blockstate_begin: nothing is stored for "%s" yet: starting a new workflow\n' "${1}" >&2
    fi
    _blockstate_script=$(command blockstate load "${capture[@]}" -d "${1}") || {
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
}

blockstate_set() {
  if [[ $# -ne 2 ]]; then
    printf '%s\n' 'blockstate_set: usage: blockstate_set KEY VALUE' >&2
    return 2
  fi
  # The value goes through a pipe, not the argument list: other users can
  # read argument lists in `ps`, and they are limited in size.
  if [[ -n ${_blockstate_description-} && ${BLOCKSTATE_WORKFLOW-} == "${_blockstate_workflow-}" ]]; then
    printf '%s' "${2}" | command blockstate set -d "${_blockstate_description}" --stdin "${1}" || return
  else
    printf '%s' "${2}" | command blockstate set --stdin "${1}" || return
  fi
  export "${1}=${2}"
}

blockstate_end() {
  if [[ $# -gt 1 || ($# -eq 1 && ${1} != --on-exit) ]]; then
    printf '%s\n' 'blockstate_end: usage: blockstate_end [--on-exit]' >&2
    return 2
  fi
  if [[ -z ${BLOCKSTATE_WORKFLOW-} ]]; then
    printf '%s\n' 'blockstate_end: no workflow is loaded (BLOCKSTATE_WORKFLOW is empty); run blockstate_begin DESCRIPTION first' >&2
    return 2
  fi
  if [[ ! ${BLOCKSTATE_WORKFLOW} =~ ^[A-Za-z0-9._-]+$ ]]; then
    # It is written into the trap below, so it must be a plain ID.
    printf 'blockstate_end: BLOCKSTATE_WORKFLOW is not a valid workflow ID: %s\n' "${BLOCKSTATE_WORKFLOW}" >&2
    return 2
  fi
  if [[ $# -eq 0 ]]; then
    command blockstate gc -w "${BLOCKSTATE_WORKFLOW}"
    return
  fi
  local action="_blockstate_on_exit '${BLOCKSTATE_WORKFLOW}' && :"
  local listing prev=''
  listing=$(trap -p EXIT) || return
  if [[ -n ${listing} ]]; then
    # One `trap -- ACTION EXIT` command in bash's own quoting: bash parses
    # it into the collector's arguments.
    eval "_blockstate_trap_action ${listing#trap }"
    prev=${_blockstate_prev}
    unset _blockstate_prev
  fi
  # The action is built now on purpose: it names this workflow, whatever
  # BLOCKSTATE_WORKFLOW holds when the shell exits.
  # shellcheck disable=SC2064
  if [[ -z ${prev} ]]; then
    trap "${action}" EXIT
  elif [[ ${prev} != *"${action}"* ]]; then
    # Ours runs first and keeps $?, so the existing action still runs
    # exactly as before (`exit N` and all).
    trap "${action}"$'\n'"${prev}" EXIT
  fi
}

_blockstate_trap_action() {
  [[ ${1-} == -- ]] && shift
  # `-` is the default action, which bash lists in POSIX mode.
  if [[ ${1-} == - ]]; then
    _blockstate_prev=''
  else
    _blockstate_prev=${1-}
  fi
}

# The EXIT trap's action: delete the workflow, then return the status the
# trap started with. It is called as `... && :`, which keeps that status in
# $? without tripping `set -e`.
_blockstate_on_exit() {
  local rc=$?
  command blockstate gc -w "${1}" || :
  return "${rc}"
}
