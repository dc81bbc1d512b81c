use std::io::{Read, Write};
use std::time::Duration;

use crate::cli::LogsArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::process::record::check_name;
use crate::process::{Here, Liveness, control, logfile};

/// How often `--follow` looks for new output.
const FOLLOW_POLL: Duration = Duration::from_millis(100);

impl Run for LogsArgs {
    /// The log is found from the workflow and the name, never from the
    /// record's path (which anyone able to edit the record could aim at any
    /// file); a record that disagrees is refused.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let name = self.name.as_str();
        check_name(name)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let record = store
            .load_any(id)?
            .and_then(|s| s.processes.get(name).cloned());
        let path = logfile::path_of(&config.dir, id, name, store.log_tag().as_deref());
        let here = match &record {
            Some(_) => Some(Here::new()?),
            None => None,
        };
        if let (Some(r), Some(here)) = (&record, &here) {
            if here.liveness(r) == Liveness::Elsewhere {
                let e = control::elsewhere(name, r, here);
                return Err(Error {
                    message: format!("the log of {}", e.message),
                    hint: Some(format!(
                        "read it on {} with `blockstate logs {name}`",
                        crate::workflow::shown(&r.host)
                    )),
                    ..e
                });
            }
            if path.to_str() != Some(r.log.as_str()) {
                return Err(Error::bad_state(format!(
                    "the record of {name} names the log {}, but this blockstate keeps that log at {}",
                    crate::workflow::shown(&r.log),
                    path.display()
                ))
                .hint("use the same --dir / BLOCKSTATE_DIR as the block that spawned it (a hand-edited record is never followed)"));
            }
        }
        let Some(mut file) = logfile::open_read(&config.dir, &path)? else {
            return Err(Error::new(
                ExitCode::NotFound,
                format!("no log for a process named {name} in workflow {id}"),
            )
            .hint("`blockstate ps` lists the workflow's processes"));
        };
        let tail = logfile::tail(&mut file, 0, self.lines)
            .map_err(|e| Error::io("reading log file", &path, &e))?;
        let running = |here: &Option<Here>| match (&record, here) {
            (Some(r), Some(h)) => h.liveness(r) == Liveness::Running,
            _ => false,
        };
        if !self.follow || !running(&here) {
            out.extend_from_slice(&tail);
            return Ok(ExitCode::Success);
        }
        // Following prints as it goes, not at the end.
        let mut stdout = std::io::stdout().lock();
        let mut emit = |bytes: &[u8]| -> Result<bool> {
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
                Err(e) => Err(Error::new(
                    ExitCode::Io,
                    format!("writing to standard output failed: {e}"),
                )),
            }
        };
        if !emit(&tail)? {
            return Ok(ExitCode::Success);
        }
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let alive = running(&here);
            loop {
                let n = file
                    .read(&mut chunk)
                    .map_err(|e| Error::io("reading log file", &path, &e))?;
                if n == 0 {
                    break;
                }
                if !emit(&chunk[..n])? {
                    return Ok(ExitCode::Success);
                }
            }
            // Checked before the last read, so its final output is printed.
            if !alive {
                return Ok(ExitCode::Success);
            }
            std::thread::sleep(FOLLOW_POLL);
        }
    }
}
