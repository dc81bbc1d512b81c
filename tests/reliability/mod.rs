//! Helpers shared by the reliability and security tests (concurrency,
//! crash, faults, attacks, bad input, fuzzing).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use blockstate::store::State;

/// `BLOCKSTATE_LONG_TESTS=1` scales the tests up to their long variants
/// (see GUARANTEES.md for the figures they produced).
pub fn long() -> bool {
    std::env::var("BLOCKSTATE_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// `fast` normally, `long` under `BLOCKSTATE_LONG_TESTS=1`.
pub fn scale(fast: usize, long_value: usize) -> usize {
    if long() { long_value } else { fast }
}

/// Every `*.json` file of a state directory, by name: the stored state.
/// Lock files are not state and are left out.
pub fn state_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    names(dir)
        .into_iter()
        .filter(|n| n.ends_with(".json"))
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap_or_default();
            (n, bytes)
        })
        .collect()
}

/// Names of the temporary files (`.ID.tmp-*`) in a state directory.
pub fn temp_files(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with('.') && n.contains(".tmp-"))
        .collect()
}

/// Every name in a directory, sorted (empty if it does not exist).
pub fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Parse a state file the way blockstate does.
pub fn parse(bytes: &[u8]) -> Result<State, String> {
    State::from_json(bytes, "test", "test").map_err(|e| e.message)
}

/// Write a file with mode 0600, as blockstate's own files are.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    fs::write(path, bytes)?;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

/// A valid state document with the given variables.
pub fn state_json(id: &str, expires: u64, vars: &[(&str, &str)]) -> String {
    let vars: BTreeMap<&str, &str> = vars.iter().copied().collect();
    let doc = serde_json::json!({
        "version": 1,
        "workflow": id,
        "created": 1,
        "updated": 1,
        "expires": expires,
        "vars": vars,
    });
    format!("{doc:#}\n")
}

/// A small xorshift64* generator: std only, reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    /// Seeded from `BLOCKSTATE_TEST_SEED`, else from the clock. The seed is
    /// printed so that a failure can be replayed.
    pub fn new(test: &str) -> Self {
        let seed = std::env::var("BLOCKSTATE_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            })
            | 1;
        eprintln!("{test}: BLOCKSTATE_TEST_SEED={seed}");
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0), close enough for test schedules.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
