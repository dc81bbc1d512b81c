# Workflow IDs (after -w) and stored keys (get, unset, set --stdin) come
# from `blockstate __complete`, which says whether the word under the
# cursor is one of those; every other word is completed by
# _blockstate_static above. Errors never reach the prompt, and a TAB never
# waits more than a second.
_blockstate() {
    local out
    local -a found
    if out=$(command blockstate __complete -- "${(@Q)words[2,CURRENT]}" 2>/dev/null); then
        # ID<TAB>description becomes ID:description for _describe.
        found=("${(@f)out}")
        found=("${(@)found:#}")
        found=("${(@)found//$'\t'/:}")
        _describe -t blockstate-values 'value' found
        return
    fi
    _blockstate_static "$@"
}

