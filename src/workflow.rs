//! Workflow IDs: validation, the deterministic ID of a description, and
//! timestamp IDs.
//!
//! An ID becomes a file name (and later a Redis key), so it is validated
//! before any path is built from it: `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`.
//! The first character can't be `.` or `-`, which rules out `.`, `..`,
//! hidden files and IDs that look like options.

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const MAX_ID_LEN: usize = 128;

/// A validated workflow ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowId(String);

impl WorkflowId {
    /// Validate a user-given ID.
    pub fn parse(raw: &str) -> Result<Self> {
        let bytes = raw.as_bytes();
        let shown = shown(raw);
        let Some(&first) = bytes.first() else {
            return Err(Error::usage("the workflow ID is empty").hint(
                "pass -w ID, or -d DESCRIPTION, or get an ID from `blockstate id \"description\"`",
            ));
        };
        if bytes.len() > MAX_ID_LEN {
            return Err(Error::usage(format!(
                "workflow ID {shown} is {} bytes long; the limit is {MAX_ID_LEN}",
                bytes.len()
            ))
            .hint("use `blockstate id \"description\"` to get a short ID"));
        }
        let ok_first = first.is_ascii_alphanumeric();
        let ok_rest = bytes[1..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !ok_first || !ok_rest {
            return Err(Error::usage(format!(
                "invalid workflow ID {shown}: an ID must match [A-Za-z0-9][A-Za-z0-9._-]{{0,127}} (no '/', no leading '.' or '-', no spaces or control characters)"
            ))
            .hint("use `blockstate id \"description\"` to turn any text into a valid ID"));
        }
        Ok(WorkflowId(raw.to_owned()))
    }

    /// The ID of a description: `wf-` followed by the first 16 hex digits of
    /// the SHA-256 of the normalized description (see [`normalize`]).
    /// This rule is a compatibility promise: never change it.
    pub fn from_description(description: &str) -> Result<Self> {
        let normalized = normalize(description);
        if normalized.is_empty() {
            return Err(Error::usage("the description is empty or only white space")
                .hint("describe the task, e.g. `blockstate id \"implement auth feature\"`"));
        }
        let digest = Sha256::digest(normalized.as_bytes());
        Ok(WorkflowId(format!("wf-{}", hex::encode(&digest[..8]))))
    }

    /// A fresh ID: UTC time to the second plus 32 random bits, so two calls
    /// in the same second still differ. Shaped like `20261121T055106Z-3fa9c2d1`.
    pub fn timestamp(now: SystemTime) -> Self {
        let secs = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let (y, mo, d, h, mi, s) = crate::time::civil_from_unix(secs);
        let suffix = random_u64() as u32;
        WorkflowId(format!(
            "{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z-{suffix:08x}"
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkflowId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Trim, and collapse every run of white space (Unicode `White_Space`) into
/// one ASCII space.
pub fn normalize(description: &str) -> String {
    description.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64 random bits from the OS.
///
/// std's `RandomState` seeds SipHash keys from the OS random source once per
/// thread; mixing in the time and the process ID makes every call distinct.
/// This avoids a dependency for a handful of bits that need to be
/// unpredictable but not cryptographic key material.
pub fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.finish()
}

/// Quote an untrusted string for an error message: control characters are
/// escaped so a message can never smuggle terminal escapes.
pub fn shown(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 2);
    out.push('\'');
    for c in raw.chars().take(80) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if raw.chars().count() > 80 {
        out.push_str("...");
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_of_description_is_pinned() {
        // Compatibility promise: this value must never change.
        let id = WorkflowId::from_description("implement auth feature").map(|i| i.0);
        assert_eq!(id.ok().as_deref(), Some("wf-62c72929ca58a9ab"));
    }

    #[test]
    fn whitespace_is_normalized() {
        let a = WorkflowId::from_description("implement auth feature").ok();
        let b = WorkflowId::from_description("  implement\t\nauth   feature \n").ok();
        assert!(a.is_some());
        assert_eq!(a, b);
    }

    #[test]
    fn empty_description_is_refused() {
        assert!(WorkflowId::from_description(" \t\n").is_err());
    }

    #[test]
    fn valid_ids() {
        for id in ["a", "A1", "0", "wf-abc", "x.y_z-1", &"a".repeat(128)] {
            assert!(WorkflowId::parse(id).is_ok(), "{id}");
        }
    }

    #[test]
    fn invalid_ids() {
        for id in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "-a",
            ".hidden",
            "a b",
            "a\nb",
            "a\u{7f}",
            "é",
            &"a".repeat(129),
        ] {
            assert!(WorkflowId::parse(id).is_err(), "{id:?}");
        }
    }

    #[test]
    fn timestamp_ids_are_valid_and_distinct() {
        let now = SystemTime::now();
        let a = WorkflowId::timestamp(now);
        let b = WorkflowId::timestamp(now);
        assert!(WorkflowId::parse(a.as_str()).is_ok());
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), "20261121T055106Z-3fa9c2d1".len());
    }

    #[test]
    fn shown_escapes_controls() {
        assert_eq!(shown("a\x1b[2J"), "'a\\u{1b}[2J'");
    }
}
