//! What only the file store's queues and waiters have: the directory tree
//! of a queue and its safety checks, corrupt message files, modes under
//! any umask, `gc` of leftovers, and the inotify fallback. (The behaviour
//! both stores share is in tests/stores.rs.)

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, TestResult, bin, require_tool, stderr, stdout};
use predicates::str::contains;

const WF: &str = "wf-q";

fn queue_dir(env: &TestEnv) -> PathBuf {
    env.dir.join(format!("{WF}.queues")).join("jobs")
}

/// A workflow with one queue holding `first` and `second`.
fn with_queue() -> TestEnv {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "push", "jobs", "first", "second"])
        .assert()
        .success();
    env
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every queue command refuses (exit `code`, `message`), and nothing in
/// the sandbox changes.
fn all_refuse(env: &TestEnv, code: i32, message: &str, what: &str) -> TestResult {
    let before = env.snapshot();
    for args in [
        &["-w", WF, "pop", "jobs"][..],
        &["-w", WF, "pop", "jobs", "--wait", "1s"],
        &["-w", WF, "queue", "ls", "jobs"],
    ] {
        let out = env.cmd().args(args).output()?;
        assert_eq!(
            out.status.code(),
            Some(code),
            "{what}: {args:?}: {}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains(message),
            "{what}: {args:?}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("hint:"), "{what}: {}", stderr(&out));
        assert_eq!(env.snapshot(), before, "{what}: {args:?} changed something");
    }
    Ok(())
}

#[test]
fn layout_is_one_file_per_message_readable_with_ls_and_cat() -> TestResult {
    let env = with_queue();
    let q = queue_dir(&env);
    assert_eq!(names(&q), ["cur", "new", "seq", "tmp"]);
    let new = names(&q.join("new"));
    assert_eq!(new.len(), 2);
    assert!(
        new.iter()
            .all(|n| n.len() == 20 && n.bytes().all(|b| b.is_ascii_digit()))
    );
    assert_eq!(fs::read_to_string(q.join("new").join(&new[0]))?, "first");
    assert_eq!(fs::read_to_string(q.join("new").join(&new[1]))?, "second");
    // The last stamp handed out, as a number.
    assert_eq!(
        fs::read_to_string(q.join("seq"))?.trim().parse::<u64>()?,
        new[1].parse::<u64>()?
    );
    env.cmd()
        .args(["-w", WF, "pop", "jobs"])
        .assert()
        .success()
        .stdout("first\n");
    assert_eq!(names(&q.join("new")), new[1..]);
    assert!(names(&q.join("cur")).is_empty());
    Ok(())
}

/// Regression for the clock: a stamp file from the future (as after the
/// wall clock stepped back) still gives the next message a later name, so
/// one producer's order holds.
#[test]
fn names_keep_increasing_when_the_clock_steps_back() -> TestResult {
    let env = with_queue();
    let q = queue_dir(&env);
    let future = "18000000000000000000";
    fs::write(q.join("seq"), format!("{future}\n"))?;
    env.cmd()
        .args(["-w", WF, "push", "jobs", "third"])
        .assert()
        .success();
    let new = names(&q.join("new"));
    assert_eq!(new.last().map(String::as_str), Some("18000000000000000001"));
    for want in ["first", "second", "third"] {
        env.cmd()
            .args(["-w", WF, "pop", "jobs"])
            .assert()
            .success()
            .stdout(format!("{want}\n"));
    }
    fs::write(q.join("seq"), "garbage")?;
    let before = env.snapshot();
    env.cmd()
        .args(["-w", WF, "push", "jobs", "x"])
        .assert()
        .code(3)
        .stderr(contains("not the last stamp of the queue"));
    let mut after = env.snapshot();
    // The push renewed the workflow before it met the bad file.
    after.remove(&env.state_file(WF));
    let mut before = before;
    before.remove(&env.state_file(WF));
    assert_eq!(after, before);
    Ok(())
}

#[test]
fn planted_links_fifos_and_hard_links_in_a_queue_are_refused() -> TestResult {
    // A symlink at each directory of the tree, to a real private directory
    // holding a valid-looking queue.
    for (at, label) in [
        (
            PathBuf::from(format!("{WF}.queues")),
            "the queues directory",
        ),
        (PathBuf::from(format!("{WF}.queues/jobs")), "the queue"),
        (PathBuf::from(format!("{WF}.queues/jobs/new")), "new/"),
    ] {
        let env = with_queue();
        let target = env.root().join("elsewhere");
        fs::rename(env.dir.join(&at), &target)?;
        symlink(&target, env.dir.join(&at))?;
        let before_target = names(&target);
        all_refuse(&env, 4, "is a symbolic link", label)?;
        let out = env.cmd().args(["-w", WF, "push", "jobs", "x"]).output()?;
        assert_eq!(out.status.code(), Some(4), "{label}: {}", stderr(&out));
        assert_eq!(
            names(&target),
            before_target,
            "{label}: the target was touched"
        );
    }
    // Planted messages.
    let victim_text = "precious";
    for kind in ["symlink", "dangling", "fifo", "hardlink", "dir"] {
        let env = with_queue();
        let new = queue_dir(&env).join("new");
        let victim = env.root().join("victim");
        fs::write(&victim, victim_text)?;
        let at = new.join("00000000000000000001");
        match kind {
            "symlink" => symlink(&victim, &at)?,
            "dangling" => symlink(env.root().join("nothing"), &at)?,
            "fifo" => {
                let c = std::ffi::CString::new(at.as_os_str().as_encoded_bytes())?;
                // SAFETY: a valid NUL-terminated path.
                assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            }
            "hardlink" => fs::hard_link(&victim, &at)?,
            _ => fs::create_dir(&at)?,
        }
        let message = match kind {
            "symlink" | "dangling" => "is a symbolic link",
            "hardlink" => "hard links",
            _ => "not a regular file",
        };
        let started = Instant::now();
        all_refuse(&env, 4, message, kind)?;
        assert!(started.elapsed() < Duration::from_secs(30), "{kind}: hung");
        assert_eq!(fs::read_to_string(&victim)?, victim_text);
        assert!(!env.root().join("nothing").exists());
    }
    Ok(())
}

#[test]
fn corrupt_message_files_stop_pop_with_a_clear_error_and_change_nothing() -> TestResult {
    let big = vec![b'x'; 1024 * 1024 + 1];
    let cases: [(&str, &[u8], &str); 4] = [
        (
            "00000000000000000001",
            b"\xff\xfe bad",
            "is not valid UTF-8",
        ),
        ("00000000000000000001", b"a\0b", "contains a NUL byte"),
        ("00000000000000000001", &big, "larger than the limit"),
        ("not-a-stamp", b"text", "its name is not a 20-digit stamp"),
    ];
    for (name, bytes, message) in cases {
        let env = with_queue();
        let at = queue_dir(&env).join("new").join(name);
        fs::write(&at, bytes)?;
        fs::set_permissions(&at, fs::Permissions::from_mode(0o600))?;
        all_refuse(&env, 3, message, message)?;
        let out = env.cmd().args(["-w", WF, "pop", "jobs"]).output()?;
        assert!(
            stderr(&out).contains(&at.display().to_string()),
            "names the file"
        );
        // Removing it lets the queue go on.
        fs::remove_file(&at)?;
        env.cmd()
            .args(["-w", WF, "pop", "jobs"])
            .assert()
            .success()
            .stdout("first\n");
    }
    Ok(())
}

#[test]
fn queue_files_are_private_whatever_the_umask() -> TestResult {
    for umask in ["000", "077", "777"] {
        let env = TestEnv::new();
        let script = format!(
            "umask {umask} && \"$BS\" -w {WF} push jobs private && \"$BS\" -w {WF} pop jobs --wait 1s"
        );
        let out = env.shell(&["sh"], &script);
        assert!(out.status.success(), "umask {umask}: {}", stderr(&out));
        let out = env.shell(
            &["sh"],
            &format!("umask {umask} && exec \"$BS\" -w {WF} push jobs again"),
        );
        assert!(out.status.success(), "umask {umask}: {}", stderr(&out));
        let q = queue_dir(&env);
        for dir in [
            env.dir.join(format!("{WF}.queues")),
            q.clone(),
            q.join("tmp"),
            q.join("new"),
            q.join("cur"),
        ] {
            assert_eq!(
                fs::metadata(&dir)?.mode() & 0o777,
                0o700,
                "umask {umask}: {}",
                dir.display()
            );
        }
        let mut files = vec![q.join("seq")];
        files.extend(names(&q.join("new")).iter().map(|n| q.join("new").join(n)));
        assert_eq!(files.len(), 2);
        for f in files {
            assert_eq!(
                fs::metadata(&f)?.mode() & 0o777,
                0o600,
                "umask {umask}: {}",
                f.display()
            );
        }
    }
    Ok(())
}

#[test]
fn gc_removes_orphan_queues_and_what_killed_pushers_left() -> TestResult {
    let env = with_queue();
    env.cmd()
        .args(["-w", "orphan", "push", "jobs", "x"])
        .assert()
        .success();
    fs::remove_file(env.state_file("orphan"))?;
    let tmp = queue_dir(&env).join("tmp").join("00000000000000000005");
    fs::write(&tmp, "half written")?;
    env.cmd().args(["gc"]).assert().success();
    assert!(
        !env.dir.join("orphan.queues").exists(),
        "orphan queue removed"
    );
    assert!(!tmp.exists(), "leftover of a killed push removed");
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout("2\n");
    // A queue directory set aside by an interrupted deletion.
    let aside = env.dir.join(format!(".{WF}.queues-gone-00000000deadbeef"));
    fs::create_dir(&aside)?;
    fs::create_dir(aside.join("jobs"))?;
    fs::write(aside.join("jobs").join("x"), "x")?;
    env.cmd().args(["gc"]).assert().success();
    assert!(!aside.exists());
    Ok(())
}

/// Run blockstate under strace, counting the named system calls.
fn traced_counts(
    env: &TestEnv,
    extra_env: &[(&str, &str)],
    args: &[&str],
    calls: &[&str],
) -> Result<(bool, Vec<usize>), Box<dyn std::error::Error>> {
    let log = env.root().join("strace.log");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "signal=none", "-o"])
        .arg(&log)
        .arg(bin())
        .args(args)
        .env_clear()
        .envs(env.base_env())
        .envs(extra_env.iter().copied())
        .current_dir(&env.work)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    let text = fs::read_to_string(&log)?;
    let counts = calls
        .iter()
        .map(|c| {
            text.lines()
                .filter(|l| {
                    l.split_whitespace()
                        .nth(1)
                        .is_some_and(|w| w.starts_with(&format!("{c}(")))
                })
                .count()
        })
        .collect();
    Ok((status.code() == Some(124), counts))
}

