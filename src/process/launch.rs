//! Starting a detached process, in two steps so that a `spawn` killed at
//! any moment never leaves a running command without a record:
//!
//! 1. [`start`] forks a child that detaches (its own session and process
//!    group, standard input from /dev/null, output to the log) and then
//!    waits on a pipe *before* running anything;
//! 2. the caller records the child (its PID and start time are final: an
//!    exec keeps both), and only then [`Child::release`]s it, which makes
//!    it exec the command.
//!
//! If the caller dies before releasing, the pipe's write end closes, the
//! child reads end-of-file and exits without running the command. If it
//! dies after recording and before releasing, a record remains for a
//! process that is gone, which `ps` shows as gone and the next `spawn`
//! replaces. A running command without a record is never left behind.
//!
//! Between `fork` and `exec` the child only makes async-signal-safe
//! system calls on memory prepared before the fork.

use std::ffi::{CString, OsStr, OsString};
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Everything the child needs, prepared before the fork.
pub struct Launch {
    program: CString,
    argv: Vec<CString>,
    envp: Vec<CString>,
    stdin: OwnedFd,
    log: OwnedFd,
}

/// A started child that has not run the command yet, or has been released.
#[derive(Debug)]
pub struct Child {
    pub pid: i32,
    /// Write end of the go pipe; `None` once released or abandoned.
    go: Option<OwnedFd>,
    /// Read end of the exec report pipe.
    report: OwnedFd,
    reaped: bool,
}

/// How the child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Exit::Code(c) => write!(f, "exited with status {c}"),
            Exit::Signal(s) => write!(f, "was killed by signal {s}"),
        }
    }
}

fn cstring(bytes: &[u8], what: &str) -> Result<CString> {
    CString::new(bytes).map_err(|_| {
        Error::usage(format!("{what} contains a NUL byte")).hint("remove it and retry")
    })
}

impl Launch {
    /// Resolve `command[0]` on the PATH of `env` (as the shell would) and
    /// prepare the argument and environment arrays.
    pub fn new(
        command: &[OsString],
        env: &[(OsString, OsString)],
        stdin: OwnedFd,
        log: OwnedFd,
    ) -> Result<Launch> {
        let Some(first) = command.first() else {
            return Err(Error::usage("`blockstate spawn` needs a command")
                .hint("blockstate spawn NAME -- CMD [ARGS]..."));
        };
        let path = env
            .iter()
            .rev()
            .find(|(k, _)| k == "PATH")
            .map(|(_, v)| v.clone());
        let program = resolve(first, path.as_deref())?;
        let argv = command
            .iter()
            .map(|a| cstring(a.as_bytes(), "an argument of the command"))
            .collect::<Result<Vec<_>>>()?;
        let mut envp = Vec::with_capacity(env.len());
        for (k, v) in env {
            let mut kv = k.as_bytes().to_vec();
            kv.push(b'=');
            kv.extend_from_slice(v.as_bytes());
            envp.push(cstring(&kv, "an environment variable")?);
        }
        Ok(Launch {
            program: cstring(program.as_os_str().as_bytes(), "the command's path")?,
            argv,
            envp,
            stdin,
            log,
        })
    }
}

/// The file `program` names: itself if it holds a `/`, else the first
/// executable regular file of that name in `path`'s directories (an empty
/// entry is the current directory, as for `execvp`).
fn resolve(program: &OsStr, path: Option<&OsStr>) -> Result<PathBuf> {
    let shown = Path::new(program).display().to_string();
    if program.is_empty() {
        return Err(Error::usage("the command is empty").hint("name a program to run"));
    }
    let not_found = || {
        Error::usage(format!(
            "cannot run {}: command not found",
            crate::workflow::shown(&shown)
        ))
        .hint("check the command name, or give its full path")
        .exit_status(127)
    };
    if program.as_bytes().contains(&b'/') {
        let p = PathBuf::from(program);
        return match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => Ok(p),
            Ok(_) => Err(Error::usage(format!(
                "cannot run {}: not a regular file",
                crate::workflow::shown(&shown)
            ))
            .hint("name an executable file")
            .exit_status(126)),
            Err(_) => Err(not_found()),
        };
    }
    let path = path.unwrap_or(OsStr::new("/usr/local/bin:/usr/bin:/bin"));
    for dir in path.as_bytes().split(|&b| b == b':') {
        let dir = if dir.is_empty() {
            Path::new(".")
        } else {
            Path::new(OsStr::from_bytes(dir))
        };
        let candidate = dir.join(program);
        let Ok(meta) = std::fs::metadata(&candidate) else {
            continue;
        };
        let Ok(c) = CString::new(candidate.as_os_str().as_bytes()) else {
            continue;
        };
        // SAFETY: a valid NUL-terminated path.
        if meta.is_file() && unsafe { libc::access(c.as_ptr(), libc::X_OK) } == 0 {
            return Ok(candidate);
        }
    }
    Err(not_found())
}

fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe2 just created both descriptors; nothing else owns them.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Fork the child. It detaches and waits; nothing runs until
/// [`Child::release`].
pub fn start(launch: &Launch) -> io::Result<Child> {
    let (go_r, go_w) = pipe()?;
    let (report_r, report_w) = pipe()?;
    let mut argv: Vec<*const libc::c_char> = launch.argv.iter().map(|a| a.as_ptr()).collect();
    argv.push(std::ptr::null());
    let mut envp: Vec<*const libc::c_char> = launch.envp.iter().map(|a| a.as_ptr()).collect();
    envp.push(std::ptr::null());
    // SAFETY: fork has no preconditions. In the child, only
    // async-signal-safe calls follow, on memory prepared above, until exec
    // or _exit.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(io::Error::last_os_error());
    }
    if pid == 0 {
        // SAFETY: the child; see `child`.
        unsafe {
            child(
                launch,
                go_r.as_raw_fd(),
                go_w.as_raw_fd(),
                report_r.as_raw_fd(),
                report_w.as_raw_fd(),
                &argv,
                &envp,
            )
        }
    }
    drop(go_r);
    drop(report_w);
    Ok(Child {
        pid,
        go: Some(go_w),
        report: report_r,
        reaped: false,
    })
}

/// The forked child: detach, wait for the go byte, exec. Never returns.
///
/// # Safety
/// Only to be called in a freshly forked child, with pointers into arrays
/// that live as long as the parent's `start` frame (the fork copied them).
unsafe fn child(
    launch: &Launch,
    go_r: i32,
    go_w: i32,
    report_r: i32,
    report_w: i32,
    argv: &[*const libc::c_char],
    envp: &[*const libc::c_char],
) -> ! {
    // SAFETY: every call below is async-signal-safe and takes descriptors
    // or pointers that are valid in this process.
    unsafe {
        // The parent's ends: the go pipe's write end must be closed here, or
        // the child would never see end-of-file if the parent dies.
        libc::close(go_w);
        libc::close(report_r);
        // Its own session, hence its own process group, led by itself: no
        // terminal signal of the block reaches it, and `stop` can signal
        // the whole group.
        if libc::setsid() < 0 {
            fail(report_w);
        }
        if libc::dup2(launch.stdin.as_raw_fd(), 0) < 0
            || libc::dup2(launch.log.as_raw_fd(), 1) < 0
            || libc::dup2(launch.log.as_raw_fd(), 2) < 0
        {
            fail(report_w);
        }
        // blockstate ignores SIGPIPE for itself; the command gets the
        // default back, and no blocked signal.
        let mut dfl: libc::sigaction = std::mem::zeroed();
        dfl.sa_sigaction = libc::SIG_DFL;
        libc::sigaction(libc::SIGPIPE, &dfl, std::ptr::null_mut());
        let mut none: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut none);
        libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
        let mut byte = 0u8;
        let n = loop {
            let n = libc::read(go_r, (&mut byte as *mut u8).cast(), 1);
            if n < 0 && *libc::__errno_location() == libc::EINTR {
                continue;
            }
            break n;
        };
        if n != 1 || byte != b'g' {
            // The parent died or gave up before recording us: run nothing.
            libc::_exit(0);
        }
        libc::execve(launch.program.as_ptr(), argv.as_ptr(), envp.as_ptr());
        fail(report_w)
    }
}

