//! Fuzzing the loader with property tests: arbitrary bytes, and mutated
//! valid state files with hostile values, are fed to the loader as a state
//! file. It must never panic; it either refuses (exit 3, `false` on stdout)
//! or emits a script that gives back every stored value byte for byte in
//! real shells (bash, dash, zsh and, for `--shell fish`, fish).
//!
//! In-process cases go through `State::from_json` and every emitter, as
//! `load` does; the real-shell cases go through the binary. Case counts
//! scale up under `BLOCKSTATE_LONG_TESTS=1`.

mod common;
mod reliability;

use std::cell::Cell;
use std::collections::BTreeMap;

use blockstate::cli::Format;
use blockstate::emit::{Locale, render};
use blockstate::store::State;
use blockstate::vars::{check_key, check_value};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use common::{TestEnv, TestResult, q, require_tool, stderr, stdout};
use reliability::{scale, write_private};

const WF: &str = "wf-fuzz";

/// Pieces that have broken shell quoting somewhere, once.
const HOSTILE: &[&str] = &[
    "'",
    "\"",
    "\\",
    "$",
    "`",
    "\n",
    "\r",
    "\t",
    "$(id)",
    "`id`",
    "'\\''",
    "${IFS}",
    "%s",
    "%n",
    "-",
    "--",
    "-n",
    "-e",
    "é",
    "😀",
    "\u{7f}",
    "\u{1b}[2J",
    " ",
    "*",
    "?",
    "[a]",
    "~",
    "!",
    "!!",
    "{a,b}",
    "\\n",
    "\\x41",
    "\u{a0}",
    "\u{2028}",
    "\u{feff}",
    "#",
    ";",
    "&",
    "|",
    "<",
    ">",
    "(",
    ")",
    "=",
    "ghadelimiter_",
    "\u{0}",
];

fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,30}",
        proptest::collection::vec(proptest::sample::select(HOSTILE), 0..10)
            .prop_map(|v| v.concat()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][A-Z0-9_]{0,10}",
        "[a-z_][a-zA-Z0-9_]{0,6}",
        proptest::sample::select(
            &[
                "A",
                "PATH_X",
                "LD_PRELOAD",
                "_",
                "BASH_FUNC_x",
                "COLUMNS",
                "é",
                "1A"
            ][..]
        )
        .prop_map(str::to_owned),
    ]
}

/// A state document (valid, or with a bad key or NUL if the strategies drew
/// one), serialized as blockstate writes it.
fn state_doc() -> impl Strategy<Value = Vec<u8>> {
    (
        proptest::collection::btree_map(key(), hostile_value(), 0..6),
        proptest::option::of(hostile_value()),
        prop_oneof![Just(u64::MAX), Just(1u64), any::<u64>()],
    )
        .prop_map(|(vars, description, expires)| {
            let mut doc = serde_json::json!({
                "version": 1,
                "workflow": WF,
                "created": 1,
                "updated": 1,
                "expires": expires,
                "vars": vars,
            });
            if let (Some(d), Some(obj)) = (description, doc.as_object_mut()) {
                obj.insert("description".into(), d.into());
            }
            serde_json::to_vec_pretty(&doc).unwrap_or_default()
        })
}

/// Byte-level mutations of a document: flip, truncate, insert, delete.
fn mutated(doc: Vec<u8>, edits: Vec<(usize, u8, u8)>) -> Vec<u8> {
    let mut d = doc;
    for (at, byte, op) in edits {
        let i = if d.is_empty() { 0 } else { at % d.len() };
        match op % 4 {
            0 if !d.is_empty() => d[i] = byte,
            1 => d.truncate(i),
            2 => d.insert(i, byte),
            _ if !d.is_empty() => {
                d.remove(i);
            }
            _ => {}
        }
    }
    d
}

/// Arbitrary bytes, valid documents, and mutated ones.
fn state_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        state_doc(),
        (
            state_doc(),
            proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4)
        )
            .prop_map(|(d, e)| mutated(d, e)),
    ]
}

/// What `load` must do with these bytes: refuse, or export these values.
fn expected(bytes: &[u8], now: u64) -> Option<BTreeMap<String, String>> {
    let state = State::from_json(bytes, "fuzz", "fuzz").ok()?;
    Some(if state.is_expired(now) {
        BTreeMap::new()
    } else {
        state.vars
    })
}