/// No busy polling: a 1-second `wait` that times out makes a handful of
/// system calls with inotify, and with inotify made to fail
/// (`BLOCKSTATE_FAULT=watch:ENOSPC`, as when the per-user watch limit is
/// reached) a bounded number of sleeps of the back-off poll.
#[test]
fn waiting_uses_inotify_or_a_bounded_poll_never_a_busy_loop() -> TestResult {
    if !require_tool(
        "waiting_uses_inotify_or_a_bounded_poll_never_a_busy_loop",
        "strace",
    ) {
        return Ok(());
    }
    let env = TestEnv::new();
    let calls = [
        "inotify_init1",
        "poll",
        "clock_nanosleep",
        "nanosleep",
        "openat",
    ];
    for (what, args) in [
        ("wait", &["-w", WF, "wait", "K", "--timeout", "1s"][..]),
        ("pop --wait", &["-w", WF, "pop", "jobs", "--wait", "1s"]),
    ] {
        let (timed_out, ino) = traced_counts(&env, &[], args, &calls)?;
        assert!(timed_out, "{what}");
        assert!(
            ino[0] >= 1 && ino[1] <= 4 && ino[2] + ino[3] == 0,
            "{what} with inotify: {calls:?} = {ino:?}"
        );
        let (timed_out, n) =
            traced_counts(&env, &[("BLOCKSTATE_FAULT", "watch:ENOSPC")], args, &calls)?;
        assert!(timed_out, "{what}");
        let sleeps = n[2] + n[3];
        assert!(
            n[0] == 0 && (4..=12).contains(&sleeps),
            "{what} polling: {calls:?} = {n:?}"
        );
        eprintln!("FIGURES {what} for 1s, {calls:?}: with inotify {ino:?}; polling {n:?}");
    }
    Ok(())
}

