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
unreachable, timed out, or refusing the password).";

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
  blockstate set --ttl 7d LONG_LIVED=yes           # renew expiry to 7 days from now")]
    Set(SetArgs),

    /// Print one stored value followed by a newline (exit 1 if absent)
    #[command(after_help = "Example:\n  url=$(blockstate get API_URL)")]
    Get(GetArgs),

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
    #[arg(value_name = "DESCRIPTION", conflicts_with = "timestamp")]
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

    /// Expire the workflow this long after this update, e.g. 90m, 24h, 7d [default: 24h]
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    pub key: String,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
