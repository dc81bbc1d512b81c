//! The command-line definition. Parsing only: no I/O happens here.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "blockstate",
    version,
    about = "Share variables between separate shell invocations: exact, atomic, private, fast.",
    long_about = "Share variables between separate shell invocations: exact, atomic, private, fast.\n\n\
Each AI-assistant Bash call, CI step, Makefile recipe line or notebook cell is a fresh shell. \
blockstate keeps a workflow's variables in a private state directory so the next block can load them.",
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand. Each subcommand's help
/// shows only those that change what it does, in its own words
/// (`src/help.rs`); the words here are `blockstate --help`'s.
#[derive(Debug, Args, Default, Clone)]
pub struct GlobalArgs {
    /// The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW, which gc ignores]
    #[arg(short, long, global = true, value_name = "ID")]
    pub workflow: Option<String>,

    /// Use the workflow whose ID is `blockstate id TEXT` (when -w is not given); set also records TEXT as its description
    #[arg(short, long, global = true, value_name = "TEXT")]
    pub description: Option<String>,

    /// State directory of the file store [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]
    #[arg(long, global = true, value_name = "NAME")]
    pub root_var: Option<String>,

    /// How long a writer waits for another writer's lock on the file store, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub lock_timeout: Option<String>,

    /// Keep state in Redis: redis://[user:password@]host[:port][/db], rediss:// (TLS), unix:///path.sock [env: BLOCKSTATE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub store: Option<String>,

    /// With --store: keep these workflows apart from others on the same server [env: BLOCKSTATE_NAMESPACE]
    #[arg(long, global = true, value_name = "NAME")]
    pub namespace: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a workflow ID: deterministic for a description, or fresh with --timestamp
    #[command(
        override_usage = "blockstate id <DESCRIPTION>...\n       blockstate id --timestamp",
        after_help = "\
The ID of a description is `wf-` plus the first 16 hex digits of the SHA-256 of
the description after trimming it and collapsing each run of white space into
one space. It is the same on every machine and in every version.

Examples:
  blockstate id \"implement auth feature\"   # wf-62c72929ca58a9ab
  blockstate id --timestamp                 # 20261121T055106Z-3fa9c2d1"
    )]
    Id(IdArgs),

    /// Store KEY=VALUE pairs in one atomic, locked update
    #[command(after_help = "\
Examples:
  blockstate set API_URL=https://example.test PLAN=\"$plan\"
  git diff | blockstate set --stdin PATCH          # multi-line or large values
  blockstate set --ttl 7d LONG_LIVED=yes           # this workflow now lives 7 days past each update
  blockstate set --append FINDINGS=\"$line\"         # parallel blocks: no line is lost
  blockstate set --if-absent LEADER=\"$$\"           # exactly one racer wins (the others exit 7)
  blockstate set --if-equals idle STATUS=busy      # compare-and-set (exit 7 if STATUS is not idle)

Exit status 7: an --if-absent or --if-equals condition was not met. Nothing was
stored, and the key's current value (the one that won) is printed.")]
    Set(SetArgs),

    /// Add N (default 1, may be negative) to an integer value, atomically, and print the result
    #[command(after_help = "\
An absent key counts as 0. A value that is not a plain decimal integer is refused
(exit 2) and left as it is.

Examples:
  blockstate incr DONE               # 1, 2, 3... however many blocks run at once
  blockstate incr BUDGET -250")]
    Incr(IncrArgs),

    /// Print one stored value followed by a newline (exit 1 if absent)
    #[command(after_help = "Example:\n  url=$(blockstate get API_URL)")]
    Get(GetArgs),

    /// Wait until KEY is set (to VALUE, with --equals) and print its value
    #[command(after_help = "\
Returns as soon as another process sets the key, even if the workflow does not
exist yet. Without --timeout it waits as long as it takes. Waiting uses no CPU:
the file store is watched with inotify (or polled every 10-250 ms where inotify
is unavailable), Redis through the workflow's change stream.

Exit status 124: the timeout passed first (as timeout(1) exits). Ctrl-C ends it
like any command (the shell sees 130).

Examples:
  blockstate wait BUILD_ID --timeout 10m              # a value another block will set
  blockstate wait DONE --equals 16 --timeout 30m      # all 16 parallel blocks finished")]
    Wait(WaitArgs),

    /// Add messages to the end of a queue (a workflow's work queue)
    #[command(after_help = "\
Each VALUE is one message (UTF-8, no NUL byte, at most 1 MiB). A push renews the
workflow's expiry like a set, creating the workflow if needed. Values given as
arguments are visible in process lists: use --stdin for private ones.

Examples:
  blockstate push jobs \"build linux\" \"build macos\"
  git diff | blockstate push --stdin reviews")]
    Push(PushArgs),

    /// Take the oldest message from a queue and print it (each message goes to one consumer)
    #[command(after_help = "\
Each message is delivered to exactly one consumer, in the order one producer
pushed them. A message is deleted once it is written out; a consumer killed
between taking it and writing it out leaves it held (`queue ls` shows it), and it
is not delivered again. Without --wait an empty queue exits 1; with --wait the
timeout passing exits 124.

