use std::io::Write;

use crate::cli::GcArgs;
use crate::cmd::stop::note;
use crate::cmd::{Context, Run};
use crate::config::Config;
use crate::error::{Error, ExitCode, Result};
use crate::process::control::{self, DEFAULT_GRACE};
use crate::process::{Here, Liveness, logfile};
use crate::store::{GcScope, State};
use crate::workflow::WorkflowId;

impl Run for GcArgs {
    /// Only an explicit -w/-d deletes one workflow. BLOCKSTATE_WORKFLOW is
    /// ignored here: a bare `blockstate gc` inside a loaded block must sweep
    /// expired workflows, not delete the one the block is using.
    ///
    /// A workflow's processes on this host are stopped before its state is
    /// deleted, so none outlives the records that let it be found.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let now = crate::time::now_unix();
        let store = Context::store(&config)?;
        let named = ctx.global.workflow.is_some() || ctx.global.description.is_some();
        let tag = store.log_tag();
        if named {
            if self.all || self.older_than.is_some() {
                return Err(Error::usage("--all and --older-than select many workflows; they cannot be combined with -w/-d")
                    .hint("use `blockstate gc -w ID` to delete one workflow, or drop -w/-d"));
            }
            let id = config.workflow()?;
            // A state that is not usable (bad content, a planted file)
            // has no records to act on, and `remove` deletes it all the
            // same, as before; a failed read is an error, as it was.
            match store.load_any(id) {
                Ok(Some(state)) => stop_processes(id, &state)?,
                Ok(None) => {}
                Err(e) if e.code == ExitCode::Io => return Err(e),
                Err(_) => {}
            }
            // Silent, and success when already gone: this runs in traps.
            store.remove(id)?;
            if has_dir(&config) {
                logfile::remove_logs_of(&config.dir, id, tag.as_deref())?;
            }
            return Ok(ExitCode::Success);
        }
        let scope = if self.all {
            GcScope::All
        } else if let Some(raw) = &self.older_than {
            GcScope::OlderThan(crate::time::parse_duration_secs(raw)?)
        } else {
            GcScope::Expired
        };
        let with_processes = store.selected_with_processes(scope, now)?;
        for (id, state) in &with_processes {
            stop_processes(id, state)?;
        }
        let report = store.gc(scope, now)?;
        if has_dir(&config) {
            // The logs of the processes just stopped go with their
            // workflows; other logs only once they are a minute old, since
            // a `spawn` opens its log before it records the process.
            for (id, _) in &with_processes {
                if store.load_any(id)?.is_none() {
                    logfile::remove_logs_of(&config.dir, id, tag.as_deref())?;
                }
            }
            logfile::remove_orphans(&config.dir, tag.as_deref(), |id| {
                Ok(store.load_any(id)?.is_some())
            })?;
        }
        let mut err = std::io::stderr().lock();
        for skipped in &report.skipped {
            let _ = writeln!(
                err,
                "blockstate: warning: left alone, unreadable: {skipped}"
            );
        }
        for kept in &report.kept {
            let _ = writeln!(err, "blockstate: warning: {kept}");
        }
        if report.workflows_removed + report.temp_files_removed > 0 {
            let _ = writeln!(
                err,
                "blockstate: removed {} workflow(s) and {} temporary file(s)",
                report.workflows_removed, report.temp_files_removed
            );
        }
        Ok(ExitCode::Success)
    }
}

fn has_dir(config: &Config) -> bool {
    !config.dir.as_os_str().is_empty()
}

/// Stop the processes `state` records on this host; warn about those of
/// other hosts, which are left running. The records are not forgotten one
/// by one: they go with the state, and a write here would make the
/// workflow look recently updated to the sweep that follows.
fn stop_processes(id: &WorkflowId, state: &State) -> Result<()> {
    if state.processes.is_empty() {
        return Ok(());
    }
    let here = Here::new()?;
    for (name, r) in &state.processes {
        if here.liveness(r) == Liveness::Elsewhere {
            note(&format!(
                "warning: left running: process {name} of workflow {id} (PID {}) on host {}, since blockstate can only stop processes of its own host; stop it there with `kill -TERM -- -{}`",
                r.pid,
                crate::workflow::shown(&r.host),
                r.pgid
            ));
            continue;
        }
        control::stop(&here, name, r, DEFAULT_GRACE)?;
    }
    Ok(())
}
