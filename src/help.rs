//! How the commands present themselves in `--help`, the man pages and the
//! completion scripts: which of the global options each subcommand shows,
//! in which words, and the exit codes, environment and files every page
//! lists. Parsing is not affected: every global option is still accepted
//! before or after any subcommand (`src/cli.rs`).
//!
//! Nothing here runs on the everyday command lines, which `cli::parse_fast`
//! parses without clap.

use clap::{Command, CommandFactory};

use crate::cli::Cli;

/// Process exit codes, as `--help` and the man pages list them (the
/// README's table says the same; `tests/help.rs` checks that they agree).
pub const EXIT_CODES: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "get: the key is not stored; --existing: the workflow has no stored state; pop without --wait: the queue is empty",
    ),
    (
        "2",
        "usage error or invalid input (name, value, ID, duration, arguments)",
    ),
    (
        "3",
        "the stored state cannot be used: corrupt, too large, or from a newer blockstate",
    ),
    (
        "4",
        "the state directory or a file in it failed a safety check",
    ),
    ("5", "timed out waiting for another writer's lock"),
    (
        "6",
        "I/O error (full disk, permissions...), or Redis unreachable, timed out, refusing the credentials or answering with an error",
    ),
    (
        "7",
        "set --if-absent / --if-equals: the condition was not met, nothing was stored (the current value is printed); spawn: the NAME is already running",
    ),
    (
        "8",
        "spawn: the process exited or was not ready in time (it was stopped and forgotten); stop: a process could not be signalled or did not end after SIGKILL",
    ),
    ("124", "wait, pop --wait: the timeout passed first"),
    ("126", "exec, spawn: the command cannot be run"),
    (
        "127",
        "exec, spawn: the command was not found (otherwise exec exits with the command's own status)",
    ),
];

/// Every environment variable blockstate reads (all of them are read in
/// `src/config.rs`; `tests/help.rs` checks that this list names exactly
/// those).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "BLOCKSTATE_WORKFLOW",
        "the workflow, when neither -w nor -d is given (gc ignores it); `load` exports it",
    ),
    ("BLOCKSTATE_DIR", "the state directory, like --dir"),
    (
        "BLOCKSTATE_PROCESS_VARS",
        "set by load to the NAME_PID, NAME_PORT and NAME_LOG variables it exports for background processes; capture never stores them",
    ),
    (
        "BLOCKSTATE_ROOT_VAR",
        "the variable that carries the project root, like --root-var",
    ),
    (
        "BLOCKSTATE_LOCK_TIMEOUT",
        "how long a writer waits for the lock (on Redis: keeps retrying while others write), like --lock-timeout",
    ),
    (
        "BLOCKSTATE_TTL",
        "how long a workflow lives after each update (default 24h), unless set --ttl gave it a TTL of its own",
    ),
    (
        "BLOCKSTATE_CONFIG",
        "the configuration file, instead of $XDG_CONFIG_HOME/blockstate/config.toml",
    ),
    ("BLOCKSTATE_URL", "a Redis store, like --store"),
    (
        "BLOCKSTATE_NAMESPACE",
        "the Redis namespace, like --namespace",
    ),
    (
        "BLOCKSTATE_STORE_TIMEOUT",
        "how long connecting to Redis, and each command, may take (default 2s)",
    ),
    (
        "BLOCKSTATE_REDIS_PASSWORD",
        "the Redis password, used when the URL has none",
    ),
    (
        "XDG_RUNTIME_DIR",
        "if that directory exists, the default state directory is its blockstate subdirectory",
    ),
    (
        "XDG_STATE_HOME",
        "otherwise, the default state directory is its blockstate subdirectory (without it, ~/.local/state/blockstate)",
    ),
    (
        "XDG_CONFIG_HOME",
        "where blockstate/config.toml is looked for (default ~/.config)",
    ),
    (
        "HOME",
        "the home directory; without it, the one /etc/passwd gives",
    ),
    (
        "PROJECT_ROOT",
        "the project root, if it names a directory (the variable named by --root-var instead, if given)",
    ),
    (
        "PWD",
        "the current directory, used only when it was deleted",
    ),
    (
        "BLOCKSTATE_CAPTURE_IGNORE",
        "capture: more glob patterns of names never to store, separated by ':' (added to capture_ignore in the config file)",
    ),
    (
        "BLOCKSTATE_SECRET_PATTERNS",
        "list, incr: more glob patterns of secret-looking names whose values are never printed, separated by ':'",
    ),
    (
        "CLAUDE_ENV_FILE",
        "hook claude-code: the file Claude Code sources before each command, which the hook writes its block into",
    ),
    (
        "SHELL",
        "doctor: the login shell it reports, to check the helpers in use",
    ),
    (
        "LC_ALL",
        "load: the locale whose charset the shell reads the script in (then LC_CTYPE, then LANG); values that would not read as themselves there are written as ASCII escapes, or refused",
    ),
    (
        "LC_CTYPE",
        "load: the shell's charset, when LC_ALL is not set",
    ),
    (
        "LANG",
        "load: the shell's charset, when neither LC_ALL nor LC_CTYPE is set",
    ),
    (
        "BLOCKSTATE_FAULT",
        "a testing hook that makes one I/O step of the file store fail on purpose; never set it otherwise",
    ),
];

