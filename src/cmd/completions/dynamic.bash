# Workflow IDs (after -w) and stored keys (get, unset, set --stdin) come
# from `blockstate __complete`, which says whether the word under the
# cursor is one of those; every other word is completed by _blockstate
# above. Errors never reach the prompt, and a TAB never waits more than a
# second.
_blockstate_dynamic() {
    local cur=${COMP_WORDS[COMP_CWORD]} out line
    local -a found=()
    # bash splits --workflow=x into --workflow, =, x.
    [[ $cur == = ]] && cur=
    if out=$(command blockstate __complete --quoted -- "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null); then
        # No file names when there is no candidate.
        compopt +o default +o bashdefault 2>/dev/null
        while IFS= read -r line; do
            [[ -n $line ]] && found+=("${line%%$'\t'*}")
        done <<<"$out"
        local IFS=$'\n'
        mapfile -t COMPREPLY < <(compgen -W "${found[*]}" -- "$cur")
        return 0
    fi
    _blockstate "$@"
}

