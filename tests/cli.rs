//! Every command and every error of the core, through the real binary.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Stdio;

use common::{TestEnv, TestResult, stdout};
use predicates::prelude::*;
use predicates::str::contains;

const WF: &str = "wf-test";

fn write_state(env: &TestEnv, id: &str, json: &str) -> TestResult {
    fs::create_dir_all(&env.dir)?;
    fs::set_permissions(&env.dir, fs::Permissions::from_mode(0o700))?;
    fs::write(env.state_file(id), json)?;
    Ok(())
}

fn state_json(id: &str, updated: u64, expires: u64, vars: &str) -> String {
    format!(
        r#"{{"version":1,"workflow":"{id}","created":{updated},"updated":{updated},"expires":{expires},"vars":{{{vars}}}}}"#
    )
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

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
fn set_get_unset_list_round_trip() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=two words", "C=x=y", "EMPTY="])
        .assert()
        .success()
        .stdout("");
    env.cmd()
        .args(["-w", WF, "get", "B"])
        .assert()
        .success()
        .stdout("two words\n");
    env.cmd()
        .args(["-w", WF, "get", "C"])
        .assert()
        .success()
        .stdout("x=y\n");
    env.cmd()
        .args(["-w", WF, "get", "EMPTY"])
        .assert()
        .success()
        .stdout("\n");
    env.cmd()
        .args(["-w", WF, "list"])
        .assert()
        .success()
        .stdout("A=1\nB='two words'\nC='x=y'\nEMPTY=''\n");
    env.cmd()
        .args(["-w", WF, "list", "--json"])
        .assert()
        .success()
        .stdout("{\"A\":\"1\",\"B\":\"two words\",\"C\":\"x=y\",\"EMPTY\":\"\"}\n");
    env.cmd()
        .args(["-w", WF, "unset", "A", "NOT_THERE"])
        .assert()
        .success();
    env.cmd().args(["-w", WF, "get", "A"]).assert().code(1);
    // Options after the subcommand work too.
    env.cmd()
        .args(["get", "B", "-w", WF])
        .assert()
        .success()
        .stdout("two words\n");
    Ok(())
}

#[test]
fn set_stdin_keeps_bytes_exactly() -> TestResult {
    let env = TestEnv::new();
    let value = "line 1\n'quoted' \"double\" $(cmd) `tick`\n\n";
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "TEXT", "OTHER=1"])
        .write_stdin(value)
        .assert()
        .success();
    let out = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
    let map: std::collections::BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(map.get("TEXT").map(String::as_str), Some(value));
    assert_eq!(map.get("OTHER").map(String::as_str), Some("1"));
    Ok(())
}

#[test]
fn get_absent_key_exits_1_with_message() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "get", "NOPE"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("NOPE is not set in workflow wf-test"));
}

#[test]
fn unset_on_absent_workflow_is_fine_and_creates_nothing() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "unset", "A"]).assert().success();
    assert!(!env.dir.exists());
    Ok(())
}

#[test]
fn description_selects_the_id_and_is_recorded() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-d", "implement auth feature", "set", "K=v"])
        .assert()
        .success();
    let text = fs::read_to_string(env.state_file("wf-62c72929ca58a9ab"))?;
    assert!(
        text.contains("\"description\": \"implement auth feature\""),
        "{text}"
    );
    env.cmd()
        .args(["-w", "wf-62c72929ca58a9ab", "get", "K"])
        .assert()
        .success()
        .stdout("v\n");
    env.cmd()
        .args(["workflows"])
        .assert()
        .success()
        .stdout(contains("wf-62c72929ca58a9ab").and(contains("'implement auth feature'")));
    Ok(())
}

#[test]
fn workflow_env_var_is_used_and_flag_wins() {
    let env = TestEnv::new();
    env.cmd()
        .env("BLOCKSTATE_WORKFLOW", "from-env")
        .args(["set", "K=env"])
        .assert()
        .success();
    env.cmd()
        .env("BLOCKSTATE_WORKFLOW", "from-env")
        .args(["-w", "from-flag", "set", "K=flag"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "from-env", "get", "K"])
        .assert()
        .stdout("env\n");
    env.cmd()
        .args(["-w", "from-flag", "get", "K"])
        .assert()
        .stdout("flag\n");
}

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

#[test]
fn workflows_lists_live_workflows_as_table_and_json() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", "one", "set", "A=1", "B=2"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "two", "set", "A=1"])
        .assert()
        .success();
    write_state(&env, "old", &state_json("old", 1, 2, "\"A\":\"x\""))?;
    let out = env.cmd().args(["workflows", "--json"]).output()?;
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let mut ids: Vec<(String, u64)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_owned(),
                r["keys"].as_u64().unwrap_or(99),
            )
        })
        .collect();
    ids.sort();
    assert_eq!(ids, vec![("one".into(), 2), ("two".into(), 1)]);
    env.cmd().arg("workflows").assert().success().stdout(
        contains("ID")
            .and(contains("KEYS"))
            .and(contains("one"))
            .and(contains("old").not()),
    );
    Ok(())
}

