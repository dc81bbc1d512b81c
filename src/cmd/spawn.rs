use std::ffi::OsString;
use std::fs::File;
use std::path::Path;
use std::time::Duration;

use crate::cli::SpawnArgs;
use crate::cmd::stop::{note, stop_and_forget};
use crate::cmd::{Context, Run, exported_vars_of};
use crate::error::{Error, ExitCode, Result};
use crate::process::launch::{self, Child, Launch};
use crate::process::ready::{self, Ready, Waited};
use crate::process::record::{ProcessRecord, check_name};
use crate::process::{Here, Liveness, control, group_alive, logfile, signal_group};
use crate::store::{Op, Outcome, Store, Update};
use crate::workflow::{WorkflowId, shown};

/// `--timeout` when none is given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a process that failed to become ready gets after SIGTERM.
const FAILED_GRACE: Duration = Duration::from_secs(2);
/// Lines of the log quoted in a failure message.
const TAIL_LINES: usize = 15;

enum PortSpec {
    Auto,
    Fixed(u16),
}

fn parse_port(raw: &str) -> Result<PortSpec> {
    if raw == "auto" {
        return Ok(PortSpec::Auto);
    }
    match raw.parse::<u16>() {
        Ok(n) if n > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => Ok(PortSpec::Fixed(n)),
        _ => Err(Error::usage(format!(
            "invalid --port {}: expected auto or a number from 1 to 65535",
            shown(raw)
        ))
        .hint("use --port auto to let blockstate pick a free port")),
    }
}

impl Run for SpawnArgs {
    /// Everything the user gave is checked before anything starts; then
    /// the child is forked (it waits), recorded, released, and waited for.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let name = self.name.as_str();
        check_name(name)?;
        let ready = self.ready.as_deref().map(Ready::parse).transpose()?;
        let timeout = match &self.timeout {
            Some(raw) => Duration::from_millis(crate::time::parse_duration_ms(raw)?),
            None => DEFAULT_TIMEOUT,
        };
        let port_spec = self.port.as_deref().map(parse_port).transpose()?;
        if matches!(ready, Some(Ready::Port)) && port_spec.is_none() {
            return Err(Error::usage(
                "--ready port needs a port to watch, but no --port was given",
            )
            .hint("add --port auto (or --port N), and have the command listen on $PORT"));
        }
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let here = Here::new()?;
        let now = crate::time::now_unix();
        let stored = store.load_any(id)?;
        let replaces = match stored.as_ref().and_then(|s| s.processes.get(name)) {
            None => None,
            Some(old) => match here.liveness(old) {
                Liveness::Gone => Some(old.clone()),
                Liveness::Elsewhere => return Err(control::elsewhere(name, old, &here)),
                Liveness::Running if !self.replace => return Err(already_running(name, old)),
                Liveness::Running => {
                    stop_and_forget(store.as_ref(), id, &here, name, old, control::DEFAULT_GRACE)?;
                    None
                }
            },
        };

        let port = match port_spec {
            None => None,
            Some(PortSpec::Fixed(n)) => Some(n),
            Some(PortSpec::Auto) => Some(crate::process::free_port().map_err(|e| {
                Error::new(ExitCode::Io, format!("cannot find a free port: {e}"))
                    .hint("pass --port N with a port you know is free")
            })?),
        };
        let live = stored.filter(|s| !s.is_expired(now));
        let mut env = crate::config::environment();
        let mut add = |k: OsString, v: OsString| {
            env.retain(|(e, _)| *e != k);
            env.push((k, v));
        };
        for (k, v) in exported_vars_of(&config, id, live)? {
            add(k.into(), v.into());
        }
        if let Some(p) = port {
            add("PORT".into(), p.to_string().into());
        }

        let tag = store.log_tag();
        let log_path = logfile::path_of(&config.dir, id, name, tag.as_deref());
        let log_text = log_path.to_str().map(str::to_owned).ok_or_else(|| {
            Error::usage(format!(
                "the log path {} is not valid UTF-8, so it cannot be recorded exactly",
                log_path.display()
            ))
            .hint("use a state directory whose path is UTF-8 (--dir / BLOCKSTATE_DIR)")
        })?;
        let (log, offset) = logfile::open_append(&config.dir, &log_path)?;
        let stdin = File::open("/dev/null")
            .map_err(|e| Error::io("opening", Path::new("/dev/null"), &e))?;
        let launch = Launch::new(&self.command, &env, stdin.into(), log.into())?;
        // Whether another program already accepts connections on the port:
        // then only a listener of the new process counts as ready.
        let held_before = matches!(ready, Some(Ready::Port)) && port.is_some_and(ready::accepts);
        let mut child = launch::start(&launch).map_err(|e| {
            Error::new(ExitCode::Process, format!("cannot start a process: {e}"))
                .hint("the system may be out of processes or memory; retry")
        })?;

        let record = match self.record_of(&child, &here, port, log_text, now) {
            Ok(r) => r,
            Err(e) => {
                child.abandon();
                return Err(e);
            }
        };
        let update = Update {
            ops: vec![Op::RecordProcess {
                name: name.to_owned(),
                record: record.clone(),
                replaces,
            }],
            description: config.description.clone(),
            ttl_secs: None,
        };
        match store.update(id, &update, now) {
            Ok(Outcome::Applied(_)) => {}
            Ok(Outcome::Conflict { .. }) => {
                child.abandon();
                return Err(Error::new(
                    ExitCode::Conflict,
                    format!("another `blockstate spawn {name}` recorded a process of that name first; nothing was started"),
                )
                .hint("see it with `blockstate ps`; use --replace to restart it"));
            }
            Err(e) => {
                child.abandon();
                return Err(e);
            }
        }

