//! The one way any store changes a workflow.
//!
//! Every write (`set`, `unset`, `set --append`, claims, counters, and the
//! records later features keep in the state) is an [`Update`]: a list of
//! [`Op`]s that [`Update::apply`] turns into the next state. `apply` is pure
//! and shared by every store, so the stores cannot disagree about what an
//! operation means, and it checks every limit (value size, key count, state
//! size) on the exact state it produces.
//!
//! A store's only job is to run `apply` atomically against the current
//! state:
//! - the file store under the workflow's exclusive lock (read, apply, write
//!   a temporary file, rename);
//! - Redis by optimistic concurrency: read the hash and its revision, apply,
//!   and commit the difference with a script that refuses if the revision
//!   moved, then retry. The limits were checked on the state the commit
//!   turns the hash into, so two racing writers can never together exceed
//!   one (the defect of checking before a separate write).

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::process::record::{self, MAX_PROCESSES, ProcessRecord};
use crate::store::State;
use crate::vars;
use crate::workflow::WorkflowId;

/// One change to a workflow, applied in order with the others of its
/// [`Update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// Store a value.
    Set { key: String, value: String },
    /// Remove a variable (absent is fine).
    Unset { key: String },
    /// Append to the stored value; `sep` goes between the old value and the
    /// new one, and is left out when the key is absent or empty.
    Append {
        key: String,
        value: String,
        sep: String,
    },
    /// Store only if the key is absent; otherwise the whole update is a
    /// [`Outcome::Conflict`] and nothing is written.
    SetIfAbsent { key: String, value: String },
    /// Store only if the key holds exactly `old`; otherwise a conflict.
    SetIfEquals {
        key: String,
        old: String,
        value: String,
    },
    /// Add `by` to an integer value (absent counts as 0).
    Incr { key: String, by: i64 },
    /// Record a started process under `name`. A conflict (nothing
    /// written) if a record of that name is there and is not the process
    /// `replaces` names: so two racing `spawn`s never both start one.
    RecordProcess {
        name: String,
        record: ProcessRecord,
        replaces: Option<ProcessRecord>,
    },
    /// Forget the record of `name` if it is still `record`'s process, so
    /// that a `stop` never forgets a newer process of the same name.
    ForgetProcess { name: String, record: ProcessRecord },
    /// What a block's exit-time capture stores: a [`Op::Set`], unless the
    /// key is one of the variables `load` derives from a process the
    /// workflow records (`NAME_PID`, `NAME_PORT`, `NAME_LOG`). Those
    /// describe the process, not the block; stored, they would outlive it
    /// and hand its PID to every later block.
    Capture { key: String, value: String },
    /// Change no variable, but count as a write: create the workflow if it
    /// is absent and renew its expiry (what `push` does, so that a
    /// workflow's queues live as long as it is in use).
    Touch,
}

impl Op {
    /// The key the op is about (`""` for [`Op::Touch`], which has none).
    pub fn key(&self) -> &str {
        match self {
            Op::Touch => "",
            Op::Set { key, .. }
            | Op::Capture { key, .. }
            | Op::Unset { key }
            | Op::Append { key, .. }
            | Op::SetIfAbsent { key, .. }
            | Op::SetIfEquals { key, .. }
            | Op::Incr { key, .. } => key,
            Op::RecordProcess { name, .. } | Op::ForgetProcess { name, .. } => name,
        }
    }

    /// Whether the op stores something, and so creates the workflow when it
    /// is absent and renews its expiry.
    fn writes(&self) -> bool {
        !matches!(self, Op::Unset { .. } | Op::ForgetProcess { .. })
    }
}

/// A list of operations applied atomically, in order: all of them or none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    pub ops: Vec<Op>,
    /// `-d TEXT`: recorded in the workflow's metadata.
    pub description: Option<String>,
    /// `--ttl`: becomes the workflow's own TTL, which later updates renew
    /// with instead of the default.
    pub ttl_secs: Option<u64>,
}