// ---- input rules ----------------------------------------------------------------

/// Each case: the arguments, the expected exit code, and a fragment of the
/// message. After each, nothing on disk may have changed.
#[test]
fn every_input_rule_is_enforced_and_changes_nothing() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "KEEP=original"])
        .assert()
        .success();
    let before = env.snapshot();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["set", "NOEQUALS"], 2, "not KEY=VALUE"),
        (&["set", "1BAD=x"], 2, "[A-Za-z_][A-Za-z0-9_]*"),
        (&["set", "BAD-KEY=x"], 2, "invalid variable name 'BAD-KEY'"),
        (&["set", "=x"], 2, "invalid variable name ''"),
        (&["set", "BLOCKSTATE_WORKFLOW=x"], 2, "reserved"),
        (&["set", "BASH_ENV=x"], 2, "reserved"),
        (&["set", "ENV=x"], 2, "reserved"),
        (&["set", "LD_PRELOAD=x"], 2, "reserved"),
        (&["set", "LD_LIBRARY_PATH=x"], 2, "reserved"),
        (&["set", "BASH_FUNC_ls%%=x"], 2, "invalid variable name"),
        (&["set", "BASH_FUNC_ls=x"], 2, "reserved"),
        (&["set", "IFS=x"], 2, "reserved"),
        (&["set", "PS4=x"], 2, "reserved"),
        (&["set", "UID=0"], 2, "reserved"),
        (&["set", "EUID=0"], 2, "reserved"),
        (&["set", "PPID=1"], 2, "reserved"),
        (&["set", "SHELLOPTS=x"], 2, "reserved"),
        (&["set", "BASH_VERSINFO=x"], 2, "reserved"),
        (&["set", "USERNAME=root"], 2, "reserved"),
        (&["set", "status=1"], 2, "reserved"),
        (&["set", "PWD=/"], 2, "reserved"),
        (&["set", "GOOD=1", "BAD-ONE=2"], 2, "BAD-ONE"),
        (&["set", "--ttl", "5x", "K=v"], 2, "invalid duration '5x'"),
        (&["set", "--ttl", "0s", "K=v"], 2, "zero"),
        (&["set"], 2, "at least one KEY=VALUE"),
        (&["unset", "1BAD"], 2, "invalid variable name"),
        (&["get", "BAD-KEY"], 2, "invalid variable name"),
        (&["load", "--shell", "nope"], 2, "invalid value 'nope'"),
        (
            &["--lock-timeout", "soon", "set", "K=v"],
            2,
            "invalid duration",
        ),
        (&["--root-var", "1X", "load"], 2, "invalid root variable"),
    ];
    for (args, code, fragment) in cases {
        env.cmd()
            .args(["-w", WF])
            .args(*args)
            .assert()
            .code(*code)
            .stderr(contains(*fragment));
        assert_eq!(env.snapshot(), before, "{args:?} changed the disk");
    }
    // A value too large, a NUL through stdin, invalid UTF-8: same rules.
    // One argument cannot exceed 128 KiB on Linux, so the value limit is
    // reached through standard input.
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "BIG"])
        .write_stdin("x".repeat(1024 * 1024 + 1))
        .assert()
        .code(2)
        .stderr(contains("limit of 1048576 bytes"));
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "K"])
        .write_stdin("a\0b")
        .assert()
        .code(2)
        .stderr(contains("NUL"));
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "K"])
        .write_stdin(&b"\xff\xfe"[..])
        .assert()
        .code(2)
        .stderr(contains("not valid UTF-8"));
    {
        use std::os::unix::ffi::OsStrExt;
        env.cmd()
            .args(["-w", WF, "set"])
            .arg(std::ffi::OsStr::from_bytes(b"K=\xff"))
            .assert()
            .code(2)
            .stderr(contains("not valid UTF-8"));
    }
    assert_eq!(env.snapshot(), before);
    env.cmd()
        .args(["-w", WF, "get", "KEEP"])
        .assert()
        .stdout("original\n");
    Ok(())
}

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
fn load_with_no_state_exports_workflow_and_root() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .success()
        .stdout(format!(
            "export PROJECT_ROOT={}\nexport BLOCKSTATE_WORKFLOW=wf-test\n",
            env.work.display()
        ));
    assert!(
        !env.dir.exists(),
        "load must not create the state directory"
    );
}

