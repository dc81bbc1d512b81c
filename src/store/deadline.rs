//! A deadline for what one command asks of a networked store: looking up
//! the host, connecting, and every request, retries included, share one
//! budget, so a command waits at most that long in total.
//!
//! Socket timeouts alone cannot give that: they bound each read, and a
//! server that sends its reply one byte at a time resets them with every
//! byte; nor do they bound a host-name lookup or a connect on a full Unix
//! socket. So each blocking call runs under [`Deadline::run`], which sets
//! the socket timeouts to what is left (the caller does that, in the
//! closure) and arms an alarm (`setitimer`, `SIGALRM`): if the call has not
//! returned when the time is up, the signal handler prints the timeout
//! error (and what standard output must say for `eval` to fail, `false` for
//! `load`) and ends the process with exit status 6, as the error would
//! have. Nothing is written to standard output before a command ends, so
//! nothing half-done can show.
//!
//! An alarm rather than a watchdog thread: arming and disarming it are one
//! system call each, where a thread cost a tenth of a millisecond to start
//! and a wake-up per call. The handler is installed on first use, so
//! commands that never reach a networked store pay nothing for it.

use std::cell::Cell;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, ExitCode};

pub struct Deadline {
    budget: Duration,
    /// When the current budget runs out, once started.
    ends: Cell<Option<Instant>>,
}

impl Deadline {
    pub fn new(budget: Duration) -> Self {
        Deadline {
            budget,
            ends: Cell::new(None),
        }
    }

    /// Start a fresh budget with the next call: each step of a sweep over
    /// many workflows gets its own.
    pub fn renew(&self) {
        self.ends.set(None);
    }

    /// Start a budget of `budget` (not the usual one) now: for one call
    /// that is meant to block on the server (`XREAD BLOCK`) for most of
    /// it. The next [`Deadline::renew`] goes back to the usual budget.
    pub fn renew_for(&self, budget: Duration) {
        self.ends.set(Some(Instant::now() + budget));
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
        let message = format!("{expired}\n");
        let alarm = Alarm::arm(left, message.as_bytes());
        let result = call(left);
        drop(alarm);
        Some(result)
    }
}

/// What the alarm's handler writes: set before it is armed, read only by
/// the handler (which may not take locks or allocate).
static MESSAGE: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static MESSAGE_LEN: AtomicUsize = AtomicUsize::new(0);
static STDOUT: AtomicPtr<u8> = AtomicPtr::new(std::ptr::null_mut());
static STDOUT_LEN: AtomicUsize = AtomicUsize::new(0);

/// What standard output must say if the process is ended before its
/// command finished (set by `main`: `false` for a `load` that is `eval`ed).
pub fn set_abort_stdout(text: &'static str) {
    STDOUT_LEN.store(text.len(), Ordering::Release);
    STDOUT.store(text.as_ptr().cast_mut(), Ordering::Release);
}

/// Set by [`end_quietly`].
static QUIET: AtomicBool = AtomicBool::new(false);

/// From now on, a deadline that runs out ends the process silently with
/// status 0 instead of the timeout error: for completion, where a TAB must
/// get no candidates and nothing may reach the prompt.
pub fn end_quietly() {
    QUIET.store(true, Ordering::Release);
}

/// An armed alarm; dropping it disarms it.
struct Alarm<'a> {
    /// The message the handler may write lives at least as long.
    _message: &'a [u8],
}

impl<'a> Alarm<'a> {
    fn arm(left: Duration, message: &'a [u8]) -> Alarm<'a> {
        static HANDLER: Once = Once::new();
        HANDLER.call_once(|| {
            // SAFETY: a zeroed sigaction is a valid "no flags, empty mask"
            // value; the handler is an extern "C" fn taking the signal
            // number, as sa_sigaction without SA_SIGINFO expects.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = on_alarm as extern "C" fn(libc::c_int) as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(libc::SIGALRM, &action, std::ptr::null_mut());
            }
        });
        MESSAGE_LEN.store(message.len(), Ordering::Release);
        MESSAGE.store(message.as_ptr().cast_mut(), Ordering::Release);
        set_timer(left.max(Duration::from_micros(1)));
        Alarm { _message: message }
    }
}

impl Drop for Alarm<'_> {
    fn drop(&mut self) {
        set_timer(Duration::ZERO);
        MESSAGE.store(std::ptr::null_mut(), Ordering::Release);
    }
}

/// Arm the process's real-time interval timer once (zero disarms it).
fn set_timer(after: Duration) {
    let value = libc::itimerval {
        it_interval: libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
        it_value: libc::timeval {
            tv_sec: after.as_secs() as libc::time_t,
            tv_usec: libc::suseconds_t::from(after.subsec_micros()),
        },
    };
    // SAFETY: a valid itimerval; the old value is not asked for. It cannot
    // fail with valid arguments.
    unsafe { libc::setitimer(libc::ITIMER_REAL, &value, std::ptr::null_mut()) };
}

/// The time is up while a call runs: end the process the way the timeout
/// error would have, with only async-signal-safe calls (write, _exit).
extern "C" fn on_alarm(_signal: libc::c_int) {
    let message = MESSAGE.load(Ordering::Acquire);
    if message.is_null() {
        // Not armed (a stray SIGALRM): nothing to end.
        return;
    }
    if QUIET.load(Ordering::Acquire) {
        // SAFETY: _exit ends the process at once; nothing is left to run.
        unsafe { libc::_exit(0) }
    }
    let stdout = STDOUT.load(Ordering::Acquire);
    if !stdout.is_null() {
        write_all(1, stdout, STDOUT_LEN.load(Ordering::Acquire));
    }
    write_all(2, message, MESSAGE_LEN.load(Ordering::Acquire));
    // SAFETY: _exit ends the process at once; nothing is left to run.
    unsafe { libc::_exit(ExitCode::Io as i32) }
}

fn write_all(fd: i32, mut at: *const u8, mut len: usize) {
    while len > 0 {
        // SAFETY: `at` and `len` describe bytes that stay alive while the
        // alarm is armed (the message) or forever (the standard output).
        let n = unsafe { libc::write(fd, at.cast(), len) };
        if n <= 0 {
            return;
        }
        let n = n as usize;
        // SAFETY: n <= len, so this stays within the same buffer.
        at = unsafe { at.add(n) };
        len -= n;
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
        d.renew_for(Duration::from_secs(60));
        assert!(d.remaining().is_some_and(|l| l > Duration::from_secs(59)));
        d.renew();
        assert!(
            d.remaining()
                .is_some_and(|l| l <= Duration::from_millis(300))
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
