//! Background processes on the file store: what is not about the store
//! (the shared behaviour is in tests/stores.rs, on both stores). Every
//! test holds a `Reaper`, which kills whatever its sandbox started even
//! when the test fails.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{TestEnv, TestResult, bin, group_members, proc_stat, q, require_tool, stderr, stdout};
use predicates::prelude::*;
use predicates::str::contains;

const WF: &str = "wf-procs";

fn ps_json(env: &TestEnv) -> Result<Vec<serde_json::Value>, Box<dyn std::error::Error>> {
    let o = env.cmd().args(["-w", WF, "ps", "--json"]).output()?;
    assert!(o.status.success(), "{}", stderr(&o));
    Ok(serde_json::from_slice(&o.stdout)?)
}

fn running_pid(env: &TestEnv, name: &str) -> Result<i32, Box<dyn std::error::Error>> {
    for p in ps_json(env)? {
        if p["name"] == name && p["state"] == "running" {
            return Ok(p["pid"].as_i64().ok_or("no pid")? as i32);
        }
    }
    Err(format!("{name} is not running").into())
}

/// A pseudo-random number from the clock: enough to spread kill moments.
fn jitter(limit: u64) -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    u64::from(nanos.wrapping_mul(2_654_435_761)) % limit.max(1)
}

