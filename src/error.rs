//! Errors and the exit codes they map to.
//!
//! Every error carries two sentences: what went wrong, and what the user can
//! do about it. Scripts branch on the exit code, so the codes are part of the
//! public contract and documented in the README.

use std::fmt;
use std::io;
use std::path::Path;

/// Process exit codes. Stable: scripts depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    /// `get` of a key that is not stored (like `grep` finding nothing).
    NotFound = 1,
    /// Bad arguments or input: a malformed key, value, ID or duration.
    Usage = 2,
    /// The stored state cannot be used: corrupt, too large, or written by a
    /// newer blockstate.
    BadState = 3,
    /// The state directory or a file in it failed a safety check.
    Unsafe = 4,
    /// Another process held the workflow's lock for longer than the timeout.
    LockTimeout = 5,
    /// Reading or writing the filesystem failed (full disk, permissions...).
    Io = 6,
    /// A condition of `set --if-absent` / `--if-equals` was not met: nothing
    /// was stored. Not an error: the racer that lost a claim learns it here.
    Conflict = 7,
    /// A background process could not be started, did not become ready,
    /// or could not be stopped.
    Process = 8,
    /// `wait` or `pop --wait` gave up: the timeout passed before the key
    /// was set or a message arrived. 124, as timeout(1) exits.
    TimedOut = 124,
}

#[derive(Debug)]
pub struct Error {
    pub code: ExitCode,
    pub message: String,
    pub hint: Option<String>,
    /// An exit status that overrides `code` (`exec` reports 126/127 like a
    /// shell does).
    pub status: Option<i32>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            hint: None,
            status: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitCode::Usage, message)
    }

    pub fn bad_state(message: impl Into<String>) -> Self {
        Self::new(ExitCode::BadState, message)
    }

    pub fn unsafe_dir(message: impl Into<String>) -> Self {
        Self::new(ExitCode::Unsafe, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn exit_status(mut self, status: i32) -> Self {
        self.status = Some(status);
        self
    }

    /// The process exit status for this error.
    pub fn status(&self) -> i32 {
        self.status.unwrap_or(self.code as i32)
    }

    /// An I/O failure on `path` while doing `what` ("writing", "reading"...).
    pub fn io(what: &str, path: &Path, err: &io::Error) -> Self {
        let hint = match err.raw_os_error() {
            Some(libc::ENOSPC) | Some(libc::EDQUOT) => {
                "free some space on that filesystem (or point BLOCKSTATE_DIR elsewhere) and retry; the stored state was not changed"
            }
            Some(libc::EACCES) | Some(libc::EPERM) => {
                "check the permissions of the state directory, or choose another one with --dir / BLOCKSTATE_DIR"
            }
            Some(libc::EROFS) => {
                "the filesystem is read-only: choose a writable state directory with --dir / BLOCKSTATE_DIR"
            }
            _ => "retry; if it persists, check the filesystem that holds the state directory",
        };
        Error::new(
            ExitCode::Io,
            format!("{what} {} failed: {err}", path.display()),
        )
        .hint(hint)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "blockstate: error: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nblockstate: hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_message_and_hint() {
        let e = Error::usage("bad key 'x-y'").hint("use letters");
        assert_eq!(
            e.to_string(),
            "blockstate: error: bad key 'x-y'\nblockstate: hint: use letters"
        );
        assert_eq!(e.code as i32, 2);
    }

    #[test]
    fn enospc_hint_says_state_unchanged() {
        let e = Error::io(
            "writing",
            Path::new("/x"),
            &io::Error::from_raw_os_error(libc::ENOSPC),
        );
        assert_eq!(e.code, ExitCode::Io);
        assert!(e.hint.unwrap_or_default().contains("not changed"));
    }
}
