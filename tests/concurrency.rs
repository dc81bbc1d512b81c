//! Concurrency: many processes writing at once lose nothing, never corrupt
//! a file and never hold a workflow's lock together; readers are never
//! blocked and never see a torn file; a lock held by someone else makes a
//! writer give up after the timeout with exit status 5.
//!
//! Fast variants run in `cargo test`; `BLOCKSTATE_LONG_TESTS=1` scales them
//! up (64 processes x 50 updates, repeated 10 times).

mod common;
mod reliability;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{TestEnv, TestResult, require_tool, stderr, stdout};
use reliability::{names, parse, scale, temp_files};

/// Outcome of one command run by a worker.
struct Run {
    ok: bool,
    code: Option<i32>,
    err: String,
    took: Duration,
}

fn run(env: &TestEnv, args: &[&str]) -> Run {
    let started = Instant::now();
    let out: std::io::Result<Output> = env.std_cmd().args(args).output();
    let took = started.elapsed();
    match out {
        Ok(o) => Run {
            ok: o.status.success(),
            code: o.status.code(),
            err: stderr(&o),
            took,
        },
        Err(e) => Run {
            ok: false,
            code: None,
            err: e.to_string(),
            took,
        },
    }
}

/// Figures printed for GUARANTEES.md.
#[derive(Default)]
struct Tally {
    commands: usize,
    timeouts: usize,
    slowest: Duration,
}

impl Tally {
    fn add(&mut self, r: &Run) -> Result<(), String> {
        self.commands += 1;
        self.slowest = self.slowest.max(r.took);
        if r.ok {
            return Ok(());
        }
        if r.code == Some(5) {
            // A lock timeout is an allowed, clearly reported outcome under
            // extreme contention; the key is then not acknowledged.
            self.timeouts += 1;
            return Ok(());
        }
        Err(format!("exit {:?}: {}", r.code, r.err))
    }

    fn merge(&mut self, o: Tally) {
        self.commands += o.commands;
        self.timeouts += o.timeouts;
        self.slowest = self.slowest.max(o.slowest);
    }
}

/// The variables of a workflow, from its state file (empty if absent).
fn vars_of(env: &TestEnv, id: &str) -> Result<BTreeMap<String, String>, String> {
    match fs::read(env.state_file(id)) {
        Ok(bytes) => parse(&bytes).map(|s| s.vars.into_iter().collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(e.to_string()),
    }
}

/// Only state and lock files may be left in the directory, and every state
/// file must parse.
fn check_directory(env: &TestEnv) -> Result<(), String> {
    for name in names(&env.dir) {
        if let Some(id) = name.strip_suffix(".json") {
            vars_of(env, id).map_err(|e| format!("{name} does not parse: {e}"))?;
        } else if !name.ends_with(".lock") {
            return Err(format!(
                "unexpected file left in the state directory: {name}"
            ));
        }
    }
    Ok(())
}

/// A worker's tally and the pairs its acknowledged `set`s stored.
type WorkerResult = (Tally, Vec<(String, String)>);

#[test]
fn concurrent_sets_into_one_workflow_lose_nothing() -> TestResult {
    let procs = scale(16, 64);
    let per = scale(20, 50);
    let rounds = scale(1, 10);
    let mut total = Tally::default();
    let started = Instant::now();
    for round in 0..rounds {
        let env = TestEnv::new();
        let wf = format!("wf-one-{round}");
        let results: Vec<Result<WorkerResult, String>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..procs)
                .map(|p| {
                    let env = &env;
                    let wf = &wf;
                    s.spawn(move || {
                        let mut tally = Tally::default();
                        let mut acked = Vec::new();
                        for i in 0..per {
                            let key = format!("K_{p}_{i}");
                            let value = format!("v{p}'\"$(x) {i}\n");
                            let r = run(env, &["-w", wf, "set", &format!("{key}={value}")]);
                            tally.add(&r)?;
                            if r.ok {
                                acked.push((key, value));
                            }
                        }
                        Ok((tally, acked))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err("worker panicked".into())))
                .collect()
        });
        let stored = vars_of(&env, &wf)?;
        let mut acked_count = 0;
        for r in results {
            let (tally, acked) = r?;
            total.merge(tally);
            for (k, v) in acked {
                acked_count += 1;
                assert_eq!(stored.get(&k), Some(&v), "acknowledged {k} was lost");
            }
        }
        assert_eq!(
            stored.len(),
            acked_count,
            "keys that were never set appeared"
        );
        check_directory(&env)?;
        assert_eq!(
            names(&env.dir),
            vec![format!("{wf}.json"), format!("{wf}.lock")]
        );
    }
    eprintln!(
        "FIGURES concurrent_sets_into_one_workflow: {rounds} round(s) of {procs} processes x {per} sets: {} sets, {} lock timeouts, slowest set {:?}, {:?} in all",
        total.commands,
        total.timeouts,
        total.slowest,
        started.elapsed()
    );
    Ok(())
}

