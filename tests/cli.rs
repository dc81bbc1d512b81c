//! Every command and every error of the core, through the real binary.
//!
//! Behaviour shared by every store (set/get/unset/list/load/gc/exec/
//! workflows, input rules, expiry, concurrency) lives in `tests/stores.rs`,
//! which runs each test on the file store and on Redis. This file keeps
//! what is specific to the CLI and the file store: IDs, the state
//! directory's safety checks, configuration, and limits.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};

use common::{TestEnv, TestResult, stdout};
use predicates::prelude::*;
use predicates::str::contains;

const WF: &str = "wf-test";

// ---- id -------------------------------------------------------------------

#[test]
fn id_is_pinned_for_a_fixed_description() {
    // Compatibility promise: this exact output must never change.
    TestEnv::new()
        .cmd()
        .args(["id", "implement auth feature"])
        .assert()
        .success()
        .stdout("wf-62c72929ca58a9ab\n");
}

#[test]
fn id_normalizes_white_space_and_joins_words() {
    let env = TestEnv::new();
    for args in [
        vec!["id", "  implement \t auth\nfeature  "],
        vec!["id", "implement", "auth", "feature"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .success()
            .stdout("wf-62c72929ca58a9ab\n");
    }
}

#[test]
fn id_timestamp_is_valid_and_fresh() -> TestResult {
    let env = TestEnv::new();
    let a = stdout(&env.cmd().args(["id", "--timestamp"]).output()?);
    let b = stdout(&env.cmd().args(["id", "--timestamp"]).output()?);
    assert_ne!(a, b);
    let a = a.trim_end();
    assert_eq!(a.len(), "20261121T055106Z-3fa9c2d1".len(), "{a}");
    assert!(a.as_bytes()[8] == b'T' && a.as_bytes()[15] == b'Z' && a.as_bytes()[16] == b'-');
    // A generated ID is accepted as a workflow.
    env.cmd().args(["-w", a, "set", "K=v"]).assert().success();
    Ok(())
}

#[test]
fn id_without_description_is_a_usage_error() {
    let env = TestEnv::new();
    env.cmd()
        .arg("id")
        .assert()
        .code(2)
        .stderr(contains("needs a description or --timestamp"));
    env.cmd()
        .args(["id", "  "])
        .assert()
        .code(2)
        .stderr(contains("description is empty"));
}

// ---- set / get / unset / list ------------------------------------------------

#[test]
fn missing_workflow_error_names_all_three_sources() {
    let env = TestEnv::new();
    for args in [
        vec!["set", "K=v"],
        vec!["get", "K"],
        vec!["load"],
        vec!["path"],
    ] {
        env.cmd().args(&args).assert().code(2).stderr(
            contains("no workflow given")
                .and(contains("--workflow"))
                .and(contains("--description"))
                .and(contains("BLOCKSTATE_WORKFLOW")),
        );
    }
}

#[test]
fn path_prints_the_future_state_file_without_creating_it() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.state_file(WF).display()));
    assert!(!env.dir.exists());
}

#[test]
fn files_and_directory_are_private() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    let mode = |p: &std::path::Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
    assert_eq!(mode(&env.dir)?, 0o700);
    assert_eq!(mode(&env.state_file(WF))?, 0o600);
    assert_eq!(mode(&env.dir.join(format!("{WF}.lock")))?, 0o600);
    Ok(())
}

// ---- workflows ----------------------------------------------------------------

// ---- input rules ----------------------------------------------------------------

#[test]
fn key_count_limit_per_workflow_is_enforced() -> TestResult {
    let env = TestEnv::new();
    let pairs: Vec<String> = (0..10_000).map(|i| format!("K{i}=v")).collect();
    env.cmd()
        .args(["-w", WF, "set"])
        .args(&pairs)
        .assert()
        .success();
    let before = env.snapshot();
    env.cmd()
        .args(["-w", WF, "set", "ONE_MORE=x"])
        .assert()
        .code(2)
        .stderr(contains("10001 keys; the limit is 10000"));
    assert_eq!(env.snapshot(), before);
    // Replacing an existing key is still fine at the limit.
    env.cmd()
        .args(["-w", WF, "set", "K0=new"])
        .assert()
        .success();
    Ok(())
}

