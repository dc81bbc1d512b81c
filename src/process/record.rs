//! What a workflow remembers about a process it started, and the rules a
//! record and its name must follow. The same checks run on what `spawn`
//! records and on what any store reads back, because a record can be
//! edited by hand, and a record is what decides which process a later
//! `stop` signals.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::vars;
use crate::workflow::shown;

/// Most processes one workflow records.
pub const MAX_PROCESSES: usize = 100;
/// Longest process name.
pub const MAX_NAME_BYTES: usize = 32;
/// Linux never hands out a PID above 2^22 (`PID_MAX_LIMIT`); anything
/// larger in a record was not written by blockstate.
pub const MAX_PID: i32 = 1 << 22;
/// Longest log path a record may hold.
pub const MAX_LOG_PATH_BYTES: usize = 4096;
/// Longest host name a record may hold.
pub const MAX_HOST_BYTES: usize = 255;

/// One process started by `blockstate spawn`.
///
/// A process is identified by its host, the kernel's boot ID, its PID and
/// its start time (clock ticks after boot): a PID alone can be reused by
/// an unrelated process, these four together cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessRecord {
    pub pid: i32,
    /// The process group; always the process's own (it leads its own
    /// session), which every reader checks before anything is signalled.
    pub pgid: i32,
    /// Start time in clock ticks after boot (`/proc/PID/stat`, field 22).
    pub start_ticks: u64,
    /// `/proc/sys/kernel/random/boot_id` when it was started.
    pub boot_id: String,
    /// The host name of the machine it runs on.
    pub host: String,
    /// The command, for people (arguments that are not UTF-8 are shown
    /// lossily; the process got them exactly).
    pub command: Vec<String>,
    /// Where its standard output and error go, on its host.
    pub log: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// When it was started, Unix seconds.
    pub started: u64,
}

impl ProcessRecord {
    /// Whether both records name the same process (not only the same PID).
    pub fn same_process(&self, other: &ProcessRecord) -> bool {
        self.pid == other.pid
            && self.start_ticks == other.start_ticks
            && self.boot_id == other.boot_id
            && self.host == other.host
    }

    /// Check every field. `name` is the record's name, for messages.
    pub fn check(&self, name: &str) -> std::result::Result<(), String> {
        let bad = |what: String| Err(format!("process {name}: {what}"));
        if self.pid <= 1 || self.pid > MAX_PID {
            return bad(format!(
                "PID {} is not one blockstate can have started",
                self.pid
            ));
        }
        // The only group ever signalled is the one the recorded process
        // leads, so that a record can never aim a signal at anyone else.
        if self.pgid != self.pid {
            return bad(format!(
                "process group {} is not the process's own ({})",
                self.pgid, self.pid
            ));
        }
        if self.boot_id.is_empty()
            || self.boot_id.len() > 64
            || !self
                .boot_id
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b'-')
        {
            return bad(format!("boot ID {} is malformed", shown(&self.boot_id)));
        }
        if self.host.is_empty()
            || self.host.len() > MAX_HOST_BYTES
            || self.host.chars().any(char::is_control)
        {
            return bad(format!("host name {} is malformed", shown(&self.host)));
        }
        let command_bytes: usize = self.command.iter().map(|a| a.len() + 1).sum();
        if self.command.is_empty() || command_bytes > vars::MAX_VALUE_BYTES {
            return bad("its command is empty or larger than 1 MiB".into());
        }
        if self.command.iter().any(|a| a.contains('\0')) {
            return bad("its command contains a NUL byte".into());
        }
        if !self.log.starts_with('/')
            || self.log.len() > MAX_LOG_PATH_BYTES
            || self.log.contains('\0')
        {
            return bad(format!(
                "log path {} is not an absolute path",
                shown(&self.log)
            ));
        }
        if self.port == Some(0) {
            return bad("port 0 is not a port".into());
        }
        Ok(())
    }
}

