//! `blockstate __complete -- WORDS...`: what the completion scripts ask
//! when a TAB needs something only the store knows, a workflow ID (after
//! -w/--workflow), a stored key (an argument named KEY: `get`, `unset`,
//! `incr`, `wait`, `set --stdin`) or a recorded background process (the
//! NAME of `stop` and `logs`).
//!
//! It prints one candidate per line (`ID<TAB>description` for workflows)
//! and exits 0 when the word under the cursor is one of those, even with
//! no candidate; it exits 1, printing nothing, for any other word, which
//! the script then completes from its static part. It never prints an
//! error (a corrupt state or an unreachable server just gives no
//! candidates) and never keeps a TAB waiting: Redis gets a short timeout,
//! and the whole command ends itself after `DEADLINE_MS`.

use crate::cli::{CompleteArgs, GlobalArgs};
use crate::cmd::{Context, Run};
use crate::config::Config;
use crate::error::{ExitCode, Result};

/// The longest a TAB may wait for blockstate, whatever happens (a host
/// name lookup, a stuck filesystem).
const DEADLINE_MS: i64 = 1000;
/// The Redis timeout for completions, below the deadline.
const STORE_TIMEOUT_MS: u64 = 300;

/// What the word under the cursor is.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// A workflow ID; `prefix` is `--workflow=` when the word has it.
    Workflow { prefix: String },
    /// A key of the workflow the command line names.
    Key { prefix: String },
    /// A background process the workflow records.
    Process { prefix: String },
}

impl Run for CompleteArgs {
    fn run(&self, _ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        end_by_deadline();
        let words: Vec<String> = self
            .words
            .iter()
            .map(|w| {
                let w = w.to_string_lossy();
                if self.quoted {
                    unquote(&w)
                } else {
                    w.into_owned()
                }
            })
            .collect();
        let Some((target, global)) = analyse(&crate::help::command(), &words) else {
            return Ok(ExitCode::NotFound);
        };
        // Every failure means "no candidates": nothing may reach the prompt.
        if let Some(lines) = candidates(&target, &global) {
            out.extend_from_slice(lines.as_bytes());
        }
        Ok(ExitCode::Success)
    }
}

fn candidates(target: &Target, global: &GlobalArgs) -> Option<String> {
    let mut config = Config::new(global).ok()?;
    if let Some(remote) = config.remote.as_mut() {
        remote.limit_timeout(STORE_TIMEOUT_MS);
    }
    let store = Context::store(&config).ok()?;
    let now = crate::time::now_unix();
    let mut out = String::new();
    match target {
        Target::Workflow { prefix } => {
            let (states, _unreadable) = store.workflows(now).ok()?;
            for s in states {
                out.push_str(prefix);
                out.push_str(&s.workflow);
                if let Some(d) = &s.description {
                    out.push('\t');
                    out.extend(
                        d.chars()
                            .take(80)
                            .map(|c| if c.is_control() { ' ' } else { c }),
                    );
                }
                out.push('\n');
            }
        }
        Target::Key { prefix } => {
            let state = store.load(config.workflow().ok()?, now).ok()??;
            for key in state.vars.keys() {
                out.push_str(prefix);
                out.push_str(key);
                out.push('\n');
            }
        }
        Target::Process { prefix } => {
            // Expired or not: an expired workflow's processes still run,
            // and can be stopped.
            let state = store.load_any(config.workflow().ok()?).ok()??;
            for name in state.processes.keys() {
                out.push_str(prefix);
                out.push_str(name);
                out.push('\n');
            }
        }
    }
    Some(out)
}

