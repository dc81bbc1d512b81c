# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_blockstate_global_optspecs
    string join \n w/workflow= d/description= dir= root-var= lock-timeout= store= namespace= h/help V/version
end

function __fish_blockstate_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_blockstate_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_blockstate_using_subcommand
    set -l cmd (__fish_blockstate_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c blockstate -n "__fish_blockstate_needs_command" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_needs_command" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_needs_command" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "id" -d 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "set" -d 'Store KEY=VALUE pairs in one atomic, locked update'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "incr" -d 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "get" -d 'Print one stored value followed by a newline (exit 1 if absent)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "wait" -d 'Wait until KEY is set (to VALUE, with --equals) and print its value'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "push" -d 'Add messages to the end of a queue (a workflow\'s work queue)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "pop" -d 'Take the oldest message from a queue and print it (each message goes to one consumer)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "queue" -d 'Inspect a queue: its messages (ls) or how many wait (len)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "unset" -d 'Remove keys (absent keys are not an error)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "list" -d 'Print the workflow\'s keys and values'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "load" -d 'Print a script that exports the stored state, for eval'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "exec" -d 'Run a command with the state added to its environment'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "root" -d 'Print the project root: $PROJECT_ROOT, else the git work tree\'s top, else the current directory'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "gc" -d 'Delete a workflow (-w/-d), expired workflows, or old ones'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "path" -d 'Print the path of the workflow\'s state file (it may not exist yet)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "workflows" -d 'List stored workflows with their description, size and times'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "init" -d 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l timestamp -d 'Print a new ID made of the UTC time and a random suffix'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l stdin -d 'Read the value of KEY from standard input, byte for byte' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l ttl -d 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it sticks to the workflow [default: 24h]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l sep -d 'The separator --append puts between the old value and the new one [default: a newline]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l if-equals -d 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l append -d 'Append each value to the stored one in one locked update (separated by --sep)'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l if-absent -d 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l equals -d 'Wait until the key holds exactly VALUE (other values are ignored)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l timeout -d 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l stdin -d 'Push one more message read from standard input, byte for byte'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l wait -d 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l json -d 'Print {"id":...,"value":...} instead of the bare value'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l json -d 'Print a JSON array of {"id","status","value"}'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l json -d 'Print one flat JSON object of key to value'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l shell -d 'Output format' -r -f -a "sh\t'POSIX single quotes: sh, dash, bash, zsh'
bash\t'Same as sh'
zsh\t'Same as sh'
fish\t'fish\'s own quoting'
json\t'A JSON object'
github\t'The $GITHUB_ENV file format (heredoc with a random delimiter)'"
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l older-than -d 'Delete workflows not updated for this long, e.g. 7d' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l all -d 'Delete every workflow'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l json -d 'Print a JSON array'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s w -l workflow -d 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s d -l description -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l dir -d 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l lock-timeout -d 'How long to wait for another writer\'s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l namespace -d 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "id" -d 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "set" -d 'Store KEY=VALUE pairs in one atomic, locked update'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "incr" -d 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "get" -d 'Print one stored value followed by a newline (exit 1 if absent)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "wait" -d 'Wait until KEY is set (to VALUE, with --equals) and print its value'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "push" -d 'Add messages to the end of a queue (a workflow\'s work queue)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "pop" -d 'Take the oldest message from a queue and print it (each message goes to one consumer)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "queue" -d 'Inspect a queue: its messages (ls) or how many wait (len)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "unset" -d 'Remove keys (absent keys are not an error)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "list" -d 'Print the workflow\'s keys and values'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "load" -d 'Print a script that exports the stored state, for eval'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "exec" -d 'Run a command with the state added to its environment'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "root" -d 'Print the project root: $PROJECT_ROOT, else the git work tree\'s top, else the current directory'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "gc" -d 'Delete a workflow (-w/-d), expired workflows, or old ones'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "path" -d 'Print the path of the workflow\'s state file (it may not exist yet)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "workflows" -d 'List stored workflows with their description, size and times'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "init" -d 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from id set incr get wait push pop queue unset list load exec root gc path workflows init completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