/// Per worker: what it expects to find in its persistent workflow.
type Expect = BTreeMap<String, Option<String>>;

#[test]
fn concurrent_sets_unsets_and_gc_across_workflows() -> TestResult {
    let procs = scale(16, 64);
    let per = scale(20, 50);
    let rounds = scale(1, 10);
    const KEPT: usize = 4;
    const DOOMED: usize = 4;
    let mut total = Tally::default();
    let loads = AtomicUsize::new(0);
    let started = Instant::now();
    for round in 0..rounds {
        let env = TestEnv::new();
        let kept: Vec<String> = (0..KEPT).map(|w| format!("wf-kept-{round}-{w}")).collect();
        let doomed: Vec<String> = (0..DOOMED).map(|w| format!("wf-doomed-{w}")).collect();
        let writing = AtomicBool::new(true);
        let (results, reader_errors) = std::thread::scope(|s| {
            // Readers run all along: never blocked, never a torn file.
            let readers: Vec<_> = (0..2)
                .map(|r| {
                    let (env, kept, writing, loads) = (&env, &kept, &writing, &loads);
                    s.spawn(move || {
                        let mut errors = Vec::new();
                        while writing.load(Ordering::Relaxed) {
                            let out = env.std_cmd().args(["-w", &kept[r % KEPT], "load"]).output();
                            loads.fetch_add(1, Ordering::Relaxed);
                            match out {
                                Ok(o)
                                    if o.status.success() && stdout(&o).starts_with("export ") => {}
                                Ok(o) => errors.push(format!("load failed: {}", stderr(&o))),
                                Err(e) => errors.push(e.to_string()),
                            }
                        }
                        errors
                    })
                })
                .collect();
            let workers: Vec<_> = (0..procs)
                .map(|p| {
                    let (env, kept, doomed) = (&env, &kept, &doomed);
                    s.spawn(move || -> Result<(Tally, String, Expect), String> {
                        let mut tally = Tally::default();
                        let mut expect = Expect::new();
                        let mine = &kept[p % KEPT];
                        for i in 0..per {
                            let key = format!("K_{p}_{i}");
                            let r = run(env, &["-w", mine, "set", &format!("{key}=v{i}")]);
                            tally.add(&r)?;
                            if r.ok {
                                expect.insert(key, Some(format!("v{i}")));
                            }
                            if i % 3 == 2 {
                                let gone = format!("K_{p}_{}", i - 1);
                                let r = run(env, &["-w", mine, "unset", &gone]);
                                tally.add(&r)?;
                                if r.ok {
                                    expect.insert(gone, None);
                                }
                            }
                            if i % 4 == 3 {
                                let d = &doomed[p % DOOMED];
                                tally.add(&run(env, &["-w", d, "set", &format!("X_{p}_{i}=1")]))?;
                                let other = &doomed[(p + 1) % DOOMED];
                                tally.add(&run(env, &["gc", "-w", other]))?;
                            }
                        }
                        Ok((tally, mine.clone(), expect))
                    })
                })
                .collect();
            let results: Vec<_> = workers
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err("worker panicked".into())))
                .collect();
            writing.store(false, Ordering::Relaxed);
            let reader_errors: Vec<String> = readers
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|_| vec!["reader panicked".into()]))
                .collect();
            (results, reader_errors)
        });
        assert!(reader_errors.is_empty(), "{}", reader_errors.join("\n"));
        let mut checked = 0;
        for r in results {
            let (tally, wf, expect) = r?;
            total.merge(tally);
            let stored = vars_of(&env, &wf)?;
            for (k, v) in expect {
                assert_eq!(stored.get(&k), v.as_ref(), "{wf}: {k}");
                checked += 1;
            }
        }
        assert!(checked >= procs * per, "too few keys checked: {checked}");
        check_directory(&env)?;
        // Everything gc leaves behind is state it was not asked to remove.
        env.cmd().args(["gc", "--all"]).assert().success();
        assert_eq!(names(&env.dir), Vec::<String>::new());
    }
    eprintln!(
        "FIGURES concurrent_sets_unsets_and_gc_across_workflows: {rounds} round(s) of {procs} processes: {} commands (set/unset/gc -w), {} concurrent loads, {} lock timeouts, slowest command {:?}, {:?} in all",
        total.commands,
        loads.load(Ordering::Relaxed),
        total.timeouts,
        total.slowest,
        started.elapsed()
    );
    Ok(())
}

