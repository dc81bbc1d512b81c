//! Where workflow state lives. A small trait so that a networked store can sit
//! beside the file store with the same semantics.

pub mod deadline;
pub mod file;
pub mod parents;
#[cfg(feature = "redis")]
pub mod redis;
#[cfg(feature = "redis")]
pub mod redis_hash;
pub mod update;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::process::record::{self, MAX_PROCESSES, ProcessRecord};
use crate::vars;
use crate::workflow::WorkflowId;
pub use update::{Op, Outcome, Update};

/// The state format version this build writes. Version 1 (no `ttl`) is
/// read as well; a blockstate that knows only version 1 refuses version 2
/// as newer instead of misreading its new fields.
pub const STATE_VERSION: u64 = 2;

/// One workflow's state, exactly as stored (see the README for the format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u64,
    pub workflow: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unix seconds.
    pub created: u64,
    pub updated: u64,
    pub expires: u64,
    /// The workflow's own TTL in seconds, given once with `--ttl`; updates
    /// renew the expiry with it instead of the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<u64>,
    pub vars: BTreeMap<String, String>,
    /// Background processes started by `spawn`, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub processes: BTreeMap<String, ProcessRecord>,
}

/// Read first when a file fails to parse, so that a file from a newer
/// blockstate is reported as such rather than as corrupt.
#[derive(Deserialize)]
struct VersionProbe {
    version: u64,
}

impl State {
    pub fn new(id: &WorkflowId, now: u64, ttl_secs: u64) -> Self {
        State {
            version: STATE_VERSION,
            workflow: id.as_str().to_owned(),
            description: None,
            created: now,
            updated: now,
            expires: now.saturating_add(ttl_secs),
            ttl: None,
            vars: BTreeMap::new(),
            processes: BTreeMap::new(),
        }
    }

    pub fn is_expired(&self, now: u64) -> bool {
        self.expires <= now
    }

    /// Parse and validate the bytes of workflow `id`'s state file.
    /// `source` names where they came from, for the error message.
    pub fn from_json(bytes: &[u8], source: &str, id: &str) -> Result<Self> {
        let what = format!("state file {source}");
        // Formatted only for an error: this is on every `load`'s path.
        let fix = || file_fix(id);
        let state: State = match serde_json::from_slice(bytes) {
            Ok(s) => s,
            Err(e) => {
                if let Ok(probe) = serde_json::from_slice::<VersionProbe>(bytes) {
                    version_ok(probe.version, &what, fix)?;
                }
                return Err(not_state(&what, &e.to_string(), &fix()));
            }
        };
        state.check(&what, fix)?;
        Ok(state)
    }

    /// The checks every store applies to what it reads back, because stored
    /// state can be edited by hand: the format version, the number of keys,
    /// and every name and value against the input rules. `what` names the
    /// state in messages ("state file /path", "Redis key k on host:port");
    /// `fix` is the hint.
    pub fn validate(&self, what: &str, fix: &str) -> Result<()> {
        self.check(what, || fix.to_owned())
    }

    fn check(&self, what: &str, fix: impl Fn() -> String) -> Result<()> {
        version_ok(self.version, what, &fix)?;
        vars::check_count(self.vars.len())
            .map_err(|e| Error::bad_state(format!("{what}: {}", e.message)).hint(fix()))?;
        for (key, value) in &self.vars {
            vars::check_key(key)
                .and_then(|()| vars::check_value(key, value))
                .map_err(|e| {
                    Error::bad_state(format!("{what} holds a bad entry: {}", e.message)).hint(fix())
                })?;
        }
        check_processes(&self.processes).map_err(|e| {
            Error::bad_state(format!("{what} holds a bad process record: {e}")).hint(fix())
        })
    }

    pub fn to_json(&self) -> Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::bad_state(format!("cannot serialize state: {e}")))?;
        out.push(b'\n');
        if out.len() as u64 > vars::MAX_STATE_BYTES {
            return Err(Error::usage(format!(
                "the workflow's state would be {} bytes; the limit is {} bytes",
                out.len(),
                vars::MAX_STATE_BYTES
            ))
            .hint("store large content in files and keep their paths in blockstate"));
        }
        Ok(out)
    }
}

