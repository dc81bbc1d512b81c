//! What commands do at the system-call level, traced with strace: no
//! command starts a process (except `exec`, which replaces itself, and
//! `spawn`, whose job it is), a
//! missing config file costs one failed open, and commands touch no file
//! they do not need.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{TestEnv, TestResult, bin, require_tool};

const WF: &str = "wf-trace";

/// Whether strace is installed and allowed to trace here (containers may
/// forbid ptrace). Like a missing tool: reported as skipped, or a failure
/// under CI.
fn strace_usable(test: &str) -> bool {
    if !require_tool(test, "strace") {
        return false;
    }
    let works = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: strace is installed but cannot trace (ptrace not permitted?)");
    }
    eprintln!("SKIPPED: {test}: strace cannot trace here (ptrace not permitted?)");
    false
}

/// Run blockstate ARGS in the sandbox under `strace -e trace=TRACE`, with
/// an empty standard input; returns whether it succeeded and the trace.
fn traced(env: &TestEnv, trace: &str, args: &[&str]) -> Result<(bool, String), std::io::Error> {
    let log = env.root().join("strace.log");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "signal=none", "-e"])
        .arg(format!("trace={trace}"))
        .arg("-o")
        .arg(&log)
        .arg(bin())
        .args(args)
        .env_clear()
        .envs(env.base_env())
        .current_dir(&env.work)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    let text = fs::read_to_string(&log)?;
    fs::remove_file(&log)?;
    Ok((status.success(), text))
}

fn lines_with<'a>(trace: &'a str, needle: &str) -> Vec<&'a str> {
    trace.lines().filter(|l| l.contains(needle)).collect()
}

fn count_calls(trace: &str, calls: &[&str]) -> usize {
    trace
        .lines()
        .filter(|l| {
            calls
                .iter()
                .any(|c| l.contains(&format!(" {c}(")) || l.contains(&format!("\t{c}(")))
        })
        .count()
}

const SPAWN_CALLS: &str = "execve,execveat,clone,clone3,fork,vfork";

#[test]
fn no_command_spawns_a_process() -> TestResult {
    if !strace_usable("no_command_spawns_a_process") {
        return Ok(());
    }
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=two words"])
        .assert()
        .success();
    let dir = env.dir.display().to_string();
    // (arguments, whether the command succeeds)
    let commands: Vec<(Vec<&str>, bool)> = vec![
        (vec!["id", "some task"], true),
        (vec!["id", "--timestamp"], true),
        (vec!["-w", WF, "set", "C=3", "D=4"], true),
        (vec!["-w", WF, "set", "--stdin", "E"], true),
        (vec!["-w", WF, "get", "A"], true),
        (vec!["-w", WF, "get", "NOPE"], false),
        (vec!["-w", WF, "list"], true),
        (vec!["-w", WF, "list", "--json"], true),
        (vec!["-w", WF, "load"], true),
        (vec!["-w", WF, "load", "--shell", "bash"], true),
        (vec!["-w", WF, "load", "--shell", "zsh"], true),
        (vec!["-w", WF, "load", "--shell", "fish"], true),
        (vec!["-w", WF, "load", "--shell", "json"], true),
        (vec!["-w", WF, "load", "--shell", "github"], true),
        (vec!["-w", WF, "load", "--shell", "github-mask"], true),
        (vec!["-w", "../x", "load"], false),
        (vec!["load", "--shell", "nope"], false),
        (vec!["-w", WF, "path"], true),
        (vec!["root"], true),
        (vec!["workflows"], true),
        (vec!["workflows", "--json"], true),
        (vec!["--dir", &dir, "-w", WF, "unset", "B"], true),
        (vec!["-w", WF, "incr", "N"], true),
        (vec!["-w", WF, "set", "--append", "L=x"], true),
        (vec!["-w", WF, "wait", "A", "--timeout", "1s"], true),
        (vec!["-w", WF, "wait", "NOPE", "--timeout", "100ms"], false),
        (vec!["-w", WF, "push", "jobs", "a", "b"], true),
        (vec!["-w", WF, "queue", "ls", "jobs"], true),
        (vec!["-w", WF, "queue", "len", "jobs"], true),
        (vec!["-w", WF, "pop", "jobs"], true),
        (vec!["-w", WF, "pop", "jobs", "--wait", "1s"], true),
        (vec!["-w", WF, "pop", "jobs", "--wait", "100ms"], false),
        (vec!["--help"], true),
        (vec!["gc"], true),
        (vec!["gc", "--older-than", "1d"], true),
        (vec!["-w", WF, "gc"], true),
        (vec!["-w", WF, "ps"], true),
        (vec!["-w", WF, "ps", "--json"], true),
        (vec!["-w", WF, "logs", "nobody"], false),
        (vec!["-w", WF, "stop", "nobody"], true),
        (vec!["-w", WF, "stop", "--all"], true),
    ];
    for (args, ok) in commands {
        let (success, trace) = traced(&env, SPAWN_CALLS, &args)?;
        assert_eq!(success, ok, "{args:?}\n{trace}");
        assert_eq!(
            count_calls(&trace, &["execve", "execveat"]),
            1,
            "{args:?}: only blockstate's own execve expected\n{trace}"
        );
        assert_eq!(
            count_calls(&trace, &["clone", "clone3", "fork", "vfork"]),
            0,
            "{args:?} started a process or thread\n{trace}"
        );
    }
    Ok(())
}