#[test]
fn gc_racing_set_on_the_same_workflow() -> TestResult {
    let n = scale(100, 1000);
    let env = TestEnv::new();
    let wf = "wf-race";
    let (sets, gcs, sweeps) = std::thread::scope(|s| {
        let env = &env;
        let setter = s.spawn(move || -> Result<usize, String> {
            let mut acked = 0;
            for i in 0..n {
                let r = run(env, &["-w", wf, "set", &format!("K{i}=v{i}"), "FIXED=x"]);
                if !r.ok {
                    return Err(format!("set {i}: {}", r.err));
                }
                acked += 1;
            }
            Ok(acked)
        });
        let deleter = s.spawn(move || -> Result<usize, String> {
            for i in 0..n {
                let r = run(env, &["gc", "-w", wf]);
                if !r.ok {
                    return Err(format!("gc -w {i}: {}", r.err));
                }
            }
            Ok(n)
        });
        let sweeper = s.spawn(move || -> Result<usize, String> {
            for i in 0..n / 10 {
                let r = run(env, &["gc"]);
                if !r.ok {
                    return Err(format!("gc {i}: {}", r.err));
                }
            }
            Ok(n / 10)
        });
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<usize, String>>| {
            h.join().unwrap_or_else(|_| Err("panicked".into()))
        };
        (join(setter), join(deleter), join(sweeper))
    });
    let (sets, gcs, sweeps) = (sets?, gcs?, sweeps?);
    // Either order is fine: the file is absent, or a whole state holding
    // FIXED and the keys set since the last deletion.
    let stored = vars_of(&env, wf)?;
    if !stored.is_empty() {
        assert_eq!(stored.get("FIXED").map(String::as_str), Some("x"));
    }
    check_directory(&env)?;
    assert!(temp_files(&env.dir).is_empty());
    eprintln!(
        "FIGURES gc_racing_set: {sets} sets, {gcs} gc -w, {sweeps} gc sweeps, all succeeded; {} keys survived",
        stored.len()
    );
    Ok(())
}

