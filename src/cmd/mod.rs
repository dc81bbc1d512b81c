//! One file per subcommand, each behind the `Run` trait.

mod capture;
mod complete;
mod completions;
mod doctor;
mod exec;
mod gc;
mod get;
mod hook;
mod id;
mod incr;
mod init;
mod list;
mod load;
mod logs;
mod path;
mod pop;
mod ps;
mod push;
mod queue;
mod root;
mod set;
mod spawn;
mod stop;
mod unset;
mod wait;
mod workflows;

use std::collections::BTreeSet;
use std::io::Write;

use crate::cli::Command;
use crate::config::Config;
use crate::error::{Error, ExitCode, Result};
use crate::store::file::FileStore;
use crate::store::{Found, State, Store};
use crate::workflow::WorkflowId;

/// What a command gets to work with. The config and the store are built
/// only for commands that need them.
pub struct Context<'a> {
    pub global: &'a crate::cli::GlobalArgs,
}

impl Context<'_> {
    pub fn config(&self) -> Result<Config> {
        Config::new(self.global)
    }

    /// The Redis store when a URL is configured, else the file store.
    pub fn store(config: &Config) -> Result<Box<dyn Store>> {
        if let Some(remote) = &config.remote {
            return remote_store(config, remote);
        }
        Ok(Box::new(
            FileStore::new(
                config.dir.clone(),
                config.lock_timeout_ms,
                config.default_ttl_secs,
            )
            .with_fault(config.fault.clone()),
        ))
    }
}

#[cfg(feature = "redis")]
fn remote_store(config: &Config, remote: &crate::config::RemoteStore) -> Result<Box<dyn Store>> {
    Ok(Box::new(crate::store::redis::RedisStore::new(
        remote,
        config.default_ttl_secs,
        config.lock_timeout_ms,
    )?))
}

#[cfg(not(feature = "redis"))]
fn remote_store(_: &Config, remote: &crate::config::RemoteStore) -> Result<Box<dyn Store>> {
    remote.check()?;
    Err(crate::error::Error::usage(
        "this blockstate was built without Redis support, so --store / BLOCKSTATE_URL cannot be used",
    )
    .hint("rebuild it with the default features, or unset BLOCKSTATE_URL to use the file store"))
}

/// A subcommand. It writes its whole standard output into `out`, which the
/// caller prints in one go, so no command leaves partial output behind.
pub trait Run {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode>;
}

impl Run for Command {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        match self {
            Command::Id(a) => a.run(ctx, out),
            Command::Set(a) => a.run(ctx, out),
            Command::Incr(a) => a.run(ctx, out),
            Command::Get(a) => a.run(ctx, out),
            Command::Wait(a) => a.run(ctx, out),
            Command::Push(a) => a.run(ctx, out),
            Command::Pop(a) => a.run(ctx, out),
            Command::Queue(a) => a.run(ctx, out),
            Command::Unset(a) => a.run(ctx, out),
            Command::List(a) => a.run(ctx, out),
            Command::Load(a) => a.run(ctx, out),
            Command::Capture => capture::Capture.run(ctx, out),
            Command::Hook(a) => a.run(ctx, out),
            Command::Exec(a) => a.run(ctx, out),
            Command::Root => root::Root.run(ctx, out),
            Command::Gc(a) => a.run(ctx, out),
            Command::Path => path::Path.run(ctx, out),
            Command::Workflows(a) => a.run(ctx, out),
            Command::Init(a) => a.run(ctx, out),
            Command::Completions(a) => a.run(ctx, out),
            Command::Complete(a) => a.run(ctx, out),
            Command::Doctor(a) => a.run(ctx, out),
            Command::Spawn(a) => a.run(ctx, out),
            Command::Ps(a) => a.run(ctx, out),
            Command::Stop(a) => a.run(ctx, out),
            Command::Logs(a) => a.run(ctx, out),
        }
    }
}

