
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
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('id', 'id', [CompletionResultType]::ParameterValue, 'Print a workflow ID: deterministic for a description, or fresh with --timestamp')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store KEY=VALUE pairs in one atomic, locked update')
            [CompletionResult]::new('incr', 'incr', [CompletionResultType]::ParameterValue, 'Add N (default 1, may be negative) to an integer value, atomically, and print the result')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored value followed by a newline (exit 1 if absent)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until KEY is set (to VALUE, with --equals) and print its value')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Add messages to the end of a queue (a workflow''s work queue)')
            [CompletionResult]::new('pop', 'pop', [CompletionResultType]::ParameterValue, 'Take the oldest message from a queue and print it (each message goes to one consumer)')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect a queue: its messages (ls) or how many wait (len)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove keys (absent keys are not an error)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the workflow''s keys and values')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Print a script that exports the stored state, for eval')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the state added to its environment')
            [CompletionResult]::new('root', 'root', [CompletionResultType]::ParameterValue, 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete a workflow (-w/-d), expired workflows, or old ones')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the workflow''s state file (it may not exist yet)')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List stored workflows with their description, size and times')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'blockstate;id' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Print a new ID made of the UTC time and a random suffix')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;set' {
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the value of KEY from standard input, byte for byte')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it sticks to the workflow [default: 24h]')
            [CompletionResult]::new('--sep', '--sep', [CompletionResultType]::ParameterName, 'The separator --append puts between the old value and the new one [default: a newline]')
            [CompletionResult]::new('--if-equals', '--if-equals', [CompletionResultType]::ParameterName, 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--append', '--append', [CompletionResultType]::ParameterName, 'Append each value to the stored one in one locked update (separated by --sep)')
            [CompletionResult]::new('--if-absent', '--if-absent', [CompletionResultType]::ParameterName, 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;incr' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;get' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;wait' {
            [CompletionResult]::new('--equals', '--equals', [CompletionResultType]::ParameterName, 'Wait until the key holds exactly VALUE (other values are ignored)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;push' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Push one more message read from standard input, byte for byte')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;pop' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print {"id":...,"value":...} instead of the bare value')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;queue' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
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
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array of {"id","status","value"}')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;queue;len' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
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
        'blockstate;unset' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;list' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one flat JSON object of key to value')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;load' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;exec' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;root' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;gc' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete workflows not updated for this long, e.g. 7d')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Delete every workflow')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;path' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;workflows' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON array')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;init' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;completions' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]')
            [CompletionResult]::new('--root-var', '--root-var', [CompletionResultType]::ParameterName, 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'blockstate;help' {
            [CompletionResult]::new('id', 'id', [CompletionResultType]::ParameterValue, 'Print a workflow ID: deterministic for a description, or fresh with --timestamp')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store KEY=VALUE pairs in one atomic, locked update')
            [CompletionResult]::new('incr', 'incr', [CompletionResultType]::ParameterValue, 'Add N (default 1, may be negative) to an integer value, atomically, and print the result')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print one stored value followed by a newline (exit 1 if absent)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait until KEY is set (to VALUE, with --equals) and print its value')
            [CompletionResult]::new('push', 'push', [CompletionResultType]::ParameterValue, 'Add messages to the end of a queue (a workflow''s work queue)')
            [CompletionResult]::new('pop', 'pop', [CompletionResultType]::ParameterValue, 'Take the oldest message from a queue and print it (each message goes to one consumer)')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Inspect a queue: its messages (ls) or how many wait (len)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove keys (absent keys are not an error)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print the workflow''s keys and values')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Print a script that exports the stored state, for eval')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the state added to its environment')
            [CompletionResult]::new('root', 'root', [CompletionResultType]::ParameterValue, 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory')
            [CompletionResult]::new('gc', 'gc', [CompletionResultType]::ParameterValue, 'Delete a workflow (-w/-d), expired workflows, or old ones')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the workflow''s state file (it may not exist yet)')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List stored workflows with their description, size and times')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
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
        'blockstate;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
