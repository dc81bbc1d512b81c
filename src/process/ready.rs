//! `spawn --ready`: waiting until a started process is ready, while
//! watching that it does not die first.
//!
//! - `port`: a TCP connection to its port succeeds, on 127.0.0.1 or ::1
//!   (servers that listen on `localhost` may pick either). If another
//!   program already accepted connections there before the process was
//!   started (a server left from another block or worktree), only a socket
//!   that the process's group listens on counts, so the old server never
//!   makes `spawn` report the new one ready. (A port that was free is
//!   taken at its word: the listener may be a delegate outside the group,
//!   such as Docker's proxy for `docker run -p`.)
//! - `file:PATH`: PATH exists;
//! - `log:REGEX`: a line the process wrote to its log in this run
//!   matches REGEX (regex-lite syntax, like Rust's regex crate without
//!   Unicode classes).
//!
//! Each check is polled every [`POLL`], so `spawn` returns a few
//! milliseconds after the process is ready.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::process::launch::{Child, Exit};
use crate::workflow::shown;

/// Time between two checks.
pub const POLL: Duration = Duration::from_millis(4);
/// How much of one log line a `log:` check looks at.
const MAX_LINE: usize = 64 * 1024;

/// What `--ready` waits for.
#[derive(Debug)]
pub enum Ready {
    Port,
    File(PathBuf),
    Log(regex_lite::Regex),
}

impl Ready {
    pub fn parse(raw: &str) -> Result<Ready> {
        let bad = |why: String| {
            Error::usage(format!("invalid --ready {}: {why}", shown(raw)))
                .hint("use --ready port, --ready file:PATH or --ready log:REGEX")
        };
        if raw == "port" {
            return Ok(Ready::Port);
        }
        if let Some(path) = raw.strip_prefix("file:") {
            if path.is_empty() {
                return Err(bad("the path is empty".into()));
            }
            return Ok(Ready::File(PathBuf::from(path)));
        }
        if let Some(re) = raw.strip_prefix("log:") {
            if re.is_empty() {
                return Err(bad("the regular expression is empty".into()));
            }
            return regex_lite::RegexBuilder::new(re)
                .size_limit(1 << 20)
                .build()
                .map(Ready::Log)
                .map_err(|e| bad(format!("not a valid regular expression: {e}")));
        }
        Err(bad("unknown kind of readiness".into()))
    }

    /// What is being waited for, for messages.
    pub fn describe(&self, port: Option<u16>) -> String {
        match self {
            Ready::Port => format!("a connection to port {}", port.unwrap_or(0)),
            Ready::File(p) => format!("the file {}", p.display()),
            Ready::Log(re) => format!("a log line matching {}", shown(re.as_str())),
        }
    }
}

/// How waiting ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Waited {
    Ready,
    Exited(Exit),
    TimedOut,
}

/// Wait up to `timeout` for `ready`, or for `child` to exit. `held_before`:
/// another program accepted connections on the port before `child` was
/// started. `log` is the log file opened for reading and the offset where
/// this run's output starts.
pub fn wait(
    child: &Child,
    ready: &Ready,
    port: Option<u16>,
    held_before: bool,
    mut log: Option<(File, u64)>,
    timeout: Duration,
) -> Result<Waited> {
    let deadline = Instant::now() + timeout;
    let mut scanner = LineScanner::default();
    if let Some((file, offset)) = log.as_mut() {
        file.seek(SeekFrom::Start(*offset))
            .map_err(|e| Error::new(crate::error::ExitCode::Io, format!("reading the log: {e}")))?;
    }
    loop {
        let ok = match ready {
            Ready::Port => {
                port.is_some_and(|p| accepts(p) && (!held_before || listens(child.pid, p)))
            }
            Ready::File(p) => p.exists(),
            Ready::Log(re) => match log.as_mut() {
                Some((file, _)) => scanner.feed(file, re),
                None => false,
            },
        };
        if ok {
            return Ok(Waited::Ready);
        }
        match child.exited() {
            Ok(Some(exit)) => return Ok(Waited::Exited(exit)),
            Ok(None) => {}
            Err(e) => {
                return Err(Error::new(
                    crate::error::ExitCode::Io,
                    format!("cannot watch process {}: {e}", child.pid),
                ));
            }
        }
        if Instant::now() >= deadline {
            return Ok(Waited::TimedOut);
        }
        std::thread::sleep(POLL);
    }
}

/// Whether the group `pgid` leads holds the listening socket on `port`.
/// Where the OS cannot tell, a connection that is accepted has to do.
fn listens(pgid: i32, port: u16) -> bool {
    crate::process::group_listens_on(pgid, port).unwrap_or(true)
}

/// What to add to a failure of `--ready port`: that another program holds
/// the port, if so.
pub fn port_taken(pgid: i32, port: Option<u16>) -> String {
    match port {
        Some(p) if accepts(p) && !listens(pgid, p) => {
            format!("; port {p} is held by another program, not by this process")
        }
        _ => String::new(),
    }
}

/// Whether something accepts TCP connections on `port` on loopback.
pub fn accepts(port: u16) -> bool {
    let addrs = [
        SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        SocketAddr::from((Ipv6Addr::LOCALHOST, port)),
    ];
    addrs
        .iter()
        .any(|a| TcpStream::connect_timeout(a, Duration::from_millis(200)).is_ok())
}

/// Reads a growing log and tests each new line.
#[derive(Default)]
struct LineScanner {
    partial: Vec<u8>,
}

impl LineScanner {
    /// Read what was appended since the last call; whether a line (or the
    /// unfinished last one) matches.
    fn feed(&mut self, file: &mut File, re: &regex_lite::Regex) -> bool {
        let mut chunk = [0u8; 16 * 1024];
        loop {
            let n = match file.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            for part in chunk[..n].split_inclusive(|&b| b == b'\n') {
                let room = MAX_LINE.saturating_sub(self.partial.len());
                self.partial
                    .extend_from_slice(&part[..part.len().min(room)]);
                if part.ends_with(b"\n") {
                    let line = std::mem::take(&mut self.partial);
                    if matches(re, &line) {
                        return true;
                    }
                }
            }
        }
        !self.partial.is_empty() && matches(re, &self.partial)
    }
}

fn matches(re: &regex_lite::Regex, line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    re.is_match(&String::from_utf8_lossy(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        assert!(matches!(Ready::parse("port"), Ok(Ready::Port)));
        assert!(matches!(Ready::parse("file:/tmp/x"), Ok(Ready::File(_))));
        assert!(matches!(
            Ready::parse("log:^Listening on"),
            Ok(Ready::Log(_))
        ));
        for bad in ["", "ports", "file:", "log:", "log:(", "tcp:80"] {
            assert!(Ready::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn log_lines_are_matched_as_they_arrive() -> std::io::Result<()> {
        use std::io::Write;
        let tmp = tempfile::tempdir()?;
        let p = tmp.path().join("log");
        let mut w = File::create(&p)?;
        let mut r = File::open(&p)?;
        let re = regex_lite::Regex::new("^ready on [0-9]+$").map_err(std::io::Error::other)?;
        let mut s = LineScanner::default();
        w.write_all(b"starting\nready on ")?;
        assert!(!s.feed(&mut r, &re));
        w.write_all(b"80")?;
        assert!(s.feed(&mut r, &re), "an unfinished last line counts");
        w.write_all(b"80\n")?;
        let mut s2 = LineScanner::default();
        let mut r2 = File::open(&p)?;
        assert!(s2.feed(&mut r2, &re));
        Ok(())
    }
}