/// Each holder of a workflow's lock appends `+PID` after taking it and
/// `-PID` before releasing it (`BLOCKSTATE_FAULT=trace:FILE`). If two
/// processes ever held it together, two `+` lines would follow each other.
#[test]
fn two_processes_never_hold_the_lock_at_once() -> TestResult {
    let procs = scale(16, 64);
    let per = scale(10, 50);
    let env = TestEnv::new();
    let log = env.root().join("lock.log");
    let wf = "wf-mutex";
    let log_s = log.display().to_string();
    let timeouts = AtomicUsize::new(0);
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..procs)
            .map(|p| {
                let (env, log_s, timeouts) = (&env, &log_s, &timeouts);
                s.spawn(move || {
                    let mut errors = Vec::new();
                    for i in 0..per {
                        let key = format!("K_{p}_{i}");
                        let args: Vec<String> = match i % 5 {
                            3 => vec!["unset".into(), format!("K_{p}_{}", i - 1)],
                            4 if p % 4 == 0 => vec!["gc".into()],
                            _ => vec!["set".into(), format!("{key}=x")],
                        };
                        let out = env
                            .std_cmd()
                            .args(["-w", wf])
                            .args(&args)
                            .env("BLOCKSTATE_FAULT", format!("trace:{log_s}"))
                            .output();
                        match out {
                            Ok(o) if o.status.success() => {}
                            // A timeout says nothing about exclusion: the
                            // process never held the lock.
                            Ok(o) if o.status.code() == Some(5) => {
                                timeouts.fetch_add(1, Ordering::Relaxed);
                            }
                            Ok(o) => errors.push(stderr(&o)),
                            Err(e) => errors.push(e.to_string()),
                        }
                    }
                    errors
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|_| vec!["panicked".into()]))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let text = fs::read_to_string(&log)?;
    let lines: Vec<&str> = text.lines().collect();
    let mut holder: Option<&str> = None;
    let mut sections = 0;
    let mut pids = BTreeSet::new();
    for (n, line) in lines.iter().enumerate() {
        match (line.split_at(1), holder) {
            (("+", pid), None) => {
                holder = Some(pid);
                pids.insert(pid);
            }
            (("-", pid), Some(h)) if h == pid => {
                holder = None;
                sections += 1;
            }
            _ => panic!(
                "line {}: {line:?} while {holder:?} held the lock:\n{}",
                n + 1,
                lines[n.saturating_sub(3)..(n + 2).min(lines.len())].join("\n")
            ),
        }
    }
    assert_eq!(holder, None, "the log ends inside a critical section");
    let timeouts = timeouts.load(Ordering::Relaxed);
    let sets = procs * per * 3 / 5;
    assert!(
        sections + timeouts >= sets,
        "only {sections} critical sections for {sets} sets"
    );
    eprintln!(
        "FIGURES lock_exclusion: {sections} critical sections by {} processes, no overlap; {timeouts} lock timeouts",
        pids.len()
    );
    Ok(())
}

/// A process that holds `flock(1)` on `path` until killed.
struct Holder(Child);

impl Holder {
    fn start(path: &std::path::Path, mode: &str) -> Result<Self, Box<dyn std::error::Error>> {
        // One process holds the lock: bash opens the file, flock(1) locks
        // the shared open file description, and bash then becomes `sleep`.
        let script = format!(
            "exec 9<{p}; flock {mode} 9 || exit 1; echo held; exec sleep 60",
            p = common::q(&path.display().to_string())
        );
        let mut child = Command::new("bash")
            .args(["-c", &script])
            .stdout(Stdio::piped())
            .spawn()?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            BufReader::new(out).read_line(&mut line)?;
        }
        if line.trim() != "held" {
            let _ = child.kill();
            let _ = child.wait();
            return Err("flock(1) did not take the lock".into());
        }
        Ok(Holder(child))
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn lock_held_by_flock_makes_set_time_out_but_not_readers() -> TestResult {
    if !require_tool(
        "lock_held_by_flock_makes_set_time_out_but_not_readers",
        "flock",
    ) {
        return Ok(());
    }
    let env = TestEnv::new();
    let wf = "wf-held";
    env.cmd().args(["-w", wf, "set", "A=1"]).assert().success();
    let lock = env.dir.join(format!("{wf}.lock"));
    let before = env.snapshot();
    let holder = Holder::start(&lock, "-x")?;

    let started = Instant::now();
    let out = env
        .cmd()
        .args(["-w", wf, "--lock-timeout", "700ms", "set", "A=2"])
        .output()?;
    let waited = started.elapsed();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        waited >= Duration::from_millis(700),
        "gave up after {waited:?}"
    );
    assert!(waited < Duration::from_millis(5000), "hung for {waited:?}");
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "blockstate: error: timed out after 700ms waiting for the lock on {}",
            lock.display()
        )),
        "{err}"
    );
    assert!(err.contains("hint: retry, raise --lock-timeout / BLOCKSTATE_LOCK_TIMEOUT"));
    assert!(err.contains("nothing was changed"));
    // Also through the environment variable, and for unset and gc -w.
    for args in [&["unset", "A"][..], &["gc", "-w", wf]] {
        let out = env
            .cmd()
            .args(["-w", wf])
            .args(args)
            .env("BLOCKSTATE_LOCK_TIMEOUT", "300ms")
            .output()?;
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(
        env.snapshot(),
        before,
        "a timed-out writer changed something"
    );

    // Readers take no lock: they answer at once, far sooner than the
    // timeout they would wait for if they did.
    for args in [&["load"][..], &["get", "A"], &["list"]] {
        let started = Instant::now();
        let out = env
            .cmd()
            .args(["-w", wf, "--lock-timeout", "5s"])
            .args(args)
            .output()?;
        let took = started.elapsed();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(took < Duration::from_millis(1000), "{args:?} took {took:?}");
    }
    let out = env.cmd().args(["-w", wf, "get", "A"]).output()?;
    assert_eq!(stdout(&out), "1\n");

    // Released: the writer goes through.
    drop(holder);
    env.cmd().args(["-w", wf, "set", "A=2"]).assert().success();
    let out = env.cmd().args(["-w", wf, "get", "A"]).output()?;
    assert_eq!(stdout(&out), "2\n");
    Ok(())
}