/// What an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every op applied. For each op, the value of its key afterwards
    /// (`None` for a removed or absent key).
    Applied(Vec<Option<String>>),
    /// A condition failed: nothing was written. `current` is the key's
    /// value at that moment (the value that won a claim).
    Conflict {
        key: String,
        current: Option<String>,
    },
}

/// The result of [`Update::apply`]: what to store (nothing when the update
/// changes nothing) and what to report.
#[derive(Debug)]
pub struct Applied {
    /// The next state and its serialized form (already checked against the
    /// state size limit), or `None` to leave the store as it is.
    pub next: Option<(State, Vec<u8>)>,
    pub outcome: Outcome,
}

impl Update {
    pub fn new(ops: Vec<Op>) -> Self {
        Update {
            ops,
            ..Update::default()
        }
    }

    /// Whether applying this to an absent workflow creates it.
    pub fn creates(&self) -> bool {
        self.description.is_some() || self.ttl_secs.is_some() || self.ops.iter().any(Op::writes)
    }

    /// Turn the live state (`None` when absent or expired) into the next
    /// one. `now` is the store's clock (Unix seconds); `default_ttl` the
    /// TTL of a workflow that was never given one.
    ///
    /// Expiry: an update that stores anything renews the workflow to `now`
    /// plus its TTL; one that only removes keys changes `updated` and keeps
    /// the expiry; one that changes nothing writes nothing.
    pub fn apply(
        &self,
        id: &WorkflowId,
        current: Option<State>,
        now: u64,
        default_ttl: u64,
    ) -> Result<Applied> {
        let unchanged = |outcome| {
            Ok(Applied {
                next: None,
                outcome,
            })
        };
        // An expired workflow's variables are gone, but not its processes:
        // they still run, and only their records let `gc` stop them. So
        // the records survive into the workflow's next life.
        let mut revived = false;
        let current = match current {
            Some(s) if s.is_expired(now) => {
                if s.processes.is_empty() {
                    None
                } else {
                    revived = true;
                    Some(State {
                        description: None,
                        ttl: None,
                        vars: BTreeMap::new(),
                        ..s
                    })
                }
            }
            live => live,
        };
        let Some(mut state) = current.or_else(|| {
            self.creates()
                .then(|| State::new(id, now, self.ttl_secs.unwrap_or(default_ttl)))
        }) else {
            return unchanged(Outcome::Applied(vec![None; self.ops.len()]));
        };
        let mut values = Vec::with_capacity(self.ops.len());
        let mut removed = false;
        for op in &self.ops {
            let step = match op {
                Op::RecordProcess {
                    name,
                    record,
                    replaces,
                } => record_process(&mut state, name, record, replaces.as_ref())?,
                Op::ForgetProcess { name, record } => {
                    let same = state
                        .processes
                        .get(name)
                        .is_some_and(|r| r.same_process(record));
                    if same {
                        state.processes.remove(name);
                    }
                    Step::Removed(same)
                }
                Op::Capture { key, value } => {
                    let derived = state
                        .processes
                        .keys()
                        .any(|name| record::var_names(name).contains(key));
                    if derived {
                        Step::Value(state.vars.get(key).cloned())
                    } else {
                        apply_op(
                            &mut state.vars,
                            &Op::Set {
                                key: key.clone(),
                                value: value.clone(),
                            },
                        )?
                    }
                }
                _ => apply_op(&mut state.vars, op)?,
            };
            match step {
                Step::Value(v) => values.push(v),
                Step::Removed(was) => {
                    removed |= was;
                    values.push(None);
                }
                Step::Conflict(current) => {
                    return unchanged(Outcome::Conflict {
                        key: op.key().to_owned(),
                        current,
                    });
                }
            }
        }
        let renews = self.creates();
        if !renews && !removed {
            return unchanged(Outcome::Applied(values));
        }
        vars::check_count(state.vars.len())?;
        if let Some(d) = &self.description {
            state.description = Some(d.clone());
        }
        if let Some(ttl) = self.ttl_secs {
            state.ttl = Some(ttl);
        }
        state.version = crate::store::STATE_VERSION;
        state.updated = now;
        if renews {
            if revived {
                state.created = now;
            }
            state.expires = now.saturating_add(state.ttl.unwrap_or(default_ttl));
        }
        let bytes = state.to_json()?;
        Ok(Applied {
            next: Some((state, bytes)),
            outcome: Outcome::Applied(values),
        })
    }
}

