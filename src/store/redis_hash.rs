//! How a workflow's state is laid out in a Redis hash, both ways.
//!
//! One hash per workflow. Variables are fields of their own name; metadata
//! fields start with `.` (which no variable name can), so the two never
//! collide. `.rev` is the revision every commit replaces with a fresh random
//! value: a writer commits only if the revision it read is still there (see
//! `update.rs` for why the whole update mechanism rests on that).

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::store::{State, check_version, not_state};
use crate::workflow::shown;

/// Metadata fields: every field of a workflow's hash whose name starts with
/// `.` must be one of these.
pub const META: &[&str] = &[
    "version",
    "workflow",
    "description",
    "created",
    "updated",
    "expires",
    "ttl",
    "rev",
];

/// The revision field.
pub const REV: &str = ".rev";

/// Metadata fields `.proc:NAME` hold the record of process NAME, as JSON.
pub const PROC_PREFIX: &str = "proc:";

/// The fields a state is stored as (without `.rev`, which only a commit
/// writes). Values are borrowed where the state holds them.
pub fn fields_of(state: &State) -> BTreeMap<Cow<'_, str>, Cow<'_, str>> {
    let mut f = BTreeMap::new();
    let mut meta = |name: &'static str, value: String| {
        f.insert(Cow::Borrowed(name), Cow::Owned(value));
    };
    meta(".version", state.version.to_string());
    meta(".workflow", state.workflow.clone());
    meta(".created", state.created.to_string());
    meta(".updated", state.updated.to_string());
    meta(".expires", state.expires.to_string());
    if let Some(d) = &state.description {
        meta(".description", d.clone());
    }
    if let Some(ttl) = state.ttl {
        meta(".ttl", ttl.to_string());
    }
    for (name, record) in &state.processes {
        // Serializing plain integers and strings cannot fail; an empty
        // object would be refused on read rather than misread.
        let json = serde_json::to_string(record).unwrap_or_else(|_| "{}".into());
        f.insert(
            Cow::Owned(format!(".{PROC_PREFIX}{name}")),
            Cow::Owned(json),
        );
    }
    for (k, v) in &state.vars {
        f.insert(Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_str()));
    }
    f
}

/// What a commit changes in the hash.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delta<'a> {
    /// Delete the hash first (it was absent or expired): `set` is then the
    /// whole state.
    pub replace: bool,
    pub set: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    pub delete: Vec<Cow<'a, str>>,
}

impl<'a> Delta<'a> {
    /// The difference from `old` (the live state read, or `None` to write
    /// `next` whole) to `next`. Only changed fields are sent, so an update
    /// of one key costs the same whatever the workflow holds.
    pub fn between(old: Option<&'a State>, next: &'a State) -> Delta<'a> {
        let new = fields_of(next);
        let Some(old) = old else {
            return Delta {
                replace: true,
                set: new.into_iter().collect(),
                delete: Vec::new(),
            };
        };
        let mut old = fields_of(old);
        let mut delta = Delta::default();
        for (name, value) in new {
            if old.remove(&name).as_ref() != Some(&value) {
                delta.set.push((name, value));
            }
        }
        delta.delete = old.into_keys().collect();
        delta
    }
}

/// Turn a workflow's hash into a `State`, with the checks a state file
/// gets: the version first (a newer format may hold anything), then the
/// metadata (no unknown or missing field), then every name and value.
pub fn state_from_fields(fields: &[(&[u8], &[u8])], what: &str, fix: &str) -> Result<State> {
    let mut meta: BTreeMap<&str, &[u8]> = BTreeMap::new();
    let mut raw_vars: Vec<(&[u8], &[u8])> = Vec::new();
    for &(name, value) in fields {
        match name.strip_prefix(b".") {
            Some(m) => {
                let m = std::str::from_utf8(m).map_err(|_| {
                    not_state(what, "it has a metadata field whose name is not UTF-8", fix)
                })?;
                meta.insert(m, value);
            }
            None => raw_vars.push((name, value)),
        }
    }
    let version = match meta.get("version") {
        None => return Err(not_state(what, "it has no .version field", fix)),
        Some(v) => parse_u64(v)
            .ok_or_else(|| not_state(what, "its .version field is not a whole number", fix))?,
    };
    check_version(version, what, fix)?;
    if let Some(unknown) = meta
        .keys()
        .find(|m| !META.contains(m) && !m.starts_with(PROC_PREFIX))
    {
        return Err(not_state(
            what,
            &format!("unknown metadata field .{unknown}"),
            fix,
        ));
    }
    let text = |name: &str| -> Result<Option<String>> {
        match meta.get(name) {
            None => Ok(None),
            Some(v) => String::from_utf8(v.to_vec())
                .map(Some)
                .map_err(|_| not_state(what, &format!("its .{name} field is not UTF-8"), fix)),
        }
    };
    let time = |name: &str| -> Result<u64> {
        let v = meta
            .get(name)
            .ok_or_else(|| not_state(what, &format!("it has no .{name} field"), fix))?;
        parse_u64(v).ok_or_else(|| {
            not_state(
                what,
                &format!("its .{name} field is not a whole number"),
                fix,
            )
        })
    };
    let workflow =
        text("workflow")?.ok_or_else(|| not_state(what, "it has no .workflow field", fix))?;
    let mut state = State {
        version,
        workflow,
        description: text("description")?,
        created: time("created")?,
        updated: time("updated")?,
        expires: time("expires")?,
        ttl: match meta.get("ttl") {
            None => None,
            Some(v) => Some(
                parse_u64(v)
                    .ok_or_else(|| not_state(what, "its .ttl field is not a whole number", fix))?,
            ),
        },
        vars: BTreeMap::new(),
        processes: BTreeMap::new(),
    };
    for (field, json) in &meta {
        let Some(name) = field.strip_prefix(PROC_PREFIX) else {
            continue;
        };
        let record = serde_json::from_slice(json).map_err(|e| {
            Error::bad_state(format!(
                "{what} holds a bad process record {}: {e}",
                shown(name)
            ))
            .hint(fix)
        })?;
        state.processes.insert(name.to_owned(), record);
    }
    for (name, value) in raw_vars {
        let bad = |detail: String| {
            Error::bad_state(format!("{what} holds a bad entry: {detail}")).hint(fix)
        };
        let name = String::from_utf8(name.to_vec()).map_err(|e| {
            bad(format!(
                "a variable name that is not valid UTF-8 ({})",
                shown(&String::from_utf8_lossy(e.as_bytes()))
            ))
        })?;
        let value = String::from_utf8(value.to_vec())
            .map_err(|_| bad(format!("the value of {} is not valid UTF-8", shown(&name))))?;
        state.vars.insert(name, value);
    }
    state.validate(what, fix)?;
    Ok(state)
}