#[test]
fn invalid_workflow_ids_are_refused_before_any_path_is_built() -> TestResult {
    let env = TestEnv::new();
    let before = env.snapshot();
    for id in [
        "..",
        "../escape",
        "a/b",
        "/abs",
        ".hidden",
        "-dash",
        "a b",
        "tab\there",
        "é",
        &"a".repeat(129),
    ] {
        env.cmd()
            .arg(format!("--workflow={id}"))
            .args(["set", "K=v"])
            .assert()
            .code(2)
            .stderr(contains("workflow ID"));
        env.cmd()
            .env("BLOCKSTATE_WORKFLOW", id)
            .args(["load"])
            .assert()
            .code(2)
            .stdout("false\n")
            .stderr(contains("BLOCKSTATE_WORKFLOW"));
    }
    env.cmd()
        .args(["-w", "", "get", "K"])
        .assert()
        .code(2)
        .stderr(contains("empty"));
    assert_eq!(env.snapshot(), before);
    assert!(!env.root().join("escape.json").exists());
    Ok(())
}

// ---- storage refusals ------------------------------------------------------------

#[test]
fn symlinked_state_directory_is_refused() -> TestResult {
    let env = TestEnv::new();
    let real = env.root().join("real");
    fs::create_dir(&real)?;
    fs::set_permissions(&real, fs::Permissions::from_mode(0o700))?;
    symlink(&real, &env.dir)?;
    let before = env.snapshot();
    for args in [
        vec!["set", "K=v"],
        vec!["get", "K"],
        vec!["gc"],
        vec!["workflows"],
    ] {
        env.cmd()
            .args(["-w", WF])
            .args(&args)
            .assert()
            .code(4)
            .stderr(contains("is a symbolic link").and(contains("hint")));
    }
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .code(4)
        .stdout("false\n");
    assert_eq!(env.snapshot(), before);
    assert_eq!(fs::read_dir(&real)?.count(), 0);
    Ok(())
}

#[test]
fn state_directory_with_loose_mode_is_refused() -> TestResult {
    let env = TestEnv::new();
    for mode in [0o755, 0o770, 0o707, 0o701] {
        fs::create_dir_all(&env.dir)?;
        fs::set_permissions(&env.dir, fs::Permissions::from_mode(mode))?;
        let before = env.snapshot();
        env.cmd()
            .args(["-w", WF, "set", "K=v"])
            .assert()
            .code(4)
            .stderr(contains(format!("has mode {mode:04o}")).and(contains("chmod 700")));
        assert_eq!(env.snapshot(), before);
    }
    Ok(())
}

#[test]
fn state_directory_that_is_a_file_is_refused() -> TestResult {
    let env = TestEnv::new();
    fs::write(&env.dir, "not a dir")?;
    env.cmd()
        .args(["-w", WF, "set", "K=v"])
        .assert()
        .code(4)
        .stderr(contains("not a directory"));
    Ok(())
}

// ---- load -------------------------------------------------------------------------

#[test]
fn load_usage_error_still_fails_eval() {
    // Regression: clap's own usage errors printed nothing on stdout, so
    // `eval "$(blockstate load --shell nope)"` succeeded silently.
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "load", "--shell", "nope"])
        .assert()
        .code(2)
        .stdout("false\n");
}

// ---- expiry and gc ----------------------------------------------------------------

// ---- config --------------------------------------------------------------------------