/// Where the workflow's state was looked for, and why there: every message
/// about state that is not there says it, since a block that sees other
/// settings (`XDG_RUNTIME_DIR` set in one block and not the next) looks
/// somewhere else.
pub fn looked_in(config: &Config, place: &str) -> String {
    match &config.remote {
        Some(remote) => format!("{place} (the store comes from {})", remote.source),
        None => format!(
            "{place} (the state directory comes from {})",
            config.dir_source
        ),
    }
}

/// The hint for state that is not where it was looked for.
pub const ELSEWHERE_HINT: &str = "if another block stored it, that block used another state directory or store: `blockstate doctor` shows which one this is, and why";

/// `--existing` found nothing: a typo in a description, or another block's
/// settings, lead to a workflow nobody stored anything in.
pub fn no_stored_state(config: &Config, store: &dyn Store, id: &WorkflowId) -> Error {
    Error::new(
        ExitCode::NotFound,
        format!(
            "--existing: workflow {id} has no stored state at {}",
            looked_in(config, &store.describe(id))
        ),
    )
    .hint(format!(
        "check the description or ID (`blockstate workflows` lists the stored ones); {ELSEWHERE_HINT}; without --existing it starts empty"
    ))
}

/// The variables a workflow exports: the stored ones, `NAME_PID`,
/// `NAME_PORT` and `NAME_LOG` of each of its processes that runs on this
/// host, the root variable (stored, or detected) and
/// `BLOCKSTATE_WORKFLOW`. Shared by `load`, `exec` and `spawn`, which
/// must agree. With `existing`, a workflow with no stored state is an
/// error.
pub fn exported_vars(config: &Config, existing: bool) -> Result<Vec<(String, String)>> {
    Ok(workflow_exports(config, existing)?.0)
}

/// What a load exports, and which of those names the workflow stores.
pub type Exports = (Vec<(String, String)>, BTreeSet<String>);

/// [`exported_vars`], and the names among them that the workflow stores
/// (`load --capture` needs to tell them from the process variables, the
/// root variable and `BLOCKSTATE_WORKFLOW`).
pub fn workflow_exports(config: &Config, existing: bool) -> Result<Exports> {
    let id = config.workflow()?;
    let store = Context::store(config)?;
    let state = live_or_note(id, store.lookup(id, crate::time::now_unix())?);
    if existing && state.is_none() {
        return Err(no_stored_state(config, store.as_ref(), id));
    }
    let stored: BTreeSet<String> = state
        .as_ref()
        .map(|s| s.vars.keys().cloned().collect())
        .unwrap_or_default();
    Ok((exported_vars_of(config, id, state)?, stored))
}

/// [`exported_vars`] of a state already read.
pub fn exported_vars_of(
    config: &Config,
    id: &crate::workflow::WorkflowId,
    state: Option<crate::store::State>,
) -> Result<Vec<(String, String)>> {
    let (mut vars, processes): (Vec<(String, String)>, _) = match state {
        Some(s) => (s.vars.into_iter().collect(), s.processes),
        None => Default::default(),
    };
    if !processes.is_empty() {
        process_vars(&mut vars, &processes);
    }
    if !vars.iter().any(|(k, _)| *k == config.root_var) {
        let root = crate::root::find(config.root_value.as_deref(), config.pwd.as_deref());
        let root = root.into_os_string().into_string().map_err(|p| {
            crate::error::Error::bad_state(format!(
                "the project root {} is not valid UTF-8, so it cannot be exported exactly",
                std::path::Path::new(&p).display()
            ))
            .hint(format!(
                "set {} to a UTF-8 path, or store it with `blockstate set`",
                config.root_var
            ))
        })?;
        vars.push((config.root_var.clone(), root));
    }
    vars.push((
        crate::config::WORKFLOW_VAR.to_owned(),
        id.as_str().to_owned(),
    ));
    Ok(vars)
}