/// Read the words before the cursor as clap would (subcommand, options and
/// their values, positional arguments), leniently, and say what the last
/// word is, with the global options the line gives (-w, -d, --dir,
/// --store...), which decide where the candidates come from.
fn analyse(root: &clap::Command, words: &[String]) -> Option<(Target, GlobalArgs)> {
    let (current, before) = words.split_last()?;
    let mut global = GlobalArgs::default();
    let mut node = root;
    let mut chose_subcommand = false;
    let mut positionals = 0usize;
    let mut expecting: Option<clap::Arg> = None;
    let mut options_ended = false;
    let find_long = |node: &clap::Command, long: &str| -> Option<clap::Arg> {
        node.get_arguments()
            .chain(root.get_arguments())
            .find(|a| a.get_long() == Some(long))
            .cloned()
    };
    for word in before {
        if let Some(arg) = expecting.take() {
            // bash splits `--dir=/x` into `--dir`, `=`, `/x`.
            if word == "=" {
                expecting = Some(arg);
                continue;
            }
            record(&mut global, &arg, word);
            continue;
        }
        if !options_ended && word == "--" {
            options_ended = true;
            continue;
        }
        if !options_ended && word.starts_with("--") {
            let (name, value) = match word[2..].split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (&word[2..], None),
            };
            if let Some(arg) = find_long(node, name).filter(takes_value) {
                match value {
                    Some(v) => record(&mut global, &arg, v),
                    None => expecting = Some(arg),
                }
            }
            continue;
        }
        if !options_ended && word.starts_with('-') && word.len() > 1 {
            let mut chars = word[1..].chars();
            let short = chars.next()?;
            let rest = chars.as_str();
            let arg = node
                .get_arguments()
                .chain(root.get_arguments())
                .find(|a| a.get_short() == Some(short))
                .filter(|a| takes_value(a))
                .cloned();
            if let Some(arg) = arg {
                let rest = rest.strip_prefix('=').unwrap_or(rest);
                if rest.is_empty() {
                    expecting = Some(arg);
                } else {
                    record(&mut global, &arg, rest);
                }
            }
            continue;
        }
        if !chose_subcommand {
            node = root.find_subcommand(word)?;
            chose_subcommand = true;
        } else {
            positionals += 1;
        }
    }
    let arg = if let Some(arg) = expecting {
        arg
    } else if !options_ended && current.starts_with("--") && current.contains('=') {
        let (name, _) = current[2..].split_once('=')?;
        let arg = find_long(node, name).filter(takes_value)?;
        return target_of(node, &arg, format!("--{name}=")).map(|t| (t, global));
    } else if !options_ended && current.starts_with('-') {
        return None;
    } else {
        if !chose_subcommand {
            return None;
        }
        let mut args: Vec<&clap::Arg> = node.get_positionals().collect();
        args.sort_by_key(|a| a.get_index());
        let arg = args.get(positionals).or_else(|| {
            args.last()
                .filter(|a| a.get_num_args().is_some_and(|n| n.max_values() > 1))
        })?;
        (*arg).clone()
    };
    target_of(node, &arg, String::new()).map(|t| (t, global))
}

fn takes_value(arg: &clap::Arg) -> bool {
    arg.get_action().takes_values()
}

/// Completed from the store: the workflow option, every argument named
/// KEY, and the NAME of the commands that act on a recorded process (not
/// spawn's, which names a new one).
fn target_of(node: &clap::Command, arg: &clap::Arg, prefix: String) -> Option<Target> {
    if arg.get_id() == "workflow" {
        return Some(Target::Workflow { prefix });
    }
    match arg.get_value_names()?.first()?.as_str() {
        "KEY" => Some(Target::Key { prefix }),
        "NAME" if matches!(node.get_name(), "stop" | "logs") => Some(Target::Process { prefix }),
        _ => None,
    }
}

/// Keep the global options that choose the store and the workflow.
fn record(global: &mut GlobalArgs, arg: &clap::Arg, value: &str) {
    let value = value.to_owned();
    match arg.get_id().as_str() {
        "workflow" => global.workflow = Some(value),
        "description" => global.description = Some(value),
        "dir" => global.dir = Some(value.into()),
        "store" => global.store = Some(value),
        "namespace" => global.namespace = Some(value),
        _ => {}
    }
}