/// The variable-name prefix of a process: `dev-web` → `DEV_WEB`.
pub fn var_prefix(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

/// The variables `load` and `exec` export for a process, in this order.
pub fn var_names(name: &str) -> [String; 3] {
    let p = var_prefix(name);
    [format!("{p}_PID"), format!("{p}_PORT"), format!("{p}_LOG")]
}

/// Check a process name: `[a-z][a-z0-9-]{0,31}`, and each variable it
/// becomes must pass the variable-name rules. Lower case and no `_`, so
/// that two names never become the same variables (`a-b` and `a_b` would).
pub fn check_name(name: &str) -> Result<()> {
    let bytes = name.as_bytes();
    let syntax = matches!(bytes.first(), Some(b) if b.is_ascii_lowercase())
        && bytes.len() <= MAX_NAME_BYTES
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
    if !syntax {
        return Err(Error::usage(format!(
            "invalid process name {}: a name must match [a-z][a-z0-9-]{{0,{}}}",
            shown(name),
            MAX_NAME_BYTES - 1
        ))
        .hint("use lower-case letters, digits and '-', starting with a letter, e.g. web or dev-server (it becomes WEB_PORT, DEV_SERVER_PID...)"));
    }
    for var in var_names(name) {
        vars::check_key(&var).map_err(|e| {
            Error::usage(format!(
                "process name {} cannot be used: {}",
                shown(name),
                e.message
            ))
            .hint("choose another name")
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> ProcessRecord {
        ProcessRecord {
            pid: 4242,
            pgid: 4242,
            start_ticks: 123_456,
            boot_id: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0".into(),
            host: "box".into(),
            command: vec!["python3".into(), "-m".into(), "http.server".into()],
            log: "/run/user/1000/blockstate/logs/wf.web.log".into(),
            port: Some(8000),
            started: 1_700_000_000,
        }
    }

    #[test]
    fn names() {
        for ok in ["web", "dev-server", "a", "db2", &"a".repeat(32)] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "Web",
            "1web",
            "-web",
            "we_b",
            "we.b",
            "we b",
            "../x",
            "w\n",
            "é",
            &"a".repeat(33),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            var_names("dev-web"),
            ["DEV_WEB_PID", "DEV_WEB_PORT", "DEV_WEB_LOG"]
        );
    }

    #[test]
    fn records_are_checked() {
        assert_eq!(sample().check("web"), Ok(()));
        type Change = Box<dyn Fn(&mut ProcessRecord)>;
        let cases: Vec<(&str, Change)> = vec![
            ("PID 0", Box::new(|r| r.pid = 0)),
            ("PID 1 ", Box::new(|r| r.pid = 1)),
            ("PID -5", Box::new(|r| r.pid = -5)),
            ("PID 4194305", Box::new(|r| r.pid = MAX_PID + 1)),
            ("process group 1 ", Box::new(|r| r.pgid = 1)),
            ("process group 0", Box::new(|r| r.pgid = 0)),
            ("process group 77", Box::new(|r| r.pgid = 77)),
            ("boot ID", Box::new(|r| r.boot_id = "x;y".into())),
            ("host name", Box::new(|r| r.host = "a\u{1b}[2J".into())),
            ("command is empty", Box::new(|r| r.command.clear())),
            ("NUL", Box::new(|r| r.command.push("a\0b".into()))),
            ("log path", Box::new(|r| r.log = "relative.log".into())),
            ("port 0", Box::new(|r| r.port = Some(0))),
        ];
        for (fragment, change) in cases {
            let mut r = sample();
            change(&mut r);
            let e = r.check("web").err().unwrap_or_default();
            assert!(e.contains(fragment.trim_end()), "{fragment}: {e}");
        }
    }

    #[test]
    fn identity_is_more_than_the_pid() {
        let a = sample();
        let mut b = sample();
        assert!(a.same_process(&b));
        b.start_ticks += 1;
        assert!(!a.same_process(&b));
        let mut c = sample();
        c.boot_id = "aa".into();
        assert!(!a.same_process(&c));
    }
}
