//! Stopping a recorded process: SIGTERM to its process group, a grace
//! period, then SIGKILL. Nothing is signalled unless the recorded process
//! is verified to be the one running under its PID (same boot, same start
//! time, leading its own group), and the PID is pinned first where the
//! kernel can (`pidfd_open`), so it cannot be handed to another process
//! between the check and the signal.

use std::time::{Duration, Instant};

use crate::error::{Error, ExitCode, Result};
use crate::process::record::ProcessRecord;
use crate::process::{Here, Liveness, group_alive, pin, signal_group, stat};

/// `stop --grace` when none is given.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(5);
/// How long SIGKILL may take before `stop` gives up.
const KILL_WAIT: Duration = Duration::from_secs(5);
const POLL: Duration = Duration::from_millis(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// It ended after SIGTERM.
    Terminated,
    /// It ignored SIGTERM for the grace period and was killed.
    Killed,
    /// It was not running (or its PID is another process now).
    AlreadyGone,
}

/// The refusal to act on another host's process.
pub fn elsewhere(name: &str, r: &ProcessRecord, here: &Here) -> Error {
    Error::usage(format!(
        "process {name} (PID {}) runs on host {}, not on this host ({}): blockstate can only check and signal processes of its own host",
        r.pid,
        crate::workflow::shown(&r.host),
        crate::workflow::shown(&here.host)
    ))
    .hint(format!(
        "run `blockstate stop {name}` on {} (with the same store and workflow)",
        crate::workflow::shown(&r.host)
    ))
}

/// Stop `r` (recorded as `name`), waiting up to `grace` after SIGTERM.
pub fn stop(here: &Here, name: &str, r: &ProcessRecord, grace: Duration) -> Result<Stopped> {
    match here.liveness(r) {
        Liveness::Elsewhere => return Err(elsewhere(name, r, here)),
        Liveness::Gone => return Ok(Stopped::AlreadyGone),
        Liveness::Running => {}
    }
    // Pin, then check again: from here on the number cannot be reused, so
    // the verified process (and the group it leads) is the one signalled.
    let _pinned = match pin(r.pid) {
        Ok(fd) => fd,
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => return Ok(Stopped::AlreadyGone),
        Err(_) => None,
    };
    if here.liveness(r) != Liveness::Running {
        return Ok(Stopped::AlreadyGone);
    }
    let signal = |sig: i32, sig_name: &str| -> Result<bool> {
        match signal_group(r.pgid, sig) {
            Ok(()) => Ok(true),
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Ok(false),
            Err(e) => Err(Error::new(
                ExitCode::Process,
                format!(
                    "cannot send {sig_name} to process {name} (process group {}): {e}",
                    r.pgid
                ),
            )
            .hint(
                "a process that changed its user cannot be signalled by you; its record was kept",
            )),
        }
    };
    if !signal(libc::SIGTERM, "SIGTERM")? {
        return Ok(Stopped::AlreadyGone);
    }
    if wait_gone(r, grace)? {
        return Ok(Stopped::Terminated);
    }
    if !signal(libc::SIGKILL, "SIGKILL")? || wait_gone(r, KILL_WAIT)? {
        return Ok(Stopped::Killed);
    }
    Err(Error::new(
        ExitCode::Process,
        format!(
            "process {name} (process group {}) is still running {} after SIGKILL",
            r.pgid,
            crate::time::human_ms(KILL_WAIT.as_millis())
        ),
    )
    .hint("it may be stuck in the kernel (e.g. on a dead network mount); its record was kept, retry later"))
}

/// Wait up to `limit` for every process of `r`'s group to end.
fn wait_gone(r: &ProcessRecord, limit: Duration) -> Result<bool> {
    let started = Instant::now();
    loop {
        // While the leader runs the group certainly does; only after it
        // has ended is the (costlier) scan for the rest needed.
        let leader_runs =
            matches!(stat(r.pid), Ok(Some(s)) if !s.exited && s.start_ticks == r.start_ticks);
        if !leader_runs {
            let alive = group_alive(r.pgid).map_err(|e| {
                Error::new(
                    ExitCode::Io,
                    format!(
                        "cannot tell whether process group {} still runs: {e}",
                        r.pgid
                    ),
                )
            })?;
            if !alive {
                return Ok(true);
            }
        }
        if started.elapsed() >= limit {
            return Ok(false);
        }
        std::thread::sleep(POLL);
    }
}
