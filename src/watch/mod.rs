//! Waiting for a workflow to change: `wait`, and `pop --wait`.
//!
//! A waiter must never miss the change it waits for, and must not burn
//! CPU while it waits. Both stores follow the same pattern: arm the
//! notification first, then read; whatever changes after the read wakes
//! the waiter, which reads again.
//!
//! - File store: inotify on the state directory (and on a queue's `new/`
//!   directory), see [`inotify`]. If inotify is unavailable (its per-user
//!   limits are exhausted: `EMFILE`, `ENOSPC`), the waiter polls instead,
//!   first after 10 ms, then backing off to one check every 250 ms
//!   ([`Notifier`]).
//! - Redis: every commit and every push adds an entry to the workflow's
//!   change stream; the waiter notes the stream's last entry before it
//!   reads, then blocks in `XREAD` until a newer entry arrives (see
//!   `store::redis`'s COMMIT and `watch::redis`).

#[cfg(target_os = "linux")]
pub mod inotify;
#[cfg(not(target_os = "linux"))]
#[path = "inotify_none.rs"]
pub mod inotify;

pub mod file;
#[cfg(feature = "redis")]
pub mod redis;

use std::time::{Duration, Instant};

use crate::error::Result;
use crate::store::State;

/// When a wait gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// At once: look, but do not wait (`pop` without `--wait`).
    Now,
    At(Instant),
    /// No timeout was given: wait as long as it takes.
    Never,
}

impl Deadline {
    /// `ms` from now, or never.
    pub fn after_ms(ms: Option<u64>) -> Self {
        match ms {
            None => Deadline::Never,
            Some(ms) => Instant::now()
                .checked_add(Duration::from_millis(ms))
                .map_or(Deadline::Never, Deadline::At),
        }
    }

    /// The time left: `None` for never, zero once passed.
    pub fn remaining(&self) -> Option<Duration> {
        match self {
            Deadline::Now => Some(Duration::ZERO),
            Deadline::At(at) => Some(at.saturating_duration_since(Instant::now())),
            Deadline::Never => None,
        }
    }

    pub fn passed(&self) -> bool {
        self.remaining().is_some_and(|d| d.is_zero())
    }
}

/// A workflow's changes, for `wait`.
pub trait Changes {
    /// Arm the notification, then read the workflow's live state (`None`
    /// when absent or expired). Any change after this read wakes the next
    /// [`Changes::next`].
    fn read(&mut self) -> Result<Option<State>>;
    /// Block until the workflow may have changed since the last read
    /// (`true`), or the deadline passed (`false`).
    fn next(&mut self, deadline: Deadline) -> Result<bool>;
}

/// The first pause of the fallback poll, and the longest.
pub const POLL_FIRST: Duration = Duration::from_millis(10);
pub const POLL_MAX: Duration = Duration::from_millis(250);

/// How a file-store waiter learns of changes: inotify, or, once inotify
/// has failed, a poll that backs off from [`POLL_FIRST`] to [`POLL_MAX`].
/// The fallback sticks for the rest of the command: the limits that made
/// inotify fail will not have gone away a moment later.
pub enum Notifier {
    Inotify(Option<inotify::Inotify>),
    Poll(Duration),
}

impl Default for Notifier {
    fn default() -> Self {
        Notifier::Inotify(None)
    }
}

impl Notifier {
    /// Arm a fresh set of watches (`targets`: directory, event mask, the
    /// entry name that matters). `fault` forces the fallback
    /// (`BLOCKSTATE_FAULT=watch:ERRNO`).
    pub fn arm(
        &mut self,
        targets: &[(&std::fs::File, u32, Option<&str>)],
        fault: std::io::Result<()>,
    ) {
        if let Notifier::Inotify(slot) = self {
            let armed = fault.and_then(|()| {
                let mut ino = inotify::Inotify::new()?;
                for (dir, mask, name) in targets {
                    ino.add(dir, *mask, *name)?;
                }
                Ok(ino)
            });
            match armed {
                Ok(ino) => *slot = Some(ino),
                Err(_) => *self = Notifier::Poll(POLL_FIRST),
            }
        }
    }

    /// Block until something may have changed (`true`) or the deadline
    /// passed (`false`).
    pub fn wait(&mut self, deadline: Deadline) -> Result<bool> {
        match self {
            Notifier::Inotify(Some(ino)) => match ino.wait(deadline) {
                Ok(changed) => Ok(changed),
                // Reading events failed: poll from now on.
                Err(_) => {
                    *self = Notifier::Poll(POLL_FIRST);
                    self.wait(deadline)
                }
            },
            Notifier::Inotify(None) => {
                *self = Notifier::Poll(POLL_FIRST);
                self.wait(deadline)
            }
            Notifier::Poll(pause) => {
                let step = *pause;
                *pause = (*pause * 2).min(POLL_MAX);
                match deadline.remaining() {
                    Some(left) if left.is_zero() => Ok(false),
                    Some(left) if left < step => {
                        std::thread::sleep(left);
                        Ok(true)
                    }
                    _ => {
                        std::thread::sleep(step);
                        Ok(true)
                    }
                }
            }
        }
    }

    /// Whether this waiter fell back to polling.
    pub fn polling(&self) -> bool {
        matches!(self, Notifier::Poll(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines() {
        assert!(Deadline::Now.passed());
        assert!(!Deadline::Never.passed());
        assert_eq!(Deadline::Never.remaining(), None);
        assert!(Deadline::after_ms(Some(0)).passed());
        assert!(!Deadline::after_ms(Some(60_000)).passed());
        assert_eq!(Deadline::after_ms(None), Deadline::Never);
    }

    #[test]
    fn the_fallback_poll_backs_off_and_stops_at_the_deadline() -> Result<()> {
        let mut n = Notifier::Poll(POLL_FIRST);
        let start = Instant::now();
        assert!(n.wait(Deadline::Never)?);
        assert!(matches!(n, Notifier::Poll(d) if d == POLL_FIRST * 2));
        for _ in 0..10 {
            n.wait(Deadline::Now)?;
        }
        assert!(matches!(n, Notifier::Poll(d) if d == POLL_MAX));
        assert!(!n.wait(Deadline::Now)?);
        assert!(start.elapsed() >= POLL_FIRST);
        Ok(())
    }
}