Examples:
  while job=$(blockstate pop jobs --wait 5s); do run \"$job\"; done
  blockstate pop jobs --json      # {\"id\":...,\"value\":...}")]
    Pop(PopArgs),

    /// Inspect a queue: its messages (ls) or how many wait (len)
    #[command(subcommand)]
    Queue(QueueCommand),

    /// Remove keys (absent keys are not an error)
    #[command(after_help = "Example:\n  blockstate unset PLAN PATCH")]
    Unset(UnsetArgs),

    /// Print the workflow's keys and values
    #[command(after_help = "Examples:\n  blockstate list\n  blockstate list --json | jq .")]
    List(ListArgs),

    /// Print a script that exports the stored state, for eval
    #[command(after_help = "\
Besides the stored variables, the script exports BLOCKSTATE_WORKFLOW and the
root variable (PROJECT_ROOT unless --root-var says otherwise). On any error it
prints only `false` (nothing for json and github), so `eval` fails and nothing
is half-loaded.

With --capture, the script also arranges that when this shell exits (normally,
through `exit N`, or through a `set -e` failure) blockstate stores what the
block changed in its exported environment: new and changed exports are stored,
workflow variables the block unset are removed, in one update of the delta only;
nothing is written when nothing changed. Inherited variables the block left
alone, shell-managed names (PWD, OLDPWD, SHLVL, _, ...), BLOCKSTATE_* and names
matching BLOCKSTATE_CAPTURE_IGNORE / `capture_ignore` are never stored. The
block's exit status is kept, and an EXIT trap set before the load still runs.
An EXIT trap set after it: bash (not --posix) chains it through a `trap`
function; zsh captures through its zshexit hook (but not on a `set -e` exit);
in sh, dash, ash, mksh and bash --posix a later `trap ... EXIT` replaces the
capture, so set yours first.

Examples:
  eval \"$(blockstate load -w \"$WF\")\"                  # sh, dash, bash, zsh
  eval \"$(blockstate load -w \"$WF\" --capture)\"        # ... and store this block's exports at exit
  blockstate load -w \"$WF\" --shell fish | source      # fish
  blockstate load -w \"$WF\" --shell fish --capture | source
  blockstate load -w \"$WF\" --shell github >> \"$GITHUB_ENV\"")]
    Load(LoadArgs),

    /// Store what this shell changed in its exported environment (run by the exit hook of `load --capture`)
    #[command(
        after_help = "\
Not meant to be typed: the exit hook that `load --capture` installs runs it with
the block-start baseline in _BLOCKSTATE_CAPTURE. It compares its own
environment (the block's final exports) with that baseline and stores the
difference in one update, or does nothing at all when nothing changed.",
        hide = true
    )]
    Capture,

    /// Set up a host that sources a file before each command (Claude Code, or any other)
    #[command(subcommand)]
    Hook(HookTarget),

    /// Run a command with the state added to its environment
    #[command(after_help = "\
blockstate replaces itself with CMD, so CMD's exit status and signals are the
caller's. Before CMD starts, blockstate's own errors exit 2 to 6 (see
`blockstate --help`); 127 if CMD is not found, 126 if it cannot be run.

Example:
  blockstate exec -w \"$WF\" -- make deploy")]
    Exec(ExecArgs),

    /// Start a command in the background, detached from this block, and record it in the workflow
    #[command(after_help = "\
CMD runs in its own session and process group, with standard input from
/dev/null, its output appended to a private log file (mode 0600), and the
workflow's variables in its environment (as `exec` gives them). The workflow
records its PID, start time, port and log, so later blocks can find it:
`load` exports NAME_PID, NAME_PORT and NAME_LOG (NAME upper-cased, '-' as '_')
while it runs.

A NAME that is already running in the workflow is refused (exit 7), so a second
copy never starts; --replace stops the old one first. A recorded process that
has exited is replaced silently.

--port auto picks a free loopback port and passes it to CMD as PORT.
--ready waits (up to --timeout, default 30s) until CMD is ready:
  port          it accepts TCP connections on its port (127.0.0.1 or ::1)
  file:PATH     PATH exists
  log:REGEX     a line it writes to its log matches REGEX
If CMD exits first or the time runs out, spawn stops it, forgets it, prints the
end of its log and exits 8.

Examples:
  blockstate spawn web --port auto --ready port -- python3 -m http.server \"$PORT\"
  curl \"localhost:$WEB_PORT\"                      # in a later block, after load
  blockstate spawn api --ready log:'listening on' --timeout 1m -- npm run dev
  blockstate spawn web --replace --port 8000 --ready port -- ./serve")]
    Spawn(SpawnArgs),

    /// List the workflow's background processes: state, PID, port, uptime, host and log
    #[command(after_help = "\
STATE is running, gone (it exited, or its PID now belongs to another process),
or other-host (recorded on another machine sharing a Redis store; it cannot be
checked from here).

Examples:
  blockstate ps
  blockstate ps --json | jq -r '.[] | select(.state == \"running\") | .name'")]
    Ps(PsArgs),

    /// Stop background processes: SIGTERM to each one's process group, then SIGKILL after the grace period
    #[command(
        override_usage = "blockstate stop [OPTIONS] <NAME>...\n       blockstate stop [OPTIONS] --all",
        after_help = "\
Only the recorded process (same PID, start time and boot) is ever signalled;
one that is already gone is success. The record is removed. A process of
another host is refused (exit 2).

Examples:
  blockstate stop web
  blockstate stop --all --grace 10s"
    )]
    Stop(StopArgs),

    /// Print the end of a background process's log, or follow it
    #[command(after_help = "\
