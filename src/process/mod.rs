//! Background processes: started by `spawn`, found by `ps` and `load`,
//! stopped by `stop` and `gc`.
//!
//! - `record`: what a workflow stores about a process, and its rules;
//! - `launch`: fork, detach and exec, with the hand-shake that keeps a
//!   killed `spawn` from leaving a process without a record;
//! - `ready`: waiting until a started process is ready;
//! - `logfile`: the private log files;
//! - `control`: whether a recorded process still runs, and stopping it;
//! - `linux` (the only OS-specific part): `/proc` and `pidfd_open`.
//!
//! Signals go through [`signal_group`] only, which refuses the process
//! groups 0 and 1 (`kill(0)` is the caller's own group, `kill(-1)` every
//! process the user may signal), and every caller verifies the recorded
//! process's identity first.

pub mod control;
pub mod launch;
pub mod logfile;
pub mod ready;
pub mod record;

#[cfg(target_os = "linux")]
mod linux;
#[cfg(target_os = "linux")]
use linux as os;
#[cfg(not(target_os = "linux"))]
mod unsupported;
#[cfg(not(target_os = "linux"))]
use unsupported as os;

use std::io;
use std::os::fd::OwnedFd;

use crate::error::{Error, ExitCode, Result};
use record::ProcessRecord;

/// What the OS says about a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    pub pgid: i32,
    /// Clock ticks after boot.
    pub start_ticks: u64,
    /// A zombie (exited, not yet collected by its parent) or dead.
    pub exited: bool,
}

/// The OS's view of `pid`, `None` if there is no such process.
pub fn stat(pid: i32) -> io::Result<Option<Stat>> {
    os::stat(pid)
}

/// How many processes of group `pgid` have not exited.
pub fn live_members(pgid: i32) -> io::Result<usize> {
    os::live_members(pgid)
}

/// Whether a process of group `pgid` is the one listening on TCP `port`:
/// what tells a server `spawn` started apart from another program that
/// already held the port.
pub fn group_listens_on(pgid: i32, port: u16) -> io::Result<bool> {
    os::group_listens_on(pgid, port)
}

/// Keep `pid` from being reused while the descriptor is open (`None`
/// where the OS cannot).
pub fn pin(pid: i32) -> io::Result<Option<OwnedFd>> {
    os::pin(pid)
}

/// Send `signal` to every process of group `pgid`. The one place that
/// signals anything: groups 0 and 1 (and negative numbers) are refused
/// here whatever the caller checked, because `kill(0, …)` would hit
/// blockstate's own group and `kill(-1, …)` every process of the user.
pub fn signal_group(pgid: i32, signal: i32) -> io::Result<()> {
    if pgid <= 1 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to signal process group {pgid}"),
        ));
    }
    // SAFETY: kill takes two integers and touches no memory.
    if unsafe { libc::kill(-pgid, signal) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Whether any process of group `pgid` has not exited.
pub fn group_alive(pgid: i32) -> io::Result<bool> {
    if pgid <= 1 {
        return Ok(false);
    }
    // Signal 0 only checks. ESRCH: the group is empty.
    // SAFETY: as above.
    if unsafe { libc::kill(-pgid, 0) } != 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ESRCH) => Ok(false),
            _ => Err(e),
        };
    }
    // Members left, but they may all be zombies waiting for a parent that
    // is slow to collect them (or never does, as some container inits).
    Ok(live_members(pgid)? > 0)
}

/// A free TCP port on the loopback interface, chosen by the kernel. It is
/// free when this returns; another program could take it before the
/// process binds it (the README says so).
pub fn free_port() -> io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

/// This machine's host name.
pub fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length, and one byte is
    // kept for the terminating NUL.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if rc != 0 {
        return "localhost".into();
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    let name: String = String::from_utf8_lossy(&buf[..end])
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if name.is_empty() {
        "localhost".into()
    } else {
        name
    }
}

/// Whether a recorded process still runs, as far as this machine can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Liveness {
    /// Alive, and the very process recorded (PID, start time and boot).
    Running,
    /// Exited, or its PID now belongs to another process.
    Gone,
    /// Recorded on another host: nothing here can check or signal it.
    Elsewhere,
}

impl Liveness {
    pub fn name(self) -> &'static str {
        match self {
            Liveness::Running => "running",
            Liveness::Gone => "gone",
            Liveness::Elsewhere => "other-host",
        }
    }
}

/// This machine's identity, read once per command.
#[derive(Debug, Clone)]
pub struct Here {
    pub host: String,
    pub boot_id: String,
}

impl Here {
    pub fn new() -> Result<Here> {
        let boot_id = os::boot_id().map_err(|e| {
            Error::new(
                ExitCode::Io,
                format!("cannot read the kernel's boot ID, which identifies processes: {e}"),
            )
            .hint("background processes need /proc (Linux); mount it, or do without spawn/ps/stop")
        })?;
        Ok(Here {
            host: hostname(),
            boot_id,
        })
    }

    /// Whether `r` is alive here, and the very process recorded.
    pub fn liveness(&self, r: &ProcessRecord) -> Liveness {
        if r.host != self.host {
            return Liveness::Elsewhere;
        }
        if r.boot_id != self.boot_id {
            return Liveness::Gone;
        }
        match stat(r.pid) {
            Ok(Some(s)) if !s.exited && s.start_ticks == r.start_ticks && s.pgid == r.pgid => {
                Liveness::Running
            }
            // An error reading /proc is not proof of life: never signal on it.
            _ => Liveness::Gone,
        }
    }
}