        let failed = |child: &mut Child, what: String, code: ExitCode| {
            clean_up(child, store.as_ref(), id, name, &record);
            failure(what, code, name, &log_path, &config.dir, offset)
        };
        if let Err(e) = child.release() {
            let status = if e.raw_os_error() == Some(libc::ENOENT) {
                127
            } else {
                126
            };
            let program = self
                .command
                .first()
                .map(|p| Path::new(p).display().to_string());
            return Err(failed(
                &mut child,
                format!("cannot run {}: {e}", shown(&program.unwrap_or_default())),
                ExitCode::Usage,
            )
            .exit_status(status));
        }
        if let Some(ready) = &ready {
            let reader = match ready {
                Ready::Log(_) => logfile::open_read(&config.dir, &log_path)?.map(|f| (f, offset)),
                _ => None,
            };
            let waited = ready::wait(&child, ready, port, held_before, reader, timeout);
            let mut what = ready.describe(port);
            if matches!(ready, Ready::Port) && !matches!(waited, Ok(Waited::Ready)) {
                what.push_str(&ready::port_taken(child.pid, port));
            }
            match waited {
                Ok(Waited::Ready) => {}
                Ok(Waited::Exited(exit)) => {
                    return Err(failed(
                        &mut child,
                        format!("{name} {exit} before it was ready (waiting for {what})"),
                        ExitCode::Process,
                    ));
                }
                Ok(Waited::TimedOut) => {
                    return Err(failed(
                        &mut child,
                        format!(
                            "{name} was not ready after {} (waiting for {what}); it was stopped",
                            crate::time::human_ms(timeout.as_millis())
                        ),
                        ExitCode::Process,
                    ));
                }
                Err(e) => {
                    clean_up(&mut child, store.as_ref(), id, name, &record);
                    return Err(e);
                }
            }
        }
        let port_note = port.map(|p| format!(", port {p}")).unwrap_or_default();
        note(&format!(
            "{name} is running: PID {}{port_note}, log {}",
            record.pid,
            log_path.display()
        ));
        Ok(ExitCode::Success)
    }
}

impl SpawnArgs {
    /// The record of the (waiting) child: its PID and start time are final,
    /// since exec keeps both.
    fn record_of(
        &self,
        child: &Child,
        here: &Here,
        port: Option<u16>,
        log: String,
        now: u64,
    ) -> Result<ProcessRecord> {
        let stat = crate::process::stat(child.pid)
            .ok()
            .flatten()
            .ok_or_else(|| {
                Error::new(
                    ExitCode::Process,
                    format!(
                        "the new process {} vanished before it could be recorded",
                        child.pid
                    ),
                )
                .hint("retry")
            })?;
        Ok(ProcessRecord {
            pid: child.pid,
            pgid: child.pid,
            start_ticks: stat.start_ticks,
            boot_id: here.boot_id.clone(),
            host: here.host.clone(),
            command: self
                .command
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect(),
            log,
            port,
            started: now,
        })
    }
}

fn already_running(name: &str, r: &ProcessRecord) -> Error {
    let port = r.port.map(|p| format!(", port {p}")).unwrap_or_default();
    Error::new(
        ExitCode::Conflict,
        format!(
            "{name} is already running (PID {}{port}), so no second copy was started",
            r.pid
        ),
    )
    .hint(format!(
        "use it (`eval \"$(blockstate load)\"` exports {}_PORT), restart it with --replace, or stop it with `blockstate stop {name}`",
        crate::process::record::var_prefix(name)
    ))
}

/// Leave nothing behind: stop the child's whole group (it is our child and
/// not yet collected, so its PID and group cannot have been reused),
/// collect it, and forget its record.
fn clean_up(child: &mut Child, store: &dyn Store, id: &WorkflowId, name: &str, r: &ProcessRecord) {
    if signal_group(child.pid, libc::SIGTERM).is_ok() {
        let started = std::time::Instant::now();
        while started.elapsed() < FAILED_GRACE && group_alive(child.pid).unwrap_or(false) {
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = signal_group(child.pid, libc::SIGKILL);
    }
    let _ = child.wait();
    let forget = Update::new(vec![Op::ForgetProcess {
        name: name.to_owned(),
        record: r.clone(),
    }]);
    let _ = store.update(id, &forget, crate::time::now_unix());
}

/// The failure message, with the end of this run's log.
fn failure(
    what: String,
    code: ExitCode,
    name: &str,
    log_path: &Path,
    state_dir: &Path,
    offset: u64,
) -> Error {
    let tail = logfile::open_read(state_dir, log_path)
        .ok()
        .flatten()
        .and_then(|mut f| logfile::tail(&mut f, offset, TAIL_LINES).ok())
        .unwrap_or_default();
    let mut message = format!("{what}; nothing of it is left running or recorded");
    if tail.is_empty() {
        message.push_str(&format!(". Its log ({}) is empty", log_path.display()));
    } else {
        message.push_str(&format!(". The end of its log ({}):", log_path.display()));
        for line in String::from_utf8_lossy(&tail).lines() {
            message.push_str("\n  | ");
            // The log is the process's output: escape what could drive a terminal.
            for c in line.chars() {
                if c.is_control() && c != '\t' {
                    message.extend(c.escape_default());
                } else {
                    message.push(c);
                }
            }
        }
    }
    Error::new(code, message).hint(format!(
        "fix the command and spawn it again; `blockstate logs {name}` shows the whole log"
    ))
}