Examples:
  blockstate logs web
  blockstate logs web -n 100
  blockstate logs web --follow        # until the process ends (or Ctrl-C)")]
    Logs(LogsArgs),

    /// Print the project root: $PROJECT_ROOT if it names a directory, else the git work tree's top, else the current directory
    #[command(after_help = "\
Never spawns git: it walks up from the current directory to the first `.git`
(a directory, or a file as in worktrees and submodules). It never fails.")]
    Root,

    /// Delete a workflow (-w/-d), expired workflows, or old ones
    #[command(after_help = "\
With -w or -d, deletes that workflow, silently; an already missing one is
success, so it is safe in a trap. Without, deletes expired workflows (with
--older-than also old ones, with --all every one) and the temporary files
left by interrupted writes, and says on stderr how many it removed (nothing
when it removed nothing).

Examples:
  trap 'blockstate gc -w \"$WF\"' EXIT
  blockstate gc --older-than 7d
  blockstate gc --all")]
    Gc(GcArgs),

    /// Print where the workflow's state is: its file, or its Redis key (it may not exist yet)
    Path,

    /// List stored workflows with their description, size and times
    #[command(after_help = "Examples:\n  blockstate workflows\n  blockstate workflows --json")]
    Workflows(WorkflowsArgs),

    /// Print the shell helpers blockstate_begin, blockstate_set and blockstate_end
    #[command(after_help = "\
blockstate_begin DESCRIPTION  load the workflow's state into this shell (fails
                              the block if loading fails)
blockstate_set KEY VALUE      store one variable and export it here too
blockstate_end [--on-exit]    delete the workflow's state, now or when the
                              shell exits (keeping an existing EXIT trap)

Examples:
  eval \"$(blockstate init bash)\"      # also: sh (dash, ash, mksh), zsh
  blockstate init fish | source")]
    Init(InitArgs),

    /// Show which state directory or store is in use and why, and check it
    #[command(after_help = "\
Shows where state is kept and which setting chose it (flag, environment
variable, config file or default), the state directory's checks (owner, mode,
every directory above it, filesystem, whether values rest in memory or on
disk, and for how long), the config file, the workflow, the root variable,
SHELL and BLOCKSTATE_WORKFLOW, and whether Redis answers when one is set.

Exit status: 0 when every check passes; otherwise the status the failing check
gives every command (2 a bad setting, 3 unusable stored state, 4 an unsafe
state directory, 6 Redis unreachable).

Examples:
  blockstate doctor
  blockstate doctor --json | jq .state_dir")]
    Doctor(DoctorArgs),

    /// Print a completion script for a shell
    #[command(after_help = "\
The bash, zsh and fish scripts complete workflow IDs after -w and stored keys
(get, unset, set --stdin) by asking blockstate itself.

Examples:
  mkdir -p ~/.local/share/bash-completion/completions
  blockstate completions bash > ~/.local/share/bash-completion/completions/blockstate
  mkdir -p ~/.zfunc     # a directory in $fpath, before compinit
  blockstate completions zsh > ~/.zfunc/_blockstate
  mkdir -p ~/.config/fish/completions
  blockstate completions fish > ~/.config/fish/completions/blockstate.fish")]
    Completions(CompletionsArgs),

    /// Print the workflow IDs or keys that complete a command line (used by
    /// the completion scripts)
    #[command(name = "__complete", hide = true)]
    Complete(CompleteArgs),
}

#[derive(Debug, Args)]
pub struct IdArgs {
    /// Words of the description (joined with spaces)
    // Its own id: sharing the global `--description`'s id made clap fill
    // one from the other (`blockstate -d TEXT id` printed the ID of TEXT,
    // and `blockstate id -d TEXT WORDS` was refused).
    #[arg(id = "words", value_name = "DESCRIPTION", conflicts_with = "timestamp")]
    pub description: Vec<String>,

    /// Print a new ID made of the UTC time and a random suffix
    #[arg(long)]
    pub timestamp: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Pairs to store; the value is everything after the first '='
    #[arg(value_name = "KEY=VALUE")]
    pub pairs: Vec<OsString>,

    /// Read the value of KEY from standard input, byte for byte
    #[arg(long, value_name = "KEY")]
    pub stdin: Option<String>,

    /// Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it becomes the workflow's own TTL [default: the workflow's own TTL, else $BLOCKSTATE_TTL, else 24h]
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,

    /// Append each value to the stored one in one locked update (separated by --sep)
    #[arg(long, conflicts_with_all = ["if_absent", "if_equals"])]
    pub append: bool,

    /// The separator --append puts between the old value and the new one [default: a newline]
    #[arg(long, value_name = "TEXT", requires = "append")]
    pub sep: Option<String>,

    /// Store only if every key is absent; otherwise store nothing, print the value that is there, exit 7
    #[arg(long, conflicts_with = "if_equals")]
    pub if_absent: bool,

    /// Store only if the key holds exactly OLD (compare-and-set); otherwise store nothing, print the current value, exit 7
    #[arg(long, value_name = "OLD")]
    pub if_equals: Option<String>,
}