/// Proof point 6: `spawn` SIGKILLed at random moments. The child waits on
/// a pipe until the record is committed, so any command still running
/// afterwards must be recorded (a record of a process that never ran is
/// allowed: `ps` calls it gone).
#[test]
fn a_killed_spawn_never_leaves_a_running_process_without_a_record() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    // How long one whole spawn takes here, to aim the kills across it.
    let t = Instant::now();
    env.cmd()
        .args(["-w", WF, "spawn", "probe", "--", "sleep", "300"])
        .assert()
        .success();
    let full = t.elapsed().as_micros() as u64;
    env.cmd()
        .args(["-w", WF, "stop", "probe"])
        .assert()
        .success();
    let mut killed_midway = 0;
    let rounds = 40;
    for i in 0..rounds {
        let mut child = env
            .std_cmd()
            .args(["-w", WF, "spawn", &format!("p{i}"), "--", "sleep", "300"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        std::thread::sleep(Duration::from_micros(jitter(full * 6 / 5)));
        child.kill()?;
        let status = child.wait()?;
        if status.signal() == Some(libc::SIGKILL) {
            killed_midway += 1;
        }
    }
    // Children whose parent died read end-of-file and exit at once.
    std::thread::sleep(Duration::from_millis(300));
    let recorded: Vec<i32> = ps_json(&env)?
        .iter()
        .filter(|p| p["state"] == "running")
        .filter_map(|p| p["pid"].as_i64().map(|p| p as i32))
        .collect();
    let mut survivors = reaper.survivors();
    survivors.sort_unstable();
    let mut expected = recorded.clone();
    expected.sort_unstable();
    eprintln!(
        "{killed_midway} of {rounds} spawns killed midway; {} commands running, all recorded",
        survivors.len()
    );
    assert_eq!(survivors, expected, "a running command without a record");
    assert!(
        killed_midway >= rounds / 4,
        "too few kills landed inside spawn: {killed_midway}"
    );
    env.cmd()
        .args(["-w", WF, "stop", "--all"])
        .assert()
        .success();
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

#[test]
fn ready_file_log_and_timeout() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    let marker = env.work.join("ready.flag");
    env.cmd()
        .args(["-w", WF, "spawn", "touchy", "--ready"])
        .arg(format!("file:{}", marker.display()))
        .args(["--", "sh", "-c", "sleep 0.2; : > \"$0\"; exec sleep 300"])
        .arg(&marker)
        .assert()
        .success();
    assert!(marker.exists());
    env.cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "talker",
            "--ready",
            "log:^ready on [0-9]+$",
            "--",
        ])
        .args([
            "sh",
            "-c",
            "echo 'ready on x'; sleep 0.2; echo 'ready on 42'; exec sleep 300",
        ])
        .assert()
        .success();
    let t = Instant::now();
    env.cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "slow",
            "--ready",
            "file:never",
            "--timeout",
            "300ms",
            "--",
        ])
        .args(["sh", "-c", "echo still starting; exec sleep 300"])
        .assert()
        .code(8)
        .stderr(
            contains("slow was not ready after 300ms (waiting for the file never); it was stopped")
                .and(contains("| still starting")),
        );
    assert!(t.elapsed() < Duration::from_secs(10));
    let names: Vec<String> = ps_json(&env)?
        .iter()
        .map(|p| p["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["talker", "touchy"]);
    // Readiness flags are checked before anything starts.
    for (args, message) in [
        (&["--ready", "port"][..], "--ready port needs a port"),
        (&["--ready", "tcp:1"], "unknown kind of readiness"),
        (&["--ready", "log:("], "not a valid regular expression"),
        (&["--port", "0"], "invalid --port '0'"),
        (&["--port", "70000"], "invalid --port"),
        (
            &["--ready", "port", "--port", "auto", "--timeout", "soon"],
            "invalid duration",
        ),
    ] {
        env.cmd()
            .args(["-w", WF, "spawn", "bad"])
            .args(args)
            .args(["--", "sleep", "300"])
            .assert()
            .code(2)
            .stderr(contains(message));
    }
    env.cmd()
        .args(["-w", WF, "stop", "--all"])
        .assert()
        .success();
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

#[test]
fn logs_prints_the_tail_and_follows_until_the_process_ends() -> TestResult {
    let env = TestEnv::new();
    let _reaper = env.reaper();
    env.cmd()
        .args(["-w", WF, "spawn", "counter", "--ready", "log:^3$", "--"])
        .args([
            "sh",
            "-c",
            "for i in 1 2 3; do echo $i; done; sleep 1; echo 4; echo done",
        ])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "logs", "counter", "-n", "2"])
        .assert()
        .success()
        .stdout("2\n3\n");
    // --follow prints what comes, and returns when the process ends.
    let t = Instant::now();
    env.cmd()
        .args(["-w", WF, "logs", "counter", "--follow", "-n", "1"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout("3\n4\ndone\n");
    assert!(t.elapsed() < Duration::from_secs(15));
    // The log outlives the record: stop, then read it.
    env.cmd()
        .args(["-w", WF, "stop", "counter"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "logs", "counter"])
        .assert()
        .success()
        .stdout("1\n2\n3\n4\ndone\n");
    env.cmd()
        .args(["-w", WF, "logs", "nobody"])
        .assert()
        .code(1)
        .stderr(contains("no log for a process named nobody"));
    Ok(())
}

#[test]
fn load_and_exec_export_name_pid_port_and_log() -> TestResult {
    let env = TestEnv::new();
    let _reaper = env.reaper();
    env.cmd()
        .args(["-w", WF, "set", "DEV_WEB_PORT=stale", "OTHER=kept"])
        .assert()
        .success();
    env.cmd()
        .args([
            "-w", WF, "spawn", "dev-web", "--port", "4321", "--", "sleep", "300",
        ])
        .assert()
        .success();
    let pid = running_pid(&env, "dev-web")?;
    let log = env.dir.join("logs").join(format!("{WF}.dev-web.log"));
    let out = stdout(
        &env.cmd()
            .args(["-w", WF, "load", "--shell", "json"])
            .output()?,
    );
    let vars: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(vars["DEV_WEB_PID"], pid.to_string());
    assert_eq!(
        vars["DEV_WEB_PORT"], "4321",
        "the process's port replaces a stored one"
    );
    assert_eq!(vars["DEV_WEB_LOG"], log.display().to_string());
    assert_eq!(vars["OTHER"], "kept");
    env.cmd()
        .args([
            "-w",
            WF,
            "exec",
            "--",
            "sh",
            "-c",
            "printf '%s' \"$DEV_WEB_PORT\"",
        ])
        .assert()
        .success()
        .stdout("4321");
    // The process itself got PORT and the workflow's variables.
    env.cmd()
        .args(["-w", WF, "spawn", "envy", "--port", "4999", "--ready", "log:PORT", "--"])
        .args(["sh", "-c", "echo \"PORT=$PORT OTHER=$OTHER WF=$BLOCKSTATE_WORKFLOW DEV=$DEV_WEB_PID\"; exec sleep 300"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "logs", "envy"])
        .assert()
        .success()
        .stdout(format!("PORT=4999 OTHER=kept WF={WF} DEV={pid}\n"));
    // A stopped process exports nothing, and the stored value is back.
    env.cmd()
        .args(["-w", WF, "stop", "--all"])
        .assert()
        .success();
    let out = stdout(
        &env.cmd()
            .args(["-w", WF, "load", "--shell", "json"])
            .output()?,
    );
    let vars: serde_json::Value = serde_json::from_str(&out)?;
    assert_eq!(vars["DEV_WEB_PORT"], "stale");
    assert!(vars.get("DEV_WEB_PID").is_none());
    Ok(())
}

#[test]
fn hostile_names_and_commands_are_refused_or_passed_exactly() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    let pwned = env.root().join("pwned");
    for name in [
        "",
        "Web",
        "1web",
        "-web",
        "we_b",
        "we.b",
        "we b",
        "../x",
        "x/y",
        "w\n",
        "é",
        "$(touch pwned)",
        &"a".repeat(33),
        "--all",
    ] {
        let o = env
            .cmd()
            .args(["-w", WF, "spawn", name, "--", "sleep", "300"])
            .output()?;
        assert_eq!(o.status.code(), Some(2), "{name:?}: {}", stderr(&o));
        if name == "--all" {
            // A flag of `stop`, not a name: spawn's NAME is positional.
            continue;
        }
        for args in [&["stop", name][..], &["logs", name]] {
            let o = env.cmd().args(["-w", WF]).args(args).output()?;
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        }
    }
    assert_eq!(reaper.survivors(), Vec::<i32>::new(), "nothing started");
    assert!(!env.state_file(WF).exists(), "nothing recorded");
    // Arguments reach the command exactly, never through a shell.
    let hostile = [
        "it's \"quoted\"",
        "$(touch pwned)",
        "`touch pwned`",
        "two\nlines",
        "; touch pwned",
        "\u{1b}[2Jescape",
    ];
    env.cmd()
        .args(["-w", WF, "spawn", "echo", "--ready", "log:^END$", "--"])
        .args([
            "sh",
            "-c",
            "for a; do printf '<%s>\\n' \"$a\"; done; echo END; exec sleep 300",
            "sh",
        ])
        .args(hostile)
        .current_dir(env.root())
        .assert()
        .success();
    let expected: String = hostile.iter().map(|a| format!("<{a}>\n")).collect();
    env.cmd()
        .args(["-w", WF, "logs", "echo", "-n", "100"])
        .assert()
        .success()
        .stdout(format!("{expected}END\n"));
    assert!(!pwned.exists());
    // ps shows the command with control characters escaped.
    let table = stdout(&env.cmd().args(["-w", WF, "ps"]).output()?);
    assert!(
        table.contains("two\\nlines") && table.contains("\\u{1b}[2Jescape"),
        "{table}"
    );
    assert!(!table.contains('\u{1b}'));
    env.cmd()
        .args(["-w", WF, "stop", "echo"])
        .assert()
        .success();
    Ok(())
}

#[test]
fn log_files_are_private_and_planted_entries_are_refused() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    // A permissive umask for blockstate itself.
    let o = env.shell(
        &["sh"],
        &format!("umask 000; \"$BS\" -w {WF} spawn quiet -- sleep 300"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let logs = env.dir.join("logs");
    assert_eq!(fs::metadata(&logs)?.permissions().mode() & 0o777, 0o700);
    let log = logs.join(format!("{WF}.quiet.log"));
    assert_eq!(fs::metadata(&log)?.permissions().mode() & 0o777, 0o600);
    env.cmd()
        .args(["-w", WF, "stop", "quiet"])
        .assert()
        .success();

    let target = env.root().join("target.txt");
    fs::write(&target, "untouched")?;
    let planted = logs.join(format!("{WF}.linked.log"));
    std::os::unix::fs::symlink(&target, &planted)?;
    env.cmd()
        .args(["-w", WF, "spawn", "linked", "--", "sleep", "300"])
        .assert()
        .code(4)
        .stderr(contains("is a symbolic link"));
    env.cmd()
        .args(["-w", WF, "logs", "linked"])
        .assert()
        .code(4);
    assert_eq!(fs::read_to_string(&target)?, "untouched");
    let fifo = logs.join(format!("{WF}.piped.log"));
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes())?;
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    env.cmd()
        .args(["-w", WF, "spawn", "piped", "--", "sleep", "300"])
        .timeout(Duration::from_secs(10))
        .assert()
        .code(4)
        .stderr(contains("not a regular file"));
    fs::set_permissions(&logs, fs::Permissions::from_mode(0o755))?;
    env.cmd()
        .args(["-w", WF, "spawn", "loose", "--", "sleep", "300"])
        .assert()
        .code(4)
        .stderr(contains("chmod 700"));
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

#[test]
fn blockstate_end_on_exit_stops_the_workflows_processes() -> TestResult {
    if !require_tool(
        "blockstate_end_on_exit_stops_the_workflows_processes",
        "bash",
    ) {
        return Ok(());
    }
    let env = TestEnv::new();
    let reaper = env.reaper();
    let dir = bin()
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let o = env.shell(
        &["bash", "--norc", "--noprofile"],
        &format!(
            "export PATH={}:\"$PATH\"; eval \"$(blockstate init bash)\"; blockstate_begin 'server task' || exit 9; blockstate spawn srv -- sleep 300 || exit 8; blockstate_end --on-exit; blockstate ps --json",
            q(&dir)
        ),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout)?;
    let pid = listed[0]["pid"].as_i64().ok_or("no pid")? as i32;
    assert!(
        group_members(pid).is_empty(),
        "the EXIT trap's gc stopped it"
    );
    assert!(proc_stat(pid).is_none_or(|(_, zombie)| zombie));
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

#[test]
fn stop_of_nothing_is_success_and_every_flag_is_checked() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "stop", "ghost"])
        .assert()
        .success()
        .stderr(contains("no process named ghost"));
    env.cmd()
        .args(["-w", WF, "stop", "--all"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "ps"])
        .assert()
        .success()
        .stdout("");
    env.cmd()
        .args(["-w", WF, "ps", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
    env.cmd()
        .args(["-w", WF, "stop", "a", "--grace", "forever"])
        .assert()
        .code(2)
        .stderr(contains("invalid duration"));
    env.cmd().args(["-w", WF, "stop"]).assert().code(2);
    env.cmd()
        .args(["-w", WF, "stop", "a", "--all"])
        .assert()
        .code(2);
    env.cmd()
        .args(["-w", WF, "spawn", "x", "sleep", "1"])
        .assert()
        .code(2);
    env.cmd()
        .args(["stop", "a"])
        .assert()
        .code(2)
        .stderr(contains("no workflow given"));
    assert!(!env.dir.exists(), "nothing was created");
    Ok(())
}

/// Regression: `spawn web --port 8000 --ready port` reported the new
/// server ready as soon as anything accepted connections on the port, so
/// with an old server (another block's, another worktree's) still holding
/// it, spawn said "running" while the new one had failed to bind, and
/// `curl localhost:$WEB_PORT` reached the old one. Ready now means that
/// the socket listening on the port belongs to the spawned process group;
/// otherwise spawn fails (the process exited, or the time ran out), says
/// the port is held by another program, and leaves nothing behind.
#[test]
fn ready_port_was_satisfied_by_another_program_holding_the_port() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    // The other program: this test, listening on loopback.
    let other = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    let port = other.local_addr()?.port().to_string();
    // A process that never listens: it times out.
    env.cmd()
        .args([
            "-w", WF, "spawn", "idle", "--port", &port, "--ready", "port",
        ])
        .args(["--timeout", "1s", "--", "sleep", "300"])
        .assert()
        .code(8)
        .stderr(contains(format!(
            "port {port} is held by another program, not by this process"
        )));
    // A server that cannot bind the port exits: spawn says so, with its log.
    if require_tool(
        "ready_port_was_satisfied_by_another_program_holding_the_port",
        "python3",
    ) {
        env.cmd()
            .args(["-w", WF, "spawn", "web", "--port", &port, "--ready", "port"])
            .args(["--timeout", "20s", "--", "python3", "-m", "http.server"])
            .args(["--bind", "127.0.0.1", &port])
            .assert()
            .code(8)
            .stderr(contains("before it was ready"))
            .stderr(contains("held by another program"))
            .stderr(contains("Address already in use"));
    }
    assert!(ps_json(&env)?.is_empty(), "no record is left");
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    // Its own listener is what makes a process ready, whatever else runs.
    drop(other);
    let script = "exec python3 -c 'import socket,sys,time; s=socket.socket(); s.bind((\"127.0.0.1\", int(sys.argv[1]))); s.listen(); time.sleep(300)' \"$PORT\"";
    if require_tool(
        "ready_port_was_satisfied_by_another_program_holding_the_port",
        "python3",
    ) {
        env.cmd()
            .args([
                "-w", WF, "spawn", "own", "--port", "auto", "--ready", "port",
            ])
            .args(["--timeout", "20s", "--", "sh", "-c", script])
            .assert()
            .success();
        env.cmd().args(["-w", WF, "stop", "own"]).assert().success();
        // On a port that was free, a listener outside the group counts
        // too: a delegate such as Docker's proxy for `docker run -p`.
        let delegate = format!(
            "setsid sh -c {} \"$PORT\" & exec sleep 300",
            q(&script.replace("exec python3", "exec python3 -u"))
        );
        env.cmd()
            .args([
                "-w", WF, "spawn", "proxied", "--port", "auto", "--ready", "port",
            ])
            .args(["--timeout", "20s", "--", "sh", "-c", &delegate])
            .assert()
            .success();
        env.cmd()
            .args(["-w", WF, "stop", "proxied"])
            .assert()
            .success();
    }
    // The delegate left its group: the reaper ends it.
    drop(reaper);
    Ok(())
}

/// What `--help` and the README promise: a command that is not found
/// exits 127, one that cannot be run 126, as with `exec`, and neither
/// leaves a record or a process.
#[test]
fn spawn_exits_127_and_126_like_exec_and_records_nothing() -> TestResult {
    let env = TestEnv::new();
    let reaper = env.reaper();
    env.cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "web",
            "--",
            "definitely-not-a-command-xyz",
        ])
        .assert()
        .code(127)
        .stderr(contains("command not found"));
    let script = env.work.join("not-executable.sh");
    fs::write(&script, "#!/bin/sh\nsleep 300\n")?;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o644))?;
    env.cmd()
        .args(["-w", WF, "spawn", "web", "--"])
        .arg(&script)
        .assert()
        .code(126)
        .stderr(contains("Permission denied"));
    assert!(ps_json(&env)?.is_empty(), "nothing is recorded");
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}