#[test]
fn load_prefers_a_stored_root_and_honours_root_var() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "PROJECT_ROOT=/stored"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .stdout("export PROJECT_ROOT=/stored\nexport BLOCKSTATE_WORKFLOW=wf-test\n");
    env.cmd()
        .env("BLOCKSTATE_ROOT_VAR", "CLAUDE_PROJECT_DIR")
        .args(["-w", WF, "load", "--shell", "json"])
        .assert()
        .stdout(format!(
            "{{\"BLOCKSTATE_WORKFLOW\":\"wf-test\",\"CLAUDE_PROJECT_DIR\":\"{}\",\"PROJECT_ROOT\":\"/stored\"}}\n",
            env.work.display()
        ));
}

#[test]
fn load_formats() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "A=it's"])
        .assert()
        .success();
    let root = env.work.display().to_string();
    env.cmd()
        .args(["-w", WF, "load", "--shell", "fish"])
        .assert()
        .success()
        .stdout(format!(
            "set -gx -- A 'it'\\''s'\nset -gx -- PROJECT_ROOT {root}\nset -gx -- BLOCKSTATE_WORKFLOW wf-test\n"
        ));
    for shell in ["sh", "bash", "zsh"] {
        env.cmd()
            .args(["-w", WF, "load", "--shell", shell])
            .assert()
            .success()
            .stdout(contains("export A='it'\\''s'\n"));
    }
    let out = env
        .cmd()
        .args(["-w", WF, "load", "--shell", "github"])
        .output();
    let text = out.map(|o| stdout(&o)).unwrap_or_default();
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    let delim = head.strip_prefix("A<<").unwrap_or_default();
    assert!(
        delim.starts_with("ghadelimiter_") && delim.len() == 45,
        "{text}"
    );
    assert_eq!(lines.next(), Some("it's"));
    assert_eq!(lines.next(), Some(delim));
}

#[test]
fn corrupt_state_makes_load_print_only_false() -> TestResult {
    let env = TestEnv::new();
    for bad in ["", "{", "[]", "{\"version\":1}", "not json"] {
        write_state(&env, WF, bad)?;
        for shell in ["sh", "bash", "zsh", "fish"] {
            env.cmd()
                .args(["-w", WF, "load", "--shell", shell])
                .assert()
                .code(3)
                .stdout("false\n")
                .stderr(contains("not valid blockstate state"));
        }
        for shell in ["json", "github"] {
            env.cmd()
                .args(["-w", WF, "load", "--shell", shell])
                .assert()
                .code(3)
                .stdout("");
        }
    }
    Ok(())
}

#[test]
fn future_state_version_is_never_overwritten() -> TestResult {
    let env = TestEnv::new();
    let future = r#"{"version":2,"workflow":"wf-test","new_field":true}"#;
    write_state(&env, WF, future)?;
    for args in [
        vec!["set", "K=v"],
        vec!["unset", "K"],
        vec!["load"],
        vec!["get", "K"],
    ] {
        env.cmd()
            .args(["-w", WF])
            .args(&args)
            .assert()
            .code(3)
            .stderr(contains("newer than this blockstate understands"));
    }
    assert_eq!(fs::read_to_string(env.state_file(WF))?, future);
    Ok(())
}

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

#[test]
fn expired_workflow_reads_as_absent_everywhere() -> TestResult {
    let env = TestEnv::new();
    write_state(&env, WF, &state_json(WF, 10, 20, "\"A\":\"old\""))?;
    env.cmd().args(["-w", WF, "get", "A"]).assert().code(1);
    env.cmd()
        .args(["-w", WF, "list", "--json"])
        .assert()
        .success()
        .stdout("{}\n");
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .success()
        .stdout(contains("export A=").not());
    env.cmd()
        .args(["workflows", "--json"])
        .assert()
        .stdout("[]\n");
    // A set on an expired workflow starts afresh.
    env.cmd()
        .args(["-w", WF, "set", "B=new"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "list"])
        .assert()
        .stdout("B=new\n");
    Ok(())
}

#[test]
fn ttl_sets_expiry_and_each_set_renews_it() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "--ttl", "90m", "A=1"])
        .assert()
        .success();
    let read = || -> Result<serde_json::Value, Box<dyn std::error::Error>> {
        Ok(serde_json::from_str(&fs::read_to_string(
            env.state_file(WF),
        )?)?)
    };
    let s = read()?;
    let span = s["expires"].as_u64().unwrap_or(0) - s["updated"].as_u64().unwrap_or(0);
    assert_eq!(span, 90 * 60);
    env.cmd().args(["-w", WF, "set", "A=2"]).assert().success();
    let s = read()?;
    let span = s["expires"].as_u64().unwrap_or(0) - s["updated"].as_u64().unwrap_or(0);
    assert_eq!(span, 24 * 3600, "default TTL is 24h");
    Ok(())
}

