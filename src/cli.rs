//! The command-line definition. Parsing only: no I/O happens here.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  WF=$(blockstate id \"implement auth feature\")   # same text, same ID, in every block
  eval \"$(blockstate load -w \"$WF\")\"             # export the saved state (and BLOCKSTATE_WORKFLOW)
  blockstate set API_URL=\"$url\" PLAN=\"$plan\"     # locked, atomic update
  trap 'blockstate gc -w \"$WF\"' EXIT             # last block: clean up

Exit codes: 0 ok, 1 key not found (get), 2 usage or invalid input, 3 unusable
state file, 4 unsafe state directory, 5 lock timeout, 6 I/O error (or Redis
unreachable, timed out, or refusing the password), 7 condition not met
(set --if-absent / --if-equals), 124 timed out (wait, pop --wait).";

#[derive(Debug, Parser)]
#[command(
    name = "blockstate",
    version,
    about = "Share variables between separate shell invocations: exact, atomic, private, fast.",
    long_about = "Share variables between separate shell invocations: exact, atomic, private, fast.\n\n\
Each AI-assistant Bash call, CI step, Makefile recipe line or notebook cell is a fresh shell. \
blockstate keeps a workflow's variables in a private state directory so the next block can load them.",
    after_help = EXAMPLES,
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

/// Options accepted before or after the subcommand.
#[derive(Debug, Args, Default, Clone)]
pub struct GlobalArgs {
    /// Workflow ID [default: $BLOCKSTATE_WORKFLOW]
    #[arg(short, long, global = true, value_name = "ID")]
    pub workflow: Option<String>,

    /// Select the workflow whose ID is `blockstate id TEXT`, and record TEXT in its metadata
    #[arg(short, long, global = true, value_name = "TEXT")]
    pub description: Option<String>,

    /// State directory [env: BLOCKSTATE_DIR] [default: $XDG_RUNTIME_DIR/blockstate]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Variable that carries the project root [env: BLOCKSTATE_ROOT_VAR] [default: PROJECT_ROOT]
    #[arg(long, global = true, value_name = "NAME")]
    pub root_var: Option<String>,

    /// How long to wait for another writer's lock, e.g. 5s [env: BLOCKSTATE_LOCK_TIMEOUT] [default: 10s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub lock_timeout: Option<String>,

    /// Keep state in Redis: redis://[user:password@]host[:port][/db], rediss://, unix:// [env: BLOCKSTATE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub store: Option<String>,

    /// Keep these workflows apart from others on the same Redis [env: BLOCKSTATE_NAMESPACE]
    #[arg(long, global = true, value_name = "NAME")]
    pub namespace: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a workflow ID: deterministic for a description, or fresh with --timestamp
    #[command(after_help = "\
The ID of a description is `wf-` plus the first 16 hex digits of the SHA-256 of
the description after trimming it and collapsing each run of white space into
one space. It is the same on every machine and in every version.

Examples:
  blockstate id \"implement auth feature\"   # wf-62c72929ca58a9ab
  blockstate id --timestamp                 # 20261121T055106Z-3fa9c2d1")]
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

Examples:
  eval \"$(blockstate load -w \"$WF\")\"                  # sh, dash, bash, zsh
  blockstate load -w \"$WF\" --shell fish | source      # fish
  blockstate load -w \"$WF\" --shell github >> \"$GITHUB_ENV\"")]
    Load(LoadArgs),

    /// Run a command with the state added to its environment
    #[command(after_help = "Example:\n  blockstate exec -w \"$WF\" -- make deploy")]
    Exec(ExecArgs),

    /// Print the project root: $PROJECT_ROOT, else the git work tree's top, else the current directory
    #[command(after_help = "\
Never spawns git: it walks up from the current directory to the first `.git`
(a directory, or a file as in worktrees and submodules). It never fails.")]
    Root,

    /// Delete a workflow (-w/-d), expired workflows, or old ones
    #[command(after_help = "\
With -w or -d, deletes that workflow; an already missing one is success.
Without, deletes expired workflows. Every form also removes temporary files
left by interrupted writes.

Examples:
  trap 'blockstate gc -w \"$WF\"' EXIT
  blockstate gc --older-than 7d
  blockstate gc --all")]
    Gc(GcArgs),

    /// Print the path of the workflow's state file (it may not exist yet)
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

    /// Print a completion script for a shell
    #[command(after_help = "\
Examples:
  blockstate completions bash > ~/.local/share/bash-completion/completions/blockstate
  blockstate completions zsh > ~/.zfunc/_blockstate        # a directory in $fpath
  blockstate completions fish > ~/.config/fish/completions/blockstate.fish")]
    Completions(CompletionsArgs),
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

    /// Expire the workflow this long after each update, e.g. 90m, 24h, 7d; it sticks to the workflow [default: 24h]
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
    #[arg(required = true)]
    pub keys: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print one flat JSON object of key to value
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Sh)]
    pub shell: Format,
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
    /// The $GITHUB_ENV file format (heredoc with a random delimiter)
    Github,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
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
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if let Some(value) = option_value(arg, "--shell", None, &mut args)? {
                    set_once(&mut shell, format_named(value)?)?;
                } else if is_positional(arg) {
                    return None;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            Command::Load(LoadArgs {
                shell: shell.unwrap_or(Format::Sh),
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
        "list" | "workflows" => {
            let mut json = false;
            while let Some(arg) = next_arg(&mut args) {
                let arg = arg?;
                if arg == "--json" {
                    flag_once(&mut json)?;
                } else if is_positional(arg) {
                    return None;
                } else {
                    take_global(arg, &mut args, &mut global)?;
                }
            }
            if name == "list" {
                Command::List(ListArgs { json })
            } else {
                Command::Workflows(WorkflowsArgs { json })
            }
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
            loop {
                let arg = utf8(args.next()?)?;
                if arg == "--" {
                    break;
                }
                take_global(arg, &mut args, &mut global)?;
            }
            let command: Vec<OsString> = args.map(OsString::from).collect();
            if command.is_empty() {
                return None;
            }
            Command::Exec(ExecArgs { command })
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
        Cli::try_parse_from(argv).ok().map(|c| format!("{c:?}"))
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
                "workflows", "init", "completions", "push", "pop", "wait", "queue",
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
            "-2",
            "5",
        ])
    }
}