enum Step {
    /// The key's value after the op.
    Value(Option<String>),
    /// A removal, and whether there was something to remove.
    Removed(bool),
    /// A failed condition, with the key's current value.
    Conflict(Option<String>),
}

fn record_process(
    state: &mut State,
    name: &str,
    r: &ProcessRecord,
    replaces: Option<&ProcessRecord>,
) -> Result<Step> {
    record::check_name(name)?;
    r.check(name)
        .map_err(|e| Error::usage(format!("cannot record {e}")))?;
    let current = state.processes.get(name);
    let expected = match (current, replaces) {
        (None, None) => true,
        (Some(c), Some(old)) => c.same_process(old),
        _ => false,
    };
    if !expected {
        return Ok(Step::Conflict(current.map(|c| c.pid.to_string())));
    }
    if current.is_none() && state.processes.len() >= MAX_PROCESSES {
        return Err(Error::usage(format!(
            "the workflow already records {MAX_PROCESSES} processes, the limit"
        ))
        .hint("stop some with `blockstate stop NAME`, or use another workflow"));
    }
    state.processes.insert(name.to_owned(), r.clone());
    Ok(Step::Value(Some(r.pid.to_string())))
}

fn apply_op(vars: &mut BTreeMap<String, String>, op: &Op) -> Result<Step> {
    let stored = |vars: &mut BTreeMap<String, String>, key: &str, value: String| {
        vars::check_value(key, &value)?;
        vars.insert(key.to_owned(), value.clone());
        Ok(Step::Value(Some(value)))
    };
    match op {
        Op::Set { key, value } => stored(vars, key, value.clone()),
        Op::Unset { key } => Ok(Step::Removed(vars.remove(key).is_some())),
        Op::Append { key, value, sep } => {
            let next = match vars.get(key) {
                Some(old) if !old.is_empty() => {
                    // Checked before building it, so a huge result is never
                    // allocated only to be refused.
                    let len = old.len() + sep.len() + value.len();
                    if len > vars::MAX_VALUE_BYTES {
                        return Err(Error::usage(format!(
                            "appending to {key} would make its value {len} bytes; the limit is {} bytes (1 MiB)",
                            vars::MAX_VALUE_BYTES
                        ))
                        .hint("store a path to a file instead, or unset the key to start it afresh"));
                    }
                    let mut next = String::with_capacity(len);
                    next.push_str(old);
                    next.push_str(sep);
                    next.push_str(value);
                    next
                }
                _ => value.clone(),
            };
            stored(vars, key, next)
        }
        Op::SetIfAbsent { key, value } => match vars.get(key) {
            Some(current) => Ok(Step::Conflict(Some(current.clone()))),
            None => stored(vars, key, value.clone()),
        },
        Op::SetIfEquals { key, old, value } => match vars.get(key) {
            Some(current) if current == old => stored(vars, key, value.clone()),
            current => Ok(Step::Conflict(current.cloned())),
        },
        Op::RecordProcess { .. } | Op::ForgetProcess { .. } => Ok(Step::Value(None)),
        Op::Incr { key, by } => {
            let current = match vars.get(key) {
                None => 0,
                Some(text) => parse_integer(text).ok_or_else(|| {
                    Error::usage(format!(
                        "{key} holds {}, which is not an integer, so it cannot be incremented",
                        crate::workflow::shown(text)
                    ))
                    .hint(format!(
                        "`blockstate incr` counts in a key of its own; `blockstate set {key}=0` starts it afresh"
                    ))
                })?,
            };
            let next = current.checked_add(*by).ok_or_else(|| {
                Error::usage(format!(
                    "incrementing {key} ({current}) by {by} leaves the range of a 64-bit integer"
                ))
                .hint("use a smaller increment, or reset the counter with `blockstate set`")
            })?;
            stored(vars, key, next.to_string())
        }
        Op::Touch => Ok(Step::Value(None)),
        // Handled in `Update::apply`, which sees the process records.
        Op::Capture { key, .. } => Ok(Step::Value(vars.get(key).cloned())),
    }
}