#[test]
fn gc_of_a_missing_workflow_is_silent_success() {
    let env = TestEnv::new();
    for _ in 0..2 {
        env.cmd()
            .args(["gc", "-w", "never-existed"])
            .assert()
            .success()
            .stdout("")
            .stderr("");
    }
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    for _ in 0..2 {
        env.cmd()
            .args(["gc", "-w", WF])
            .assert()
            .success()
            .stdout("")
            .stderr("");
    }
    assert!(!env.state_file(WF).exists());
    assert!(
        !env.dir.join(format!("{WF}.lock")).exists(),
        "gc -w leaves no lock file behind"
    );
}

#[test]
fn gc_removes_exactly_what_it_should() -> TestResult {
    let env = TestEnv::new();
    let t = now();
    write_state(
        &env,
        "expired",
        &state_json("expired", t - 100, t - 1, "\"A\":\"1\""),
    )?;
    write_state(
        &env,
        "stale",
        &state_json("stale", t - 8 * 86400, t + 3600, "\"A\":\"1\""),
    )?;
    write_state(
        &env,
        "fresh",
        &state_json("fresh", t, t + 3600, "\"A\":\"1\""),
    )?;
    fs::write(env.dir.join(".fresh.tmp-0123456789abcdef"), "partial")?;
    fs::write(env.dir.join("unrelated.txt"), "keep me")?;

    env.cmd()
        .arg("gc")
        .assert()
        .success()
        .stderr(contains("removed 1 workflow(s) and 1 temporary file(s)"));
    assert!(!env.state_file("expired").exists());
    assert!(env.state_file("stale").exists() && env.state_file("fresh").exists());
    assert!(!env.dir.join(".fresh.tmp-0123456789abcdef").exists());

    env.cmd()
        .args(["gc", "--older-than", "7d"])
        .assert()
        .success();
    assert!(!env.state_file("stale").exists());
    assert!(env.state_file("fresh").exists());

    env.cmd().args(["gc", "--all"]).assert().success();
    assert!(!env.state_file("fresh").exists());
    assert!(
        env.dir.join("unrelated.txt").exists(),
        "gc only touches its own files"
    );
    Ok(())
}

#[test]
fn gc_ignores_blockstate_workflow_env_var() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    env.cmd()
        .env("BLOCKSTATE_WORKFLOW", WF)
        .arg("gc")
        .assert()
        .success();
    assert!(env.state_file(WF).exists());
    env.cmd()
        .args(["gc", "-w", WF, "--all"])
        .assert()
        .code(2)
        .stderr(contains("cannot be combined"));
    Ok(())
}

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

#[test]
fn exec_runs_the_command_with_the_state_and_its_status() {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "GREETING=hi there"])
        .assert()
        .success();
    env.cmd()
        .args([
            "-w",
            WF,
            "exec",
            "--",
            "sh",
            "-c",
            "printf '%s|%s|%s' \"$GREETING\" \"$BLOCKSTATE_WORKFLOW\" \"$PROJECT_ROOT\"; exit 7",
        ])
        .assert()
        .code(7)
        .stdout(format!("hi there|wf-test|{}", env.work.display()));
    env.cmd()
        .args(["-w", WF, "exec", "--", "definitely-not-a-command-xyz"])
        .assert()
        .code(127)
        .stderr(contains("cannot run"));
}

// ---- concurrency and plumbing ------------------------------------------------------------

#[test]
fn twenty_concurrent_writers_lose_nothing() -> TestResult {
    let env = TestEnv::new();
    let children: Vec<_> = (0..20)
        .map(|i| {
            env.std_cmd()
                .args(["-w", WF, "set", &format!("K{i}=value {i}")])
                .stdout(Stdio::null())
                .spawn()
        })
        .collect::<Result<_, _>>()?;
    for mut c in children {
        assert!(c.wait()?.success());
    }
    let out = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
    let map: std::collections::BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(map.len(), 20);
    for i in 0..20 {
        assert_eq!(map.get(&format!("K{i}")), Some(&format!("value {i}")));
    }
    Ok(())
}

#[test]
fn broken_pipe_exits_zero() -> TestResult {
    let env = TestEnv::new();
    let pairs: Vec<String> = (0..2000)
        .map(|i| format!("K{i}={}", "v".repeat(200)))
        .collect();
    env.cmd()
        .args(["-w", WF, "set"])
        .args(&pairs)
        .assert()
        .success();
    let out = env.shell(
        &["bash"],
        "set -o pipefail; \"$BS\" -w wf-test list | head -c 10 >/dev/null",
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    Ok(())
}

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
