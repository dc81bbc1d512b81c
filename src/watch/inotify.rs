//! Linux's inotify, reduced to what `wait` and `pop --wait` need: watch a
//! few directories, and block until an entry of interest changes or a
//! deadline passes. Nothing polls: the process sleeps in `poll(2)` until
//! the kernel has an event for it.
//!
//! Only this file talks to inotify; other systems get `Unsupported` and
//! the callers fall back to a bounded poll (see `super::Notifier`).

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;

use super::Deadline;

/// What happened to a watched directory, or in it, that matters.
pub const ARRIVED: u32 = libc::IN_MOVED_TO | libc::IN_CLOSE_WRITE | libc::IN_CREATE;
/// An entry arrived, left or was replaced.
pub const ANY_ENTRY: u32 = ARRIVED | libc::IN_MOVED_FROM | libc::IN_DELETE;
/// The watched directory itself went away (removed, or renamed aside).
const SELF_GONE: u32 = libc::IN_DELETE_SELF | libc::IN_MOVE_SELF | libc::IN_IGNORED;

/// One inotify instance and its watches.
pub struct Inotify {
    fd: OwnedFd,
    /// (watch descriptor, the entry name that matters or `None` for any).
    watches: Vec<(i32, Option<OsString>)>,
}

impl Inotify {
    pub fn new() -> io::Result<Self> {
        // SAFETY: inotify_init1 takes flags only and returns a new
        // descriptor or -1.
        let fd = unsafe { libc::inotify_init1(libc::IN_CLOEXEC | libc::IN_NONBLOCK) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: fd is a fresh descriptor that nothing else owns.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        Ok(Inotify {
            fd,
            watches: Vec::new(),
        })
    }

    /// Watch the directory open as `dir` for `mask`, caring only about the
    /// entry `name` (or any entry). The directory is named through
    /// `/proc/self/fd`, so the watch lands on the very directory that was
    /// opened and checked, not on whatever its path names by now.
    pub fn add(&mut self, dir: &File, mask: u32, name: Option<&str>) -> io::Result<()> {
        let path = format!("/proc/self/fd/{}\0", dir.as_raw_fd());
        let mask = mask | libc::IN_DELETE_SELF | libc::IN_MOVE_SELF | libc::IN_ONLYDIR;
        // SAFETY: `path` is NUL-terminated and outlives the call.
        let wd =
            unsafe { libc::inotify_add_watch(self.fd.as_raw_fd(), path.as_ptr().cast(), mask) };
        if wd < 0 {
            return Err(io::Error::last_os_error());
        }
        self.watches
            .push((wd, name.map(|n| OsString::from(n.to_owned()))));
        Ok(())
    }

    /// Block until an event of interest arrives (`true`) or the deadline
    /// passes (`false`).
    pub fn wait(&mut self, deadline: Deadline) -> io::Result<bool> {
        // Room for many events; each is 16 bytes plus a padded name.
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let timeout = match deadline.remaining() {
                None => -1,
                Some(d) if d.is_zero() => return Ok(false),
                // Round up, so that a wait never ends just short of its
                // deadline and spins on zero-length polls.
                Some(d) => i32::try_from(d.as_nanos().div_ceil(1_000_000)).unwrap_or(i32::MAX),
            };
            let mut pfd = libc::pollfd {
                fd: self.fd.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call.
            let n = unsafe { libc::poll(&mut pfd, 1, timeout) };
            if n < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            if n == 0 {
                continue;
            }
            // SAFETY: reading into a buffer we own, of the length given.
            let len =
                unsafe { libc::read(self.fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if len < 0 {
                let e = io::Error::last_os_error();
                if matches!(
                    e.kind(),
                    io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
                ) {
                    continue;
                }
                return Err(e);
            }
            let len = usize::try_from(len).unwrap_or(0);
            if self.relevant(&buf[..len]) {
                return Ok(true);
            }
        }
    }

    /// Whether a batch of events holds one that matters: any event about a
    /// watched entry's name, a watched directory going away, or a queue
    /// overflow (events were dropped, so anything may have changed).
    fn relevant(&self, mut events: &[u8]) -> bool {
        const HEADER: usize = std::mem::size_of::<libc::inotify_event>();
        while events.len() >= HEADER {
            // SAFETY: at least HEADER bytes remain; read_unaligned copes
            // with any alignment of the buffer.
            let event: libc::inotify_event =
                unsafe { std::ptr::read_unaligned(events.as_ptr().cast()) };
            let name_len = event.len as usize;
            let end = (HEADER + name_len).min(events.len());
            let raw_name = &events[HEADER..end];
            events = &events[end..];
            if event.mask & (libc::IN_Q_OVERFLOW | SELF_GONE) != 0 {
                return true;
            }
            let Some((_, filter)) = self.watches.iter().find(|(wd, _)| *wd == event.wd) else {
                continue;
            };
            match filter {
                None => return true,
                Some(want) => {
                    let name: Vec<u8> = raw_name.iter().copied().take_while(|b| *b != 0).collect();
                    if OsString::from_vec(name) == *want {
                        return true;
                    }
                }
            }
        }
        false
    }
}