/// Writers take a shared lock on the directory, `gc` without a workflow an
/// exclusive one: an exclusive holder stops writers, a shared holder stops
/// the sweep, and neither stops readers.
#[test]
fn directory_lock_held_by_flock() -> TestResult {
    if !require_tool("directory_lock_held_by_flock", "flock") {
        return Ok(());
    }
    let env = TestEnv::new();
    let wf = "wf-dirlock";
    env.cmd().args(["-w", wf, "set", "A=1"]).assert().success();

    let holder = Holder::start(&env.dir, "-x")?;
    let out = env
        .cmd()
        .args(["-w", wf, "--lock-timeout", "300ms", "set", "A=2"])
        .output()?;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("waiting for the lock on {}", env.dir.display())));
    env.cmd().args(["-w", wf, "get", "A"]).assert().success();
    drop(holder);

    let holder = Holder::start(&env.dir, "-s")?;
    // Another writer shares the directory lock.
    env.cmd()
        .args(["-w", wf, "--lock-timeout", "300ms", "set", "A=3"])
        .assert()
        .success();
    let out = env.cmd().args(["--lock-timeout", "300ms", "gc"]).output()?;
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    drop(holder);
    env.cmd().args(["gc"]).assert().success();
    Ok(())
}

/// Regression: a writer waited up to twice --lock-timeout when both the
/// directory lock and the workflow lock were taken, because each wait got
/// the full timeout. The timeout now covers both: with the directory lock
/// held for 0.9 s and the workflow lock throughout, `--lock-timeout 1s`
/// gives up after about 1 s.
#[test]
fn writer_waited_twice_the_lock_timeout() -> TestResult {
    if !require_tool("writer_waited_twice_the_lock_timeout", "flock") {
        return Ok(());
    }
    let env = TestEnv::new();
    let wf = "wf-twice";
    env.cmd().args(["-w", wf, "set", "A=1"]).assert().success();
    let lock = env.dir.join(format!("{wf}.lock"));
    let _workflow_holder = Holder::start(&lock, "-x")?;
    let dir_holder = Holder::start(&env.dir, "-x")?;
    let started = Instant::now();
    let out = std::thread::scope(|s| {
        s.spawn(move || {
            std::thread::sleep(Duration::from_millis(900));
            drop(dir_holder);
        });
        env.cmd()
            .args(["-w", wf, "--lock-timeout", "1s", "set", "A=2"])
            .output()
    })?;
    let waited = started.elapsed();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        waited >= Duration::from_millis(1000),
        "gave up after {waited:?}"
    );
    // Counting each lock's wait separately would give at least 1.9 s.
    assert!(
        waited < Duration::from_millis(1800),
        "waited {waited:?} for a 1s timeout"
    );
    Ok(())
}