#[test]
fn exec_replaces_itself_without_forking() -> TestResult {
    if !strace_usable("exec_replaces_itself_without_forking") {
        return Ok(());
    }
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let (success, trace) = traced(&env, SPAWN_CALLS, &["-w", WF, "exec", "--", "/bin/true"])?;
    assert!(success, "{trace}");
    let execs = lines_with(&trace, "execve(");
    assert_eq!(execs.len(), 2, "{trace}");
    assert!(
        execs[1].contains("\"/bin/true\"") && execs[1].ends_with("= 0"),
        "{trace}"
    );
    assert_eq!(
        count_calls(&trace, &["clone", "clone3", "fork", "vfork"]),
        0,
        "{trace}"
    );
    Ok(())
}

#[test]
fn a_missing_config_file_costs_one_failed_open() -> TestResult {
    if !strace_usable("a_missing_config_file_costs_one_failed_open") {
        return Ok(());
    }
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    for args in [
        vec!["-w", WF, "load"],
        vec!["-w", WF, "get", "A"],
        vec!["root"],
    ] {
        let (success, trace) = traced(&env, "%file,%desc", &args)?;
        assert!(success, "{args:?}\n{trace}");
        let config = lines_with(&trace, "config.toml");
        assert_eq!(config.len(), 1, "{args:?}\n{trace}");
        assert!(config[0].contains("ENOENT"), "{args:?}\n{trace}");
    }
    Ok(())
}