/// The hint for an unusable state file of workflow `id`. IDs never need
/// quoting in a shell.
pub fn file_fix(id: &str) -> String {
    format!(
        "inspect it (it is plain JSON), then delete it with `blockstate gc -w {id}` to start the workflow afresh"
    )
}

/// Every process record against its rules, and their number.
pub fn check_processes(processes: &BTreeMap<String, ProcessRecord>) -> Result<(), String> {
    if processes.len() > MAX_PROCESSES {
        return Err(format!(
            "{} processes; a workflow records at most {MAX_PROCESSES}",
            processes.len()
        ));
    }
    for (name, r) in processes {
        record::check_name(name).map_err(|e| e.message)?;
        r.check(name)?;
    }
    Ok(())
}

/// Refuse a format version this build cannot read. `what` names the state
/// ("state file /path"); `fix` is the hint for a version that is invalid.
pub fn check_version(version: u64, what: &str, fix: &str) -> Result<()> {
    version_ok(version, what, || fix.to_owned())
}

fn version_ok(version: u64, what: &str, fix: impl Fn() -> String) -> Result<()> {
    if version > STATE_VERSION {
        return Err(Error::bad_state(format!(
            "{what} has format version {version}, newer than this blockstate understands ({STATE_VERSION}); it was left untouched"
        ))
        .hint("upgrade blockstate, or use another workflow"));
    }
    if version == 0 {
        return Err(
            Error::bad_state(format!("{what} has an invalid format version 0")).hint(fix()),
        );
    }
    Ok(())
}

/// Stored data that is not blockstate state at all.
pub fn not_state(what: &str, detail: &str, fix: &str) -> Error {
    Error::bad_state(format!("{what} is not valid blockstate state: {detail}")).hint(fix)
}

/// Which workflows `gc` deletes when no workflow is named.
#[derive(Debug, Clone, Copy)]
pub enum GcScope {
    Expired,
    /// Expired ones, and those not updated for this many seconds.
    OlderThan(u64),
    All,
}

impl GcScope {
    pub fn selects(&self, state: &State, now: u64) -> bool {
        match *self {
            GcScope::All => true,
            GcScope::Expired => state.is_expired(now),
            GcScope::OlderThan(secs) => {
                state.is_expired(now) || state.updated.saturating_add(secs) <= now
            }
        }
    }
}

#[derive(Debug, Default)]
pub struct GcReport {
    pub workflows_removed: usize,
    pub temp_files_removed: usize,
    /// Files that could not be read as state and were left alone.
    pub skipped: Vec<String>,
    /// Entries `gc` would have removed but left in place (a directory that
    /// is not empty, at a name blockstate uses), each with why.
    pub kept: Vec<String>,
}

/// What a read of a workflow found.
#[derive(Debug)]
pub enum Found {
    Live(State),
    /// It existed, and expired at this time (Unix seconds): its values are
    /// gone, or no longer served.
    Expired {
        at: u64,
    },
    Absent,
}

impl Found {
    pub fn live(self) -> Option<State> {
        match self {
            Found::Live(state) => Some(state),
            Found::Expired { .. } | Found::Absent => None,
        }
    }
}

