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

complete -c blockstate -n "__fish_blockstate_needs_command" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_needs_command" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_needs_command" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "id" -d 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "set" -d 'Store KEY=VALUE pairs in one atomic, locked update'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "incr" -d 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "get" -d 'Print one stored value followed by a newline (exit 1 if absent)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "unset" -d 'Remove keys (absent keys are not an error)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "list" -d 'Print the workflow\'s keys and values'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "load" -d 'Print a script that exports the stored state, for eval'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "exec" -d 'Run a command with the state added to its environment'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "root" -d 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree\'s top, else the current directory'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "gc" -d 'Delete a workflow (-w/-d), expired workflows, or old ones'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "path" -d 'Print where the workflow\'s state is: its file, or its Redis key (it may not exist yet)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "workflows" -d 'List stored workflows with their description, size and times'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "init" -d 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "completions" -d 'Print a completion script for a shell'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "doctor" -d 'Show which state directory or store is in use and why, and check it'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "spawn" -d 'Start a command in the background, detached from this block, and record it in the workflow'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "ps" -d 'List the workflow\'s background processes: state, PID, port, uptime, host and log'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "stop" -d 'Stop background processes: SIGTERM to each one\'s process group, then SIGKILL after the grace period'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "logs" -d 'Print the end of a background process\'s log, or follow it'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "wait" -d 'Wait until KEY is set (to VALUE, with --equals) and print its value'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "push" -d 'Add messages to the end of a queue (a workflow\'s work queue)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "pop" -d 'Take the oldest message from a queue and print it (each message goes to one consumer)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "queue" -d 'Inspect a queue: its messages (ls) or how many wait (len)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "hook" -d 'Set up a host that sources a file before each command (Claude Code, or any other)'
complete -c blockstate -n "__fish_blockstate_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -l quoted -d 'The words after `blockstate` up to the cursor, the last one being the word under completion; bash gives them as typed, quotes and all'
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand __complete" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -l timestamp -d 'Print a new ID made of the UTC time and a random suffix'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand id" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l stdin -d 'Read the value of KEY from standard input, byte for byte' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l ttl -d 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it becomes the workflow\'s own TTL [default: the workflow\'s own TTL, else $BLOCKSTATE_TTL, else 24h]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l sep -d 'The separator --append puts between the old value and the new one [default: a newline]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l if-equals -d 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l append -d 'Append each value to the stored one in one locked update (separated by --sep)'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -l if-absent -d 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand set" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand incr" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand get" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand unset" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l json -d 'Print one flat JSON object of key to value'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l existing -d 'Fail (exit 1) if the workflow has no stored state'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -l reveal -d 'Show the values of secret-looking names (*TOKEN*, *SECRET*, *PASSWORD*, *_KEY, ...) too'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand list" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l shell -d 'Output format' -r -f -a "sh\t'POSIX single quotes: sh, dash, bash, zsh'
bash\t'Same as sh'
zsh\t'Same as sh'
fish\t'fish\'s own quoting'
json\t'A JSON object'
github\t'The format of GitHub Actions\' GITHUB_ENV file (heredoc with a random delimiter)'
github-mask\t'GitHub Actions `::add-mask::` commands for the stored values, to print in the step\'s log'"
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l existing -d 'Fail (exit 1, so that eval fails) if the workflow has no stored state, instead of starting it empty'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -l capture -d 'Also store this block\'s changes to its exported environment when the shell exits'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_using_subcommand load" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -l existing -d 'Fail (exit 1, without running CMD) if the workflow has no stored state'
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand exec" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand root" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l older-than -d 'Delete workflows not updated for this long, e.g. 7d' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s w -l workflow -d 'Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block\'s workflow)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s d -l description -d 'Delete the workflow whose ID is `blockstate id TEXT`' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -l all -d 'Delete every workflow'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand gc" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand path" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -l json -d 'Print a JSON array'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand workflows" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_using_subcommand init" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand completions" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -l json -d 'Print one JSON object'
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l port -d 'A TCP port for the process, passed to it as PORT: a number, or auto for a free one' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l ready -d 'Wait until the process is ready: port, file:PATH or log:REGEX' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l timeout -d 'How long --ready waits, e.g. 10s [default: 30s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -l replace -d 'Stop a running process of that name first, instead of refusing'
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand spawn" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -l json -d 'Print a JSON array'
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand ps" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l grace -d 'How long to wait after SIGTERM before SIGKILL, e.g. 10s [default: 5s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -l all -d 'Stop every process of the workflow'
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand stop" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s n -l lines -d 'How many lines from the end to print' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s f -l follow -d 'Keep printing what the process writes, until it ends'
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand logs" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l equals -d 'Wait until the key holds exactly VALUE (other values are ignored)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l timeout -d 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand wait" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -l stdin -d 'Push one more message read from standard input, byte for byte'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand push" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l wait -d 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -l json -d 'Print {"id":...,"value":...} instead of the bare value'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand pop" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and not __fish_seen_subcommand_from ls len help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -l json -d 'Print a JSON array of {"id","status","value"}'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from len" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
complete -c blockstate -n "__fish_blockstate_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand capture" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -f -a "claude-code" -d 'Claude Code\'s SessionStart hook: reads the hook\'s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -f -a "env-file" -d 'Write the same block into FILE, for any host or tool that sources a file before each command'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and not __fish_seen_subcommand_from claude-code env-file help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l ttl -d 'The workflow\'s TTL, renewed at every session start [default: 30d, Claude Code\'s default transcript retention]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -s h -l help -d 'Print help'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from claude-code" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l shell -d 'The syntax of the block: sh (also bash and zsh) or fish' -r -f -a "sh\t'sh, dash, bash, zsh'
fish\t'fish'"
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l ttl -d 'Give the workflow this TTL now (it sticks, as with `set --ttl`)' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -s w -l workflow -d 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -s d -l description -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l dir -d 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]' -r -F
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l root-var -d 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l lock-timeout -d 'How long a writer waits for another writer\'s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l store -d 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -l namespace -d 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]' -r
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from env-file" -s V -l version -d 'Print version'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "claude-code" -d 'Claude Code\'s SessionStart hook: reads the hook\'s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "env-file" -d 'Write the same block into FILE, for any host or tool that sources a file before each command'
complete -c blockstate -n "__fish_blockstate_using_subcommand hook; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "id" -d 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "set" -d 'Store KEY=VALUE pairs in one atomic, locked update'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "incr" -d 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "get" -d 'Print one stored value followed by a newline (exit 1 if absent)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "unset" -d 'Remove keys (absent keys are not an error)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "list" -d 'Print the workflow\'s keys and values'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "load" -d 'Print a script that exports the stored state, for eval'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "exec" -d 'Run a command with the state added to its environment'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "root" -d 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree\'s top, else the current directory'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "gc" -d 'Delete a workflow (-w/-d), expired workflows, or old ones'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "path" -d 'Print where the workflow\'s state is: its file, or its Redis key (it may not exist yet)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "workflows" -d 'List stored workflows with their description, size and times'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "init" -d 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "completions" -d 'Print a completion script for a shell'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "doctor" -d 'Show which state directory or store is in use and why, and check it'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "spawn" -d 'Start a command in the background, detached from this block, and record it in the workflow'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "ps" -d 'List the workflow\'s background processes: state, PID, port, uptime, host and log'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "stop" -d 'Stop background processes: SIGTERM to each one\'s process group, then SIGKILL after the grace period'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "logs" -d 'Print the end of a background process\'s log, or follow it'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "wait" -d 'Wait until KEY is set (to VALUE, with --equals) and print its value'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "push" -d 'Add messages to the end of a queue (a workflow\'s work queue)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "pop" -d 'Take the oldest message from a queue and print it (each message goes to one consumer)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "queue" -d 'Inspect a queue: its messages (ls) or how many wait (len)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "hook" -d 'Set up a host that sources a file before each command (Claude Code, or any other)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and not __fish_seen_subcommand_from __complete id set incr get unset list load exec root gc path workflows init completions doctor spawn ps stop logs wait push pop queue capture hook help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "ls" -d 'List a queue\'s messages, oldest first: ID, ready or held, value'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "len" -d 'Print how many messages wait in a queue (held ones are not counted)'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "claude-code" -d 'Claude Code\'s SessionStart hook: reads the hook\'s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
complete -c blockstate -n "__fish_blockstate_using_subcommand help; and __fish_seen_subcommand_from hook" -f -a "env-file" -d 'Write the same block into FILE, for any host or tool that sources a file before each command'

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
