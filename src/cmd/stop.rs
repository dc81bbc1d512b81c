use std::io::Write;
use std::time::Duration;

use crate::cli::StopArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::process::control::{self, DEFAULT_GRACE, Stopped};
use crate::process::record::{ProcessRecord, check_name};
use crate::process::{Here, Liveness};
use crate::store::{Op, Store, Update};
use crate::workflow::WorkflowId;

impl Run for StopArgs {
    /// Every name is checked before anything is signalled. Processes of
    /// another host are refused, after the others are stopped.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        for name in &self.names {
            check_name(name)?;
        }
        let grace = parse_grace(self.grace.as_deref())?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let processes = store.load_any(id)?.map(|s| s.processes).unwrap_or_default();
        let targets: Vec<(String, Option<ProcessRecord>)> = if self.all {
            processes.into_iter().map(|(n, r)| (n, Some(r))).collect()
        } else {
            self.names
                .iter()
                .map(|n| (n.clone(), processes.get(n).cloned()))
                .collect()
        };
        if targets.iter().all(|(_, r)| r.is_none()) && !self.all {
            for (name, _) in &targets {
                note(&format!(
                    "no process named {name} in workflow {id}; nothing to stop"
                ));
            }
            return Ok(ExitCode::Success);
        }
        let here = Here::new()?;
        let mut refused = Vec::new();
        for (name, record) in targets {
            let Some(record) = record else {
                note(&format!(
                    "no process named {name} in workflow {id}; nothing to stop"
                ));
                continue;
            };
            if here.liveness(&record) == Liveness::Elsewhere {
                refused.push(control::elsewhere(&name, &record, &here));
                continue;
            }
            let how = stop_and_forget(store.as_ref(), id, &here, &name, &record, grace)?;
            note(&match how {
                Stopped::Terminated => format!("stopped {name} (PID {})", record.pid),
                Stopped::Killed => format!(
                    "killed {name} (PID {}): it was still running {} after SIGTERM",
                    record.pid,
                    crate::time::human_ms(grace.as_millis())
                ),
                Stopped::AlreadyGone => {
                    format!("{name} had already exited; its record was removed")
                }
            });
        }
        match refused.len() {
            0 => Ok(ExitCode::Success),
            1 => Err(refused.remove(0)),
            n => {
                let hint = refused[0].hint.clone().unwrap_or_default();
                let messages: Vec<String> = refused.into_iter().map(|e| e.message).collect();
                Err(Error::usage(format!(
                    "{n} processes run on other hosts and were left alone: {}",
                    messages.join("; ")
                ))
                .hint(hint))
            }
        }
    }
}

/// `--grace`, or the default.
pub(super) fn parse_grace(raw: Option<&str>) -> Result<Duration> {
    Ok(match raw {
        Some(raw) => Duration::from_millis(crate::time::parse_duration_ms(raw)?),
        None => DEFAULT_GRACE,
    })
}

/// Stop one recorded process of this host, then forget its record (only
/// if it is still that process's: a newer one of the same name stays).
pub(super) fn stop_and_forget(
    store: &dyn Store,
    id: &WorkflowId,
    here: &Here,
    name: &str,
    record: &ProcessRecord,
    grace: Duration,
) -> Result<Stopped> {
    let how = control::stop(here, name, record, grace)?;
    let forget = Update::new(vec![Op::ForgetProcess {
        name: name.to_owned(),
        record: record.clone(),
    }]);
    store.update(id, &forget, crate::time::now_unix())?;
    Ok(how)
}

pub(super) fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "blockstate: {text}");
}
