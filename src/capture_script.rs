//! The shell code `load --capture` appends to its script: the baseline (a
//! shell variable that is not exported), the exit hook, and the code that
//! arms it in the shell that evaluates the script.
//!
//! One script serves sh, dash, busybox ash, mksh, bash and zsh: it is
//! POSIX, and the bash- and zsh-only parts are strings evaluated only in
//! those shells. The hook is an EXIT trap, chained with the trap already
//! set (read in the current shell, without a subshell, through
//! `/proc/self/fd/0` of a here-document), plus:
//! - bash (not in POSIX mode): a `trap` function, so that a `trap … EXIT`
//!   run later in the block is chained after the capture instead of
//!   replacing it;
//! - zsh: a `zshexit_functions` hook, which no trap replaces (zsh runs it
//!   on every exit but a `set -e` one, where the EXIT trap runs instead).
//!
//! fish gets a `fish_exit` event handler; fish runs every handler.
//!
//! Linux refuses to start a program whose environment holds one variable
//! over 128 KiB (execve's E2BIG, exit 126, or 127 in zsh), so a block that
//! exported one cannot start `capture` at all. The hook then finds those
//! variables, starts `capture` without them and tells it their names in
//! `_BLOCKSTATE_CAPTURE_SKIP`, so that the rest is stored and each of them
//! is named on stderr.

use crate::emit::{fish_quote, sh_quote};

/// The sh-family part. `{BASE}` and `{BIN}` are replaced by quoted values.
const SH: &str = r#"_blockstate_capture_base={BASE}
_blockstate_capture_bin={BIN}
_blockstate_capture_exit() {
  _blockstate_capture_rc=$?
  if [ -n "${_blockstate_capture_base-}" ]; then
    _BLOCKSTATE_CAPTURE=${_blockstate_capture_base} "${_blockstate_capture_bin}" capture || {
      case $? in 126 | 127) _blockstate_capture_retry || : ;; *) ;; esac
    }
    _blockstate_capture_base=
  fi
  return "${_blockstate_capture_rc}"
}
_blockstate_capture_retry() {
  (
    set +eu
    if [ -n "${KSH_VERSION-}" ]; then set +U; fi
    _blockstate_capture_had=${LC_ALL+x}
    _blockstate_capture_old=${LC_ALL-}
    LC_ALL=C
    _blockstate_capture_skip=
    while IFS= read -r _blockstate_capture_l; do
      case ${_blockstate_capture_l} in
        'export '* | 'declare -x '*) ;;
        *) continue ;;
      esac
      _blockstate_capture_n=${_blockstate_capture_l#export }
      _blockstate_capture_n=${_blockstate_capture_n#declare -x }
      _blockstate_capture_n=${_blockstate_capture_n%%=*}
      case ${_blockstate_capture_n} in
        '' | [0-9]* | *[!A-Za-z0-9_]*) continue ;;
        *) ;;
      esac
      eval "_blockstate_capture_len=\${#${_blockstate_capture_n}}"
      if [ "$((_blockstate_capture_len + ${#_blockstate_capture_n} + 2))" -gt 131072 ]; then
        _blockstate_capture_skip="${_blockstate_capture_skip}${_blockstate_capture_n},"
      fi
    done <<_BLOCKSTATE_EXPORTS_
