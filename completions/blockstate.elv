
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
            cand wait 'Wait until KEY is set (to VALUE, with --equals) and print its value'
            cand push 'Add messages to the end of a queue (a workflow''s work queue)'
            cand pop 'Take the oldest message from a queue and print it (each message goes to one consumer)'
            cand queue 'Inspect a queue: its messages (ls) or how many wait (len)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
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
        &'blockstate;wait'= {
            cand --equals 'Wait until the key holds exactly VALUE (other values are ignored)'
            cand --timeout 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]'
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
        &'blockstate;push'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --stdin 'Push one more message read from standard input, byte for byte'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;pop'= {
            cand --wait 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)'
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print {"id":...,"value":...} instead of the bare value'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;queue'= {
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
            cand ls 'List a queue''s messages, oldest first: ID, ready or held, value'
            cand len 'Print how many messages wait in a queue (held ones are not counted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;queue;ls'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array of {"id","status","value"}'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;queue;len'= {
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
        &'blockstate;queue;help'= {
            cand ls 'List a queue''s messages, oldest first: ID, ready or held, value'
            cand len 'Print how many messages wait in a queue (held ones are not counted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;queue;help;ls'= {
        }
        &'blockstate;queue;help;len'= {
        }
        &'blockstate;queue;help;help'= {
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
            cand wait 'Wait until KEY is set (to VALUE, with --equals) and print its value'
            cand push 'Add messages to the end of a queue (a workflow''s work queue)'
            cand pop 'Take the oldest message from a queue and print it (each message goes to one consumer)'
            cand queue 'Inspect a queue: its messages (ls) or how many wait (len)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
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
        &'blockstate;help;wait'= {
        }
        &'blockstate;help;push'= {
        }
        &'blockstate;help;pop'= {
        }
        &'blockstate;help;queue'= {
            cand ls 'List a queue''s messages, oldest first: ID, ready or held, value'
            cand len 'Print how many messages wait in a queue (held ones are not counted)'
        }
        &'blockstate;help;queue;ls'= {
        }
        &'blockstate;help;queue;len'= {
        }
        &'blockstate;help;unset'= {
        }
        &'blockstate;help;list'= {
        }
        &'blockstate;help;load'= {
        }
        &'blockstate;help;exec'= {
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
