//! `blockstate doctor`, and the messages that say where blockstate looked:
//! a block that sees other settings (XDG_RUNTIME_DIR set in one block and
//! not in the next) looks in another directory, and must say so.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use common::{TestEnv, TestResult, bin, stderr, stdout};
use serde_json::Value;

const WF: &str = "wf-doctor";

/// The sandbox's environment without BLOCKSTATE_DIR (blockstate then picks
/// its default directory), plus `extra`.
fn default_env(env: &TestEnv, extra: &[(&str, &Path)]) -> Vec<(String, String)> {
    let mut vars: Vec<(String, String)> = env
        .base_env()
        .into_iter()
        .filter(|(k, _)| k != "BLOCKSTATE_DIR")
        .collect();
    vars.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.display().to_string())),
    );
    vars
}

fn run(env: &TestEnv, vars: &[(String, String)], args: &[&str]) -> std::io::Result<Output> {
    Command::new(bin())
        .args(args)
        .env_clear()
        .envs(vars.iter().cloned())
        .current_dir(&env.work)
        .output()
}

fn json(out: &Output) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// Regression: with XDG_RUNTIME_DIR set in one block and not in the next,
/// the second block's `get` said only "no stored state", without naming
/// where it had looked; and nothing told which setting chose the directory.
#[test]
fn the_state_directory_depended_silently_on_xdg_runtime_dir() -> TestResult {
    let env = TestEnv::new();
    let run_dir = env.root().join("run");
    fs::create_dir(&run_dir)?;
    fs::set_permissions(&run_dir, fs::Permissions::from_mode(0o700))?;
    let block1 = default_env(&env, &[("XDG_RUNTIME_DIR", &run_dir)]);
    let block2 = default_env(&env, &[]);
    let out = run(&env, &block1, &["-w", WF, "set", "A=1"])?;
    assert!(out.status.success(), "{}", stderr(&out));

    let out = run(&env, &block2, &["-w", WF, "get", "A"])?;
    assert_eq!(out.status.code(), Some(1));
    let looked = env.home.join(format!(".local/state/blockstate/{WF}.json"));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "A is not set in workflow {WF}: the workflow has no stored state at {} (the state directory comes from HOME, since XDG_RUNTIME_DIR is unset and XDG_STATE_HOME is unset)",
            looked.display()
        )),
        "{err}"
    );
    assert!(err.contains("`blockstate doctor`"), "{err}");
    // `workflows` says where it found nothing.
    let out = run(&env, &block2, &["workflows"])?;
    assert!(out.status.success());
    assert!(
        stderr(&out).contains(&format!(
            "no stored workflows in state directory {} (the state directory comes from HOME",
            env.home.join(".local/state/blockstate").display()
        )),
        "{}",
        stderr(&out)
    );

    // doctor tells the two blocks apart, and why.
    let one = json(&run(&env, &block1, &["doctor", "--json"])?)?;
    assert_eq!(
        one["state_dir"]["path"],
        run_dir.join("blockstate").display().to_string()
    );
    assert_eq!(one["state_dir"]["chosen_by"], "XDG_RUNTIME_DIR");
    let two = run(&env, &block2, &["doctor"])?;
    assert!(two.status.success(), "{}", stderr(&two));
    let text = stdout(&two);
    assert!(
        text.contains(&format!(
            "state directory  {}\n  chosen by      HOME, since XDG_RUNTIME_DIR is unset",
            env.home.join(".local/state/blockstate").display()
        )),
        "{text}"
    );
    // A set but missing XDG_RUNTIME_DIR is named as such.
    let gone = default_env(&env, &[("XDG_RUNTIME_DIR", &env.root().join("gone"))]);
    let out = run(&env, &gone, &["-w", WF, "get", "A"])?;
    assert!(
        stderr(&out).contains(&format!(
            "since XDG_RUNTIME_DIR={} does not exist",
            env.root().join("gone").display()
        )),
        "{}",
        stderr(&out)
    );
    Ok(())
}