$(export -p)
_BLOCKSTATE_EXPORTS_
    if [ -n "${_blockstate_capture_had}" ]; then LC_ALL=${_blockstate_capture_old}; else unset LC_ALL; fi
    if [ -z "${_blockstate_capture_skip}" ]; then exit 0; fi
    _blockstate_capture_s=${_blockstate_capture_skip}
    while [ -n "${_blockstate_capture_s}" ]; do
      unset "${_blockstate_capture_s%%,*}"
      _blockstate_capture_s=${_blockstate_capture_s#*,}
    done
    _BLOCKSTATE_CAPTURE_SKIP=${_blockstate_capture_skip} _BLOCKSTATE_CAPTURE=${_blockstate_capture_base} exec "${_blockstate_capture_bin}" capture
  )
}
_blockstate_capture_seen() {
  if [ "${1-}" = -- ]; then shift; fi
  case ${2-}:${1-} in
    EXIT:- | 0:-) ;;
    EXIT:* | 0:*) _blockstate_capture_prev=${1-} ;;
    *) ;;
  esac
}
_blockstate_capture_prev=
_blockstate_capture_listing=
_blockstate_capture_ok=
{
  if [ -n "${BASH_VERSION-}" ]; then
    if builtin trap -p EXIT >/proc/self/fd/0; then _blockstate_capture_ok=1; fi
  elif alias trap >/dev/null 2>&1; then
    :
  elif trap >/proc/self/fd/0; then
    _blockstate_capture_ok=1
  fi
  _blockstate_capture_first=1
  while IFS= read -r _blockstate_capture_line; do
    if [ -n "${_blockstate_capture_first}" ] && [ "${_blockstate_capture_line}" = . ]; then
      _blockstate_capture_first=
      continue
    fi
    _blockstate_capture_first=
    _blockstate_capture_listing="${_blockstate_capture_listing}${_blockstate_capture_line}
"
  done
} 2>/dev/null <<'_BLOCKSTATE_CAPTURE_'
.
_BLOCKSTATE_CAPTURE_
if [ -z "${_blockstate_capture_ok}" ]; then
  :
elif [ -n "${ZSH_VERSION-}" ]; then
  eval '{ZSH_PARSE}'
elif [ -n "${BASH_VERSION-}" ]; then
  if [ -n "${_blockstate_capture_listing}" ]; then
    eval "_blockstate_capture_seen ${_blockstate_capture_listing#trap }"
  fi
elif [ -n "${_blockstate_capture_listing}" ]; then
  # The listing is `trap -- ACTION SIGNAL` commands in the shell's own
  # quoting: the shell parses it, with `trap` aliased to the collector.
  # A shell without aliases (posh) cannot, so nothing is installed rather
  # than a trap replaced.
  if alias trap=_blockstate_capture_seen 2>/dev/null; then
    eval "${_blockstate_capture_listing}"
    unalias trap
  else
    _blockstate_capture_ok=
  fi
fi
if [ -z "${_blockstate_capture_ok}" ]; then
  printf '%s\n' 'blockstate: cannot read this shell'\''s EXIT trap (it needs /proc/self/fd, and aliases when a trap is set; or an alias named trap is in the way), so the exports of this block will not be captured' >&2
else
  case ${_blockstate_capture_prev} in
    *_blockstate_capture_exit*) _blockstate_capture_action= ;;
    '') _blockstate_capture_action='_blockstate_capture_exit && :' ;;
    *) _blockstate_capture_action="_blockstate_capture_exit && :
${_blockstate_capture_prev}" ;;
  esac
  if [ -n "${ZSH_VERSION-}" ]; then
    eval '{ZSH}'
  elif [ -n "${BASH_VERSION-}" ]; then
    eval '{BASH}'
  elif [ -n "${_blockstate_capture_action}" ]; then
    command trap "${_blockstate_capture_action}" EXIT
  fi
fi
unset _blockstate_capture_prev _blockstate_capture_listing _blockstate_capture_ok _blockstate_capture_first _blockstate_capture_line _blockstate_capture_action
"#;

