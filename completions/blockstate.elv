
use builtin;
use str;

set edit:completion:arg-completer[blockstate] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'blockstate'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'blockstate'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand id 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
            cand set 'Store KEY=VALUE pairs in one atomic, locked update'
            cand incr 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
            cand get 'Print one stored value followed by a newline (exit 1 if absent)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
            cand spawn 'Start a command in the background, detached from this block, and record it in the workflow'
            cand ps 'List the workflow''s background processes: state, PID, port, uptime, host and log'
            cand stop 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period'
            cand logs 'Print the end of a background process''s log, or follow it'
            cand root 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print the path of the workflow''s state file (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand completions 'Print a completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;id'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --timestamp 'Print a new ID made of the UTC time and a random suffix'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;set'= {
            cand --stdin 'Read the value of KEY from standard input, byte for byte'
            cand --ttl 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it sticks to the workflow [default: 24h]'
            cand --sep 'The separator --append puts between the old value and the new one [default: a newline]'
            cand --if-equals 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --append 'Append each value to the stored one in one locked update (separated by --sep)'
            cand --if-absent 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;incr'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;get'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;unset'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;list'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print one flat JSON object of key to value'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;load'= {
            cand --shell 'Output format'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;exec'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;spawn'= {
            cand --port 'A TCP port for the process, passed to it as PORT: a number, or auto for a free one'
            cand --ready 'Wait until the process is ready: port, file:PATH or log:REGEX'
            cand --timeout 'How long --ready waits, e.g. 10s [default: 30s]'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --replace 'Stop a running process of that name first, instead of refusing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;ps'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;stop'= {
            cand --grace 'How long to wait after SIGTERM before SIGKILL, e.g. 10s [default: 5s]'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --all 'Stop every process of the workflow'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;logs'= {
            cand -n 'How many lines from the end to print'
            cand --lines 'How many lines from the end to print'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -f 'Keep printing what the process writes, until it ends'
            cand --follow 'Keep printing what the process writes, until it ends'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;root'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;gc'= {
            cand --older-than 'Delete workflows not updated for this long, e.g. 7d'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --all 'Delete every workflow'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;path'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;workflows'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;init'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;completions'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;help'= {
            cand id 'Print a workflow ID: deterministic for a description, or fresh with --timestamp'
            cand set 'Store KEY=VALUE pairs in one atomic, locked update'
            cand incr 'Add N (default 1, may be negative) to an integer value, atomically, and print the result'
            cand get 'Print one stored value followed by a newline (exit 1 if absent)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
            cand spawn 'Start a command in the background, detached from this block, and record it in the workflow'
            cand ps 'List the workflow''s background processes: state, PID, port, uptime, host and log'
            cand stop 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period'
            cand logs 'Print the end of a background process''s log, or follow it'
            cand root 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print the path of the workflow''s state file (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand completions 'Print a completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;help;id'= {
        }
        &'blockstate;help;set'= {
        }
        &'blockstate;help;incr'= {
        }
        &'blockstate;help;get'= {
        }
        &'blockstate;help;unset'= {
        }
        &'blockstate;help;list'= {
        }
        &'blockstate;help;load'= {
        }
        &'blockstate;help;exec'= {
        }
        &'blockstate;help;spawn'= {
        }
        &'blockstate;help;ps'= {
        }
        &'blockstate;help;stop'= {
        }
        &'blockstate;help;logs'= {
        }
        &'blockstate;help;root'= {
        }
        &'blockstate;help;gc'= {
        }
        &'blockstate;help;path'= {
        }
        &'blockstate;help;workflows'= {
        }
        &'blockstate;help;init'= {
        }
        &'blockstate;help;completions'= {
        }
        &'blockstate;help;help'= {
        }
    ]
    $completions[$command]
}
