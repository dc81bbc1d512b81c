//! A deadline for what one command asks of a networked store: looking up
//! the host, connecting, and every request, retries included, share one
//! budget, so a command waits at most that long in total.
//!
//! Socket timeouts alone cannot give that: they bound each read, and a
//! server that sends its reply one byte at a time resets them with every
//! byte; nor do they bound a host-name lookup or a connect on a full Unix
//! socket. So each blocking call runs under [`Deadline::run`], which sets
//! the socket timeouts to what is left (the caller does that, in the
//! closure) and arms a watchdog thread: if the call has not returned when
//! the time is up, the watchdog prints the timeout error (and what standard
//! output must say for `eval` to fail, `false` for `load`) and ends the
//! process with exit status 6, as the error would have. Nothing is written
//! to standard output before a command ends, so nothing half-done can show.
//!
//! The watchdog is started on first use, so commands that never reach a
//! networked store pay nothing for it.

use std::cell::Cell;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::error::{Error, ExitCode};

pub struct Deadline {
    budget: Duration,
    /// When the current budget runs out, once started.
    ends: Cell<Option<Instant>>,
    watchdog: OnceLock<Arc<Watchdog>>,
}

impl Deadline {
    pub fn new(budget: Duration) -> Self {
        Deadline {
            budget,
            ends: Cell::new(None),
            watchdog: OnceLock::new(),
        }
    }

    /// Start a fresh budget with the next call: each step of a sweep over
    /// many workflows gets its own.
    pub fn renew(&self) {
        self.ends.set(None);
    }

    /// The time left, starting the budget if it has not started; `None`
    /// once it has run out.
    pub fn remaining(&self) -> Option<Duration> {
        let ends = match self.ends.get() {
            Some(ends) => ends,
            None => {
                let ends = Instant::now() + self.budget;
                self.ends.set(Some(ends));
                ends
            }
        };
        ends.checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
    }

    /// Run one blocking call with the time left (`None` if there is none):
    /// if it is still running when the time is up, the process ends with
    /// `expired` as its error.
    pub fn run<T>(&self, expired: &Error, call: impl FnOnce(Duration) -> T) -> Option<T> {
        let left = self.remaining()?;
        let watchdog = self.watchdog.get_or_init(Watchdog::start);
        watchdog.arm(Instant::now() + left, expired);
        let result = call(left);
        watchdog.disarm();
        Some(result)
    }
}

/// What standard output must say if the process is ended before its
/// command finished (set by `main`: `false` for a `load` that is `eval`ed).
static ABORT_STDOUT: OnceLock<&'static str> = OnceLock::new();

pub fn set_abort_stdout(text: &'static str) {
    let _ = ABORT_STDOUT.set(text);
}

struct Watchdog {
    armed: Mutex<Option<(Instant, String)>>,
    changed: Condvar,
}

impl Watchdog {
    fn start() -> Arc<Watchdog> {
        let watchdog = Arc::new(Watchdog {
            armed: Mutex::new(None),
            changed: Condvar::new(),
        });
        let shared = Arc::clone(&watchdog);
        // If the thread cannot start, calls still end at the socket
        // timeouts; only a trickling server or a stuck lookup could then
        // outlast the deadline.
        let _ = std::thread::Builder::new()
            .name("deadline".into())
            .spawn(move || shared.watch());
        watchdog
    }

    fn arm(&self, at: Instant, expired: &Error) {
        if let Ok(mut armed) = self.armed.lock() {
            *armed = Some((at, format!("{expired}\n")));
            self.changed.notify_one();
        }
    }

    fn disarm(&self) {
        if let Ok(mut armed) = self.armed.lock() {
            *armed = None;
        }
    }

    fn watch(&self) {
        let Ok(mut armed) = self.armed.lock() else {
            return;
        };
        loop {
            let wait = match &*armed {
                None => None,
                Some((at, message)) => match at.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    // Still holding the lock, so the call cannot disarm
                    // and carry on while the process ends.
                    _ => abort(message),
                },
            };
            armed = match wait {
                None => match self.changed.wait(armed) {
                    Ok(guard) => guard,
                    Err(_) => return,
                },
                Some(left) => match self.changed.wait_timeout(armed, left) {
                    Ok((guard, _)) => guard,
                    Err(_) => return,
                },
            };
        }
    }
}

/// End the process the way the timeout error would have: the failure
/// output, the message, exit status 6. Written with write(2) and ended
/// with _exit(2): the main thread is blocked somewhere that may hold a
/// lock on std's streams.
fn abort(message: &str) -> ! {
    write_all(1, ABORT_STDOUT.get().copied().unwrap_or("").as_bytes());
    write_all(2, message.as_bytes());
    // SAFETY: _exit ends the process at once; nothing is left to run.
    unsafe { libc::_exit(ExitCode::Io as i32) }
}

fn write_all(fd: i32, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe a live byte slice.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n <= 0 {
            return;
        }
        bytes = &bytes[n as usize..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_starts_on_first_use_and_is_shared() {
        let d = Deadline::new(Duration::from_millis(300));
        std::thread::sleep(Duration::from_millis(50));
        let first = d.remaining().unwrap_or_default();
        assert!(first > Duration::from_millis(250), "{first:?}");
        std::thread::sleep(Duration::from_millis(100));
        let second = d.remaining().unwrap_or_default();
        assert!(second <= first - Duration::from_millis(100), "{second:?}");
        std::thread::sleep(Duration::from_millis(250));
        assert_eq!(d.remaining(), None);
        let e = Error::new(ExitCode::Io, "x");
        assert_eq!(d.run(&e, |_| 1), None, "no call once the time is up");
        d.renew();
        assert!(
            d.remaining()
                .is_some_and(|l| l > Duration::from_millis(250))
        );
    }

    #[test]
    fn a_call_gets_the_time_left() {
        let d = Deadline::new(Duration::from_secs(5));
        let e = Error::new(ExitCode::Io, "x");
        let left = d.run(&e, |left| left);
        assert!(left.is_some_and(|l| l <= Duration::from_secs(5) && l > Duration::from_secs(4)));
    }
}
