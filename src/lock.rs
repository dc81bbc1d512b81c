//! Advisory locks with a timeout, on std's `File::lock` family (flock(2)).
//!
//! std only offers a blocking lock or a non-blocking attempt, and a blocking
//! lock could hang a user's shell block forever behind a stuck process. So a
//! contended lock is waited for by a helper thread blocked in `File::lock`,
//! and the caller gives up when the timeout passes.
//!
//! Waiting in the kernel rather than polling `try_lock` matters under
//! contention: the kernel wakes blocked waiters as soon as the lock is
//! released, whereas a poller sleeping in its back-off loses the lock to
//! newcomers again and again. With 64 writers on one workflow, polling made
//! 0.8% of them time out after 10 s (see GUARANTEES.md).

use std::fs::{File, TryLockError};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Error, ExitCode, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shared,
    Exclusive,
}

/// Lock `file` (which lives at `path`, for messages), waiting at most
/// `timeout_ms`. The lock is released when the `File` is dropped.
pub fn lock(file: &File, path: &Path, mode: Mode, timeout_ms: u64) -> Result<()> {
    lock_within(file, path, mode, Instant::now(), timeout_ms)
}

/// Like [`lock`], with the timeout counted from `started`: a writer that
/// takes two locks in a row (the directory's, then the workflow's) gives up
/// `timeout_ms` after it began waiting, not up to twice that.
///
/// After a timeout the helper thread stays blocked, and if the lock comes
/// free it takes it on `file`'s open file description; the caller must drop
/// `file` (every caller ends the command on a timeout), which releases it.
pub fn lock_within(
    file: &File,
    path: &Path,
    mode: Mode,
    started: Instant,
    timeout_ms: u64,
) -> Result<()> {
    // Uncontended, the common case: no thread.
    if try_once(file, path, mode)? {
        return Ok(());
    }
    let timed_out = || {
        Error::new(
            ExitCode::LockTimeout,
            format!(
                "timed out after {} waiting for the lock on {} (another blockstate process is writing, or a process holds the lock)",
                crate::time::human_ms(u128::from(timeout_ms)),
                path.display()
            ),
        )
        .hint("retry, raise --lock-timeout / BLOCKSTATE_LOCK_TIMEOUT, or find the holder with `fuser` or `lsof`; nothing was changed")
    };
    let remaining =
        (started + Duration::from_millis(timeout_ms)).saturating_duration_since(Instant::now());
    if remaining.is_zero() {
        return Err(timed_out());
    }
    // A duplicate descriptor shares the open file description, so the lock
    // the thread takes is the caller's.
    let waiter = file
        .try_clone()
        .map_err(|e| Error::io("locking", path, &e))?;
    let (tx, rx) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("lock-wait".into())
        .spawn(move || {
            let result = loop {
                let r = match mode {
                    Mode::Shared => waiter.lock_shared(),
                    Mode::Exclusive => waiter.lock(),
                };
                match r {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    r => break r,
                }
            };
            let _ = tx.send(result);
        })
        .map_err(|e| Error::io("starting a thread to wait for", path, &e))?;
    match rx.recv_timeout(remaining) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(Error::io("locking", path, &e)),
        Err(_) => Err(timed_out()),
    }
}

/// One attempt, without waiting. `Ok(false)` if someone else holds it.
pub fn try_once(file: &File, path: &Path, mode: Mode) -> Result<bool> {
    match try_lock(file, mode) {
        Ok(()) => Ok(true),
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(e)) => Err(Error::io("locking", path, &e)),
    }
}

fn try_lock(file: &File, mode: Mode) -> std::result::Result<(), TryLockError> {
    match mode {
        Mode::Shared => file.try_lock_shared(),
        Mode::Exclusive => file.try_lock(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_excludes_and_times_out() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("l");
        let a = File::create(&path)?;
        let b = File::open(&path)?;
        lock(&a, &path, Mode::Exclusive, 0)?;
        let started = Instant::now();
        let err = lock(&b, &path, Mode::Exclusive, 30).err();
        assert!(started.elapsed() >= Duration::from_millis(30));
        assert_eq!(err.map(|e| e.code), Some(ExitCode::LockTimeout));
        assert!(!try_once(&b, &path, Mode::Shared)?);
        drop(a);
        assert!(try_once(&b, &path, Mode::Shared)?);
        Ok(())
    }

    /// Regression: the workflow lock used to get a fresh timeout after the
    /// wait for the directory lock, so a writer could wait twice as long
    /// as --lock-timeout says.
    #[test]
    fn second_lock_waited_a_full_timeout_again()
    -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("l");
        let a = File::create(&path)?;
        let b = File::open(&path)?;
        lock(&a, &path, Mode::Exclusive, 0)?;
        let began = Instant::now();
        let Some(started) = began.checked_sub(Duration::from_millis(1000)) else {
            return Ok(());
        };
        let err = lock_within(&b, &path, Mode::Exclusive, started, 1000).err();
        assert_eq!(err.map(|e| e.code), Some(ExitCode::LockTimeout));
        assert!(began.elapsed() < Duration::from_millis(500));
        Ok(())
    }

    #[test]
    fn shared_locks_coexist() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("l");
        let a = File::create(&path)?;
        let b = File::open(&path)?;
        lock(&a, &path, Mode::Shared, 0)?;
        lock(&b, &path, Mode::Shared, 0)?;
        Ok(())
    }
}
