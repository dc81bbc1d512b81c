
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'blockstate' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'blockstate'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'blockstate' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('id', 'id', [CompletionResultType]::ParameterValue, 'Print a workflow ID: deterministic for a description, or fresh with --timestamp')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store KEY=VALUE pairs in one atomic, locked update')
            [CompletionResult]::new('incr', 'incr', [CompletionResultType]::ParameterValue, 'Add N (default 1, may be negative) to an integer value, atomically, and print the result')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored value followed by a newline (exit 1 if absent)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove keys (absent keys are not an error)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the workflow''s keys and values')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Print a script that exports the stored state, for eval')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the state added to its environment')
            [CompletionResult]::new('root', 'root', [CompletionResultType]::ParameterValue, 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree''s top, else the current directory')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete a workflow (-w/-d), expired workflows, or old ones')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the workflow''s state is: its file, or its Redis key (it may not exist yet)')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List stored workflows with their description, size and times')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Show which state directory or store is in use and why, and check it')
            [CompletionResult]::new('spawn', 'spawn', [CompletionResultType]::ParameterValue, 'Start a command in the background, detached from this block, and record it in the workflow')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List the workflow''s background processes: state, PID, port, uptime, host and log')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the end of a background process''s log, or follow it')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until KEY is set (to VALUE, with --equals) and print its value')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Add messages to the end of a queue (a workflow''s work queue)')
            [CompletionResult]::new('pop', 'pop', [CompletionResultType]::ParameterValue, 'Take the oldest message from a queue and print it (each message goes to one consumer)')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect a queue: its messages (ls) or how many wait (len)')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Set up a host that sources a file before each command (Claude Code, or any other)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;__complete' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--quoted', '--quoted', [CompletionResultType]::ParameterName, 'The words after `blockstate` up to the cursor, the last one being the word under completion; bash gives them as typed, quotes and all')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;id' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Print a new ID made of the UTC time and a random suffix')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;set' {
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the value of KEY from standard input, byte for byte')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it becomes the workflow''s own TTL [default: the workflow''s own TTL, else $BLOCKSTATE_TTL, else 24h]')
            [CompletionResult]::new('--sep', '--sep', [CompletionResultType]::ParameterName, 'The separator --append puts between the old value and the new one [default: a newline]')
            [CompletionResult]::new('--if-equals', '--if-equals', [CompletionResultType]::ParameterName, 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--append', '--append', [CompletionResultType]::ParameterName, 'Append each value to the stored one in one locked update (separated by --sep)')
            [CompletionResult]::new('--if-absent', '--if-absent', [CompletionResultType]::ParameterName, 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;incr' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;get' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;unset' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;list' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one flat JSON object of key to value')
            [CompletionResult]::new('--existing', '--existing', [CompletionResultType]::ParameterName, 'Fail (exit 1) if the workflow has no stored state')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Show the values of secret-looking names (*TOKEN*, *SECRET*, *PASSWORD*, *_KEY, ...) too')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;load' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--existing', '--existing', [CompletionResultType]::ParameterName, 'Fail (exit 1, so that eval fails) if the workflow has no stored state, instead of starting it empty')
            [CompletionResult]::new('--capture', '--capture', [CompletionResultType]::ParameterName, 'Also store this block''s changes to its exported environment when the shell exits')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;exec' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--existing', '--existing', [CompletionResultType]::ParameterName, 'Fail (exit 1, without running CMD) if the workflow has no stored state')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;root' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;gc' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete workflows not updated for this long, e.g. 7d')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block''s workflow)')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block''s workflow)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Delete the workflow whose ID is `blockstate id TEXT`')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Delete the workflow whose ID is `blockstate id TEXT`')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Delete every workflow')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;path' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;workflows' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;init' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;completions' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;doctor' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;spawn' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'A TCP port for the process, passed to it as PORT: a number, or auto for a free one')
            [CompletionResult]::new('--ready', '--ready', [CompletionResultType]::ParameterName, 'Wait until the process is ready: port, file:PATH or log:REGEX')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --ready waits, e.g. 10s [default: 30s]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Stop a running process of that name first, instead of refusing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;ps' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;stop' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long to wait after SIGTERM before SIGKILL, e.g. 10s [default: 5s]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Stop every process of the workflow')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many lines from the end to print')
            [CompletionResult]::new('--lines', '--lines', [CompletionResultType]::ParameterName, 'How many lines from the end to print')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing what the process writes, until it ends')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing what the process writes, until it ends')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;wait' {
            [CompletionResult]::new('--equals', '--equals', [CompletionResultType]::ParameterName, 'Wait until the key holds exactly VALUE (other values are ignored)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;push' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Push one more message read from standard input, byte for byte')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;pop' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"id":...,"value":...} instead of the bare value')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;queue' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a queue''s messages, oldest first: ID, ready or held, value')
            [CompletionResult]::new('len', 'len', [CompletionResultType]::ParameterValue, 'Print how many messages wait in a queue (held ones are not counted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;queue;ls' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array of {"id","status","value"}')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;queue;len' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;queue;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a queue''s messages, oldest first: ID, ready or held, value')
            [CompletionResult]::new('len', 'len', [CompletionResultType]::ParameterValue, 'Print how many messages wait in a queue (held ones are not counted)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;queue;help;ls' {
            break
        }
        'blockstate;queue;help;len' {
            break
        }
        'blockstate;queue;help;help' {
            break
        }
        'blockstate;capture' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;hook' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('claude-code', 'claude-code', [CompletionResultType]::ParameterValue, 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE')
            [CompletionResult]::new('env-file', 'env-file', [CompletionResultType]::ParameterValue, 'Write the same block into FILE, for any host or tool that sources a file before each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;hook;claude-code' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'The workflow''s TTL, renewed at every session start [default: 30d, Claude Code''s default transcript retention]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;hook;env-file' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The syntax of the block: sh (also bash and zsh) or fish')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Give the workflow this TTL now (it sticks, as with `set --ttl`)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;hook;help' {
            [CompletionResult]::new('claude-code', 'claude-code', [CompletionResultType]::ParameterValue, 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE')
            [CompletionResult]::new('env-file', 'env-file', [CompletionResultType]::ParameterValue, 'Write the same block into FILE, for any host or tool that sources a file before each command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;hook;help;claude-code' {
            break
        }
        'blockstate;hook;help;env-file' {
            break
        }
        'blockstate;hook;help;help' {
            break
        }
        'blockstate;help' {
            [CompletionResult]::new('id', 'id', [CompletionResultType]::ParameterValue, 'Print a workflow ID: deterministic for a description, or fresh with --timestamp')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store KEY=VALUE pairs in one atomic, locked update')
            [CompletionResult]::new('incr', 'incr', [CompletionResultType]::ParameterValue, 'Add N (default 1, may be negative) to an integer value, atomically, and print the result')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored value followed by a newline (exit 1 if absent)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove keys (absent keys are not an error)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the workflow''s keys and values')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Print a script that exports the stored state, for eval')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the state added to its environment')
            [CompletionResult]::new('root', 'root', [CompletionResultType]::ParameterValue, 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree''s top, else the current directory')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete a workflow (-w/-d), expired workflows, or old ones')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the workflow''s state is: its file, or its Redis key (it may not exist yet)')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List stored workflows with their description, size and times')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Show which state directory or store is in use and why, and check it')
            [CompletionResult]::new('spawn', 'spawn', [CompletionResultType]::ParameterValue, 'Start a command in the background, detached from this block, and record it in the workflow')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'List the workflow''s background processes: state, PID, port, uptime, host and log')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the end of a background process''s log, or follow it')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until KEY is set (to VALUE, with --equals) and print its value')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Add messages to the end of a queue (a workflow''s work queue)')
            [CompletionResult]::new('pop', 'pop', [CompletionResultType]::ParameterValue, 'Take the oldest message from a queue and print it (each message goes to one consumer)')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect a queue: its messages (ls) or how many wait (len)')
            [CompletionResult]::new('hook', 'hook', [CompletionResultType]::ParameterValue, 'Set up a host that sources a file before each command (Claude Code, or any other)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;help;__complete' {
            break
        }
        'blockstate;help;id' {
            break
        }
        'blockstate;help;set' {
            break
        }
        'blockstate;help;incr' {
            break
        }
        'blockstate;help;get' {
            break
        }
        'blockstate;help;unset' {
            break
        }
        'blockstate;help;list' {
            break
        }
        'blockstate;help;load' {
            break
        }
        'blockstate;help;exec' {
            break
        }
        'blockstate;help;root' {
            break
        }
        'blockstate;help;gc' {
            break
        }
        'blockstate;help;path' {
            break
        }
        'blockstate;help;workflows' {
            break
        }
        'blockstate;help;init' {
            break
        }
        'blockstate;help;completions' {
            break
        }
        'blockstate;help;doctor' {
            break
        }
        'blockstate;help;spawn' {
            break
        }
        'blockstate;help;ps' {
            break
        }
        'blockstate;help;stop' {
            break
        }
        'blockstate;help;logs' {
            break
        }
        'blockstate;help;wait' {
            break
        }
        'blockstate;help;push' {
            break
        }
        'blockstate;help;pop' {
            break
        }
        'blockstate;help;queue' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List a queue''s messages, oldest first: ID, ready or held, value')
            [CompletionResult]::new('len', 'len', [CompletionResultType]::ParameterValue, 'Print how many messages wait in a queue (held ones are not counted)')
            break
        }
        'blockstate;help;queue;ls' {
            break
        }
        'blockstate;help;queue;len' {
            break
        }
        'blockstate;help;capture' {
            break
        }
        'blockstate;help;hook' {
            [CompletionResult]::new('claude-code', 'claude-code', [CompletionResultType]::ParameterValue, 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE')
            [CompletionResult]::new('env-file', 'env-file', [CompletionResultType]::ParameterValue, 'Write the same block into FILE, for any host or tool that sources a file before each command')
            break
        }
        'blockstate;help;hook;claude-code' {
            break
        }
        'blockstate;help;hook;env-file' {
            break
        }
        'blockstate;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
