use std::io::Write;

use crate::cli::GcArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::store::GcScope;

impl Run for GcArgs {
    /// Only an explicit -w/-d deletes one workflow. BLOCKSTATE_WORKFLOW is
    /// ignored here: a bare `blockstate gc` inside a loaded block must sweep
    /// expired workflows, not delete the one the block is using.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let now = crate::time::now_unix();
        let store = Context::store(&config)?;
        let named = ctx.global.workflow.is_some() || ctx.global.description.is_some();
        if named {
            if self.all || self.older_than.is_some() {
                return Err(Error::usage("--all and --older-than select many workflows; they cannot be combined with -w/-d")
                    .hint("use `blockstate gc -w ID` to delete one workflow, or drop -w/-d"));
            }
            // Silent, and success when already gone: this runs in traps.
            store.remove(config.workflow()?)?;
            return Ok(ExitCode::Success);
        }
        let scope = if self.all {
            GcScope::All
        } else if let Some(raw) = &self.older_than {
            GcScope::OlderThan(crate::time::parse_duration_secs(raw)?)
        } else {
            GcScope::Expired
        };
        let report = store.gc(scope, now)?;
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
