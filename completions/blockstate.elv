
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
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
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
            cand root 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print where the workflow''s state is: its file, or its Redis key (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand completions 'Print a completion script for a shell'
            cand doctor 'Show which state directory or store is in use and why, and check it'
            cand spawn 'Start a command in the background, detached from this block, and record it in the workflow'
            cand ps 'List the workflow''s background processes: state, PID, port, uptime, host and log'
            cand stop 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period'
            cand logs 'Print the end of a background process''s log, or follow it'
            cand wait 'Wait until KEY is set (to VALUE, with --equals) and print its value'
            cand push 'Add messages to the end of a queue (a workflow''s work queue)'
            cand pop 'Take the oldest message from a queue and print it (each message goes to one consumer)'
            cand queue 'Inspect a queue: its messages (ls) or how many wait (len)'
            cand hook 'Set up a host that sources a file before each command (Claude Code, or any other)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;__complete'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --quoted 'The words after `blockstate` up to the cursor, the last one being the word under completion; bash gives them as typed, quotes and all'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;id'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --timestamp 'Print a new ID made of the UTC time and a random suffix'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;set'= {
            cand --stdin 'Read the value of KEY from standard input, byte for byte'
            cand --ttl 'Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it becomes the workflow''s own TTL [default: the workflow''s own TTL, else $BLOCKSTATE_TTL, else 24h]'
            cand --sep 'The separator --append puts between the old value and the new one [default: a newline]'
            cand --if-equals 'Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --append 'Append each value to the stored one in one locked update (separated by --sep)'
            cand --if-absent 'Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;incr'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;get'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;unset'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;list'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print one flat JSON object of key to value'
            cand --existing 'Fail (exit 1) if the workflow has no stored state'
            cand --reveal 'Show the values of secret-looking names (*TOKEN*, *SECRET*, *PASSWORD*, *_KEY, ...) too'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;load'= {
            cand --shell 'Output format'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --existing 'Fail (exit 1, so that eval fails) if the workflow has no stored state, instead of starting it empty'
            cand --capture 'Also store this block''s changes to its exported environment when the shell exits'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;exec'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --existing 'Fail (exit 1, without running CMD) if the workflow has no stored state'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;root'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;gc'= {
            cand --older-than 'Delete workflows not updated for this long, e.g. 7d'
            cand -w 'Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block''s workflow)'
            cand --workflow 'Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block''s workflow)'
            cand -d 'Delete the workflow whose ID is `blockstate id TEXT`'
            cand --description 'Delete the workflow whose ID is `blockstate id TEXT`'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --all 'Delete every workflow'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;path'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;workflows'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;init'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;completions'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;doctor'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print one JSON object'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;spawn'= {
            cand --port 'A TCP port for the process, passed to it as PORT: a number, or auto for a free one'
            cand --ready 'Wait until the process is ready: port, file:PATH or log:REGEX'
            cand --timeout 'How long --ready waits, e.g. 10s [default: 30s]'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --replace 'Stop a running process of that name first, instead of refusing'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;ps'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;stop'= {
            cand --grace 'How long to wait after SIGTERM before SIGKILL, e.g. 10s [default: 5s]'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --all 'Stop every process of the workflow'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;logs'= {
            cand -n 'How many lines from the end to print'
            cand --lines 'How many lines from the end to print'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -f 'Keep printing what the process writes, until it ends'
            cand --follow 'Keep printing what the process writes, until it ends'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;wait'= {
            cand --equals 'Wait until the key holds exactly VALUE (other values are ignored)'
            cand --timeout 'Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;push'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --stdin 'Push one more message read from standard input, byte for byte'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;pop'= {
            cand --wait 'Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print {"id":...,"value":...} instead of the bare value'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;queue'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'List a queue''s messages, oldest first: ID, ready or held, value'
            cand len 'Print how many messages wait in a queue (held ones are not counted)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;queue;ls'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand --json 'Print a JSON array of {"id","status","value"}'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;queue;len'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
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
        &'blockstate;capture'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;hook'= {
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand claude-code 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
            cand env-file 'Write the same block into FILE, for any host or tool that sources a file before each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;hook;claude-code'= {
            cand --ttl 'The workflow''s TTL, renewed at every session start [default: 30d, Claude Code''s default transcript retention]'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;hook;env-file'= {
            cand --shell 'The syntax of the block: sh (also bash and zsh) or fish'
            cand --ttl 'Give the workflow this TTL now (it sticks, as with `set --ttl`)'
            cand -w 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand --workflow 'The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]'
            cand -d 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --description 'Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description'
            cand --dir 'State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]'
            cand --root-var 'Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]'
            cand --lock-timeout 'How long a writer waits for another writer''s lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]'
            cand --store 'Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]'
            cand --namespace 'With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'blockstate;hook;help'= {
            cand claude-code 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
            cand env-file 'Write the same block into FILE, for any host or tool that sources a file before each command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;hook;help;claude-code'= {
        }
        &'blockstate;hook;help;env-file'= {
        }
        &'blockstate;hook;help;help'= {
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
            cand root 'Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree''s top, else the current directory'
            cand gc 'Delete a workflow (-w/-d), expired workflows, or old ones'
            cand path 'Print where the workflow''s state is: its file, or its Redis key (it may not exist yet)'
            cand workflows 'List stored workflows with their description, size and times'
            cand init 'Print the shell helpers blockstate_begin, blockstate_set and blockstate_end'
            cand completions 'Print a completion script for a shell'
            cand doctor 'Show which state directory or store is in use and why, and check it'
            cand spawn 'Start a command in the background, detached from this block, and record it in the workflow'
            cand ps 'List the workflow''s background processes: state, PID, port, uptime, host and log'
            cand stop 'Stop background processes: SIGTERM to each one''s process group, then SIGKILL after the grace period'
            cand logs 'Print the end of a background process''s log, or follow it'
            cand wait 'Wait until KEY is set (to VALUE, with --equals) and print its value'
            cand push 'Add messages to the end of a queue (a workflow''s work queue)'
            cand pop 'Take the oldest message from a queue and print it (each message goes to one consumer)'
            cand queue 'Inspect a queue: its messages (ls) or how many wait (len)'
            cand hook 'Set up a host that sources a file before each command (Claude Code, or any other)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'blockstate;help;__complete'= {
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
        &'blockstate;help;doctor'= {
        }
        &'blockstate;help;spawn'= {
        }
        &'blockstate;help;ps'= {
        }
        &'blockstate;help;stop'= {
        }
        &'blockstate;help;logs'= {
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
        &'blockstate;help;capture'= {
        }
        &'blockstate;help;hook'= {
            cand claude-code 'Claude Code''s SessionStart hook: reads the hook''s JSON on stdin, writes a small block into $CLAUDE_ENV_FILE'
            cand env-file 'Write the same block into FILE, for any host or tool that sources a file before each command'
        }
        &'blockstate;help;hook;claude-code'= {
        }
        &'blockstate;help;hook;env-file'= {
        }
        &'blockstate;help;help'= {
        }
    ]
    $completions[$command]
}
