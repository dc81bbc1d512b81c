//! Process tracking on systems without a port yet: every query fails with
//! a clear error, so `spawn`, `ps` and `stop` refuse instead of guessing,
//! and everything else works. A port implements these five functions with
//! the guarantees described in `mod.rs` (e.g. `sysctl kern.proc.pid` and
//! `kern.boottime` on the BSDs and macOS).

use std::io;
use std::os::fd::OwnedFd;

use super::Stat;

fn unsupported() -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        "background processes are only supported on Linux so far",
    )
}

pub fn stat(_pid: i32) -> io::Result<Option<Stat>> {
    Err(unsupported())
}

pub fn boot_id() -> io::Result<String> {
    Err(unsupported())
}

pub fn live_members(_pgid: i32) -> io::Result<usize> {
    Err(unsupported())
}

pub fn group_listens_on(_pgid: i32, _port: u16) -> io::Result<bool> {
    Err(unsupported())
}

pub fn pin(_pid: i32) -> io::Result<Option<OwnedFd>> {
    Ok(None)
}