/// A decimal integer as `incr` writes it: an optional `-`, then digits, no
/// spaces, no `+`, no leading zeros (so every stored counter has exactly
/// one spelling).
pub fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0";
    if canonical { text.parse().ok() } else { None }
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

    fn set(k: &str, v: &str) -> Op {
        Op::Set {
            key: k.into(),
            value: v.into(),
        }
    }

    fn run(current: Option<State>, update: &Update, now: u64) -> Result<Applied> {
        update.apply(&id(), current, now, 100)
    }

    fn after(applied: &Applied) -> Option<&State> {
        applied.next.as_ref().map(|(s, _)| s)
    }

    #[test]
    fn unset_of_an_absent_workflow_writes_nothing() -> Result<()> {
        let a = run(None, &Update::new(vec![Op::Unset { key: "A".into() }]), 10)?;
        assert!(a.next.is_none());
        Ok(())
    }

    #[test]
    fn unset_keeps_the_expiry_and_set_renews_it() -> Result<()> {
        let a = run(None, &Update::new(vec![set("A", "1"), set("B", "2")]), 10)?;
        let s = after(&a).cloned();
        assert_eq!(s.as_ref().map(|s| s.expires), Some(110));
        let b = run(
            s.clone(),
            &Update::new(vec![Op::Unset { key: "A".into() }]),
            50,
        )?;
        let s2 = after(&b);
        assert_eq!(s2.map(|s| (s.updated, s.expires)), Some((50, 110)));
        let c = run(s, &Update::new(vec![Op::Unset { key: "Z".into() }]), 50)?;
        assert!(c.next.is_none(), "removing nothing writes nothing");
        Ok(())
    }

    #[test]
    fn a_ttl_sticks_to_the_workflow() -> Result<()> {
        let mut u = Update::new(vec![set("A", "1")]);
        u.ttl_secs = Some(7 * 86_400);
        let a = run(None, &u, 10)?;
        let s = after(&a).cloned();
        let b = run(s, &Update::new(vec![set("B", "2")]), 20)?;
        assert_eq!(after(&b).map(|s| s.expires), Some(20 + 7 * 86_400));
        Ok(())
    }

    #[test]
    fn append_adds_the_separator_only_between_values() -> Result<()> {
        let app = |v: &str| Op::Append {
            key: "L".into(),
            value: v.into(),
            sep: "\n".into(),
        };
        let a = run(None, &Update::new(vec![app("a"), app("b")]), 1)?;
        assert_eq!(
            a.outcome,
            Outcome::Applied(vec![Some("a".into()), Some("a\nb".into())])
        );
        let mut s = after(&a).cloned();
        if let Some(s) = s.as_mut() {
            s.vars.insert("L".into(), String::new());
        }
        let b = run(s, &Update::new(vec![app("c")]), 1)?;
        assert_eq!(b.outcome, Outcome::Applied(vec![Some("c".into())]));
        Ok(())
    }

    #[test]
    fn append_past_the_value_limit_is_refused() -> Result<()> {
        let big = "x".repeat(vars::MAX_VALUE_BYTES);
        let a = run(None, &Update::new(vec![set("L", &big)]), 1)?;
        let op = Op::Append {
            key: "L".into(),
            value: "y".into(),
            sep: String::new(),
        };
        let e = run(after(&a).cloned(), &Update::new(vec![op]), 1).err();
        assert!(e.is_some_and(|e| e.message.contains("would make its value 1048577 bytes")));
        Ok(())
    }

    #[test]
    fn a_lost_claim_writes_nothing_and_names_the_winner() -> Result<()> {
        let a = run(None, &Update::new(vec![set("LEADER", "7")]), 1)?;
        let claim = Op::SetIfAbsent {
            key: "LEADER".into(),
            value: "9".into(),
        };
        let b = run(
            after(&a).cloned(),
            &Update::new(vec![set("X", "1"), claim]),
            2,
        )?;
        assert!(b.next.is_none());
        assert_eq!(
            b.outcome,
            Outcome::Conflict {
                key: "LEADER".into(),
                current: Some("7".into())
            }
        );
        Ok(())
    }

    #[test]
    fn compare_and_set() -> Result<()> {
        let cas = |old: &str| Op::SetIfEquals {
            key: "S".into(),
            old: old.into(),
            value: "new".into(),
        };
        let a = run(None, &Update::new(vec![cas("x")]), 1)?;
        assert_eq!(
            a.outcome,
            Outcome::Conflict {
                key: "S".into(),
                current: None
            }
        );
        let b = run(None, &Update::new(vec![set("S", "x"), cas("x")]), 1)?;
        assert_eq!(after(&b).map(|s| s.vars["S"].as_str()), Some("new"));
        Ok(())
    }

    #[test]
    fn counters() -> Result<()> {
        let incr = |by| Op::Incr {
            key: "N".into(),
            by,
        };
        let a = run(None, &Update::new(vec![incr(1), incr(-5)]), 1)?;
        assert_eq!(
            a.outcome,
            Outcome::Applied(vec![Some("1".into()), Some("-4".into())])
        );
        let b = run(None, &Update::new(vec![set("N", "x"), incr(1)]), 1).err();
        assert!(b.is_some_and(|e| e.message.contains("not an integer")));
        let c = run(
            None,
            &Update::new(vec![set("N", &i64::MAX.to_string()), incr(1)]),
            1,
        )
        .err();
        assert!(c.is_some_and(|e| e.message.contains("range")));
        Ok(())
    }

    #[test]
    fn a_touch_creates_and_renews_without_changing_variables() -> Result<()> {
        let touch = Update::new(vec![Op::Touch]);
        let a = run(None, &touch, 10)?;
        let s = after(&a).cloned();
        assert_eq!(
            s.as_ref().map(|s| (s.expires, s.vars.len())),
            Some((110, 0))
        );
        let b = run(s, &touch, 50)?;
        assert_eq!(after(&b).map(|s| (s.created, s.expires)), Some((10, 150)));
        Ok(())
    }

    #[test]
    fn integers_have_one_spelling() {
        for ok in [
            "0",
            "1",
            "-1",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert!(parse_integer(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "-",
            "+1",
            "01",
            "-0",
            " 1",
            "1 ",
            "1.0",
            "9223372036854775808",
            "x",
        ] {
            assert!(parse_integer(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn the_key_limit_is_checked_on_the_result() -> Result<()> {
        let mut s = State::new(&id(), 1, 100);
        for i in 0..vars::MAX_KEYS {
            s.vars.insert(format!("K{i}"), String::new());
        }
        let e = run(Some(s.clone()), &Update::new(vec![set("NEW", "1")]), 2).err();
        assert!(e.is_some_and(|e| e.message.contains("10001 keys")));
        let ok = run(Some(s), &Update::new(vec![set("K1", "1")]), 2)?;
        assert!(ok.next.is_some(), "replacing a key does not count twice");
        Ok(())
    }
}
