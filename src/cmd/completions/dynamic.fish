
# Workflow IDs (after -w) and stored keys (get, unset, set --stdin) come
# from `blockstate __complete`, which succeeds when the word under the
# cursor is one of those. Errors never reach the prompt, and a TAB never
# waits more than a second.
function __fish_blockstate_dynamic
    set -l tokens (commandline -opc) (commandline -ct)
    # `set` keeps the status of the command substitution.
    set -g __fish_blockstate_found (command blockstate __complete -- $tokens[2..-1] 2>/dev/null)
end
complete -c blockstate -f -n __fish_blockstate_dynamic -a '$__fish_blockstate_found'
complete -c blockstate -s w -l workflow -x -a '(__fish_blockstate_dynamic; string replace -r -- "^--workflow=" "" $__fish_blockstate_found)'