pub trait Store {
    /// The workflow's state; `None` when absent or expired.
    fn load(&self, id: &WorkflowId, now: u64) -> Result<Option<State>> {
        Ok(self.lookup(id, now)?.live())
    }
    /// The workflow's state, or when it expired if the store still knows
    /// (see the README: expired workflows).
    fn lookup(&self, id: &WorkflowId, now: u64) -> Result<Found>;
    /// Apply an update atomically (see [`update`]): every change of every
    /// command goes through here. `now` is the caller's clock; a store with
    /// a clock of its own (Redis) uses that instead.
    fn update(&self, id: &WorkflowId, update: &Update, now: u64) -> Result<Outcome>;
    /// Delete a workflow; an absent one is success.
    fn remove(&self, id: &WorkflowId) -> Result<()>;
    /// Every live workflow, and the errors of entries that could not be read.
    fn workflows(&self, now: u64) -> Result<(Vec<State>, Vec<Error>)>;
    /// Delete what `scope` selects, and leftovers of interrupted writes.
    fn gc(&self, scope: GcScope, now: u64) -> Result<GcReport>;
    /// Where the workflow's state is (or will be), for humans.
    fn location(&self, id: &WorkflowId) -> String;
    /// The same for messages, with what `location` leaves implicit (the
    /// Redis server).
    fn describe(&self, id: &WorkflowId) -> String {
        self.location(id)
    }
    /// Where every workflow is, for messages: the state directory, or the
    /// server and key pattern.
    fn describe_all(&self) -> String;
    /// The stored state even if it has expired: an expired workflow's
    /// processes still run until `gc` stops them.
    fn load_any(&self, id: &WorkflowId) -> Result<Option<State>>;
    /// The states `scope` selects that record processes, so that `gc` can
    /// stop those before it deletes them.
    fn selected_with_processes(&self, scope: GcScope, now: u64)
    -> Result<Vec<(WorkflowId, State)>>;
    /// What tells this store's log files apart from another store's in the
    /// same local directory (`None` for the file store, which owns it).
    fn log_tag(&self) -> Option<String> {
        None
    }
    /// The workflow's changes, for `wait` (see [`crate::watch`]).
    fn changes<'a>(&'a self, id: &'a WorkflowId) -> Box<dyn crate::watch::Changes + 'a>;
    /// One of the workflow's queues (see [`crate::queue`]).
    fn queue<'a>(
        &'a self,
        id: &'a WorkflowId,
        name: &'a crate::queue::QueueName,
    ) -> Box<dyn crate::queue::Queue + 'a>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> WorkflowId {
        match WorkflowId::parse("t") {
            Ok(i) => i,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn round_trip() {
        let mut s = State::new(&id(), 100, 50);
        s.vars.insert("A".into(), "x'\n\"$(y)".into());
        s.description = Some("d".into());
        let bytes = s.to_json().ok();
        let back = bytes.and_then(|b| State::from_json(&b, "f", "t").ok());
        assert_eq!(back, Some(s));
    }

    #[test]
    fn refuses_bad_files() {
        let cases: &[&[u8]] = &[
            b"",
            b"{",
            b"[]",
            b"null",
            b"{\"version\":1}",
            b"{\"version\":1,\"workflow\":\"t\",\"created\":1,\"updated\":1,\"expires\":2,\"vars\":{\"A\":\"a\\u0000b\"}}",
            b"{\"version\":1,\"workflow\":\"t\",\"created\":1,\"updated\":1,\"expires\":2,\"vars\":{\"1A\":\"x\"}}",
            b"{\"version\":1,\"workflow\":\"t\",\"created\":1,\"updated\":1,\"expires\":2,\"vars\":{\"LD_PRELOAD\":\"x\"}}",
            b"{\"version\":0,\"workflow\":\"t\",\"created\":1,\"updated\":1,\"expires\":2,\"vars\":{}}",
            b"\xff\xfe",
        ];
        for c in cases {
            assert!(
                State::from_json(c, "f", "t").is_err(),
                "{:?}",
                String::from_utf8_lossy(c)
            );
        }
    }

    #[test]
    fn state_size_limit_is_enforced_on_write() {
        let mut s = State::new(&id(), 1, 1);
        let big = "x".repeat(vars::MAX_VALUE_BYTES);
        for i in 0..(vars::MAX_STATE_BYTES as usize / vars::MAX_VALUE_BYTES + 1) {
            s.vars.insert(format!("K{i}"), big.clone());
        }
        let e = s.to_json().err();
        assert!(e.is_some_and(|e| e.message.contains("the limit is 33554432 bytes")));
    }

    #[test]
    fn newer_version_is_named() {
        let e = State::from_json(b"{\"version\":7,\"whatever\":[1,2]}", "f", "t").err();
        assert!(e.is_some_and(|e| e.message.contains("newer")));
    }

    #[test]
    fn gc_scopes() {
        let mut s = State::new(&id(), 100, 50);
        assert!(!GcScope::Expired.selects(&s, 149));
        assert!(GcScope::Expired.selects(&s, 150));
        assert!(GcScope::OlderThan(10).selects(&s, 110));
        assert!(!GcScope::OlderThan(10).selects(&s, 109));
        assert!(GcScope::All.selects(&s, 0));
        s.updated = 105;
        assert!(!GcScope::OlderThan(10).selects(&s, 110));
    }
}