/// The live state; for an expired workflow, a note on stderr saying so and
/// when, so that it does not look as if it had never existed.
pub fn live_or_note(id: &WorkflowId, found: Found) -> Option<State> {
    match found {
        Found::Live(state) => Some(state),
        Found::Expired { at } => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "blockstate: note: {}",
                expired_text(id, at)
            );
            None
        }
        Found::Absent => None,
    }
}

/// "workflow ID expired at TIME (...)", for messages.
pub fn expired_text(id: &WorkflowId, at: u64) -> String {
    format!(
        "workflow {id} expired at {}, so it reads as empty; a `set` starts it afresh (give a longer --ttl once to keep a workflow longer)",
        crate::time::rfc3339(at)
    )
}

/// This blockstate's own path, for the hooks it writes, so that they find
/// it even if a block changes PATH; `blockstate` (from PATH) if it cannot
/// be known.
pub fn own_path() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.into_os_string().into_string().ok())
        .filter(|p| p.starts_with('/'))
        .unwrap_or_else(|| "blockstate".to_owned())
}

/// Add the variables of the processes that run here; each replaces a
/// stored variable of the same name. A process that is gone, or on
/// another host (where `localhost:$WEB_PORT` would be wrong), exports
/// nothing; so does every process where this machine cannot check them.
fn process_vars(
    vars: &mut Vec<(String, String)>,
    processes: &std::collections::BTreeMap<String, crate::process::record::ProcessRecord>,
) {
    let Ok(here) = crate::process::Here::new() else {
        return;
    };
    let mut extra = Vec::new();
    for (name, r) in processes {
        if here.liveness(r) != crate::process::Liveness::Running {
            continue;
        }
        let [pid, port, log] = crate::process::record::var_names(name);
        extra.push((pid, r.pid.to_string()));
        if let Some(p) = r.port {
            extra.push((port, p.to_string()));
        }
        extra.push((log, r.log.clone()));
    }
    if extra.is_empty() {
        return;
    }
    let names: std::collections::BTreeSet<&str> = extra.iter().map(|(k, _)| k.as_str()).collect();
    vars.retain(|(k, _)| !names.contains(k.as_str()));
    // Named for capture, which must not store them: they describe the
    // processes, and would outlive them.
    let listed = names.into_iter().collect::<Vec<_>>().join(" ");
    vars.push((crate::config::PROCESS_VARS.to_owned(), listed));
    vars.extend(extra);
}

/// How [`read_stdin_text`] names what it reads, in its errors.
pub struct StdinText<'a> {
    /// "the value of KEY", "the message for queue Q".
    pub what: &'a str,
    /// A command line that pipes it in.
    pub example: &'a str,
    /// The verb for "… a path to a file instead".
    pub instead: &'a str,
    /// "values", "messages".
    pub kind: &'a str,
}

/// One value from standard input, exactly (`set --stdin`, `push --stdin`):
/// at most one byte more than the 1 MiB limit is read, so that a huge
/// input is refused without being read whole; it must be UTF-8.
pub fn read_stdin_text(text: &StdinText) -> Result<String> {
    use crate::vars::MAX_VALUE_BYTES;
    use std::io::Read;
    let StdinText {
        what,
        example,
        instead,
        kind,
    } = text;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_VALUE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::usage(format!("reading {what} from standard input failed: {e}"))
                .hint(format!("pipe it in, e.g. `{example}`"))
        })?;
    if bytes.len() > MAX_VALUE_BYTES {
        return Err(Error::usage(format!(
            "{what} on standard input is larger than the limit of {MAX_VALUE_BYTES} bytes (1 MiB)"
        ))
        .hint(format!(
            "{instead} a path to a file instead of the content itself"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::usage(format!(
            "{what} on standard input is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .hint(format!(
            "{kind} must be UTF-8 text; encode binary data (e.g. with base64) first"
        ))
    })
}
