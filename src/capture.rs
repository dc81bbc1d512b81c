//! The block-start baseline of `load --capture`, and the delta the exit
//! hook's `blockstate capture` computes against it.
//!
//! How it works, and why:
//! - `load --capture` runs inside the block, so its own environment is what
//!   the block inherited; overlaid with what the load exports, that is the
//!   block's exported environment right after the `eval`. It records it as
//!   a baseline of digests (each name with a 64-bit digest of its value,
//!   salted per load) and hands it to the shell as a NOT exported shell
//!   variable, together with the exit hook.
//! - At exit, the hook runs `blockstate capture` with the baseline given to
//!   that one process only (a prefix assignment). Its own environment is
//!   the block's final exported environment, so it finds exactly what the
//!   block exported anew or changed, and which of the workflow's variables
//!   the block unset.
//!
//! Nothing is written at load, no file is left behind, two blocks of one
//! workflow never see each other's baseline, and a block that changed
//! nothing costs one process that reads its environment and exits.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::workflow::WorkflowId;

/// The format of the baseline; a hook from another version is refused.
const VERSION: &str = "bs1";

/// Names the shells manage themselves: a block never "exports" them on
/// purpose. (PWD, SHLVL and `_` are refused by the input rules anyway.)
const SHELL_MANAGED: &[&str] = &["OLDPWD", "PWD", "SHLVL", "_"];
/// Name prefixes that are never captured: bash's and zsh's own variables,
/// fish's, and blockstate's own settings and internals.
const NEVER_PREFIXES: &[&str] = &[
    "BASH_",
    "ZSH_",
    "fish_",
    "__fish",
    "BLOCKSTATE_",
    "_BLOCKSTATE",
];

/// Whether a capture may ever store `name`: it passes the input rules and
/// is neither shell-managed nor blockstate's own. The ignore list comes on
/// top of this (see `Config::capture_ignore`).
pub fn capturable(name: &str) -> bool {
    !SHELL_MANAGED.contains(&name)
        && !NEVER_PREFIXES.iter().any(|p| name.starts_with(p))
        && crate::vars::check_key(name).is_ok()
}

fn digest(salt: u64, value: &[u8]) -> u64 {
    let mut h = Sha256::new();
    h.update(salt.to_be_bytes());
    h.update(value);
    let out = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&out[..8]);
    u64::from_be_bytes(first)
}

/// One name of the baseline: the digest of its value at the start of the
/// block, and whether the workflow held it (so that unsetting it in the
/// block removes it from the workflow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    digest: u64,
    owned: bool,
}

/// The block's exported environment at its start, as digests.
#[derive(Debug)]
pub struct Baseline {
    pub workflow: WorkflowId,
    salt: u64,
    entries: BTreeMap<String, Entry>,
}

impl Baseline {
    /// The baseline of a block whose inherited environment is `env` and
    /// which is about to export `exports`; `owned` tells which exports are
    /// the workflow's stored variables.
    pub fn new(
        workflow: &WorkflowId,
        env: &[(OsString, OsString)],
        exports: &[(String, String)],
        owned: impl Fn(&str) -> bool,
    ) -> Self {
        let salt = crate::workflow::random_u64();
        let mut entries = BTreeMap::new();
        for (name, value) in env {
            let Some(name) = name.to_str() else { continue };
            if capturable(name) {
                let digest = digest(salt, value.as_bytes());
                entries.insert(
                    name.to_owned(),
                    Entry {
                        digest,
                        owned: false,
                    },
                );
            }
        }
        for (name, value) in exports {
            if capturable(name) {
                let digest = digest(salt, value.as_bytes());
                let owned = owned(name);
                entries.insert(name.clone(), Entry { digest, owned });
            }
        }
        Baseline {
            workflow: workflow.clone(),
            salt,
            entries,
        }
    }

