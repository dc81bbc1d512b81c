//! The Linux-specific part of process tracking: everything read from
//! `/proc`, and `pidfd_open`. Another Unix needs its own version of these
//! five functions (see `unsupported.rs` for the signatures and `mod.rs` for
//! what each must guarantee).

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{FromRawFd, OwnedFd};

use super::Stat;

/// `/proc/PID/stat` of one process; `None` if there is no such process.
pub fn stat(pid: i32) -> io::Result<Option<Stat>> {
    let mut buf = [0u8; 1024];
    let path = format!("/proc/{pid}/stat");
    let n = match File::open(&path).and_then(|mut f| f.read(&mut buf)) {
        Ok(n) => n,
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ESRCH)) => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    parse_stat(&buf[..n])
        .map(Some)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("{path} is malformed")))
}

/// Fields of a `/proc/PID/stat` line. The command name (field 2) is in
/// parentheses and may itself hold spaces and parentheses, so the fields
/// are counted from the last `)`.
fn parse_stat(line: &[u8]) -> Option<Stat> {
    let close = line.iter().rposition(|&b| b == b')')?;
    let rest = std::str::from_utf8(line.get(close + 1..)?).ok()?;
    let mut fields = rest.split_ascii_whitespace();
    // Field 3 is the state; field 5 the process group; field 22 the start
    // time. `fields` starts at field 3.
    let state = fields.next()?.bytes().next()?;
    let pgid = fields.nth(1)?.parse().ok()?;
    let start_ticks = fields.nth(16)?.parse().ok()?;
    Some(Stat {
        pgid,
        start_ticks,
        // Z: zombie, X: dead. Neither runs, and both are about to vanish.
        exited: matches!(state, b'Z' | b'X' | b'x'),
    })
}

/// The kernel's boot ID: a UUID that changes at every boot, so that a
/// record made before a reboot never matches a process after it.
pub fn boot_id() -> io::Result<String> {
    let mut text = String::new();
    File::open("/proc/sys/kernel/random/boot_id")?.read_to_string(&mut text)?;
    Ok(text.trim().to_owned())
}

/// How many processes of group `pgid` have not exited (zombies, which no
/// signal can stop and whose parent has yet to collect them, do not count).
pub fn live_members(pgid: i32) -> io::Result<usize> {
    let mut count = 0;
    for entry in std::fs::read_dir("/proc")? {
        let Ok(entry) = entry else { continue };
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        // A process that exits while the directory is read is simply gone.
        if let Ok(Some(s)) = stat(pid)
            && s.pgid == pgid
            && !s.exited
        {
            count += 1;
        }
    }
    Ok(count)
}

/// Whether a process of group `pgid` holds a TCP socket listening on
/// `port` (any local address, IPv4 or IPv6): the sockets in LISTEN state
/// (`0A`) on that port in `/proc/net/tcp` and `tcp6`, matched by inode
/// against the descriptors of the group's processes.
pub fn group_listens_on(pgid: i32, port: u16) -> io::Result<bool> {
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = match std::fs::read_to_string(table) {
            Ok(t) => t,
            // No IPv6 in this kernel: no such table.
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        inodes.extend(listening_inodes(&text, port));
    }
    if inodes.is_empty() {
        return Ok(false);
    }
    // The group's leader first: most servers are the process spawn
    // started (or what it exec'd), which spares reading every process.
    if holds_socket(pgid, &inodes) {
        return Ok(true);
    }
    for entry in std::fs::read_dir("/proc")? {
        let Ok(entry) = entry else { continue };
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if pid != pgid
            && matches!(stat(pid), Ok(Some(s)) if s.pgid == pgid)
            && holds_socket(pid, &inodes)
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `pid` has a descriptor on one of the sockets `inodes`. A
/// process that exits meanwhile, or whose descriptors are not ours to
/// read, holds nothing we can see.
fn holds_socket(pid: i32, inodes: &[String]) -> bool {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten().any(|fd| {
        std::fs::read_link(fd.path()).is_ok_and(|target| {
            target
                .to_str()
                .and_then(|t| t.strip_prefix("socket:["))
                .and_then(|t| t.strip_suffix(']'))
                .is_some_and(|inode| inodes.iter().any(|i| i == inode))
        })
    })
}

/// The inodes of the sockets listening on `port` in one `/proc/net/tcp*`
/// table (`sl local_address rem_address st ... uid timeout inode`, the
/// local address as `HEXADDR:HEXPORT`).
fn listening_inodes(table: &str, port: u16) -> Vec<String> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let local_port = fields.get(1)?.rsplit_once(':')?.1;
            let listening = *fields.get(3)? == "0A";
            (listening && u16::from_str_radix(local_port, 16).ok()? == port)
                .then(|| fields.get(9).map(|i| (*i).to_owned()))?
        })
        .collect()
}

/// A descriptor that pins `pid`: while it is open, the kernel does not
/// hand that number to another process, so a process (and the group it
/// leads) verified after pinning stays the verified one. `Ok(None)` on a
/// kernel without `pidfd_open` (before 5.3).
pub fn pin(pid: i32) -> io::Result<Option<OwnedFd>> {
    // SAFETY: pidfd_open takes a PID and flags and returns a new descriptor
    // or -1; it touches no memory of ours.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid, 0) };
    if fd < 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ENOSYS) => Ok(None),
            _ => Err(e),
        };
    }
    // SAFETY: the kernel just returned this descriptor, and nothing else
    // owns it.
    Ok(Some(unsafe { OwnedFd::from_raw_fd(fd as i32) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_sockets_are_read_from_the_tcp_tables() {
        let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:1F40 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 00000000:1F41 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0000000000000000 100 0 0 10 0
";
        assert_eq!(listening_inodes(table, 8000), ["4242"]);
        assert_eq!(listening_inodes(table, 8001), ["4444"]);
        assert!(listening_inodes(table, 80).is_empty());
    }

    #[test]
    fn a_listener_of_this_process_is_found_and_another_port_is_not() -> io::Result<()> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        // SAFETY: getpgrp has no preconditions.
        let own = unsafe { libc::getpgrp() };
        assert!(group_listens_on(own, port)?);
        drop(listener);
        assert!(!group_listens_on(own, port)?);
        Ok(())
    }

    #[test]
    fn stat_lines_with_odd_command_names_parse() {
        let line = b"4242 (we ird) (name)) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 18446744073709551615\n";
        assert_eq!(
            parse_stat(line),
            Some(Stat {
                pgid: 4240,
                start_ticks: 987_654,
                exited: false
            })
        );
        let zombie = b"7 (x) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55 0 0\n";
        assert_eq!(parse_stat(zombie).map(|s| s.exited), Some(true));
        assert_eq!(parse_stat(b"7 (x) S 1"), None);
        assert_eq!(parse_stat(b"garbage"), None);
    }

    #[test]
    fn this_process_is_found_and_running() -> io::Result<()> {
        let me = std::process::id() as i32;
        let s = stat(me)?;
        assert!(s.is_some_and(|s| !s.exited && s.start_ticks > 0));
        assert!(!boot_id()?.is_empty());
        Ok(())
    }
}