pub fn parse_u64(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitCode;

    fn fields(extra: &[(&'static str, &'static [u8])]) -> Vec<(&'static [u8], &'static [u8])> {
        let mut f: Vec<(&[u8], &[u8])> = vec![
            (b".version", b"1"),
            (b".workflow", b"w"),
            (b".created", b"10"),
            (b".updated", b"11"),
            (b".expires", b"20"),
        ];
        f.extend(extra.iter().map(|(k, v)| (k.as_bytes(), *v)));
        f
    }

    #[test]
    fn hashes_are_validated_like_state_files() {
        let ok = state_from_fields(
            &fields(&[("A", b"x'y"), (".description", b"d")]),
            "k",
            "fix",
        );
        let ok = match ok {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(ok.vars.get("A").map(String::as_str), Some("x'y"));
        assert_eq!(ok.description.as_deref(), Some("d"));
        assert_eq!((ok.created, ok.updated, ok.expires), (10, 11, 20));

        type Fields<'a> = Vec<(&'a [u8], &'a [u8])>;
        let bad: &[(Fields, &str)] = &[
            (vec![(b"A", b"x")], "no .version"),
            (fields(&[("A", b"a\0b")]), "bad entry"),
            (fields(&[("1A", b"x")]), "bad entry"),
            (fields(&[("LD_PRELOAD", b"x")]), "bad entry"),
            (fields(&[("A", b"\xff")]), "not valid UTF-8"),
            (
                fields(&[(".colour", b"blue")]),
                "unknown metadata field .colour",
            ),
            (
                vec![
                    (b".version", b"1"),
                    (b".workflow", b"w"),
                    (b".updated", b"1"),
                    (b".expires", b"2"),
                ],
                "no .created",
            ),
            (
                vec![(b".version", b"x"), (b".workflow", b"w")],
                "not a whole number",
            ),
            (
                vec![(b".version", b"9"), (b".whatever", b"")],
                "newer than this blockstate",
            ),
            (vec![(b".version", b"0")], "invalid format version 0"),
        ];
        for (f, fragment) in bad {
            match state_from_fields(f, "Redis key k", "fix") {
                Ok(s) => panic!("{fragment}: accepted {s:?}"),
                Err(e) => {
                    assert_eq!(e.code, ExitCode::BadState, "{fragment}");
                    assert!(e.message.contains(fragment), "{fragment}: {}", e.message);
                    assert!(e.message.starts_with("Redis key k"), "{}", e.message);
                }
            }
        }
    }

    #[test]
    fn a_state_survives_the_round_trip_through_fields() -> Result<()> {
        let mut s = State::new(&crate::workflow::WorkflowId::parse("w")?, 5, 60);
        s.description = Some("d'\n".into());
        s.ttl = Some(60);
        s.vars.insert("A".into(), "x\ny".into());
        let f = fields_of(&s);
        let pairs: Vec<(&[u8], &[u8])> = f
            .iter()
            .map(|(k, v)| (k.as_bytes(), v.as_bytes()))
            .collect();
        assert_eq!(state_from_fields(&pairs, "k", "fix")?, s);
        Ok(())
    }

    #[test]
    fn a_delta_holds_only_what_changed() -> Result<()> {
        let mut old = State::new(&crate::workflow::WorkflowId::parse("w")?, 5, 60);
        old.vars.insert("KEEP".into(), "same".into());
        old.vars.insert("GONE".into(), "x".into());
        let mut next = old.clone();
        next.vars.remove("GONE");
        next.vars.insert("NEW".into(), "1".into());
        next.updated = 6;
        let d = Delta::between(Some(&old), &next);
        assert!(!d.replace);
        let set: Vec<(&str, &str)> = d
            .set
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_ref()))
            .collect();
        assert_eq!(set, [(".updated", "6"), ("NEW", "1")]);
        assert_eq!(d.delete, [Cow::Borrowed("GONE")]);
        let whole = Delta::between(None, &next);
        assert!(whole.replace);
        assert_eq!(whole.set.len(), fields_of(&next).len());
        Ok(())
    }
}