#[test]
fn loader_never_panics_and_accepts_only_valid_state() -> TestResult {
    let mut runner = TestRunner::new(Config {
        cases: scale(4000, 100_000) as u32,
        failure_persistence: None,
        ..Config::default()
    });
    let (accepted, total) = (Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&state_bytes(), |bytes| {
            total.set(total.get() + 1);
            let Ok(state) = State::from_json(&bytes, "fuzz", "fuzz") else {
                return Ok(());
            };
            accepted.set(accepted.get() + 1);
            for (k, v) in &state.vars {
                prop_assert!(check_key(k).is_ok(), "accepted key {k:?}");
                prop_assert!(check_value(k, v).is_ok(), "accepted value of {k}");
            }
            let pairs: Vec<(&str, &str)> = state
                .vars
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            // Every emitter succeeds in the C locale and in UTF-8 (where
            // no value needs a refusal).
            for locale in ["C.UTF-8", "C"] {
                for format in [Format::Sh, Format::Fish, Format::Json, Format::Github] {
                    let out = render(format, &pairs, &Locale::named(locale));
                    prop_assert!(out.is_ok(), "{format:?} in {locale}: {:?}", out.err());
                }
            }
            // What we write back parses to the same state.
            let again = state
                .to_json()
                .ok()
                .and_then(|b| State::from_json(&b, "again", "again").ok());
            prop_assert_eq!(again.as_ref(), Some(&state));
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    let (accepted, total) = (accepted.get(), total.get());
    eprintln!("FIGURES fuzz in-process: {total} inputs, {accepted} accepted, no panic");
    assert!(
        accepted > total / 10,
        "too few valid inputs: {accepted} of {total}"
    );
    Ok(())
}

/// The shells to check `load`'s output in, with the format each reads.
fn shells(test: &str) -> Vec<(Vec<&'static str>, &'static str)> {
    let mut out = Vec::new();
    for (shell, format) in [
        (vec!["bash", "--norc", "--noprofile"], "sh"),
        (vec!["dash"], "sh"),
        (vec!["zsh", "-f"], "zsh"),
        (vec!["fish", "--no-config"], "fish"),
    ] {
        if require_tool(test, shell[0]) {
            out.push((shell, format));
        }
    }
    out
}

#[test]
fn fuzzed_state_files_refuse_or_round_trip_in_real_shells() -> TestResult {
    let test = "fuzzed_state_files_refuse_or_round_trip_in_real_shells";
    let shells = shells(test);
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let path = env.state_file(WF);
    let mut runner = TestRunner::new(Config {
        cases: scale(64, 1000) as u32,
        failure_persistence: None,
        ..Config::default()
    });
    let (refused, loaded, evals) = (Cell::new(0u32), Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&state_bytes(), |bytes| {
            write_private(&path, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let want = expected(&bytes, now);
            let out = env
                .cmd()
                .args(["-w", WF, "load"])
                .output()
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            let Some(want) = want else {
                refused.set(refused.get() + 1);
                prop_assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
                prop_assert_eq!(stdout(&out), "false\n");
                return Ok(());
            };
            loaded.set(loaded.get() + 1);
            prop_assert!(out.status.success(), "refused a valid file: {}", stderr(&out));
            // Every value, NUL-terminated, in key order.
            let keys: Vec<&String> = want.keys().collect();
            let expect: Vec<u8> = want.values().flat_map(|v| v.bytes().chain([0])).collect();
            for (shell, format) in &shells {
                let script = if shell[0] == "fish" {
                    let refs: Vec<String> = keys.iter().map(|k| format!("\"${k}\"")).collect();
                    format!(
                        "\"$BS\" load -w {WF} --shell fish | source; or exit 99; printf '%s\\0' {}",
                        if refs.is_empty() { "''".into() } else { refs.join(" ") }
                    )
                } else {
                    let refs: Vec<String> = keys.iter().map(|k| format!("\"${{{k}}}\"")).collect();
                    format!(
                        "eval \"$(\"$BS\" load -w {WF} --shell {format})\" || exit 99; printf '%s\\0' {}",
                        if refs.is_empty() { "''".into() } else { refs.join(" ") }
                    )
                };
                let out = env.shell(shell, &script);
                evals.set(evals.get() + 1);
                let got = if keys.is_empty() { Vec::new() } else { out.stdout.clone() };
                prop_assert!(
                    out.status.success() && got == expect,
                    "{}: exit {:?}, stderr {}\n got {:?}\nwant {:?}\nstate file: {}",
                    shell[0],
                    out.status.code(),
                    stderr(&out),
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&expect),
                    q(&String::from_utf8_lossy(&bytes))
                );
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    let (refused, loaded, evals) = (refused.get(), loaded.get(), evals.get());
    eprintln!(
        "FIGURES fuzz real shells: {} state files: {refused} refused with `false`, {loaded} loaded; {evals} shell evaluations ({} shells), all exact",
        refused + loaded,
        shells.len()
    );
    assert!(
        loaded > 0 && refused > 0,
        "one outcome never happened: {loaded} loaded, {refused} refused"
    );
    Ok(())
}
