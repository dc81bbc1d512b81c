
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
            cand get 'Print one stored value followed by a newline (exit 1 if absent)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
            cand root 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print the path of the workflow''s state file (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand doctor 'Show which state directory or store is in use and why, and check it'
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
            cand --ttl 'Expire the workflow this long after this update, e.g. 90m, 24h, 7d [default: 24h]'
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
            cand --existing 'Fail (exit 1) if the workflow has no stored state'
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
            cand --existing 'Fail (exit 1, so that eval fails) if the workflow has no stored state, instead of starting it empty'
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
            cand --existing 'Fail (exit 1, without running CMD) if the workflow has no stored state'
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
        &'blockstate;doctor'= {
            cand -w 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'Workflow ID [default: $BLOCKSTATE_WORKFLOW]'
            cand -d 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --description 'Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata'
            cand --dir 'State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long to wait for another writer''s lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]'
            cand --namespace 'Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print one JSON object'
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand get 'Print one stored value followed by a newline (exit 1 if absent)'
            cand unset 'Remove keys (absent keys are not an error)'
            cand list 'Print the workflow''s keys and values'
            cand load 'Print a script that exports the stored state, for eval'
            cand exec 'Run a command with the state added to its environment'
            cand root 'Print the project root: $PROJECT_ROOT, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print the path of the workflow''s state file (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand doctor 'Show which state directory or store is in use and why, and check it'
            cand completions 'Print a completion script for a shell'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;help;id'= {
        }
        &'blockstate;help;set'= {
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
        &'blockstate;help;doctor'= {
        }
        &'blockstate;help;completions'= {
        }
        &'blockstate;help;help'= {
        }
    ]
    $completions[$command]
}
