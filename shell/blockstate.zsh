# blockstate helpers for zsh.
#
#   eval "$(blockstate init zsh)"         # or: source /path/to/shell/blockstate.zsh
#   blockstate_begin "implement auth"     # load the workflow's state into this shell
#   blockstate_begin --capture "implement auth"   # ... and store this block's exports at exit
#   blockstate_set API_URL "$url"         # store one variable and export it here too
#   blockstate_end                        # delete the workflow's state now
#   blockstate_end --on-exit              # ... or when this shell exits (last block only)
#
# The helpers run `blockstate` from PATH. They keep their own values in
# variables whose names start with _blockstate_. Each function runs with
# zsh's default options (emulate -L zsh), whatever the caller has set.

blockstate_begin() {
  emulate -L zsh
  # --capture: also store this block's exports when the shell exits.
  local -a capture
  if [[ ${1-} == --capture ]]; then
    capture=(--capture)
    shift
  fi
  if (( $# != 1 )) || [[ -z $1 ]]; then
    print -ru2 -- 'blockstate_begin: usage: blockstate_begin [--capture] DESCRIPTION (one non-empty argument; quote it)'
    return 2
  fi
  # Captured whole first: `load` prints either a complete script or, on
  # failure, nothing usable and a non-zero status. Not a local: a stored
  # variable of the same name would become local too, and vanish.
  # Status 1 of `--existing` means nothing is stored yet: said out loud,
  # since a typo in the description lands there too. Any other failure is
  # reported by the plain `load` that follows.
  typeset -g _blockstate_script
  _blockstate_script=$(command blockstate load --existing $capture -d "$1" 2>/dev/null) || {
    if (( $? == 1 )); then
      print -ru2 -- "blockstate_begin: nothing is stored for \"$1\" yet: starting a new workflow"
    fi
    _blockstate_script=$(command blockstate load $capture -d "$1") || {
      unset _blockstate_script
      print -ru2 -- "blockstate_begin: could not load the state of \"$1\" (see the error above); nothing was loaded, so stop this block"
      return 1
    }
  }
  # Drop the temporary before the exports (global: zsh's export is
  # typeset -gx) run: a stored variable may have any name, and must win.
  eval "unset _blockstate_script
$_blockstate_script" || return
  typeset -g _blockstate_description=$1 _blockstate_workflow=${BLOCKSTATE_WORKFLOW-}
}

blockstate_set() {
  emulate -L zsh
  if (( $# != 2 )); then
    print -ru2 -- 'blockstate_set: usage: blockstate_set KEY VALUE'
    return 2
  fi
  # The value goes through a pipe, not the argument list: other users can
  # read argument lists in `ps`, and they are limited in size.
  if [[ -n ${_blockstate_description-} && ${BLOCKSTATE_WORKFLOW-} == "${_blockstate_workflow-}" ]]; then
    print -rn -- "$2" | command blockstate set -d "$_blockstate_description" --stdin "$1" || return
  else
    print -rn -- "$2" | command blockstate set --stdin "$1" || return
  fi
  export "$1=$2"
}

blockstate_end() {
  emulate -L zsh
  if (( $# > 1 )) || { (( $# == 1 )) && [[ $1 != --on-exit ]] }; then
    print -ru2 -- 'blockstate_end: usage: blockstate_end [--on-exit]'
    return 2
  fi
  if [[ -z ${BLOCKSTATE_WORKFLOW-} ]]; then
    print -ru2 -- 'blockstate_end: no workflow is loaded (BLOCKSTATE_WORKFLOW is empty); run blockstate_begin DESCRIPTION first'
    return 2
  fi
  if (( $# == 0 )); then
    command blockstate gc -w "$BLOCKSTATE_WORKFLOW"
    return
  fi
  typeset -ga _blockstate_exit_workflows
  if (( ! ${_blockstate_exit_workflows[(Ie)$BLOCKSTATE_WORKFLOW]} )); then
    _blockstate_exit_workflows+=("$BLOCKSTATE_WORKFLOW")
  fi
  # zsh's own exit hook list: it never touches the caller's EXIT trap.
  typeset -ga zshexit_functions
  if (( ! ${zshexit_functions[(Ie)_blockstate_exit_hook]} )); then
    zshexit_functions+=(_blockstate_exit_hook)
  fi
  # zsh skips exit hooks when `zsh -c` replaces itself with its last
  # command, which it does only while no EXIT trap is set; so set one too.
  # With POSIX_TRAPS it is the shell's trap, not this function's. A trap
  # the caller set in native mode is hidden here and put back when this
  # function returns (replacing ours): then the hook does the work. A trap
  # set with POSIX_TRAPS is visible, and kept after ours.
  setopt posix_traps
  local tmp listing prev=''
  local -a words
  tmp=$(mktemp) || {
    print -ru2 -- 'blockstate_end: cannot create a temporary file to read the current EXIT trap'
    return 1
  }
  trap >| $tmp
  listing=$(<$tmp)
  rm -f -- $tmp
  words=(${(z)listing})
  local -i i
  for (( i = 1; i + 3 <= $#words; i++ )); do
    if [[ $words[i] == trap && $words[i+1] == -- && $words[i+3] == (EXIT|0) ]]; then
      prev=${(Q)words[i+2]}
    fi
  done
  if [[ -z $prev ]]; then
    trap '_blockstate_on_exit && :' EXIT
  elif [[ $prev != *_blockstate_on_exit* ]]; then
    # Ours runs first and keeps $?, so the existing action still runs
    # exactly as before (`exit N` and all).
    trap "_blockstate_on_exit && :"$'\n'"$prev" EXIT
  fi
}

# The EXIT trap's action: delete the workflows, then return the status the
# trap started with. It is called as `... && :`, which keeps that status in
# $? without tripping `set -e`.
_blockstate_on_exit() {
  local rc=$?
  emulate -L zsh
  _blockstate_exit_hook
  return $rc
}

# The zshexit hook, and the work of the trap, whichever runs first. It
# returns 0: a failing hook would trip `set -e` and run the EXIT trap again.
_blockstate_exit_hook() {
  emulate -L zsh
  local wf
  for wf in "${_blockstate_exit_workflows[@]}"; do
    command blockstate gc -w "$wf" || :
  done
  _blockstate_exit_workflows=()
  return 0
}