/// zsh: the EXIT action in the trap listing, split with zsh's own parser
/// (whatever the caller's options, aliases included).
const ZSH_PARSE: &str = r#"() {
  emulate -L zsh
  local -a w
  local -i i
  w=(${(z)_blockstate_capture_listing})
  for (( i = 1; i + 3 <= $#w; i++ )); do
    if [[ $w[i] == trap && $w[i+1] == -- && $w[i+3] == (EXIT|0) ]]; then
      _blockstate_capture_prev=${(Q)w[i+2]}
    fi
  done
}"#;

/// zsh: the exit hook, and the trap. A trap set in a function is that
/// function's in native zsh, so inside one (`blockstate_begin --capture`)
/// it is set with POSIX_TRAPS, which makes it the shell's. (No single
/// quote may appear here: this is evaluated from a single-quoted string.)
const ZSH: &str = r#"typeset -ga zshexit_functions
if (( ! ${zshexit_functions[(Ie)_blockstate_capture_exit]} )); then
  zshexit_functions+=(_blockstate_capture_exit)
fi
if [[ -n $_blockstate_capture_action ]]; then
  if (( ${zsh_eval_context[(I)shfunc]} )); then
    () { setopt localoptions posixtraps; trap "$1" EXIT } "$_blockstate_capture_action"
  else
    trap "$_blockstate_capture_action" EXIT
  fi
fi"#;

/// bash: the trap, and (outside POSIX mode, where a function may not be
/// named after a special builtin) a `trap` function that keeps the capture
/// first in any EXIT trap set later. Listing (`-p`, `-l`, no operand) and
/// other signals go to the builtin unchanged. No single quote here either.
const BASH: &str = r#"if [[ -n $_blockstate_capture_action ]]; then
  builtin trap -- "$_blockstate_capture_action" EXIT
fi
if [[ :$SHELLOPTS: != *:posix:* ]] && ! declare -F trap >/dev/null; then
  trap() {
    local _blockstate_a _blockstate_x= _blockstate_s
    local -a _blockstate_sigs=()
    case ${1-} in
      -p | -l | -P) builtin trap "$@"; return ;;
      --) shift ;;
    esac
    if (( $# == 0 )); then builtin trap; return; fi
    if (( $# == 1 )); then _blockstate_a=-; else _blockstate_a=$1; shift; fi
    for _blockstate_s in "$@"; do
      case ${_blockstate_s^^} in
        EXIT | SIGEXIT | 0) _blockstate_x=1 ;;
        *) _blockstate_sigs+=("$_blockstate_s") ;;
      esac
    done
    if (( ${#_blockstate_sigs[@]} )); then
      builtin trap -- "$_blockstate_a" "${_blockstate_sigs[@]}" || return
    fi
    if [[ -n $_blockstate_x ]]; then
      _blockstate_a=${_blockstate_a#"_blockstate_capture_exit && :"}
      _blockstate_a=${_blockstate_a#"
"}
      if [[ $_blockstate_a == - || -z $_blockstate_a ]]; then
        builtin trap -- "_blockstate_capture_exit && :" EXIT
      else
        builtin trap -- "_blockstate_capture_exit && :
$_blockstate_a" EXIT
      fi
    fi
  }
fi"#;

/// fish: a `fish_exit` handler.
const FISH: &str = r#"set -g __blockstate_capture_base {BASE}
set -g __blockstate_capture_bin {BIN}
function __blockstate_capture_exit --on-event fish_exit
    if test -n "$__blockstate_capture_base"
        _BLOCKSTATE_CAPTURE=$__blockstate_capture_base $__blockstate_capture_bin capture
        set -g __blockstate_capture_base
    end
end
"#;

/// The capture part of a `load --capture` script for sh, dash, ash, mksh,
/// bash and zsh. `bin` is the path of this blockstate.
pub fn sh(baseline: &str, bin: &str) -> Vec<u8> {
    let text = SH
        .replace("{ZSH_PARSE}", ZSH_PARSE)
        .replace("{ZSH}", ZSH)
        .replace("{BASH}", BASH)
        .replace("{BASE}", &String::from_utf8_lossy(&sh_quote(baseline)))
        .replace("{BIN}", &String::from_utf8_lossy(&sh_quote(bin)));
    text.into_bytes()
}

/// The capture part for fish.
pub fn fish(baseline: &str, bin: &str) -> Vec<u8> {
    FISH.replace("{BASE}", &String::from_utf8_lossy(&fish_quote(baseline)))
        .replace("{BIN}", &String::from_utf8_lossy(&fish_quote(bin)))
        .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_specific_parts_hold_no_single_quote() {
        // They are evaluated from single-quoted strings.
        assert!(!ZSH.contains('\''));
        assert!(!ZSH_PARSE.contains('\''));
        assert!(!BASH.contains('\''));
    }
}