/// The files blockstate uses.
pub const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/blockstate/config.toml",
        "optional settings (dir, root_var, lock_timeout, ttl, store, namespace, store_timeout): flags beat environment variables, which beat this file; $BLOCKSTATE_CONFIG names another file",
    ),
    (
        "STATE_DIR/ID.json",
        "a workflow's state, plain JSON; STATE_DIR is --dir, else $XDG_RUNTIME_DIR/blockstate if that directory exists, else $XDG_STATE_HOME/blockstate, else ~/.local/state/blockstate",
    ),
    ("STATE_DIR/ID.lock", "the workflow's writer lock"),
    (
        "STATE_DIR/.ID.tmp-*",
        "a write in progress, or one a killed writer left; gc removes them",
    ),
    (
        "STATE_DIR/ID.queues/QUEUE/",
        "a queue: new/ holds the waiting messages, one file each, cur/ the ones consumers hold; it goes with its workflow",
    ),
    (
        "STATE_DIR/logs/ID.NAME.log",
        "the output of background process NAME (spawn); logs shows it, gc removes it with the workflow",
    ),
];

// What the global options mean, command by command. A subcommand's help
// shows only the options that change what it does (`tests/help.rs`
// checks each against the command's behaviour).

const WORKFLOW_SELECTS: &str =
    "The workflow [default: the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW]";
const WORKFLOW_GC: &str = "Delete this workflow instead of sweeping (ignores $BLOCKSTATE_WORKFLOW, so a bare gc never deletes a loaded block's workflow)";
const DESCRIPTION_SELECTS: &str =
    "Use the workflow whose ID is `blockstate id TEXT` (when -w is not given)";
const DESCRIPTION_RECORDS: &str = "Use the workflow whose ID is `blockstate id TEXT` (when -w is not given), and record TEXT as its description";
const DESCRIPTION_GC: &str = "Delete the workflow whose ID is `blockstate id TEXT`";

/// Global options, by clap ID, each with its help for this command, or
/// `None` to keep the general one.
type Shown = &'static [(&'static str, Option<&'static str>)];

/// The options of the stores, shown by every command that reads or writes
/// state.
const STORE: Shown = &[("dir", None), ("store", None), ("namespace", None)];