#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct IncrArgs {
    /// The counter's key
    pub key: String,

    /// How much to add (negative to subtract)
    #[arg(default_value_t = 1)]
    pub by: i64,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// The variable's name
    #[arg(value_name = "KEY")]
    pub key: String,
}

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The key to wait for
    pub key: String,

    /// Wait until the key holds exactly VALUE (other values are ignored)
    #[arg(long, value_name = "VALUE")]
    pub equals: Option<String>,

    /// Give up after this long, e.g. 30s, 10m (exit 124) [default: wait forever]
    #[arg(long, value_name = "DURATION")]
    pub timeout: Option<String>,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The queue: letters, digits, '.', '_' and '-'
    pub queue: String,

    /// The messages, pushed in this order
    #[arg(value_name = "VALUE")]
    pub values: Vec<OsString>,

    /// Push one more message read from standard input, byte for byte
    #[arg(long)]
    pub stdin: bool,
}

#[derive(Debug, Args)]
pub struct PopArgs {
    /// The queue
    pub queue: String,

    /// Wait this long for a message when the queue is empty, e.g. 5s (exit 124 if none comes)
    #[arg(long, value_name = "DURATION")]
    pub wait: Option<String>,

    /// Print {"id":...,"value":...} instead of the bare value
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// List a queue's messages, oldest first: ID, ready or held, value
    #[command(
        after_help = "Examples:\n  blockstate queue ls jobs\n  blockstate queue ls jobs --json"
    )]
    Ls(QueueLsArgs),
    /// Print how many messages wait in a queue (held ones are not counted)
    #[command(after_help = "Example:\n  blockstate queue len jobs")]
    Len(QueueLenArgs),
}

#[derive(Debug, Args)]
pub struct QueueLsArgs {
    /// The queue
    pub queue: String,

    /// Print a JSON array of {"id","status","value"}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct QueueLenArgs {
    /// The queue
    pub queue: String,
}

#[derive(Debug, Args)]
pub struct UnsetArgs {
    /// The variables' names
    #[arg(required = true, value_name = "KEY")]
    pub keys: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print one flat JSON object of key to value
    #[arg(long)]
    pub json: bool,

    /// Fail (exit 1) if the workflow has no stored state
    #[arg(long)]
    pub existing: bool,

    /// Show the values of secret-looking names (*TOKEN*, *SECRET*, *PASSWORD*, *_KEY, ...) too
    #[arg(long)]
    pub reveal: bool,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Sh)]
    pub shell: Format,

    /// Fail (exit 1, so that eval fails) if the workflow has no stored state, instead of starting it empty
    #[arg(long)]
    pub existing: bool,

    /// Also store this block's changes to its exported environment when the shell exits
    #[arg(long)]
    pub capture: bool,
}

#[derive(Debug, Subcommand)]
pub enum HookTarget {
    /// Claude Code's SessionStart hook: reads the hook's JSON on stdin, writes a small block into $CLAUDE_ENV_FILE
    #[command(after_help = "\
In .claude/settings.json:
  {\"hooks\": {\"SessionStart\": [{\"hooks\": [{\"type\": \"command\", \"command\": \"blockstate hook claude-code\"}]}]}}

The workflow is `blockstate id \"claude-code session SESSION_ID\"`, so a resumed
session finds its state again; /clear starts a new session, hence a new
workflow. The block written into $CLAUDE_ENV_FILE holds no value: it selects the
workflow and runs `load --capture`. Running the hook again replaces that block.")]
    ClaudeCode(HookClaudeArgs),

    /// Write the same block into FILE, for any host or tool that sources a file before each command
    #[command(after_help = "\
Examples:
  blockstate -d \"my agent run\" hook env-file ~/.agent/env.sh
  blockstate -w \"$WF\" hook env-file --shell fish --ttl 7d ./env.fish")]
    EnvFile(HookEnvFileArgs),
}

#[derive(Debug, Args)]
pub struct HookClaudeArgs {
    /// The workflow's TTL, renewed at every session start [default: 30d, Claude Code's default transcript retention]
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,
}

#[derive(Debug, Args)]
pub struct HookEnvFileArgs {
    /// The file the host sources before each command (created 0600 if missing)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The syntax of the block: sh (also bash and zsh) or fish
    #[arg(long, value_enum, default_value_t = HookShell::Sh)]
    pub shell: HookShell,