#[test]
fn commands_touch_only_the_files_they_need() -> TestResult {
    if !strace_usable("commands_touch_only_the_files_they_need") {
        return Ok(());
    }
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let sandbox = env.root().display().to_string();
    let state_dir = env.dir.display().to_string();

    // An ID is pure computation: no config, no state, nothing in the sandbox.
    let (_, trace) = traced(&env, "%file", &["id", "some task"])?;
    assert_eq!(lines_with(&trace, &sandbox), Vec::<&str>::new(), "{trace}");

    // root and path never look at the state directory; path creates nothing.
    for args in [vec!["root"], vec!["-w", "wf-other", "path"]] {
        let (_, trace) = traced(&env, "%file", &args)?;
        assert_eq!(
            lines_with(&trace, &state_dir),
            Vec::<&str>::new(),
            "{args:?}\n{trace}"
        );
    }

    // load looks for the git root only when the state does not hold it.
    let (_, trace) = traced(&env, "%file", &["-w", WF, "load"])?;
    assert!(!lines_with(&trace, "/.git").is_empty(), "{trace}");
    let work = env.work.display().to_string();
    env.cmd()
        .args(["-w", WF, "set", &format!("PROJECT_ROOT={work}")])
        .assert()
        .success();
    let (_, trace) = traced(&env, "%file", &["-w", WF, "load"])?;
    assert_eq!(lines_with(&trace, "/.git"), Vec::<&str>::new(), "{trace}");

    // Readers never write: no file is created, renamed, removed or locked.
    for args in [
        vec!["-w", WF, "load"],
        vec!["-w", WF, "get", "A"],
        vec!["-w", WF, "list"],
        vec!["workflows"],
    ] {
        let (_, trace) = traced(&env, "%file,flock", &args)?;
        for call in [
            "mkdir", "rename", "unlink", "flock", "O_CREAT", "O_WRONLY", "O_RDWR",
        ] {
            let hits: Vec<&str> = lines_with(&trace, call)
                .into_iter()
                .filter(|l| l.contains(&state_dir))
                .collect();
            assert_eq!(hits, Vec::<&str>::new(), "{args:?}: {call}\n{trace}");
        }
        assert_eq!(count_calls(&trace, &["flock"]), 0, "{args:?}\n{trace}");
    }
    assert!(Path::new(&env.state_file(WF)).is_file());
    Ok(())
}

/// The Redis store's deadline is an alarm, not a watchdog thread: Redis
/// commands start no process or thread either.
#[cfg(feature = "redis")]
#[test]
fn redis_commands_start_no_thread_either() -> TestResult {
    if !strace_usable("redis_commands_start_no_thread_either") {
        return Ok(());
    }
    let Some(server) = common::redis_server::shared("redis_commands_start_no_thread_either") else {
        return Ok(());
    };
    let mut env = TestEnv::new();
    env.extra_env = vec![
        ("BLOCKSTATE_URL".into(), server.url()),
        ("BLOCKSTATE_NAMESPACE".into(), "no-spawn".into()),
    ];
    for args in [
        &["-w", WF, "set", "A=1"][..],
        &["-w", WF, "load"],
        &["-w", WF, "get", "A"],
        &["workflows"],
        &["gc", "--all"],
    ] {
        let (success, trace) = traced(&env, SPAWN_CALLS, args)?;
        assert!(success, "{args:?}\n{trace}");
        assert_eq!(
            count_calls(&trace, &["clone", "clone3", "fork", "vfork"]),
            0,
            "{args:?} started a process or thread\n{trace}"
        );
    }
    Ok(())
}

/// `spawn` forks exactly once, and the child runs nothing but the command
/// (no shell in between); `ps`, `logs` and `stop` of a recorded process
/// start nothing.
#[test]
fn spawn_forks_once_and_runs_only_the_command() -> TestResult {
    if !strace_usable("spawn_forks_once_and_runs_only_the_command") {
        return Ok(());
    }
    let env = TestEnv::new();
    let _reaper = env.reaper();
    let (success, trace) = traced(
        &env,
        SPAWN_CALLS,
        // Short: strace waits for every process it follows.
        &["-w", WF, "spawn", "sleeper", "--", "sleep", "0.5"],
    )?;
    assert!(success, "{trace}");
    assert_eq!(
        count_calls(&trace, &["clone", "clone3", "fork", "vfork"]),
        1,
        "{trace}"
    );
    let execs = lines_with(&trace, "execve(");
    assert_eq!(execs.len(), 2, "{trace}");
    assert!(
        execs[1].contains("/sleep\", [\"sleep\", \"0.5\"]"),
        "{trace}"
    );
    for args in [
        vec!["-w", WF, "ps"],
        vec!["-w", WF, "logs", "sleeper"],
        vec!["-w", WF, "stop", "sleeper"],
    ] {
        let (success, trace) = traced(&env, SPAWN_CALLS, &args)?;
        assert!(success, "{args:?}\n{trace}");
        assert_eq!(
            count_calls(&trace, &["clone", "clone3", "fork", "vfork"]),
            0,
            "{args:?}\n{trace}"
        );
    }
    Ok(())
}