/// A word as bash gives it (as typed): remove single quotes, double quotes
/// (with their backslash escapes) and backslashes. An unclosed quote runs
/// to the end. Expansions (`$x`, `~`) are left as they are.
fn unquote(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.extend(chars.by_ref().take_while(|&c| c != '\'')),
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.next() {
                            Some(n @ ('"' | '\\' | '$' | '`')) => out.push(n),
                            Some(n) => {
                                out.push('\\');
                                out.push(n);
                            }
                            None => out.push('\\'),
                        },
                        c => out.push(c),
                    }
                }
            }
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Arrange for the process to end, successfully and silently, after
/// `DEADLINE_MS`: whatever is still running by then, a TAB gets no
/// candidates rather than a hang.
///
/// A POSIX timer with a signal of its own, not `setitimer`: the Redis
/// store's per-command deadline arms and disarms the process's one
/// `ITIMER_REAL` around each call, which would cancel this one. That
/// deadline is made quiet too, so it ends the process the same way.
fn end_by_deadline() {
    extern "C" fn quit(_: libc::c_int) {
        // SAFETY: _exit is async-signal-safe and never returns.
        unsafe { libc::_exit(0) }
    }
    crate::store::deadline::end_quietly();
    // SAFETY: `quit` only calls an async-signal-safe function; a zeroed
    // sigevent is valid before its fields are set; the timer id is written
    // by timer_create before timer_settime reads it, and a failure of
    // either only leaves the completion without its guard.
    unsafe {
        libc::signal(libc::SIGVTALRM, quit as *const () as libc::sighandler_t);
        let mut event: libc::sigevent = std::mem::zeroed();
        event.sigev_notify = libc::SIGEV_SIGNAL;
        event.sigev_signo = libc::SIGVTALRM;
        let mut timer: libc::timer_t = std::mem::zeroed();
        if libc::timer_create(libc::CLOCK_MONOTONIC, &mut event, &mut timer) != 0 {
            return;
        }
        let when = libc::itimerspec {
            it_interval: libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
            it_value: libc::timespec {
                tv_sec: DEADLINE_MS / 1000,
                tv_nsec: (DEADLINE_MS % 1000) * 1_000_000,
            },
        };
        libc::timer_settime(timer, 0, &when, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &[&str]) -> Vec<String> {
        line.iter().map(|s| s.to_string()).collect()
    }

    fn target(line: &[&str]) -> Option<Target> {
        analyse(&crate::help::command(), &words(line)).map(|(t, _)| t)
    }

    fn wf() -> Option<Target> {
        Some(Target::Workflow {
            prefix: String::new(),
        })
    }

    fn key() -> Option<Target> {
        Some(Target::Key {
            prefix: String::new(),
        })
    }

    #[test]
    fn workflow_ids_follow_the_workflow_option_anywhere() {
        assert_eq!(target(&["-w", ""]), wf());
        assert_eq!(target(&["--workflow", "wf-"]), wf());
        assert_eq!(target(&["get", "-w", ""]), wf());
        assert_eq!(target(&["--dir", "/x", "load", "--workflow", "="]), wf());
        assert_eq!(target(&["load", "--workflow", "=", "w"]), wf());
        assert_eq!(
            target(&["load", "--workflow=w"]),
            Some(Target::Workflow {
                prefix: "--workflow=".into()
            })
        );
    }

    #[test]
    fn keys_are_the_arguments_named_key() {
        assert_eq!(target(&["get", ""]), key());
        assert_eq!(target(&["-w", "x", "get", "A"]), key());
        assert_eq!(target(&["get", "A", ""]), None);
        assert_eq!(target(&["unset", "A", "B", ""]), key());
        assert_eq!(target(&["set", "--stdin", ""]), key());
        assert_eq!(target(&["set", ""]), None);
        assert_eq!(target(&["get", "--dir", "/x", ""]), key());
    }

    #[test]
    fn process_names_are_the_name_of_stop_and_logs() {
        let process = Some(Target::Process {
            prefix: String::new(),
        });
        assert_eq!(target(&["stop", ""]), process);
        assert_eq!(target(&["stop", "web", ""]), process);
        assert_eq!(target(&["-w", "x", "logs", "w"]), process);
        assert_eq!(target(&["logs", "web", ""]), None);
        assert_eq!(target(&["spawn", ""]), None);
        assert_eq!(target(&["stop", "--grace", ""]), None);
        assert_eq!(target(&["wait", ""]), key());
        assert_eq!(target(&["incr", ""]), key());
    }

    #[test]
    fn everything_else_is_left_to_the_static_script() {
        assert_eq!(target(&[""]), None);
        assert_eq!(target(&["lo"]), None);
        assert_eq!(target(&["load", "--sh"]), None);
        assert_eq!(target(&["load", "--shell", ""]), None);
        assert_eq!(target(&["get", "-"]), None);
        assert_eq!(target(&["exec", "--", ""]), None);
        assert_eq!(target(&["exec", "--", "-w", ""]), None);
        assert_eq!(target(&["nosuch", ""]), None);
        assert_eq!(target(&[]), None);
    }

    #[test]
    fn the_line_names_the_workflow_and_the_store() {
        let line = words(&[
            "-d",
            "my task",
            "--dir=/d",
            "get",
            "--store",
            "=",
            "redis://h",
            "-wX",
            "",
        ]);
        let (_, g) = analyse(&crate::help::command(), &line).unwrap_or_else(|| panic!("{line:?}"));
        assert_eq!(g.description.as_deref(), Some("my task"));
        assert_eq!(g.dir, Some("/d".into()));
        assert_eq!(g.store.as_deref(), Some("redis://h"));
        assert_eq!(g.workflow.as_deref(), Some("X"));
    }

    #[test]
    fn bash_words_are_unquoted() {
        assert_eq!(unquote("'my task'"), "my task");
        assert_eq!(unquote("\"a \\\"b\\\" \\x\""), "a \"b\" \\x");
        assert_eq!(unquote("my\\ task"), "my task");
        assert_eq!(unquote("it's"), "its");
        assert_eq!(unquote("\"open"), "open");
        assert_eq!(unquote("$HOME"), "$HOME");
    }
}