    /// Give the workflow this TTL now (it sticks, as with `set --ttl`)
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HookShell {
    /// sh, dash, bash, zsh
    Sh,
    /// fish
    Fish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// POSIX single quotes: sh, dash, bash, zsh
    Sh,
    /// Same as sh
    Bash,
    /// Same as sh
    Zsh,
    /// fish's own quoting
    Fish,
    /// A JSON object
    Json,
    /// The format of GitHub Actions' GITHUB_ENV file (heredoc with a random delimiter)
    Github,
    /// GitHub Actions `::add-mask::` commands for the stored values, to print in the step's log
    GithubMask,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// Fail (exit 1, without running CMD) if the workflow has no stored state
    #[arg(long)]
    pub existing: bool,

    /// The command and its arguments
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "CMD"
    )]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct SpawnArgs {
    /// The process's name in the workflow, [a-z][a-z0-9-]*; it becomes NAME_PID, NAME_PORT, NAME_LOG
    pub name: String,

    /// A TCP port for the process, passed to it as PORT: a number, or auto for a free one
    #[arg(long, value_name = "auto|N")]
    pub port: Option<String>,

    /// Wait until the process is ready: port, file:PATH or log:REGEX
    #[arg(long, value_name = "CHECK")]
    pub ready: Option<String>,

    /// How long --ready waits, e.g. 10s [default: 30s]
    #[arg(long, value_name = "DURATION", requires = "ready")]
    pub timeout: Option<String>,

    /// Stop a running process of that name first, instead of refusing
    #[arg(long)]
    pub replace: bool,

    /// The command and its arguments, after `--`
    #[arg(required = true, last = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

#[derive(Debug, Args)]
pub struct PsArgs {
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// Names of the processes to stop
    #[arg(
        value_name = "NAME",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub names: Vec<String>,

    /// Stop every process of the workflow
    #[arg(long)]
    pub all: bool,

    /// How long to wait after SIGTERM before SIGKILL, e.g. 10s [default: 5s]
    #[arg(long, value_name = "DURATION")]
    pub grace: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The process's name
    pub name: String,

    /// How many lines from the end to print
    #[arg(short = 'n', long, value_name = "LINES", default_value_t = 20)]
    pub lines: usize,

    /// Keep printing what the process writes, until it ends
    #[arg(short, long)]
    pub follow: bool,
}

#[derive(Debug, Args)]
pub struct GcArgs {
    /// Delete workflows not updated for this long, e.g. 7d
    #[arg(long, value_name = "DURATION", conflicts_with = "all")]
    pub older_than: Option<String>,

    /// Delete every workflow
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct WorkflowsArgs {
    /// Print a JSON array
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The shell to print helpers for
    #[arg(value_enum)]
    pub shell: InitShell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitShell {
    /// POSIX sh: dash, busybox ash, mksh (and bash)
    Sh,
    /// bash, with `trap -p` and bash's own tests
    Bash,
    /// zsh (any options: the helpers run with zsh's defaults)
    Zsh,
    /// fish
    Fish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CompleteArgs {
    /// The words after `blockstate` up to the cursor, the last one being
    /// the word under completion; bash gives them as typed, quotes and all
    #[arg(long)]
    pub quoted: bool,

    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "WORD"
    )]
    pub words: Vec<OsString>,
}

/// Parse a command line (program name first) with clap, through the same
/// command that `--help` describes; the error carries clap's message.
pub fn parse_with_clap<S: Into<OsString> + Clone>(args: &[S]) -> Result<Cli, clap::Error> {
    let mut matches = crate::help::command().try_get_matches_from(args.iter().cloned())?;
    <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches)
}

/// Parse the everyday command lines without clap.
///
/// Building clap's command tree for every call cost about 40% of the
/// instructions of a whole `blockstate load`. This recognizes a strict
/// subset of what the clap definition above accepts (the subcommands and
/// options a shell block uses, each value given once, no value starting
/// with `-`, no empty or non-UTF-8 argument, no `--` except before `exec`'s
/// command) and gives exactly the `Cli` clap would. Anything else returns
/// `None`, and clap parses it: clap stays the definition, and the only
/// source of help, versions and usage errors. A property test checks
/// that both agree on every command line this accepts.
///
/// `args` excludes the program name.
pub fn parse_fast<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<Cli> {
    let mut args = args.iter().map(|a| a.as_ref());
    let mut global = GlobalArgs::default();
    let name = loop {
        let arg = utf8(args.next()?)?;
        if !arg.starts_with('-') {
            break arg;
        }
        take_global(arg, &mut args, &mut global)?;
    };
    let command = match name {
        "load" => {
            let mut shell = None;
            let mut existing = false;
            let mut capture = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--existing" {
                    flag_once(&mut existing)?;
                } else if arg == "--capture" {
                    flag_once(&mut capture)?;
                } else if let Some(value) = option_value(arg, "--shell", None, &mut args)? {
                    set_once(&mut shell, format_named(value)?)?;
                } else if is_positional(arg) {
                    return None;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Load(LoadArgs {
                shell: shell.unwrap_or(Format::Sh),
                existing,
                capture,
            })
        }
        "get" => {
            let mut key = None;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if is_positional(arg) {
                    set_once(&mut key, arg.to_owned())?;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Get(GetArgs { key: key? })
        }
        "set" => {
            let mut pairs = Vec::new();
            let mut stdin = None;
            let mut ttl = None;
            let mut append = false;
            let mut sep = None;
            let mut if_absent = false;
            let mut if_equals = None;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--append" {
                    flag_once(&mut append)?;
                } else if arg == "--if-absent" {
                    flag_once(&mut if_absent)?;
                } else if let Some(value) = option_value(arg, "--stdin", None, &mut args)? {
                    set_once(&mut stdin, value.to_owned())?;
                } else if let Some(value) = option_value(arg, "--ttl", None, &mut args)? {
                    set_once(&mut ttl, value.to_owned())?;
                } else if let Some(value) = option_value(arg, "--sep", None, &mut args)? {
                    set_once(&mut sep, value.to_owned())?;
                } else if let Some(value) = option_value(arg, "--if-equals", None, &mut args)? {
                    set_once(&mut if_equals, value.to_owned())?;
                } else if is_positional(arg) {
                    pairs.push(OsString::from(arg));
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            // clap's conflicts and requirements: its errors are its own.
            if (sep.is_some() && !append)
                || (append && (if_absent || if_equals.is_some()))
                || (if_absent && if_equals.is_some())
            {
                return None;
            }
            Command::Set(SetArgs {
                pairs,
                stdin,
                ttl,
                append,
                sep,
                if_absent,
                if_equals,
            })
        }
        "incr" => {
            let mut key = None;
            let mut by = None;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                let number = arg.strip_prefix('-').unwrap_or(arg);
                if is_positional(arg)
                    || (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
                {
                    if key.is_none() {
                        key = Some(arg.to_owned());
                    } else {
                        set_once(&mut by, arg.parse::<i64>().ok()?)?;
                    }
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Incr(IncrArgs {
                key: key?,
                by: by.unwrap_or(1),
            })
        }
        "unset" => {
            let mut keys = Vec::new();
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if is_positional(arg) {
                    keys.push(arg.to_owned());
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            if keys.is_empty() {
                return None;
            }
            Command::Unset(UnsetArgs { keys })
        }
        "id" => {
            let mut description = Vec::new();
            let mut timestamp = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--timestamp" {
                    flag_once(&mut timestamp)?;
                } else if is_positional(arg) {
                    description.push(arg.to_owned());
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            if timestamp && !description.is_empty() {
                return None;
            }
            Command::Id(IdArgs {
                description,
                timestamp,
            })
        }
        "gc" => {
            let mut older_than = None;
            let mut all = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--all" {
                    flag_once(&mut all)?;
                } else if let Some(value) = option_value(arg, "--older-than", None, &mut args)? {
                    set_once(&mut older_than, value.to_owned())?;
                } else if is_positional(arg) {
                    return None;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            if all && older_than.is_some() {
                return None;
            }
            Command::Gc(GcArgs { older_than, all })
        }
        "push" => {
            let mut queue = None;
            let mut values = Vec::new();
            let mut stdin = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--stdin" {
                    flag_once(&mut stdin)?;
                } else if is_positional(arg) {
                    if queue.is_none() {
                        queue = Some(arg.to_owned());
                    } else {
                        values.push(OsString::from(arg));
                    }
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Push(PushArgs {
                queue: queue?,
                values,
                stdin,
            })
        }
        "pop" => {
            let mut queue = None;
            let mut wait = None;
            let mut json = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--json" {
                    flag_once(&mut json)?;
                } else if let Some(value) = option_value(arg, "--wait", None, &mut args)? {
                    set_once(&mut wait, value.to_owned())?;
                } else if is_positional(arg) {
                    set_once(&mut queue, arg.to_owned())?;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Pop(PopArgs {
                queue: queue?,
                wait,
                json,
            })
        }
        "list" | "workflows" | "ps" => {
            let mut json = false;
            let mut existing = false;
            let mut reveal = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--json" {
                    flag_once(&mut json)?;
                } else if arg == "--existing" && name == "list" {
                    flag_once(&mut existing)?;
                } else if arg == "--reveal" && name == "list" {
                    flag_once(&mut reveal)?;
                } else if is_positional(arg) {
                    return None;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            match name {
                "list" => Command::List(ListArgs {
                    json,
                    existing,
                    reveal,
                }),
                "ps" => Command::Ps(PsArgs { json }),
                _ => Command::Workflows(WorkflowsArgs { json }),
            }
        }
        "capture" => {
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if is_positional(arg) {
                    return None;
                }
                take_global(arg, &mut args, &mut global)?;
            }
            Command::Capture
        }
        "root" | "path" => {
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if is_positional(arg) {
                    return None;
                }
                take_global(arg, &mut args, &mut global)?;
            }
            if name == "root" {
                Command::Root
            } else {
                Command::Path
            }
        }
        "init" => {
            let mut shell = None;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if is_positional(arg) {
                    set_once(&mut shell, init_shell_named(arg)?)?;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Init(InitArgs { shell: shell? })
        }
        "exec" => {
            // Only `exec [OPTIONS] -- CMD [ARGS]...`: without `--`, clap's
            // trailing-argument rules decide where options end.
            let mut existing = false;
            loop {
                let arg = utf8(args.next()?)?;
                if arg == "--" {
                    break;
                }
                if arg == "--existing" {
                    flag_once(&mut existing)?;
                    continue;
                }
                take_global(arg, &mut args, &mut global)?;
            }
            let command: Vec<OsString> = args.map(OsString::from).collect();
            if command.is_empty() {
                return None;
            }
            Command::Exec(ExecArgs { existing, command })
        }
        _ => return None,
    };
    Some(Cli { global, command })
}

/// The next argument: `None` at the end, `Some(None)` for one the fast
/// path leaves to clap (empty, not UTF-8, or `--`, after which clap reads
/// only positional values).
fn next_arg<'a, I>(args: &mut I) -> Option<Option<&'a str>>
where
    I: Iterator<Item = &'a std::ffi::OsStr>,
{
    args.next().map(|a| utf8(a).filter(|a| *a != "--"))
}

fn utf8(arg: &std::ffi::OsStr) -> Option<&str> {
    arg.to_str().filter(|a| !a.is_empty())
}

fn is_positional(arg: &str) -> bool {
    !arg.starts_with('-')
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

fn flag_once(flag: &mut bool) -> Option<()> {
    if *flag {
        return None;
    }
    *flag = true;
    Some(())
}

/// If `arg` is the option `long` (or `short`), its value: `--long=VALUE`
/// or the next argument. `Some(None)`: not this option. `None`: this
/// option, but a value the fast path leaves to clap.
fn option_value<'a, I>(
    arg: &'a str,
    long: &str,
    short: Option<&str>,
    args: &mut I,
) -> Option<Option<&'a str>>
where
    I: Iterator<Item = &'a std::ffi::OsStr>,
{
    if arg == long || Some(arg) == short {
        let value = utf8(args.next()?)?;
        if value.starts_with('-') {
            return None;
        }
        return Some(Some(value));
    }
    match arg.strip_prefix(long).and_then(|r| r.strip_prefix('=')) {
        Some("") => None,
        Some(value) => Some(Some(value)),
        None => Some(None),
    }
}

/// Take one global option into `global`; `None` for anything else.
fn take_global<'a, I>(arg: &'a str, args: &mut I, global: &mut GlobalArgs) -> Option<()>
where
    I: Iterator<Item = &'a std::ffi::OsStr>,
{
    if let Some(v) = option_value(arg, "--workflow", Some("-w"), args)? {
        return set_once(&mut global.workflow, v.to_owned());
    }
    if let Some(v) = option_value(arg, "--description", Some("-d"), args)? {
        return set_once(&mut global.description, v.to_owned());
    }
    if let Some(v) = option_value(arg, "--dir", None, args)? {
        return set_once(&mut global.dir, PathBuf::from(v));
    }
    if let Some(v) = option_value(arg, "--root-var", None, args)? {
        return set_once(&mut global.root_var, v.to_owned());
    }
    if let Some(v) = option_value(arg, "--lock-timeout", None, args)? {
        return set_once(&mut global.lock_timeout, v.to_owned());
    }
    if let Some(v) = option_value(arg, "--store", None, args)? {
        return set_once(&mut global.store, v.to_owned());
    }
    if let Some(v) = option_value(arg, "--namespace", None, args)? {
        return set_once(&mut global.namespace, v.to_owned());
    }
    None
}

fn init_shell_named(name: &str) -> Option<InitShell> {
    Some(match name {
        "sh" => InitShell::Sh,
        "bash" => InitShell::Bash,
        "zsh" => InitShell::Zsh,
        "fish" => InitShell::Fish,
        _ => return None,
    })
}

fn format_named(name: &str) -> Option<Format> {
    Some(match name {
        "sh" => Format::Sh,
        "bash" => Format::Bash,
        "zsh" => Format::Zsh,
        "fish" => Format::Fish,
        "json" => Format::Json,
        "github" => Format::Github,
        "github-mask" => Format::GithubMask,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use proptest::prelude::*;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// What clap makes of `args`, or `None` if it refuses them.
    fn clap_parse(args: &[&str]) -> Option<String> {
        let argv = std::iter::once("blockstate").chain(args.iter().copied());
        let argv: Vec<&str> = argv.collect();
        parse_with_clap(&argv).ok().map(|c| format!("{c:?}"))
    }

    fn fast_parse(args: &[&str]) -> Option<String> {
        parse_fast(args).map(|c| format!("{c:?}"))
    }

    /// The command lines shell blocks run most: each must take the fast
    /// path, and agree with clap.
    #[test]
    fn everyday_command_lines_take_the_fast_path() {
        let lines: &[&[&str]] = &[
            &["load"],
            &["load", "-w", "wf-1"],
            &["-w", "wf-1", "load", "--shell", "fish"],
            &["load", "--shell=json", "-d", "my task"],
            &["load", "--existing", "-d", "my task"],
            &["list", "--existing"],
            &["exec", "--existing", "--", "make"],
            &["load", "--capture"],
            &["load", "--shell", "fish", "--capture", "-w", "wf"],
            &["capture"],
            &["list", "--reveal"],
            &[
                "load",
                "--workflow=wf-1",
                "--dir",
                "/tmp/x",
                "--root-var",
                "CLAUDE_PROJECT_DIR",
            ],
            &["get", "API_URL"],
            &["get", "-w", "wf", "API_URL"],
            &["set", "A=1", "B=two words", "C="],
            &["set", "--ttl", "7d", "A=1", "-w", "wf"],
            &["set", "--stdin", "PATCH"],
            &["set", "--append", "FINDINGS=x"],
            &["set", "--append", "--sep", ", ", "L=x"],
            &["set", "--if-absent", "LEADER=7"],
            &["set", "--if-equals", "idle", "S=busy"],
            &["incr", "DONE"],
            &["incr", "N", "-3"],
            &["push", "jobs", "build linux", "x=y"],
            &["push", "--stdin", "jobs", "-w", "wf"],
            &["pop", "jobs"],
            &["pop", "jobs", "--wait", "5s", "--json"],
            &["pop", "--wait=500ms", "jobs"],
            &["-w", "wf", "incr", "N", "12"],
            &["--lock-timeout", "5s", "set", "A=1"],
            &["unset", "A", "B"],
            &["id", "implement", "auth feature"],
            &["id", "--timestamp"],
            &["root"],
            &["path", "-w", "wf"],
            &["gc", "-w", "wf"],
            &["gc", "--older-than", "7d"],
            &["gc", "--all"],
            &["list"],
            &["list", "--json"],
            &["workflows", "--json"],
            &["ps"],
            &["ps", "--json", "-w", "wf"],
            &["exec", "--", "make", "-j2", "--", "x"],
            &["-w", "wf", "exec", "--dir", "/d", "--", "env"],
            &["init", "bash"],
            &["init", "fish"],
            &[
                "--store",
                "redis://localhost:6379/0",
                "--namespace",
                "team",
                "load",
            ],
            &["load", "--store=unix:///run/redis.sock"],
        ];
        for line in lines {
            let fast = fast_parse(line);
            assert!(fast.is_some(), "not on the fast path: {line:?}");
            assert_eq!(fast, clap_parse(line), "{line:?}");
        }
    }

    #[test]
    fn unusual_command_lines_are_left_to_clap() {
        let lines: &[&[&str]] = &[
            &[],
            &["--help"],
            &["load", "-h"],
            &["--version"],
            &["help", "load"],
            &["load", "--shell", "nope"],
            &["load", "extra"],
            &["get"],
            &["get", "A", "B"],
            &["get", "--", "A"],
            &["-w", "a", "-w", "b", "load"],
            &["load", "-w", "-x"],
            &["load", "-wfoo"],
            &["load", "--workflow="],
            &["set", ""],
            &["id", "--timestamp", "x"],
            &["gc", "--all", "--older-than", "1d"],
            &["unset"],
            &["exec", "make"],
            &["exec", "--"],
            &["--shell", "sh", "load"],
            &["lod"],
            &["init"],
            &["init", "tcsh"],
            &["init", "sh", "bash"],
            &["completions", "bash"],
            &["set", "--sep", ",", "A=1"],
            &["set", "--append", "--if-absent", "A=1"],
            &["set", "--if-absent", "--if-equals", "x", "A=1"],
            &["incr"],
            &["incr", "N", "x"],
            &["incr", "N", "1", "2"],
            &["ps", "web"],
            &["stop", "web"],
            &["logs", "web"],
            &["spawn", "web", "--", "sleep", "9"],
            &["push"],
            &["push", "jobs", "-x"],
            &["pop"],
            &["pop", "a", "b"],
            &["pop", "jobs", "--wait"],
            &["pop", "jobs", "--wait", "1s", "--wait", "2s"],
        ];
        for line in lines {
            assert_eq!(fast_parse(line), None, "{line:?}");
        }
    }

    fn token() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            // subcommands
            "id",
            "set",
            "get",
            "unset",
            "incr",
            "list",
            "load",
            "exec",
            "root",
            "gc",
            "path",
            "workflows",
            "init",
            "completions",
            "capture",
            "hook",
            "ps",
            "spawn",
            "stop",
            "logs",
            "help",
            "lod",
            "push",
            "pop",
            "wait",
            "queue",
            // options, known and not
            "-w",
            "--workflow",
            "-d",
            "--description",
            "--dir",
            "--root-var",
            "--lock-timeout",
            "--store",
            "--namespace",
            "--store=redis://h",
            "--shell",
            "--stdin",
            "--ttl",
            "--timestamp",
            "--json",
            "--all",
            "--older-than",
            "--existing",
            "--",
            "-",
            "-h",
            "--help",
            "-V",
            "--version",
            "-x",
            "-wX",
            "-w=wf",
            "--workflow=wf",
            "--shell=fish",
            "--shell=nope",
            "--shell=",
            "--dir=",
            "--ttl=7d",
            "--json=1",
            "--all=",
            "--stdin=K",
            "--older-than=2d",
            "--append",
            "--sep",
            "--sep=,",
            "--if-absent",
            "--if-equals",
            "--if-equals=x",
            "--capture",
            "--reveal",
            "--wait",
            "--wait=2s",
            "--equals",
            "--timeout",
            // values
            "wf",
            "A=1",
            "B=x y",
            "",
            "KEY",
            "sh",
            "bash",
            "zsh",
            "fish",
            "json",
            "github",
            "github-mask",
            "7d",
            "-5",
            "3",
            "-0",
            "+2",
            "99999999999999999999",
            "a=b=c",
            "é",
            " ",
            "=",
            "make",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// Whenever the fast path accepts a command line, clap accepts it
        /// too and produces the same `Cli`.
        #[test]
        fn fast_path_agrees_with_clap(args in prop::collection::vec(token(), 0..7)) {
            if let Some(fast) = fast_parse(&args) {
                prop_assert_eq!(Some(fast), clap_parse(&args), "{:?}", args);
            }
        }

        /// The same, on lines shaped like real ones (options, a known
        /// subcommand, then anything), so that most take the fast path.
        #[test]
        fn fast_path_agrees_with_clap_on_likely_lines(
            before in prop::collection::vec((global_option(), value()), 0..3),
            name in prop::sample::select(vec![
                "id", "set", "get", "unset", "incr", "list", "load", "exec", "root", "gc", "path",
                "workflows", "init", "completions", "capture", "ps", "stop", "logs", "spawn",
                "push", "pop", "wait", "queue",
            ]),
            after in prop::collection::vec(prop_oneof![value(), global_option(), token()], 0..6),
        ) {
            let mut args: Vec<&str> = before.iter().flat_map(|(o, v)| [*o, *v]).collect();
            args.push(name);
            args.extend(after);
            if let Some(fast) = fast_parse(&args) {
                prop_assert_eq!(Some(fast), clap_parse(&args), "{:?}", args);
            }
        }
    }

    fn global_option() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "-w",
            "--workflow",
            "-d",
            "--description",
            "--dir",
            "--root-var",
            "--lock-timeout",
            "--store",
            "--namespace",
        ])
    }

    fn value() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "wf",
            "A=1",
            "B=x y",
            "KEY",
            "sh",
            "fish",
            "json",
            "7d",
            "load",
            "--",
            "--json",
            "--all",
            "--timestamp",
            "--shell",
            "--stdin",
            "--ttl",
            "--older-than",
            "--append",
            "--sep",
            "--if-absent",
            "--if-equals",
            "--capture",
            "--reveal",
            "-2",
            "5",
            "--existing",
        ])
    }
}
