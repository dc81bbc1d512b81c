//! One file per subcommand, each behind the `Run` trait.

mod completions;
mod exec;
mod gc;
mod get;
mod id;
mod incr;
mod init;
mod list;
mod load;
mod path;
mod pop;
mod push;
mod queue;
mod root;
mod set;
mod unset;
mod wait;
mod workflows;

use crate::cli::Command;
use crate::config::Config;
use crate::error::{ExitCode, Result};
use crate::store::Store;
use crate::store::file::FileStore;

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
            Command::Exec(a) => a.run(ctx, out),
            Command::Root => root::Root.run(ctx, out),
            Command::Gc(a) => a.run(ctx, out),
            Command::Path => path::Path.run(ctx, out),
            Command::Workflows(a) => a.run(ctx, out),
            Command::Init(a) => a.run(ctx, out),
            Command::Completions(a) => a.run(ctx, out),
        }
    }
}

/// The variables a workflow exports: the stored ones, the root variable
/// (stored, or detected) and `BLOCKSTATE_WORKFLOW`. Shared by `load` and
/// `exec`, which must agree.
pub fn exported_vars(config: &Config) -> Result<Vec<(String, String)>> {
    let id = config.workflow()?;
    let store = Context::store(config)?;
    let state = store.load(id, crate::time::now_unix())?;
    let mut vars: Vec<(String, String)> = state
        .map(|s| s.vars.into_iter().collect())
        .unwrap_or_default();
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