/// `(subcommand, [(global option, help for this command or None to keep
/// the general one)])`. A global option not listed for a subcommand is
/// hidden from its help, man page and completions, though still accepted.
/// A subcommand not listed here shows every global option.
const SHOWN: &[(&str, &[Shown])] = &[
    ("id", &[]),
    (
        "set",
        &[
            &[
                ("workflow", Some(WORKFLOW_SELECTS)),
                ("description", Some(DESCRIPTION_RECORDS)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
    (
        "incr",
        &[
            &[
                ("workflow", Some(WORKFLOW_SELECTS)),
                ("description", Some(DESCRIPTION_RECORDS)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
    ("get", &[SELECTS, STORE]),
    ("unset", &[SELECTS, &[("lock_timeout", None)], STORE]),
    ("list", &[SELECTS, STORE]),
    ("load", &[SELECTS, &[("root_var", None)], STORE]),
    ("exec", &[SELECTS, &[("root_var", None)], STORE]),
    ("root", &[&[("root_var", None)]]),
    (
        "gc",
        &[
            &[
                ("workflow", Some(WORKFLOW_GC)),
                ("description", Some(DESCRIPTION_GC)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
    ("path", &[SELECTS, STORE]),
    ("workflows", &[STORE]),
    ("init", &[]),
    ("completions", &[]),
    ("doctor", &[SELECTS, &[("root_var", None)], STORE]),
    (
        "spawn",
        &[
            &[
                ("workflow", Some(WORKFLOW_SELECTS)),
                ("description", Some(DESCRIPTION_RECORDS)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
    ("ps", &[SELECTS, STORE]),
    ("stop", &[SELECTS, &[("lock_timeout", None)], STORE]),
    ("logs", &[SELECTS, STORE]),
    ("wait", &[SELECTS, STORE]),
    (
        "push",
        &[
            &[
                ("workflow", Some(WORKFLOW_SELECTS)),
                ("description", Some(DESCRIPTION_RECORDS)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
    ("pop", &[SELECTS, STORE]),
    ("queue", &[SELECTS, STORE]),
    // The workflow is the one the hook's baseline names.
    ("capture", &[&[("lock_timeout", None)], STORE]),
    (
        "hook",
        &[
            &[
                ("workflow", Some(WORKFLOW_SELECTS)),
                ("description", Some(DESCRIPTION_RECORDS)),
                ("lock_timeout", None),
            ],
            STORE,
        ],
    ),
];

const SELECTS: Shown = &[
    ("workflow", Some(WORKFLOW_SELECTS)),
    ("description", Some(DESCRIPTION_SELECTS)),
];

/// The clap command as users see it: the derive definition, with each
/// subcommand showing only its own options, and the main page's closing
/// text.
pub fn command() -> Command {
    let cmd = Cli::command().after_help(main_after_help());
    // clap copies a global option into each subcommand when the command is
    // built, unless the subcommand already has one with the same ID: these
    // copies, hidden or reworded, are what each subcommand then shows.
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let mut cmd = cmd;
    for &(name, groups) in SHOWN {
        cmd = cmd.mut_subcommand(name, |mut sub| {
            for global in &globals {
                let id = global.get_id().as_str();
                let shown = groups.iter().flat_map(|g| g.iter()).find(|(i, _)| *i == id);
                sub = sub.arg(match shown {
                    Some((_, Some(help))) => global.clone().help(*help),
                    Some((_, None)) => global.clone(),
                    None => global.clone().hide(true),
                });
            }
            sub
        });
    }
    cmd
}

/// The text after the options on `blockstate --help`.
fn main_after_help() -> String {
    let mut text = String::from(
        "\
Examples:
  WF=$(blockstate id \"implement auth feature\")   # same text, same ID, in every block
  eval \"$(blockstate load -w \"$WF\")\"             # export the saved state (and BLOCKSTATE_WORKFLOW)
  blockstate set API_URL=\"$url\" PLAN=\"$plan\"     # locked, atomic update
  trap 'blockstate gc -w \"$WF\"' EXIT             # last block: clean up

Settings: a flag beats its environment variable, which beats the same key in
$XDG_CONFIG_HOME/blockstate/config.toml (or $BLOCKSTATE_CONFIG).

Exit status:
",
    );
    text.push_str(&exit_codes_text());
    text
}

/// The exit codes, one per line, as `--help` prints them.
pub fn exit_codes_text() -> String {
    let mut text = String::new();
    for (i, (code, meaning)) in EXIT_CODES.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        text.push_str(&format!("  {code:<3}  {meaning}"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_listed_subcommand_and_option_exists() {
        let globals: Vec<String> = Cli::command()
            .get_arguments()
            .filter(|a| a.is_global_set())
            .map(|a| a.get_id().to_string())
            .collect();
        let cmd = command();
        for (name, groups) in SHOWN {
            assert!(cmd.find_subcommand(name).is_some(), "no subcommand {name}");
            for (id, _) in groups.iter().flat_map(|g| g.iter()) {
                assert!(
                    globals.iter().any(|g| g == id),
                    "{name}: {id} is not a global option"
                );
            }
        }
    }
}