#[test]
fn config_file_sets_defaults_and_env_and_flags_beat_it() -> TestResult {
    let env = TestEnv::new();
    let cfg_dir = env.home.join(".config/blockstate");
    fs::create_dir_all(&cfg_dir)?;
    let from_file = env.root().join("from-file");
    fs::write(
        cfg_dir.join("config.toml"),
        format!(
            "dir = \"{}\"\nroot_var = \"MY_ROOT\"\nttl = \"7d\"\n",
            from_file.display()
        ),
    )?;
    // BLOCKSTATE_DIR is part of the sandbox env: remove it so the file applies.
    env.cmd()
        .env_remove("BLOCKSTATE_DIR")
        .args(["-w", WF, "set", "K=v"])
        .assert()
        .success();
    assert!(from_file.join(format!("{WF}.json")).exists());
    let s: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(from_file.join(format!("{WF}.json")))?)?;
    assert_eq!(
        s["expires"].as_u64().unwrap_or(0) - s["updated"].as_u64().unwrap_or(0),
        7 * 86400
    );
    env.cmd()
        .env_remove("BLOCKSTATE_DIR")
        .args(["-w", WF, "load", "--shell", "json"])
        .assert()
        .stdout(contains("\"MY_ROOT\""));
    // Environment beats the file, the flag beats the environment.
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    assert!(env.state_file(WF).exists());
    let flag_dir = env.root().join("flag");
    env.cmd()
        .args([
            "--dir",
            &flag_dir.display().to_string(),
            "-w",
            WF,
            "set",
            "K=v",
        ])
        .assert()
        .success();
    assert!(flag_dir.join(format!("{WF}.json")).exists());

    fs::write(cfg_dir.join("config.toml"), "colour = \"blue\"\n")?;
    env.cmd()
        .args(["-w", WF, "get", "K"])
        .assert()
        .code(2)
        .stderr(contains("config file").and(contains("colour")));
    Ok(())
}

#[test]
fn default_dir_is_under_xdg_runtime_dir_then_home() -> TestResult {
    let env = TestEnv::new();
    let run = env.root().join("run");
    fs::create_dir(&run)?;
    fs::set_permissions(&run, fs::Permissions::from_mode(0o700))?;
    env.cmd()
        .env_remove("BLOCKSTATE_DIR")
        .env("XDG_RUNTIME_DIR", &run)
        .args(["-w", WF, "path"])
        .assert()
        .stdout(format!("{}/blockstate/{WF}.json\n", run.display()));
    // A set but missing XDG_RUNTIME_DIR is skipped, not created.
    env.cmd()
        .env_remove("BLOCKSTATE_DIR")
        .env("XDG_RUNTIME_DIR", env.root().join("missing"))
        .args(["-w", WF, "set", "K=v"])
        .assert()
        .success();
    assert!(!env.root().join("missing").exists());
    let dir = env.home.join(".local/state/blockstate");
    assert!(dir.join(format!("{WF}.json")).exists());
    assert_eq!(fs::metadata(&dir)?.permissions().mode() & 0o777, 0o700);
    Ok(())
}

// ---- exec -----------------------------------------------------------------------------

// ---- concurrency and plumbing ------------------------------------------------------------

#[test]
fn help_and_version() {
    let env = TestEnv::new();
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(contains("Examples:"));
    env.cmd()
        .args(["set", "--help"])
        .assert()
        .success()
        .stdout(contains("--stdin"));
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(contains("blockstate "));
    env.cmd().assert().code(2);
}

#[test]
fn root_never_fails_on_unrelated_or_bad_settings() -> TestResult {
    // Regression: `BLOCKSTATE_LOCK_TIMEOUT=soon blockstate root` exited 2,
    // though `root` is documented never to fail.
    let env = TestEnv::new();
    let work = env.work.display().to_string();
    env.cmd()
        .env("BLOCKSTATE_LOCK_TIMEOUT", "soon")
        .env("BLOCKSTATE_WORKFLOW", "../bad")
        .env("BLOCKSTATE_URL", "nonsense://")
        .arg("root")
        .assert()
        .success()
        .stdout(format!("{work}\n"));
    env.cmd()
        .env("BLOCKSTATE_ROOT_VAR", "1BAD")
        .env("PROJECT_ROOT", &env.home)
        .arg("root")
        .assert()
        .success()
        .stdout(format!("{}\n", env.home.display()))
        .stderr(contains("warning").and(contains("using PROJECT_ROOT")));
    let cfg = env.home.join(".config/blockstate");
    fs::create_dir_all(&cfg)?;
    fs::write(cfg.join("config.toml"), "not toml [[[")?;
    env.cmd()
        .arg("root")
        .assert()
        .success()
        .stdout(format!("{work}\n"))
        .stderr(contains("warning").and(contains("config file")));
    Ok(())
}