    /// `bs1:ID:SALT` then `,NAME:DIGEST` per name (`,+NAME:DIGEST` for the
    /// workflow's own): only characters a shell leaves alone unquoted.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(32 + self.entries.len() * 28);
        out.push_str(VERSION);
        out.push(':');
        out.push_str(self.workflow.as_str());
        out.push(':');
        push_hex(&mut out, self.salt);
        for (name, entry) in &self.entries {
            out.push(',');
            if entry.owned {
                out.push('+');
            }
            out.push_str(name);
            out.push(':');
            push_hex(&mut out, entry.digest);
        }
        out
    }

    pub fn decode(raw: &OsStr) -> Result<Self> {
        let bad = |why: &str| {
            Error::usage(format!(
                "the capture baseline in {} is not one this blockstate wrote ({why})",
                crate::config::CAPTURE_VAR
            ))
            .hint("`blockstate capture` is run by the exit hook of `eval \"$(blockstate load --capture)\"`; if blockstate was upgraded during the block, the block's changes were not stored: store them with `blockstate set`")
        };
        let raw = raw.to_str().ok_or_else(|| bad("not UTF-8"))?;
        let mut parts = raw.split(',');
        let header = parts.next().unwrap_or_default();
        let mut head = header.splitn(3, ':');
        if head.next() != Some(VERSION) {
            return Err(bad("unknown version"));
        }
        let workflow = WorkflowId::parse(head.next().unwrap_or_default())
            .map_err(|_| bad("bad workflow ID"))?;
        let salt = head
            .next()
            .and_then(parse_hex)
            .ok_or_else(|| bad("bad salt"))?;
        let mut entries = BTreeMap::new();
        for part in parts {
            let (name, hex) = part.split_once(':').ok_or_else(|| bad("bad entry"))?;
            let (name, owned) = match name.strip_prefix('+') {
                Some(n) => (n, true),
                None => (name, false),
            };
            let digest = parse_hex(hex).ok_or_else(|| bad("bad digest"))?;
            entries.insert(name.to_owned(), Entry { digest, owned });
        }
        Ok(Baseline {
            workflow,
            salt,
            entries,
        })
    }

    /// What the block changed, given its final exported environment: each
    /// capturable name exported anew or with another value, and each of the
    /// workflow's names it no longer exports. Sorted by name.
    pub fn changes(&self, env: &[(OsString, OsString)]) -> Vec<Change> {
        let mut out = Vec::new();
        let mut seen = 0usize;
        for (name, value) in env {
            let Some(name) = name.to_str() else { continue };
            if !capturable(name) {
                continue;
            }
            match self.entries.get(name) {
                Some(entry) => {
                    seen += 1;
                    if entry.digest != digest(self.salt, value.as_bytes()) {
                        out.push(Change::Set(name.to_owned(), value.clone()));
                    }
                }
                None => out.push(Change::Set(name.to_owned(), value.clone())),
            }
        }
        if seen < self.entries.len() {
            let present: std::collections::HashSet<&[u8]> =
                env.iter().map(|(n, _)| n.as_bytes()).collect();
            for (name, entry) in &self.entries {
                if entry.owned && !present.contains(name.as_bytes()) {
                    out.push(Change::Unset(name.clone()));
                }
            }
        }
        out.sort_by(|a, b| a.name().cmp(b.name()));
        out
    }
}

/// One change a block made to its exported environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Exported anew, or with another value (bytes as the block had them).
    Set(String, OsString),
    /// One of the workflow's variables, no longer exported.
    Unset(String),
}

impl Change {
    pub fn name(&self) -> &str {
        match self {
            Change::Set(name, _) | Change::Unset(name) => name,
        }
    }
}

fn push_hex(out: &mut String, v: u64) {
    use std::fmt::Write;
    let _ = write!(out, "{v:016x}");
}

fn parse_hex(text: &str) -> Option<u64> {
    (text.len() == 16)
        .then(|| u64::from_str_radix(text, 16).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(pairs: &[(&str, &str)]) -> Vec<(OsString, OsString)> {
        pairs
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect()
    }

    fn wf() -> WorkflowId {
        match WorkflowId::parse("wf-1") {
            Ok(w) => w,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_round_trip_finds_exactly_the_changes() -> Result<()> {
        let inherited = os(&[
            ("PATH", "/bin"),
            ("CI_FOO", "x"),
            ("PWD", "/a"),
            ("OLDPWD", "/"),
            ("BLOCKSTATE_DIR", "/d"),
        ]);
        let exports = vec![
            ("A".to_owned(), "1".to_owned()),
            ("B".to_owned(), "2".to_owned()),
            ("BLOCKSTATE_WORKFLOW".to_owned(), "wf-1".to_owned()),
        ];
        let base = Baseline::new(&wf(), &inherited, &exports, |n| n == "A" || n == "B");
        let encoded = base.encode();
        assert!(encoded.starts_with("bs1:wf-1:"), "{encoded}");
        assert!(
            !encoded.contains("PWD") && !encoded.contains("BLOCKSTATE"),
            "{encoded}"
        );
        let back = Baseline::decode(OsStr::new(&encoded))?;
        assert_eq!(back.entries, base.entries);

        // Unchanged: nothing.
        let mut end = inherited.clone();
        end.extend(os(&[
            ("A", "1"),
            ("B", "2"),
            ("BLOCKSTATE_WORKFLOW", "wf-1"),
        ]));
        assert!(back.changes(&end).is_empty());

        // Changed A, unset B, new C, cd (PWD/OLDPWD), inherited CI_FOO unset:
        // only A, B and C.
        let end = os(&[
            ("PATH", "/bin"),
            ("PWD", "/b"),
            ("OLDPWD", "/a"),
            ("A", "one"),
            ("C", ""),
        ]);
        assert_eq!(
            back.changes(&end),
            vec![
                Change::Set("A".into(), "one".into()),
                Change::Unset("B".into()),
                Change::Set("C".into(), "".into()),
            ]
        );
        Ok(())
    }

    #[test]
    fn malformed_baselines_are_refused() {
        for raw in [
            "",
            "bs2:wf:0000000000000000",
            "bs1:../x:0000000000000000",
            "bs1:wf:zz",
            "bs1:wf:0000000000000000,A",
        ] {
            assert!(Baseline::decode(OsStr::new(raw)).is_err(), "{raw}");
        }
    }
}
