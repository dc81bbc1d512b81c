//! Crash safety: a `set` of a large multi-key update is killed with SIGKILL
//! after a random delay, over and over. The delay is uniform over 0-5 ms,
//! or over the measured duration of one uninterrupted `set` when that is
//! longer (the unoptimized test build spends most of its time parsing), so
//! that kills land in every phase: start-up, reading, writing the temporary
//! file, flushing, renaming, flushing the directory. After every kill the
//! state file must parse and hold exactly the previous state or the new
//! one, never a mix; `load` must work; and a final `gc` must remove every
//! temporary file the killed writers left.
//!
//! CI: 200 kills. `BLOCKSTATE_LONG_TESTS=1`: 1,000.

mod common;
mod reliability;

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{TestEnv, TestResult, stderr};
use reliability::{Rng, parse, scale, temp_files};

const KEYS: usize = 100;
const VALUE_BYTES: usize = 2 * 1024;

fn generation(g: usize, filler: &str) -> BTreeMap<String, String> {
    (0..KEYS)
        .map(|k| (format!("K{k:03}"), format!("gen{g} key{k} {filler}")))
        .collect()
}

#[test]
fn sigkill_during_set_leaves_old_or_new_state() -> TestResult {
    let kills = scale(200, 1000);
    let mut rng = Rng::new("sigkill_during_set_leaves_old_or_new_state");
    let env = TestEnv::new();
    let wf = "wf-crash";
    let path = env.state_file(wf);
    let filler = "x'\"$\\\n".repeat(VALUE_BYTES / 6);

    let first = generation(0, &filler);
    let args: Vec<String> = first.iter().map(|(k, v)| format!("{k}={v}")).collect();
    env.cmd()
        .args(["-w", wf, "set"])
        .args(&args)
        .assert()
        .success();
    let mut prev = first;

    // Calibrate the kill window on a few uninterrupted updates.
    let mut took = Vec::new();
    for g in 1..=3 {
        let next = generation(1_000_000 + g, &filler);
        let args: Vec<String> = next.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let t = Instant::now();
        env.cmd()
            .args(["-w", wf, "set"])
            .args(&args)
            .assert()
            .success();
        took.push(t.elapsed());
        prev = next;
    }
    took.sort();
    let window = took[1].mul_f64(1.1).max(Duration::from_millis(5));
    let window_us = window.as_micros() as u64;

    let (mut finished, mut old_after_kill, mut new_after_kill) = (0, 0, 0);
    let mut max_temps = 0;
    let started = Instant::now();
    for g in 1..=kills {
        let next = generation(g, &filler);
        let args: Vec<String> = next.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut child = env
            .std_cmd()
            .args(["-w", wf, "set"])
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("kill {g}: starting set: {e}"))?;
        std::thread::sleep(Duration::from_micros(rng.below(window_us + 1)));
        let _ = child.kill();
        let status = child.wait()?;

        let bytes =
            std::fs::read(&path).map_err(|e| format!("kill {g}: reading the state: {e}"))?;
        let state = parse(&bytes).map_err(|e| format!("kill {g}: state does not parse: {e}"))?;
        let now: BTreeMap<String, String> = state.vars.into_iter().collect();
        if status.success() {
            assert!(
                now == next,
                "kill {g}: set succeeded but the new state is not stored"
            );
            finished += 1;
        } else if now == next {
            new_after_kill += 1;
        } else if now == prev {
            old_after_kill += 1;
        } else {
            panic!("kill {g}: the state is neither the previous nor the new one");
        }
        max_temps = max_temps.max(temp_files(&env.dir).len());
        if g % 25 == 0 {
            let out = env.cmd().args(["-w", wf, "load"]).output()?;
            assert!(out.status.success(), "kill {g}: load: {}", stderr(&out));
        }
        prev = now;
    }
    let left = temp_files(&env.dir).len();
    let out = env.cmd().arg("gc").output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(temp_files(&env.dir), Vec::<String>::new());
    // The state survived gc (it has not expired).
    let bytes = std::fs::read(&path)?;
    assert_eq!(parse(&bytes).map(|s| s.vars.len()), Ok(KEYS));
    eprintln!(
        "FIGURES sigkill: {kills} runs of a {KEYS}-key set ({} KiB), killed after 0-{window:?}, in {:?}: {finished} finished before the kill, {old_after_kill} killed before the rename (old state), {new_after_kill} killed after it (new state), 0 torn; {left} temporary files left (at most {max_temps} at once), all removed by gc",
        KEYS * VALUE_BYTES / 1024,
        started.elapsed()
    );
    assert!(
        old_after_kill > 0 && (left > 0 || new_after_kill > 0),
        "no kill landed inside the write: the test did not exercise a crash"
    );
    Ok(())
}