/// Report errno to the parent and exit like a shell whose command failed.
///
/// # Safety
/// Only in the forked child.
unsafe fn fail(report_w: i32) -> ! {
    // SAFETY: async-signal-safe calls on a valid descriptor and a local.
    unsafe {
        let errno = *libc::__errno_location();
        let bytes = errno.to_ne_bytes();
        libc::write(report_w, bytes.as_ptr().cast(), bytes.len());
        libc::_exit(127)
    }
}

impl Child {
    /// Let the child run the command, and wait until it has: `Ok` once the
    /// exec succeeded, the exec's error otherwise (the child then exits).
    pub fn release(&mut self) -> io::Result<()> {
        let Some(go) = self.go.take() else {
            return Ok(());
        };
        let sent = write_all(&go, b"g");
        drop(go);
        sent?;
        let mut buf = [0u8; 4];
        let mut got = 0;
        while got < buf.len() {
            // SAFETY: reading into the unfilled part of a local buffer.
            let n = unsafe {
                libc::read(
                    self.report.as_raw_fd(),
                    buf[got..].as_mut_ptr().cast(),
                    buf.len() - got,
                )
            };
            match n {
                0 => break,
                n if n > 0 => got += n as usize,
                _ => {
                    let e = io::Error::last_os_error();
                    if e.kind() != io::ErrorKind::Interrupted {
                        return Err(e);
                    }
                }
            }
        }
        match got {
            // End of file: the report pipe closed at a successful exec.
            0 => Ok(()),
            4 => Err(io::Error::from_raw_os_error(i32::from_ne_bytes(buf))),
            _ => Err(io::Error::other("the child's exec report was cut short")),
        }
    }

    /// Give up before releasing: the child exits without running anything.
    pub fn abandon(&mut self) {
        self.go = None;
        let _ = self.wait();
    }

    /// How the child ended, if it has, without collecting it: until it is
    /// collected its PID (and so its process group's number) cannot be
    /// reused, so signalling the group stays safe.
    pub fn exited(&self) -> io::Result<Option<Exit>> {
        if self.reaped {
            return Ok(None);
        }
        // SAFETY: a zeroed siginfo_t is a valid buffer for waitid.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: waitid writes only into `info`.
        let rc = unsafe {
            libc::waitid(
                libc::P_PID,
                self.pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOHANG | libc::WNOWAIT,
            )
        };
        if rc != 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: waitid filled `info` (si_pid is 0 if nothing changed).
        let (pid, status) = unsafe { (info.si_pid(), info.si_status()) };
        if pid == 0 {
            return Ok(None);
        }
        Ok(Some(if info.si_code == libc::CLD_EXITED {
            Exit::Code(status)
        } else {
            Exit::Signal(status)
        }))
    }

    /// Collect the child (blocking until it exits).
    pub fn wait(&mut self) -> io::Result<Option<Exit>> {
        if self.reaped {
            return Ok(None);
        }
        let mut status = 0;
        loop {
            // SAFETY: waitpid writes only into `status`.
            let rc = unsafe { libc::waitpid(self.pid, &mut status, 0) };
            if rc == self.pid {
                break;
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
        self.reaped = true;
        Ok(Some(if libc::WIFEXITED(status) {
            Exit::Code(libc::WEXITSTATUS(status))
        } else {
            Exit::Signal(libc::WTERMSIG(status))
        }))
    }
}

fn write_all(fd: &OwnedFd, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: writing from a valid slice to a valid descriptor.
        let n = unsafe { libc::write(fd.as_raw_fd(), bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        bytes = &bytes[n as usize..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn programs_resolve_like_execvp() {
        let path = OsStr::new("/nonexistent::/bin:/usr/bin");
        assert!(resolve(OsStr::new("sh"), Some(path)).is_ok_and(|p| p.ends_with("sh")));
        let e = resolve(OsStr::new("no-such-program-xyz"), Some(path)).err();
        assert!(e.is_some_and(|e| e.status() == 127 && e.message.contains("not found")));
        let e = resolve(OsStr::new("/"), None).err();
        assert!(e.is_some_and(|e| e.status() == 126));
        assert!(resolve(OsStr::new(""), None).is_err());
    }
}