/// Every setting is shown with what chose it, in text and in JSON, and
/// doctor exits 0 when every check passes.
#[test]
fn doctor_shows_every_setting_and_what_chose_it() -> TestResult {
    let env = TestEnv::new();
    let cfg = env.home.join(".config/blockstate");
    fs::create_dir_all(&cfg)?;
    fs::write(cfg.join("config.toml"), "ttl = \"7d\"\n")?;
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=2"])
        .assert()
        .success();
    let vars: Vec<(String, String)> = env
        .base_env()
        .into_iter()
        .chain([
            ("SHELL".to_owned(), "/bin/zsh".to_owned()),
            ("BLOCKSTATE_WORKFLOW".to_owned(), WF.to_owned()),
        ])
        .collect();
    let out = run(&env, &vars, &["doctor", "--json"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let r = json(&out)?;
    assert_eq!(r["ok"], true);
    assert_eq!(r["store"]["kind"], "files");
    assert_eq!(r["state_dir"]["path"], env.dir.display().to_string());
    assert_eq!(r["state_dir"]["chosen_by"], "BLOCKSTATE_DIR");
    assert_eq!(r["state_dir"]["exists"], true);
    assert_eq!(r["state_dir"]["mode"], "0700");
    let steps = r["state_dir"]["path_to_it"]
        .as_array()
        .ok_or("no path_to_it")?;
    assert_eq!(steps.first().map(|s| &s["path"]), Some(&Value::from("/")));
    assert_eq!(
        steps.last().map(|s| &s["path"]),
        Some(&Value::from(env.root().display().to_string()))
    );
    assert!(steps.iter().all(|s| s["problem"].is_null()), "{steps:?}");
    assert_eq!(r["ttl"]["seconds"], 7 * 86_400);
    assert_eq!(r["ttl"]["chosen_by"], "`ttl` in the config file");
    assert_eq!(
        r["config_file"]["path"],
        cfg.join("config.toml").display().to_string()
    );
    assert_eq!(r["config_file"]["found"], true);
    assert_eq!(r["workflow"]["id"], WF);
    assert_eq!(r["workflow"]["chosen_by"], "BLOCKSTATE_WORKFLOW");
    assert_eq!(r["workflow"]["keys"], 2);
    assert_eq!(r["root_var"]["name"], "PROJECT_ROOT");
    assert_eq!(r["root_var"]["value"], env.work.display().to_string());
    assert_eq!(r["shell"]["SHELL"], "/bin/zsh");
    assert_eq!(r["shell"]["BLOCKSTATE_WORKFLOW"], WF);
    assert!(
        r["checks"]
            .as_array()
            .is_some_and(|c| c.iter().all(|c| c["ok"] == true)),
        "{r}"
    );

    let out = run(&env, &vars, &["-d", "some task", "doctor"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for line in [
        "store            files\n",
        &format!(
            "state directory  {}\n  chosen by      BLOCKSTATE_DIR\n",
            env.dir.display()
        ),
        "expiry           7d after the last `set` (from `ttl` in the config file)\n",
        "workflow         wf-bd69add8747dddec (from the -d/--description option)\n",
        "shell            SHELL=/bin/zsh; BLOCKSTATE_WORKFLOW=wf-doctor\n",
        "all checks passed\n",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    Ok(())
}

/// Values in a tmpfs rest in memory; the report says so (and how long they
/// last). Uses /dev/shm, a tmpfs on Linux; SKIPPED where it is not one.
#[test]
fn doctor_says_whether_values_rest_in_memory_or_on_disk() -> TestResult {
    let shm = Path::new("/dev/shm");
    let is_tmpfs = Command::new("stat")
        .args(["-f", "-c", "%T"])
        .arg(shm)
        .output()
        .is_ok_and(|o| o.status.success() && stdout(&o).trim() == "tmpfs");
    let mut env = TestEnv::new();
    let on_disk = json(&env.cmd().args(["doctor", "--json"]).output()?)?;
    assert_eq!(on_disk["state_dir"]["in_memory"], false, "{on_disk}");
    assert!(
        on_disk["store"]["values_rest"]
            .as_str()
            .is_some_and(|s| s.starts_with("on disk") && s.contains("24h after its last `set`")),
        "{on_disk}"
    );
    if !is_tmpfs {
        eprintln!(
            "SKIPPED: doctor_says_whether_values_rest_in_memory_or_on_disk: /dev/shm is not a tmpfs here"
        );
        return Ok(());
    }
    let ram = tempfile::Builder::new()
        .prefix("bs-doctor-")
        .tempdir_in(shm)?;
    env.dir = ram.path().join("state");
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let r = json(&env.cmd().args(["doctor", "--json"]).output()?)?;
    assert_eq!(r["state_dir"]["filesystem"], "tmpfs");
    assert_eq!(r["state_dir"]["in_memory"], true);
    assert!(
        r["store"]["values_rest"]
            .as_str()
            .is_some_and(|s| s.starts_with("in memory (tmpfs): gone at reboot")),
        "{r}"
    );
    Ok(())
}

/// A failing check makes doctor exit with the status every command would
/// give for it, after printing the whole report; the message follows on
/// stderr.
#[test]
fn doctor_fails_with_the_status_of_the_failing_check() -> TestResult {
    // An unsafe state directory: 4.
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    fs::set_permissions(&env.dir, fs::Permissions::from_mode(0o777))?;
    let out = env.cmd().args(["doctor", "--json"]).output()?;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let r = json(&out)?;
    assert_eq!(r["ok"], false);
    let failed: Vec<&Value> = r["checks"]
        .as_array()
        .map(|c| c.iter().filter(|c| c["ok"] == false).collect())
        .unwrap_or_default();
    assert_eq!(failed.len(), 1, "{r}");
    assert_eq!(failed[0]["check"], "state directory");
    assert!(
        failed[0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("has mode 0777")),
        "{r}"
    );
    assert!(stderr(&out).contains("chmod 700"), "{}", stderr(&out));
    fs::set_permissions(&env.dir, fs::Permissions::from_mode(0o700))?;

    // A directory above it that others can write: 4, and the text names it.
    fs::set_permissions(env.root(), fs::Permissions::from_mode(0o777))?;
    let out = env.cmd().arg("doctor").output()?;
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "    {} (uid 0, gid 0, 0777): has mode 0777: anyone can replace what is in it",
            env.root().display()
        )) || !is_root(),
        "{text}"
    );
    assert!(text.contains("state directory  FAILED"), "{text}");
    fs::set_permissions(env.root(), fs::Permissions::from_mode(0o700))?;

    // Unusable stored state of the named workflow: 3.
    fs::write(env.state_file(WF), "{ not json")?;
    let out = env.cmd().args(["-w", WF, "doctor"]).output()?;
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stdout(&out).contains("workflow         FAILED"));

    // An invalid config file: 2, and the report still says where it is.
    let cfg = env.home.join(".config/blockstate");
    fs::create_dir_all(&cfg)?;
    fs::write(cfg.join("config.toml"), "colour = \"red\"\n")?;
    let out = env.cmd().args(["doctor", "--json"]).output()?;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let r = json(&out)?;
    assert_eq!(
        r["config_file"]["path"],
        cfg.join("config.toml").display().to_string()
    );
    assert_eq!(r["config_file"]["found"], true);
    assert!(stderr(&out).contains("unknown field `colour`"));
    Ok(())
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// With a store URL, doctor says which setting chose it and whether the
/// server answers: exit 6 when it does not.
#[cfg(feature = "redis")]
#[test]
fn doctor_checks_that_redis_answers() -> TestResult {
    let port = common::redis_server::free_port()?;
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--store",
            &format!("redis://127.0.0.1:{port}"),
            "doctor",
            "--json",
        ])
        .output()?;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let r = json(&out)?;
    assert_eq!(r["store"]["kind"], "redis");
    assert_eq!(r["store"]["chosen_by"], "the --store option");
    assert_eq!(r["redis"]["server"], format!("127.0.0.1:{port}"));
    assert_eq!(r["redis"]["reachable"], false);
    assert!(r.get("state_dir").is_none(), "{r}");
    assert!(
        stderr(&out).contains("connection refused"),
        "{}",
        stderr(&out)
    );

    let Some(server) = common::redis_server::shared("doctor_checks_that_redis_answers") else {
        return Ok(());
    };
    let out = env
        .cmd()
        .env("BLOCKSTATE_URL", server.url())
        .env("BLOCKSTATE_NAMESPACE", "doctor")
        .args(["-w", WF, "doctor", "--json"])
        .output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    let r = json(&out)?;
    assert_eq!(r["store"]["chosen_by"], "BLOCKSTATE_URL");
    assert_eq!(r["redis"]["reachable"], true);
    assert_eq!(r["redis"]["keys"], "blockstate:doctor:wf:*");
    assert_eq!(
        r["workflow"]["stored_at"],
        format!(
            "Redis key blockstate:doctor:wf:{WF} on 127.0.0.1:{}",
            server.port
        )
    );
    Ok(())
}