/// The fallback poll still delivers: `wait` and `pop --wait` wake on a
/// change with inotify made unavailable.
#[test]
fn the_fallback_poll_wakes_on_changes() -> TestResult {
    let env = TestEnv::new();
    let spawn = |args: &[&str]| {
        env.std_cmd()
            .args(args)
            .env("BLOCKSTATE_FAULT", "watch:EMFILE")
            .stdout(Stdio::piped())
            .spawn()
    };
    let waiter = spawn(&["-w", WF, "wait", "K", "--equals", "2", "--timeout", "60s"])?;
    let consumer = spawn(&["-w", WF, "pop", "jobs", "--wait", "60s"])?;
    std::thread::sleep(Duration::from_millis(700));
    env.cmd().args(["-w", WF, "set", "K=1"]).assert().success();
    env.cmd()
        .args(["-w", WF, "push", "jobs", "job"])
        .assert()
        .success();
    env.cmd().args(["-w", WF, "set", "K=2"]).assert().success();
    let started = Instant::now();
    let w = waiter.wait_with_output()?;
    let c = consumer.wait_with_output()?;
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!((w.status.success(), stdout(&w)), (true, "2\n".into()));
    assert_eq!((c.status.success(), stdout(&c)), (true, "job\n".into()));
    Ok(())
}
