//! The store behaviour suite: every test body here runs twice, once on the
//! file store and once on the Redis store (a real redis-server started by
//! the tests), through the real binary. A behaviour that differs between
//! the stores fails one of the two.
//!
//! Test names: `file_store::NAME` and `redis_store::NAME`. Each Redis test
//! runs in its own namespace (named after the test) on one shared server,
//! which is itself a check that namespaces keep workflows apart.

mod common;
mod reliability;

use std::collections::BTreeMap;
use std::fs;
use std::ops::Deref;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use blockstate::vars::{MAX_KEYS, MAX_STATE_BYTES, MAX_VALUE_BYTES};
use common::{TestEnv, TestResult, bin, q, require_tool, stderr, stdout};
use predicates::prelude::*;
use predicates::str::contains;

const WF: &str = "wf-test";

/// A sandbox whose commands use one store or the other.
struct StoreEnv {
    env: TestEnv,
    backend: Backend,
}

enum Backend {
    File,
    #[cfg(feature = "redis")]
    Redis {
        server: &'static common::redis_server::RedisServer,
        prefix: String,
    },
}

impl Deref for StoreEnv {
    type Target = TestEnv;
    fn deref(&self) -> &TestEnv {
        &self.env
    }
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

impl StoreEnv {
    fn file() -> StoreEnv {
        StoreEnv {
            env: TestEnv::new(),
            backend: Backend::File,
        }
    }

    /// `None` when redis-server is missing (reported as skipped).
    #[cfg(feature = "redis")]
    fn redis(test: &str) -> Option<StoreEnv> {
        let server = common::redis_server::shared(test)?;
        let mut env = TestEnv::new();
        env.extra_env = vec![
            ("BLOCKSTATE_URL".into(), server.url()),
            ("BLOCKSTATE_NAMESPACE".into(), test.into()),
            // Timeouts have their own tests (tests/redis.rs); here a busy
            // machine must not turn a slow answer into a failure.
            ("BLOCKSTATE_STORE_TIMEOUT".into(), "20s".into()),
        ];
        Some(StoreEnv {
            env,
            backend: Backend::Redis {
                server,
                prefix: format!("blockstate:{test}:"),
            },
        })
    }

    #[cfg(feature = "redis")]
    fn con(&self) -> Res<redis::Connection> {
        match &self.backend {
            Backend::Redis { server, .. } => server.client(),
            Backend::File => Err("not a Redis test".into()),
        }
    }

    fn is_file(&self) -> bool {
        matches!(self.backend, Backend::File)
    }

    /// What `blockstate path` prints for the workflow.
    fn location(&self, id: &str) -> String {
        match &self.backend {
            Backend::File => self.state_file(id).display().to_string(),
            #[cfg(feature = "redis")]
            Backend::Redis { prefix, .. } => format!("{prefix}wf:{id}"),
        }
    }

    /// Everything the store holds (and every file in the sandbox), to assert
    /// that a refused command changed nothing. Lock files are left out: a
    /// writer creates its lock before it can read what it refuses.
    fn store_snapshot(&self) -> Res<String> {
        let mut files = self.env.snapshot();
        files.retain(|p, _| p.extension().is_none_or(|e| e != "lock"));
        let files = format!("{files:?}");
        match &self.backend {
            Backend::File => Ok(files),
            #[cfg(feature = "redis")]
            Backend::Redis { prefix, .. } => {
                let dump = common::redis_server::dump(&mut self.con()?, prefix)?;
                Ok(format!("{files}\n{dump}"))
            }
        }
    }

    fn exists(&self, id: &str) -> Res<bool> {
        match &self.backend {
            Backend::File => Ok(self.state_file(id).exists()),
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let n: i64 = redis::cmd("EXISTS")
                    .arg(self.location(id))
                    .query(&mut self.con()?)?;
                Ok(n == 1)
            }
        }
    }

    /// (updated, expires, description) as stored.
    fn meta(&self, id: &str) -> Res<(u64, u64, Option<String>)> {
        match &self.backend {
            Backend::File => {
                let s: serde_json::Value =
                    serde_json::from_str(&fs::read_to_string(self.state_file(id))?)?;
                Ok((
                    s["updated"].as_u64().ok_or("no updated")?,
                    s["expires"].as_u64().ok_or("no expires")?,
                    s["description"].as_str().map(str::to_owned),
                ))
            }
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let (u, e, d): (Option<u64>, Option<u64>, Option<String>) = redis::cmd("HMGET")
                    .arg(self.location(id))
                    .arg(".updated")
                    .arg(".expires")
                    .arg(".description")
                    .query(&mut self.con()?)?;
                Ok((u.ok_or("no .updated")?, e.ok_or("no .expires")?, d))
            }
        }
    }

    /// Store a well-formed state directly, bypassing blockstate (to plant
    /// old or expired workflows). On Redis it gets no TTL, so that only
    /// blockstate's own expiry check can hide it.
    /// The variables are written as given, unchecked: tests plant bad ones.
    fn plant(&self, id: &str, updated: u64, expires: u64, vars: &[(&str, &str)]) -> TestResult {
        match &self.backend {
            Backend::File => {
                let mut body = Vec::new();
                for (k, v) in vars {
                    body.push(format!(
                        "{}:{}",
                        serde_json::to_string(k)?,
                        serde_json::to_string(v)?
                    ));
                }
                let json = format!(
                    r#"{{"version":1,"workflow":"{id}","created":{updated},"updated":{updated},"expires":{expires},"vars":{{{}}}}}"#,
                    body.join(",")
                );
                self.write_file(id, json.as_bytes())
            }
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let key = self.location(id);
                let mut cmd = redis::cmd("HSET");
                cmd.arg(&key)
                    .arg(".version")
                    .arg(1)
                    .arg(".workflow")
                    .arg(id)
                    .arg(".created")
                    .arg(updated)
                    .arg(".updated")
                    .arg(updated)
                    .arg(".expires")
                    .arg(expires);
                for (k, v) in vars {
                    cmd.arg(*k).arg(*v);
                }
                let mut con = self.con()?;
                let _: () = redis::cmd("DEL").arg(&key).query(&mut con)?;
                let _: i64 = cmd.query(&mut con)?;
                Ok(())
            }
        }
    }

    fn write_file(&self, id: &str, bytes: &[u8]) -> TestResult {
        fs::create_dir_all(&self.dir)?;
        fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))?;
        fs::write(self.state_file(id), bytes)?;
        Ok(())
    }

    /// Plant each kind of stored garbage this store can hold, one after
    /// another, calling `check` after each.
    fn for_each_corruption(
        &self,
        id: &str,
        mut check: impl FnMut(&str) -> TestResult,
    ) -> TestResult {
        match &self.backend {
            Backend::File => {
                for bad in ["", "{", "[]", "{\"version\":1}", "not json"] {
                    self.write_file(id, bad.as_bytes())?;
                    check(bad)?;
                }
            }
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let key = self.location(id);
                let t = now();
                let cases: Vec<(&str, redis::Cmd)> = vec![
                    ("a string, not a hash", {
                        let mut c = redis::cmd("SET");
                        c.arg(&key).arg("{\"version\":1}");
                        c
                    }),
                    ("a list", {
                        let mut c = redis::cmd("RPUSH");
                        c.arg(&key).arg("x");
                        c
                    }),
                    ("no metadata", {
                        let mut c = redis::cmd("HSET");
                        c.arg(&key).arg("A").arg("1");
                        c
                    }),
                    ("a version that is not a number", {
                        let mut c = redis::cmd("HSET");
                        c.arg(&key)
                            .arg(".version")
                            .arg("one")
                            .arg(".workflow")
                            .arg(id);
                        c
                    }),
                    ("missing times", {
                        let mut c = redis::cmd("HSET");
                        c.arg(&key).arg(".version").arg(1).arg(".workflow").arg(id);
                        c
                    }),
                    ("an unknown metadata field", {
                        let mut c = redis::cmd("HSET");
                        c.arg(&key)
                            .arg(".version")
                            .arg(1)
                            .arg(".workflow")
                            .arg(id)
                            .arg(".created")
                            .arg(t)
                            .arg(".updated")
                            .arg(t)
                            .arg(".expires")
                            .arg(t + 3600)
                            .arg(".colour")
                            .arg("blue");
                        c
                    }),
                ];
                let mut con = self.con()?;
                for (what, cmd) in cases {
                    let _: () = redis::cmd("DEL").arg(&key).query(&mut con)?;
                    let _: redis::Value = cmd.query(&mut con)?;
                    check(what)?;
                }
            }
        }
        Ok(())
    }

    /// A state from a newer blockstate, in this store's format.
    fn plant_future(&self, id: &str) -> TestResult {
        match &self.backend {
            Backend::File => self.write_file(
                id,
                br#"{"version":3,"workflow":"wf-test","new_field":true}"#,
            ),
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let _: i64 = redis::cmd("HSET")
                    .arg(self.location(id))
                    .arg(".version")
                    .arg(3)
                    .arg(".workflow")
                    .arg(id)
                    .arg(".new_field")
                    .arg("true")
                    .arg("K")
                    .arg("kept")
                    .query(&mut self.con()?)?;
                Ok(())
            }
        }
    }

    /// Nothing of the workflow is left (for files: no lock file either).
    fn gone(&self, id: &str) -> Res<bool> {
        let lock_gone = !self.is_file() || !self.dir.join(format!("{id}.lock")).exists();
        Ok(!self.exists(id)? && lock_gone)
    }

    /// `export` lines for `env -i` shells, which start with nothing.
    fn exports(&self) -> String {
        let mut out = format!(
            "export BLOCKSTATE_DIR={};",
            q(&self.dir.display().to_string())
        );
        for (k, v) in &self.extra_env {
            out.push_str(&format!(" export {k}={};", q(v)));
        }
        out
    }
}

/// Runs each named test body on both stores.
macro_rules! on_every_store {
    ($($name:ident),* $(,)?) => {
        mod file_store {
            $(
                #[test]
                fn $name() -> crate::common::TestResult {
                    super::$name(&super::StoreEnv::file())
                }
            )*
        }
        #[cfg(feature = "redis")]
        mod redis_store {
            $(
                #[test]
                fn $name() -> crate::common::TestResult {
                    match super::StoreEnv::redis(stringify!($name)) {
                        Some(env) => super::$name(&env),
                        None => Ok(()),
                    }
                }
            )*
        }
    };
}

on_every_store!(
    set_get_unset_list_round_trip,
    set_stdin_keeps_bytes_exactly,
    repeated_key_in_one_set_kept_the_last_silently,
    description_of_another_workflow_was_recorded_silently,
    get_absent_key_exits_1_with_message,
    no_stored_state_did_not_say_where_it_looked,
    existing_refuses_a_workflow_with_no_stored_state,
    unset_on_absent_workflow_is_fine_and_creates_nothing,
    unset_of_every_key_keeps_an_empty_workflow,
    description_selects_the_id_and_is_recorded,
    workflow_env_var_is_used_and_flag_wins,
    path_prints_the_location_without_creating_it,
    workflows_lists_live_workflows_as_table_and_json,
    every_input_rule_is_enforced_and_changes_nothing,
    key_limit_is_enforced_and_changes_nothing,
    load_with_no_state_exports_workflow_and_root,
    load_prefers_a_stored_root_and_honours_root_var,
    load_formats,
    corrupt_state_makes_load_print_only_false,
    corrupt_state_hint_names_the_real_workflow_id,
    bad_entries_are_refused_on_read,
    future_state_version_is_never_overwritten,
    expired_workflow_reads_as_absent_everywhere,
    a_plain_set_after_ttl_7d_shortened_the_workflow_to_24h,
    gc_of_a_missing_workflow_is_silent_success,
    gc_removes_exactly_what_it_should,
    gc_ignores_blockstate_workflow_env_var,
    exec_runs_the_command_with_the_state_and_its_status,
    twenty_concurrent_writers_lose_nothing,
    two_concurrent_sets_that_each_fit_bricked_the_workflow,
    every_limit_holds_against_racing_writers,
    append_claim_compare_and_set_and_incr_semantics,
    thirty_two_appenders_lose_no_line,
    sixty_four_racing_claims_have_one_winner,
    thirty_two_incrementers_count_exactly,
    gc_racing_sets_never_fails_or_corrupts,
    broken_pipe_exits_zero,
    three_env_i_blocks_share_state_and_the_trap_cleans_up,
    load_round_trips_in_real_shells,
    an_expired_workflow_read_as_if_it_never_existed,
    two_capturing_blocks_at_once_keep_both_deltas_and_touch_nothing_else,
    three_env_i_blocks_spawn_use_and_stop_a_server,
    a_process_that_dies_before_ready_fails_spawn_with_its_log,
    the_same_name_twice_is_refused_and_replace_restarts,
    a_reused_pid_is_reported_gone_and_never_signalled,
    sigterm_ignoring_process_and_its_children_are_killed_after_grace,
    gc_stops_the_processes_of_the_workflows_it_deletes,
    an_expired_workflow_keeps_its_process_records_until_gc,
    a_process_of_another_host_is_shown_and_never_signalled,
    hand_edited_process_records_are_refused,
    capture_stored_the_variables_of_a_process_and_they_outlived_it,
    wait_returns_a_value_set_later_even_before_the_workflow_exists,
    wait_times_out_with_124_and_equals_ignores_other_values,
    ctrl_c_ends_wait_and_the_shell_sees_130,
    queue_round_trip_with_ls_len_json_and_stdin,
    pop_wait_receives_a_message_pushed_later,
    bad_queue_and_wait_input_is_refused_and_changes_nothing,
    queues_live_and_die_with_their_workflow,
    a_killed_consumer_holds_its_message_and_a_closed_pipe_puts_it_back,
    eight_producers_eight_consumers_deliver_each_message_once,
    killed_producers_and_consumers_lose_and_duplicate_nothing,
    sixteen_parallel_blocks_fan_in_to_a_waiting_coordinator,
    queue_recipe_builds_each_job_once,
);

// ---- expiry and capture (issue 10) -------------------------------------------

/// Regression (issue 10): `load`, `get` and `list` of an expired workflow
/// behaved as if it had never existed. They now say on stderr that it
/// expired, and when; on Redis too, where the hash itself is gone (its
/// tombstone keeps the expiry time, and no value). After `gc -w` it is
/// simply absent.
fn an_expired_workflow_read_as_if_it_never_existed(env: &StoreEnv) -> TestResult {
    env.plant(WF, 10, 20, &[("A", "old")])?;
    let note = "expired at 1970-01-01T00:00:20Z";
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .success()
        .stdout(contains("export A=").not())
        .stderr(contains(note));
    env.cmd()
        .args(["-w", WF, "get", "A"])
        .assert()
        .code(1)
        .stderr(contains(note));
    env.cmd()
        .args(["-w", WF, "list"])
        .assert()
        .success()
        .stdout("")
        .stderr(contains(note));
    // Real expiry: on Redis the key vanishes at its EXPIREAT.
    env.cmd()
        .args([
            "-w",
            "wf-short",
            "set",
            "--ttl",
            "1s",
            "SECRET_TOKEN=s3cret",
        ])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_millis(2200));
    if !env.is_file() {
        assert!(!env.exists("wf-short")?, "Redis still holds the values");
    }
    let o = env.cmd().args(["-w", "wf-short", "load"]).output()?;
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.contains("workflow wf-short expired at 20"), "{err}");
    assert!(!stdout(&o).contains("s3cret") && !err.contains("s3cret"));
    env.cmd().args(["gc", "-w", "wf-short"]).assert().success();
    env.cmd()
        .args(["-w", "wf-short", "load"])
        .assert()
        .success()
        .stderr("");
    Ok(())
}

/// Two blocks of one workflow capture at once, each exporting 20 other
/// variables: all 40 are stored, and neither rewrites what it did not
/// touch (a value changed by someone else meanwhile survives both). A
/// block that changes nothing writes nothing at all.
fn two_capturing_blocks_at_once_keep_both_deltas_and_touch_nothing_else(
    env: &StoreEnv,
) -> TestResult {
    if !require_tool("two_capturing_blocks_at_once", "bash") {
        return Ok(());
    }
    env.cmd()
        .args(["-w", WF, "set", "SHARED=orig", "KEEP=k"])
        .assert()
        .success();
    let go = env.root().join("go");
    let mut children = Vec::new();
    for side in ["A", "B"] {
        let ready = env.root().join(format!("ready-{side}"));
        let script = format!(
            "eval \"$(\"$BS\" -w {WF} load --capture)\"\n\
             for i in $(seq 1 20); do export {side}_$i=\"value $i of {side} it's\"; done\n\
             : > {ready}\n\
             while [ ! -e {go} ]; do sleep 0.02; done\n",
            ready = q(&ready.display().to_string()),
            go = q(&go.display().to_string()),
        );
        let child = Command::new("bash")
            .args(["-c", &script])
            .env_clear()
            .envs(env.base_env())
            .env("BS", bin())
            .current_dir(&env.work)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        children.push((child, ready));
    }
    let started = std::time::Instant::now();
    while !children.iter().all(|(_, r)| r.exists()) {
        assert!(
            started.elapsed().as_secs() < 60,
            "the blocks never got ready"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // Someone else changes a variable neither block touches.
    env.cmd()
        .args(["-w", WF, "set", "SHARED=changed meanwhile"])
        .assert()
        .success();
    fs::write(&go, "")?;
    for (child, _) in children {
        let o = child.wait_with_output()?;
        assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
    }
    let o = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
    let vars: BTreeMap<String, String> = serde_json::from_slice(&o.stdout)?;
    assert_eq!(vars.len(), 42, "{vars:?}");
    for side in ["A", "B"] {
        for i in 1..=20 {
            assert_eq!(
                vars.get(&format!("{side}_{i}")).map(String::as_str),
                Some(format!("value {i} of {side} it's").as_str())
            );
        }
    }
    assert_eq!(vars["SHARED"], "changed meanwhile");
    assert_eq!(vars["KEEP"], "k");

    // A block that changes nothing: not one byte, not the update time.
    let before = env.store_snapshot()?;
    let (updated, _, _) = env.meta(WF)?;
    let o = env.shell(
        &["bash"],
        &format!("eval \"$(\"$BS\" -w {WF} load --capture)\"\ncd /\nexport A_1=\"$A_1\"\n"),
    );
    assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
    assert_eq!(env.store_snapshot()?, before);
    assert_eq!(env.meta(WF)?.0, updated);
    Ok(())
}

// ---- set / get / unset / list ----------------------------------------------

fn set_get_unset_list_round_trip(env: &StoreEnv) -> TestResult {
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
    env.cmd()
        .args(["get", "B", "-w", WF])
        .assert()
        .success()
        .stdout("two words\n");
    Ok(())
}

fn set_stdin_keeps_bytes_exactly(env: &StoreEnv) -> TestResult {
    let value = "line 1\n'quoted' \"double\" $(cmd) `tick`\n\n\u{1}\t\r ✓";
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "TEXT", "OTHER=1"])
        .write_stdin(value)
        .assert()
        .success();
    let out = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
    let map: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(map.get("TEXT").map(String::as_str), Some(value));
    assert_eq!(map.get("OTHER").map(String::as_str), Some("1"));
    // A value of exactly the limit is accepted and comes back whole.
    let big = "x".repeat(1024 * 1024);
    env.cmd()
        .args(["-w", WF, "set", "--stdin", "BIG"])
        .write_stdin(big.clone())
        .assert()
        .success();
    let out = env.cmd().args(["-w", WF, "get", "BIG"]).output()?;
    assert_eq!(out.stdout.len(), big.len() + 1);
    Ok(())
}

/// Regression: `set A=1 A=2` stored 2 and `set --stdin A A=1` stored the
/// standard input, both silently: one of the two values was dropped
/// without a word. Now a key given twice is refused and nothing changes.
fn repeated_key_in_one_set_kept_the_last_silently(env: &StoreEnv) -> TestResult {
    env.cmd().args(["-w", WF, "set", "A=0"]).assert().success();
    let before = env.store_snapshot()?;
    for (args, stdin, says) in [
        (&["set", "A=1", "A=2", "B=x"][..], "", "A is given twice"),
        (&["set", "B=x", "A=1", "C=y", "A=1"], "", "A is given twice"),
        (
            &["set", "--stdin", "A", "A=1"],
            "from stdin",
            "A is given both as A=VALUE and with --stdin A",
        ),
        (
            &["set", "A=1", "--stdin", "A"],
            "from stdin",
            "A is given both as A=VALUE and with --stdin A",
        ),
    ] {
        env.cmd()
            .args(["-w", WF])
            .args(args)
            .write_stdin(stdin)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(says).and(contains("hint: give each key once")));
        assert_eq!(env.store_snapshot()?, before, "{args:?}");
    }
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=x"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "list", "--json"])
        .assert()
        .stdout("{\"A\":\"1\",\"B\":\"x\"}\n");
    Ok(())
}

/// Regression: `-w X -d TEXT` used workflow X and recorded TEXT as its
/// description, though TEXT names another workflow (`blockstate id TEXT`);
/// `workflows` then showed a description that selects a different, empty
/// workflow. The two are refused together unless they agree.
fn description_of_another_workflow_was_recorded_silently(env: &StoreEnv) -> TestResult {
    let text = "implement auth feature";
    let its_id = "wf-62c72929ca58a9ab";
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let before = env.store_snapshot()?;
    for args in [
        &["-w", WF, "-d", text, "set", "A=2"][..],
        &["-d", text, "-w", WF, "unset", "A"],
        &["-w", WF, "-d", text, "get", "A"],
        &["-w", WF, "-d", text, "list"],
        &["-w", WF, "-d", text, "gc"],
        &["-w", WF, "-d", text, "load"],
    ] {
        env.cmd()
            .args(args)
            .assert()
            .code(2)
            .stdout(if args.contains(&"load") {
                "false\n"
            } else {
                ""
            })
            .stderr(
                contains(format!("-w {WF} and -d '{text}' name different workflows"))
                    .and(contains(its_id))
                    .and(contains("hint:")),
            );
        assert_eq!(env.store_snapshot()?, before, "{args:?}");
    }
    // When they agree, both may be given.
    env.cmd()
        .args(["-w", its_id, "-d", text, "set", "K=v"])
        .assert()
        .success();
    let (_, _, desc) = env.meta(its_id)?;
    assert_eq!(desc.as_deref(), Some(text));
    Ok(())
}

fn get_absent_key_exits_1_with_message(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", WF, "get", "NOPE"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("NOPE is not set in workflow wf-test"));
    Ok(())
}

/// Regression: a `get` of a workflow with no stored state said only "the
/// workflow has no stored state", not where it had looked nor why there,
/// so a block that saw other settings than the one before could not tell.
fn no_stored_state_did_not_say_where_it_looked(env: &StoreEnv) -> TestResult {
    let (place, all, why) = match &env.backend {
        Backend::File => (
            env.location(WF),
            format!("state directory {}", env.dir.display()),
            "(the state directory comes from BLOCKSTATE_DIR)",
        ),
        #[cfg(feature = "redis")]
        Backend::Redis { server, prefix } => (
            format!(
                "Redis key {} on 127.0.0.1:{}",
                env.location(WF),
                server.port
            ),
            format!("Redis keys {prefix}wf:* on 127.0.0.1:{}", server.port),
            "(the store comes from BLOCKSTATE_URL)",
        ),
    };
    env.cmd()
        .arg("workflows")
        .assert()
        .success()
        .stdout("")
        .stderr(format!("blockstate: no stored workflows in {all} {why}\n"));
    env.cmd()
        .args(["-w", WF, "get", "NOPE"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            contains(format!(
                "NOPE is not set in workflow {WF}: the workflow has no stored state at {place} {why}"
            ))
            .and(contains("`blockstate doctor` shows which one this is")),
        );
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    env.cmd()
        .args(["-w", WF, "get", "NOPE"])
        .assert()
        .code(1)
        .stderr(contains(format!(
            "NOPE is not set in workflow {WF} ({place})"
        )));
    Ok(())
}

/// `--existing` makes `load`, `list` and `exec` fail (exit 1) on a
/// workflow with no stored state (absent, or expired), naming where they
/// looked; `load` prints only `false`, so `eval` fails, and `exec` runs
/// nothing.
fn existing_refuses_a_workflow_with_no_stored_state(env: &StoreEnv) -> TestResult {
    let ran = env.root().join("ran");
    let ran_s = ran.display().to_string();
    let check_refused = |id: &str| -> TestResult {
        for (args, out) in [
            (vec!["-w", id, "load", "--existing"], "false\n"),
            (
                vec!["-w", id, "load", "--existing", "--shell", "fish"],
                "false\n",
            ),
            (vec!["-w", id, "load", "--existing", "--shell", "json"], ""),
            (vec!["-w", id, "list", "--existing"], ""),
            (vec!["-w", id, "list", "--json", "--existing"], ""),
            (
                vec!["-w", id, "exec", "--existing", "--", "touch", &ran_s],
                "",
            ),
        ] {
            env.cmd().args(&args).assert().code(1).stdout(out).stderr(
                contains(format!("--existing: workflow {id} has no stored state at "))
                    .and(contains(env.location(id)))
                    .and(contains("`blockstate workflows` lists the stored ones")),
            );
        }
        assert!(!ran.exists(), "exec --existing ran the command");
        let out = env.shell(
            &["sh"],
            &format!("eval \"$(\"$BS\" -w {id} load --existing)\"; printf '%s|%s' \"$?\" \"${{BLOCKSTATE_WORKFLOW-unset}}\""),
        );
        assert_eq!(stdout(&out), "1|unset");
        Ok(())
    };
    check_refused("wf-never-stored")?;
    env.cmd()
        .args(["-w", WF, "set", "--ttl", "1", "A=1"])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    check_refused(WF)?;
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    env.cmd()
        .args(["-w", WF, "load", "--existing"])
        .assert()
        .success()
        .stdout(contains("export A=1\n"));
    env.cmd()
        .args(["-w", WF, "list", "--existing"])
        .assert()
        .success()
        .stdout("A=1\n");
    env.cmd()
        .args(["-w", WF, "exec", "--existing", "--", "touch", &ran_s])
        .assert()
        .success();
    assert!(ran.exists());
    Ok(())
}

fn unset_on_absent_workflow_is_fine_and_creates_nothing(env: &StoreEnv) -> TestResult {
    let before = env.store_snapshot()?;
    env.cmd().args(["-w", WF, "unset", "A"]).assert().success();
    assert!(!env.dir.exists());
    assert!(!env.exists(WF)?);
    assert_eq!(env.store_snapshot()?, before);
    Ok(())
}

fn unset_of_every_key_keeps_an_empty_workflow(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-d", "emptied", "set", "A=1"])
        .assert()
        .success();
    env.cmd()
        .args(["-d", "emptied", "unset", "A"])
        .assert()
        .success();
    env.cmd()
        .args(["-d", "emptied", "list", "--json"])
        .assert()
        .success()
        .stdout("{}\n");
    let out = env.cmd().args(["workflows", "--json"]).output()?;
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["keys"], 0);
    assert_eq!(rows[0]["description"], "emptied");
    Ok(())
}

fn description_selects_the_id_and_is_recorded(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-d", "implement auth feature", "set", "K=v"])
        .assert()
        .success();
    let (_, _, desc) = env.meta("wf-62c72929ca58a9ab")?;
    assert_eq!(desc.as_deref(), Some("implement auth feature"));
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

fn workflow_env_var_is_used_and_flag_wins(env: &StoreEnv) -> TestResult {
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
    Ok(())
}

fn path_prints_the_location_without_creating_it(env: &StoreEnv) -> TestResult {
    let before = env.store_snapshot()?;
    env.cmd()
        .args(["-w", WF, "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.location(WF)));
    assert_eq!(env.store_snapshot()?, before);
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    assert!(env.exists(WF)?, "the state is where `path` said");
    Ok(())
}

// ---- workflows ---------------------------------------------------------------

fn workflows_lists_live_workflows_as_table_and_json(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", "one", "set", "A=1", "B=2"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "two", "set", "A=1"])
        .assert()
        .success();
    env.plant("old", 1, 2, &[("A", "x")])?;
    let out = env.cmd().args(["workflows", "--json"]).output()?;
    assert!(out.status.success(), "{}", stderr(&out));
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

// ---- input rules ---------------------------------------------------------------

fn every_input_rule_is_enforced_and_changes_nothing(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", WF, "set", "KEEP=original"])
        .assert()
        .success();
    let before = env.store_snapshot()?;
    let cases: &[(&[&str], i32, &str)] = &[
        (&["set", "NOEQUALS"], 2, "not KEY=VALUE"),
        (&["set", "1BAD=x"], 2, "[A-Za-z_][A-Za-z0-9_]*"),
        (&["set", "BAD-KEY=x"], 2, "invalid variable name 'BAD-KEY'"),
        (
            &["set", ".version=9"],
            2,
            "invalid variable name '.version'",
        ),
        (&["set", "=x"], 2, "invalid variable name ''"),
        (&["set", "BLOCKSTATE_WORKFLOW=x"], 2, "reserved"),
        (&["set", "BASH_ENV=x"], 2, "reserved"),
        (&["set", "LD_PRELOAD=x"], 2, "reserved"),
        (&["set", "BASH_FUNC_ls%%=x"], 2, "invalid variable name"),
        (&["set", "IFS=x"], 2, "reserved"),
        (&["set", "UID=0"], 2, "reserved"),
        (&["set", "USERNAME=root"], 2, "reserved"),
        (&["set", "PWD=/"], 2, "reserved"),
        (&["set", "GOOD=1", "BAD-ONE=2"], 2, "BAD-ONE"),
        (&["set", "--ttl", "5x", "K=v"], 2, "invalid duration '5x'"),
        (&["set", "--ttl", "0s", "K=v"], 2, "zero"),
        (&["set"], 2, "at least one KEY=VALUE"),
        (&["unset", "1BAD"], 2, "invalid variable name"),
        (&["unset", ".expires"], 2, "invalid variable name"),
        (&["get", "BAD-KEY"], 2, "invalid variable name"),
        (&["load", "--shell", "nope"], 2, "invalid value 'nope'"),
        (&["--root-var", "1X", "load"], 2, "invalid root variable"),
    ];
    for (args, code, fragment) in cases {
        env.cmd()
            .args(["-w", WF])
            .args(*args)
            .assert()
            .code(*code)
            .stderr(contains(*fragment));
        assert_eq!(env.store_snapshot()?, before, "{args:?} changed the store");
    }
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
    for id in [
        "..",
        "../escape",
        "a/b",
        "a:b",
        "a*",
        ".hidden",
        "-dash",
        "a b",
    ] {
        env.cmd()
            .arg(format!("--workflow={id}"))
            .args(["set", "K=v"])
            .assert()
            .code(2)
            .stderr(contains("workflow ID"));
    }
    assert_eq!(env.store_snapshot()?, before);
    env.cmd()
        .args(["-w", WF, "get", "KEEP"])
        .assert()
        .stdout("original\n");
    Ok(())
}

fn key_limit_is_enforced_and_changes_nothing(env: &StoreEnv) -> TestResult {
    let pairs: Vec<String> = (0..10_000).map(|i| format!("K{i}={i}")).collect();
    env.cmd()
        .args(["-w", WF, "set"])
        .args(&pairs)
        .assert()
        .success();
    // Replacing existing keys at the limit is fine; one more key is not.
    env.cmd()
        .args(["-w", WF, "set", "K0=zero", "K9999=last"])
        .assert()
        .success();
    let before = env.store_snapshot()?;
    env.cmd()
        .args(["-w", WF, "set", "K0=changed", "ONE_MORE=1"])
        .assert()
        .code(2)
        .stderr(contains("would hold 10001 keys; the limit is 10000"));
    assert_eq!(env.store_snapshot()?, before);
    env.cmd()
        .args(["-w", WF, "get", "K0"])
        .assert()
        .stdout("zero\n");
    Ok(())
}

// ---- load ------------------------------------------------------------------------

fn load_with_no_state_exports_workflow_and_root(env: &StoreEnv) -> TestResult {
    let before = env.store_snapshot()?;
    env.cmd()
        .args(["-w", WF, "load"])
        .assert()
        .success()
        .stdout(format!(
            "export PROJECT_ROOT={}\nexport BLOCKSTATE_WORKFLOW=wf-test\n",
            env.work.display()
        ));
    assert_eq!(
        env.store_snapshot()?,
        before,
        "load must not write anything"
    );
    Ok(())
}

fn load_prefers_a_stored_root_and_honours_root_var(env: &StoreEnv) -> TestResult {
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
    Ok(())
}

fn load_formats(env: &StoreEnv) -> TestResult {
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
            .stdout(contains("export A='it'\"'\"'s'\n"));
    }
    let text = stdout(
        &env.cmd()
            .args(["-w", WF, "load", "--shell", "github"])
            .output()?,
    );
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    let delim = head.strip_prefix("A<<").unwrap_or_default();
    assert!(
        delim.starts_with("ghadelimiter_") && delim.len() == 45,
        "{text}"
    );
    assert_eq!(lines.next(), Some("it's"));
    assert_eq!(lines.next(), Some(delim));
    Ok(())
}

fn corrupt_state_makes_load_print_only_false(env: &StoreEnv) -> TestResult {
    env.for_each_corruption(WF, |what| {
        for shell in ["sh", "bash", "zsh", "fish"] {
            env.cmd()
                .args(["-w", WF, "load", "--shell", shell])
                .assert()
                .code(3)
                .stdout("false\n")
                .stderr(contains("not valid blockstate state").and(contains("hint")));
        }
        for shell in ["json", "github", "github-mask"] {
            env.cmd()
                .args(["-w", WF, "load", "--shell", shell])
                .assert()
                .code(3)
                .stdout("");
        }
        // Writers refuse it too, and leave it as it is for inspection.
        let before = env.store_snapshot()?;
        for args in [["set", "K=v"], ["unset", "K"]] {
            env.cmd()
                .args(["-w", WF])
                .args(args)
                .assert()
                .code(3)
                .stderr(contains("not valid blockstate state"));
        }
        assert_eq!(env.store_snapshot()?, before, "{what}");
        // And gc -w clears it.
        env.cmd().args(["gc", "-w", WF]).assert().success();
        assert!(!env.exists(WF)?, "{what}");
        Ok(())
    })
}

/// Regression: the hint said to run `blockstate gc -w ID`, with a literal
/// `ID`, for every kind of unusable state.
fn corrupt_state_hint_names_the_real_workflow_id(env: &StoreEnv) -> TestResult {
    let check = |what: &str| -> TestResult {
        for args in [
            vec!["-w", WF, "load"],
            vec!["-w", WF, "get", "K"],
            vec!["-w", WF, "set", "K=v"],
            vec!["workflows"],
        ] {
            let o = env.cmd().args(&args).output()?;
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(3), "{what}: {args:?}: {err}");
            assert!(
                err.contains(&format!("`blockstate gc -w {WF}`")) && !err.contains(" ID`"),
                "{what}: {args:?}: {err}"
            );
        }
        // The command the hint names does what it says.
        let hint = stderr(&env.cmd().args(["-w", WF, "get", "K"]).output()?);
        let command = hint
            .split('`')
            .find(|part| part.starts_with("blockstate gc"))
            .ok_or("no command in the hint")?
            .to_owned();
        let words: Vec<&str> = command.split(' ').skip(1).collect();
        env.cmd().args(&words).assert().success();
        assert!(!env.exists(WF)?, "{what}: `{command}` left it");
        Ok(())
    };
    env.for_each_corruption(WF, check)?;
    let t = now();
    env.plant(WF, t, t + 3600, &[("1A", "bad name")])?;
    check("a bad name")?;
    Ok(())
}

fn bad_entries_are_refused_on_read(env: &StoreEnv) -> TestResult {
    let t = now();
    let entries: &[(&str, &str, &str)] = &[
        ("A", "a\0b", "NUL"),
        ("1A", "x", "invalid variable name"),
        ("LD_PRELOAD", "/tmp/evil.so", "reserved"),
        ("BLOCKSTATE_WORKFLOW", "other", "reserved"),
    ];
    for (name, value, fragment) in entries {
        env.plant(WF, t, t + 3600, &[("OK", "fine"), (*name, *value)])?;
        env.cmd()
            .args(["-w", WF, "load"])
            .assert()
            .code(3)
            .stdout("false\n")
            .stderr(contains("holds a bad entry").and(contains(*fragment)));
        env.cmd()
            .args(["-w", WF, "get", "OK"])
            .assert()
            .code(3)
            .stdout("");
        let out = env.shell(
            &["sh"],
            "eval \"$(\"$BS\" -w wf-test load)\" && echo LOADED; echo \"OK=${OK-unset}\"",
        );
        assert_eq!(stdout(&out), "OK=unset\n", "{name}");
    }
    Ok(())
}

fn future_state_version_is_never_overwritten(env: &StoreEnv) -> TestResult {
    env.plant_future(WF)?;
    let before = env.store_snapshot()?;
    for args in [
        vec!["set", "K=v"],
        vec!["unset", "K"],
        vec!["load"],
        vec!["get", "K"],
        vec!["list"],
    ] {
        env.cmd()
            .args(["-w", WF])
            .args(&args)
            .assert()
            .code(3)
            .stderr(contains("newer than this blockstate understands"));
    }
    assert_eq!(env.store_snapshot()?, before);
    Ok(())
}

// ---- expiry and gc ----------------------------------------------------------------

fn expired_workflow_reads_as_absent_everywhere(env: &StoreEnv) -> TestResult {
    env.plant(WF, 10, 20, &[("A", "old")])?;
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
    // Unset does not revive it; set starts afresh.
    env.cmd().args(["-w", WF, "unset", "A"]).assert().success();
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

/// Regression (issue 10): `set --ttl 7d` followed by a plain `set`
/// shortened the workflow to the default 24h. A TTL given once is the
/// workflow's own; every later update renews with it, whatever the default.
fn a_plain_set_after_ttl_7d_shortened_the_workflow_to_24h(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", WF, "set", "--ttl", "7d", "A=1"])
        .assert()
        .success();
    let (updated, expires, _) = env.meta(WF)?;
    assert_eq!(expires - updated, 7 * 86_400);
    env.cmd().args(["-w", WF, "set", "A=2"]).assert().success();
    let (updated, expires, _) = env.meta(WF)?;
    assert_eq!(
        expires - updated,
        7 * 86_400,
        "the workflow keeps its own TTL"
    );
    env.cmd()
        .env("BLOCKSTATE_TTL", "1h")
        .args(["-w", WF, "incr", "N"])
        .assert()
        .success();
    let (updated, expires, _) = env.meta(WF)?;
    assert_eq!(
        expires - updated,
        7 * 86_400,
        "its own TTL beats the default"
    );
    // A workflow never given one renews with the default of the moment.
    env.cmd()
        .args(["-w", "wf-other", "set", "B=1"])
        .assert()
        .success();
    let (updated, expires, _) = env.meta("wf-other")?;
    assert_eq!(expires - updated, 24 * 3600, "the default TTL is 24h");
    env.cmd()
        .env("BLOCKSTATE_TTL", "2h")
        .args(["-w", "wf-other", "set", "B=2"])
        .assert()
        .success();
    let (updated, expires, _) = env.meta("wf-other")?;
    assert_eq!(expires - updated, 2 * 3600);
    // A new --ttl replaces the old one, and expiry really happens.
    env.cmd()
        .args(["-w", WF, "set", "--ttl", "2s", "A=3"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "get", "A"])
        .assert()
        .success()
        .stdout("3\n");
    std::thread::sleep(std::time::Duration::from_millis(3100));
    env.cmd().args(["-w", WF, "get", "A"]).assert().code(1);
    Ok(())
}

fn gc_of_a_missing_workflow_is_silent_success(env: &StoreEnv) -> TestResult {
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
    assert!(env.gone(WF)?);
    Ok(())
}

fn gc_removes_exactly_what_it_should(env: &StoreEnv) -> TestResult {
    let t = now();
    env.plant("expired", t - 100, t - 1, &[("A", "1")])?;
    env.plant("stale", t - 8 * 86400, t + 3600, &[("A", "1")])?;
    env.plant("fresh", t, t + 3600, &[("A", "1")])?;

    env.cmd()
        .arg("gc")
        .assert()
        .success()
        .stderr(contains("removed 1 workflow(s)"));
    assert!(!env.exists("expired")?);
    assert!(env.exists("stale")? && env.exists("fresh")?);

    env.cmd()
        .args(["gc", "--older-than", "7d"])
        .assert()
        .success()
        .stderr(contains("removed 1 workflow(s)"));
    assert!(!env.exists("stale")?);
    assert!(env.exists("fresh")?);

    // Nothing left to remove: silent.
    env.cmd().arg("gc").assert().success().stderr("");

    env.cmd().args(["gc", "--all"]).assert().success();
    assert!(!env.exists("fresh")?);
    env.cmd()
        .args(["workflows", "--json"])
        .assert()
        .stdout("[]\n");
    Ok(())
}

fn gc_ignores_blockstate_workflow_env_var(env: &StoreEnv) -> TestResult {
    env.cmd().args(["-w", WF, "set", "K=v"]).assert().success();
    env.cmd()
        .env("BLOCKSTATE_WORKFLOW", WF)
        .arg("gc")
        .assert()
        .success();
    assert!(env.exists(WF)?);
    env.cmd()
        .args(["gc", "-w", WF, "--all"])
        .assert()
        .code(2)
        .stderr(contains("cannot be combined"));
    Ok(())
}

// ---- exec ---------------------------------------------------------------------------

fn exec_runs_the_command_with_the_state_and_its_status(env: &StoreEnv) -> TestResult {
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
    Ok(())
}

// ---- concurrency and plumbing ----------------------------------------------------------

fn twenty_concurrent_writers_lose_nothing(env: &StoreEnv) -> TestResult {
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
    let map: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(map.len(), 20);
    for i in 0..20 {
        assert_eq!(map.get(&format!("K{i}")), Some(&format!("value {i}")));
    }
    Ok(())
}

/// Start two writers at once (`args` each), each given `payload` on
/// standard input, and return what each did.
fn race_two(env: &StoreEnv, args: [&[&str]; 2], payload: &[u8]) -> Res<[std::process::Output; 2]> {
    use std::io::Write;
    let mut children = Vec::new();
    for args in args {
        children.push(
            env.std_cmd()
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()?,
        );
    }
    // Both are running before either gets its input, so both reach the
    // store at about the same moment.
    for c in &mut children {
        let mut input = c.stdin.take().ok_or("no stdin")?;
        input.write_all(payload)?;
    }
    let mut outs = children.into_iter().map(|c| c.wait_with_output());
    let first = outs.next().ok_or("no child")??;
    let second = outs.next().ok_or("no child")??;
    Ok([first, second])
}

/// Exactly one of two racing writers succeeded, the other was refused with
/// exit 2 naming `limit`, and the workflow still reads.
fn one_won_one_refused(outs: &[std::process::Output; 2], limit: &str) -> TestResult {
    let codes: Vec<Option<i32>> = outs.iter().map(|o| o.status.code()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [Some(0), Some(2)],
        "exactly one racer must win: {codes:?} {} / {}",
        stderr(&outs[0]),
        stderr(&outs[1])
    );
    let loser = outs
        .iter()
        .find(|o| o.status.code() == Some(2))
        .ok_or("no loser")?;
    assert!(stderr(loser).contains(limit), "{}", stderr(loser));
    Ok(())
}

/// Regression (issue 9): on Redis the 32 MiB state limit was checked on a
/// read made before the write script ran, so two concurrent `set`s that
/// each fitted both succeeded, the workflow passed the limit, and every
/// later `get`/`load`/`set`/`unset` of it refused (exit 3). The limit is now
/// checked on the exact state each commit produces.
fn two_concurrent_sets_that_each_fit_bricked_the_workflow(env: &StoreEnv) -> TestResult {
    let big = "v".repeat(MAX_VALUE_BYTES);
    let names: Vec<String> = (0..31).map(|i| format!("BIG{i:02}")).collect();
    let vars: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), big.as_str())).collect();
    // About 1 MB of room is left: one 600 kB value fits, two do not.
    let payload = vec![b'p'; 600_000];
    for round in 0..2 {
        env.plant(WF, now(), now() + 3600, &vars)?;
        let outs = race_two(
            env,
            [
                &["-w", WF, "set", "--stdin", "RACER_A"],
                &["-w", WF, "set", "--stdin", "RACER_B"],
            ],
            &payload,
        )?;
        one_won_one_refused(&outs, &format!("the limit is {MAX_STATE_BYTES} bytes"))
            .map_err(|e| format!("round {round}: {e}"))?;
        // The workflow is not bricked: every command still works on it.
        env.cmd().args(["-w", WF, "load"]).assert().success();
        env.cmd()
            .args(["-w", WF, "unset", "RACER_A", "RACER_B"])
            .assert()
            .success();
        env.cmd()
            .args(["-w", WF, "set", "SMALL=1"])
            .assert()
            .success();
    }
    Ok(())
}

/// The same class for the other limits a racing writer could get past:
/// the key count and (through --append) the size of one value.
fn every_limit_holds_against_racing_writers(env: &StoreEnv) -> TestResult {
    let names: Vec<String> = (0..MAX_KEYS - 1).map(|i| format!("K{i}")).collect();
    let vars: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    let half = vec![b'a'; MAX_VALUE_BYTES / 2 + 1];
    for round in 0..3 {
        // One key of room: each racer adds a different new key.
        env.plant(WF, now(), now() + 3600, &vars)?;
        let outs = [
            env.std_cmd().args(["-w", WF, "set", "NEW_A=1"]).spawn()?,
            env.std_cmd().args(["-w", WF, "set", "NEW_B=1"]).spawn()?,
        ];
        let outs = outs.map(|c| c.wait_with_output());
        let [a, b] = outs;
        let (a, b) = (a?, b?);
        let stored = [a.status.success(), b.status.success()];
        let out = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
        let map: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
        assert_eq!(map.len(), MAX_KEYS, "round {round}: {stored:?}");
        assert_eq!(stored.iter().filter(|s| **s).count(), 1, "round {round}");
        // Two appends of just over half a value each: one fits.
        env.plant(WF, now(), now() + 3600, &[("LOG", "")])?;
        let append: &[&str] = &["-w", WF, "set", "--append", "--stdin", "LOG"];
        let outs = race_two(env, [append, append], &half)?;
        one_won_one_refused(&outs, "the limit is 1048576 bytes")
            .map_err(|e| format!("round {round}: {e}"))?;
        let out = env.cmd().args(["-w", WF, "get", "LOG"]).output()?;
        assert_eq!(out.stdout.len(), half.len() + 1, "round {round}");
    }
    Ok(())
}

// ---- parallel blocks: append, claim, compare-and-set, counters -------------

fn append_claim_compare_and_set_and_incr_semantics(env: &StoreEnv) -> TestResult {
    let get =
        |k: &str| -> Res<String> { Ok(stdout(&env.cmd().args(["-w", WF, "get", k]).output()?)) };
    // Append: no leading separator on an absent or empty key.
    env.cmd()
        .args(["-w", WF, "set", "--append", "L=it's $x"])
        .assert()
        .success()
        .stdout("");
    env.cmd()
        .args(["-w", WF, "set", "--append", "L=line\ntwo"])
        .assert()
        .success();
    assert_eq!(get("L")?, "it's $x\nline\ntwo\n");
    env.cmd()
        .args(["-w", WF, "set", "E=", "--append", "--sep", ", ", "C=a"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "set", "--append", "--sep", ", ", "C=b", "E=x"])
        .assert()
        .success();
    assert_eq!(get("C")?, "a, b\n");
    assert_eq!(get("E")?, "x\n", "no separator after an empty value");
    // A claim: the first wins, later ones exit 7, print the winner and
    // change nothing (not even the expiry).
    env.cmd()
        .args(["-w", WF, "set", "--if-absent", "LEADER=first"])
        .assert()
        .success()
        .stdout("");
    let before = env.store_snapshot()?;
    env.cmd()
        .args(["-w", WF, "set", "--if-absent", "LEADER=second", "OTHER=1"])
        .assert()
        .code(7)
        .stdout("first\n")
        .stderr("");
    assert_eq!(env.store_snapshot()?, before, "a lost claim writes nothing");
    // Compare-and-set.
    env.cmd()
        .args(["-w", WF, "set", "--if-equals", "first", "LEADER=third"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "set", "--if-equals", "first", "LEADER=fourth"])
        .assert()
        .code(7)
        .stdout("third\n");
    env.cmd()
        .args(["-w", WF, "set", "--if-equals", "", "ABSENT=x"])
        .assert()
        .code(7)
        .stdout("");
    env.cmd()
        .args(["-w", WF, "set", "--if-equals", "x", "A=1", "B=2"])
        .assert()
        .code(2)
        .stderr(contains("--if-equals compares one key"));
    // Counters.
    env.cmd()
        .args(["-w", WF, "incr", "N"])
        .assert()
        .success()
        .stdout("1\n");
    env.cmd()
        .args(["-w", WF, "incr", "N", "-5"])
        .assert()
        .success()
        .stdout("-4\n");
    env.cmd()
        .args(["-w", WF, "incr", "N", "10"])
        .assert()
        .success()
        .stdout("6\n");
    let before = env.store_snapshot()?;
    for (value, shown) in [("x1", "'x1'"), ("01", "'01'"), (" 1", "' 1'")] {
        env.cmd()
            .args(["-w", WF, "set", &format!("BAD={value}")])
            .assert()
            .success();
        let before = env.store_snapshot()?;
        env.cmd()
            .args(["-w", WF, "incr", "BAD"])
            .assert()
            .code(2)
            .stderr(contains(format!(
                "BAD holds {shown}, which is not an integer"
            )));
        assert_eq!(env.store_snapshot()?, before, "{value}");
    }
    drop(before);
    env.cmd()
        .args(["-w", WF, "set", &format!("MAX={}", i64::MAX)])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "incr", "MAX"])
        .assert()
        .code(2)
        .stderr(contains("range of a 64-bit integer"));
    env.cmd()
        .args(["-w", WF, "incr", "1BAD"])
        .assert()
        .code(2)
        .stderr(contains("invalid variable name"));
    Ok(())
}

/// Run `per_thread` commands (built by `args(thread, i)`) in each of
/// `threads` threads at once; every one must exit with a status in `ok`.
/// Returns each command's (thread, exit code, stdout).
fn hammer(
    env: &StoreEnv,
    threads: usize,
    per_thread: usize,
    ok: &[i32],
    args: impl Fn(usize, usize) -> Vec<String> + Sync,
) -> Res<Vec<(usize, i32, String)>> {
    let results = std::sync::Mutex::new(Vec::new());
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (results, failures, args) = (&results, &failures, &args);
            scope.spawn(move || {
                for i in 0..per_thread {
                    match env.std_cmd().args(args(t, i)).output() {
                        Ok(out) => {
                            let code = out.status.code().unwrap_or(-1);
                            if !ok.contains(&code)
                                && let Ok(mut f) = failures.lock()
                            {
                                f.push(format!("{t}/{i}: exit {code}: {}", stderr(&out)));
                            }
                            if let Ok(mut r) = results.lock() {
                                r.push((t, code, stdout(&out)));
                            }
                        }
                        Err(e) => {
                            if let Ok(mut f) = failures.lock() {
                                f.push(format!("{t}/{i}: {e}"));
                            }
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().map_err(|_| "poisoned")?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(results.into_inner().map_err(|_| "poisoned")?)
}

/// Issue 11: get-then-set kept 23 of 40 lines; `set --append` keeps all.
fn thirty_two_appenders_lose_no_line(env: &StoreEnv) -> TestResult {
    hammer(env, 32, 25, &[0], |t, i| {
        vec![
            "-w".into(),
            WF.into(),
            "set".into(),
            "--append".into(),
            format!("FINDINGS=finding {t}/{i}"),
        ]
    })?;
    let out = env.cmd().args(["-w", WF, "get", "FINDINGS"]).output()?;
    let text = stdout(&out);
    let mut lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
    assert_eq!(lines.len(), 800);
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), 800, "every line exactly once");
    for t in 0..32 {
        for i in 0..25 {
            assert!(
                lines
                    .binary_search(&format!("finding {t}/{i}").as_str())
                    .is_ok()
            );
        }
    }
    Ok(())
}

fn sixty_four_racing_claims_have_one_winner(env: &StoreEnv) -> TestResult {
    let results = hammer(env, 64, 1, &[0, 7], |t, _| {
        vec![
            "-w".into(),
            WF.into(),
            "set".into(),
            "--if-absent".into(),
            format!("LEADER={t}"),
        ]
    })?;
    let winners: Vec<&(usize, i32, String)> = results.iter().filter(|r| r.1 == 0).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    let winner = winners[0].0;
    assert_eq!(results.iter().filter(|r| r.1 == 7).count(), 63);
    for (t, code, out) in &results {
        if *code == 7 {
            assert_eq!(out, &format!("{winner}\n"), "loser {t} prints the winner");
        }
    }
    env.cmd()
        .args(["-w", WF, "get", "LEADER"])
        .assert()
        .stdout(format!("{winner}\n"));
    Ok(())
}

fn thirty_two_incrementers_count_exactly(env: &StoreEnv) -> TestResult {
    let results = hammer(env, 32, 50, &[0], |_, _| {
        vec!["-w".into(), WF.into(), "incr".into(), "N".into()]
    })?;
    // Every increment saw a different total: none was lost or counted twice.
    let mut seen: Vec<u64> = results
        .iter()
        .filter_map(|r| r.2.trim().parse().ok())
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (1..=1600).collect::<Vec<u64>>());
    env.cmd()
        .args(["-w", WF, "get", "N"])
        .assert()
        .stdout("1600\n");
    Ok(())
}

/// The core contract: `gc` deleting a workflow while others set into it
/// neither corrupts anything nor errors out.
fn gc_racing_sets_never_fails_or_corrupts(env: &StoreEnv) -> TestResult {
    let mut children = Vec::new();
    for i in 0..8 {
        children.push(
            env.std_cmd()
                .args(["-w", WF, "set", &format!("K{i}=v")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()?,
        );
        children.push(
            env.std_cmd()
                .args(["gc", "-w", WF])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()?,
        );
    }
    for c in children {
        let out = c.wait_with_output()?;
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // Whatever survived is a valid state.
    env.cmd()
        .args(["-w", WF, "list", "--json"])
        .assert()
        .success();
    env.cmd().args(["workflows"]).assert().success();
    Ok(())
}

fn broken_pipe_exits_zero(env: &StoreEnv) -> TestResult {
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
    assert!(out.status.success(), "{}", stderr(&out));
    Ok(())
}

// ---- the core's acceptance scenarios, in real shells -----------------------------------

const HOSTILE: &[(&str, &str)] = &[
    ("SQ", "it's 'quoted'"),
    ("DQ", "say \"hi\""),
    ("BSL", "back\\slash\\\\ and \\n"),
    ("SUBST", "$(touch /tmp/blockstate-pwned) ${HOME} $HOME"),
    ("TICKS", "`touch /tmp/blockstate-pwned`"),
    ("NL", "line 1\nline 2"),
    ("TRAIL", "trailing newline\n\n"),
    ("UTF", "héllo wörld ✓ 日本 😀"),
    ("EMPTY", ""),
    ("CTRL", "tab\there\rcr \u{1}\u{1b}[31m\u{7f}"),
    ("META", "; & | < > * ? [a] ~ # ! ^ % { } = -e --"),
];

fn posix_dump() -> String {
    HOSTILE
        .iter()
        .map(|(k, _)| format!("printf '%s:' {k}; printf '%s' \"${k}\" | wc -c | tr -d ' \\n'; printf ':%s' \"${k}\";"))
        .collect()
}

fn expected_dump() -> String {
    HOSTILE
        .iter()
        .map(|(k, v)| format!("{k}:{}:{v}", v.len()))
        .collect()
}

fn three_env_i_blocks_share_state_and_the_trap_cleans_up(env: &StoreEnv) -> TestResult {
    let b = q(&bin().display().to_string());
    let run = |script: &str| {
        Command::new("env")
            .args(["-i", "bash", "--norc", "--noprofile", "-c", script])
            .current_dir(&env.work)
            .output()
    };
    let prelude = format!("set -eu; {} B={b};", env.exports());
    let mut block1 = format!(
        "{prelude} WF=$(\"$B\" id 'implement auth feature'); eval \"$(\"$B\" load -w \"$WF\")\"; \"$B\" set"
    );
    for (k, v) in HOSTILE {
        block1.push(' ');
        block1.push_str(&q(&format!("{k}={v}")));
    }
    block1.push_str("; printf '%s' \"$BLOCKSTATE_WORKFLOW\"");
    let o = run(&block1)?;
    assert!(o.status.success(), "block 1: {}", stderr(&o));
    assert_eq!(stdout(&o), "wf-62c72929ca58a9ab");

    let block2 = format!(
        "{prelude} eval \"$(\"$B\" load -w \"$(\"$B\" id 'implement auth feature')\")\"; \"$B\" set FROM_BLOCK2=\"$SQ/$NL\"; {}",
        posix_dump()
    );
    let o = run(&block2)?;
    assert!(o.status.success(), "block 2: {}", stderr(&o));
    assert_eq!(stdout(&o), expected_dump());

    let block3 = format!(
        "{prelude} WF=$(\"$B\" id 'implement auth feature'); trap '\"$B\" gc -w \"$WF\"' EXIT; eval \"$(\"$B\" load -w \"$WF\")\"; printf '%s|' \"$FROM_BLOCK2\"; {}",
        posix_dump()
    );
    let o = run(&block3)?;
    assert!(o.status.success(), "block 3: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!("{}/{}|{}", HOSTILE[0].1, HOSTILE[5].1, expected_dump())
    );
    assert!(
        env.gone("wf-62c72929ca58a9ab")?,
        "the trap's gc removed the state"
    );
    assert!(!std::path::Path::new("/tmp/blockstate-pwned").exists());
    Ok(())
}

fn load_round_trips_in_real_shells(env: &StoreEnv) -> TestResult {
    let pairs: Vec<String> = HOSTILE.iter().map(|(k, v)| format!("{k}={v}")).collect();
    env.cmd()
        .args(["-w", "rt", "set"])
        .args(&pairs)
        .assert()
        .success();
    let posix: &[(&str, &[&str])] = &[
        ("dash", &["dash"]),
        ("bash", &["bash", "--norc", "--noprofile"]),
        ("zsh", &["zsh", "-f"]),
    ];
    for (tool, shell) in posix {
        if !require_tool("load_round_trips_in_real_shells", tool) {
            continue;
        }
        let o = env.shell(
            shell,
            &format!("eval \"$(\"$BS\" -w rt load)\" || exit 9; {}", posix_dump()),
        );
        assert!(o.status.success(), "{tool}: {}", stderr(&o));
        assert_eq!(stdout(&o), expected_dump(), "{tool}");
    }
    if require_tool("load_round_trips_in_real_shells", "fish") {
        let script: String = HOSTILE
            .iter()
            .map(|(k, _)| format!("printf '%s:' {k}; printf '%s' \"${k}\" | wc -c | tr -d ' \\n'; printf ':%s' \"${k}\";"))
            .collect();
        let o = env.shell(
            &["fish", "--no-config"],
            &format!("\"$BS\" -w rt load --shell fish | source; or exit 9; {script}"),
        );
        assert!(o.status.success(), "fish: {}", stderr(&o));
        assert_eq!(stdout(&o), expected_dump(), "fish");
    }
    Ok(())
}

/// Regression: a block that ran `load --capture`, spawned a process and
/// loaded again (to get `$WEB_PORT` in the same block) stored WEB_PID,
/// WEB_PORT and WEB_LOG as variables at exit. Once the process was
/// stopped, every later `load` still exported its PID and port, so a
/// `kill "$WEB_PID"` could hit whatever process got that PID next. The
/// variables `load` derives from a process record describe the process,
/// not the block: a capture never stores them, while the block's own
/// exports still are.
fn capture_stored_the_variables_of_a_process_and_they_outlived_it(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    // A capturing block of `env -i sh` running `body`; what the workflow
    // holds afterwards.
    let block = |body: &str| -> Res<serde_json::Value> {
        let script = format!(
            "set -eu; {} B={}; eval \"$(\"$B\" load -w {WF} --capture)\"; {body}",
            env.exports(),
            q(&bin().display().to_string())
        );
        let o = Command::new("env")
            .args([
                "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "sh",
                "-c",
                &script,
            ])
            .current_dir(&env.work)
            .output()?;
        assert!(o.status.success(), "{body}: {}", stderr(&o));
        let list = env.cmd().args(["-w", WF, "list", "--json"]).output()?;
        Ok(serde_json::from_slice(&list.stdout)?)
    };
    let listed = block(
        "\"$B\" spawn web --port auto -- sleep 300; \
         eval \"$(\"$B\" load)\"; test -n \"$WEB_PORT\"; export MINE=kept",
    )?;
    assert_eq!(listed["MINE"], "kept", "the block's own export is stored");
    for name in ["WEB_PID", "WEB_PORT", "WEB_LOG"] {
        assert!(listed.get(name).is_none(), "{name} stored: {listed}");
    }
    env.cmd().args(["-w", WF, "stop", "web"]).assert().success();
    env.cmd()
        .args([
            "-w",
            WF,
            "exec",
            "--",
            "sh",
            "-c",
            "echo \"${WEB_PID-unset}\"",
        ])
        .assert()
        .success()
        .stdout("unset\n");
    // The same when the block stopped the process itself before it ended:
    // no record is left at exit, but the load said what it exported.
    let listed = block(
        "\"$B\" spawn db --port auto -- sleep 300; \
         eval \"$(\"$B\" load)\"; test -n \"$DB_PID\"; \
         \"$B\" stop db; export ALSO=kept",
    )?;
    assert_eq!(listed["ALSO"], "kept", "the block's own export is stored");
    for name in ["DB_PID", "DB_PORT", "DB_LOG", "BLOCKSTATE_PROCESS_VARS"] {
        assert!(listed.get(name).is_none(), "{name} stored: {listed}");
    }
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

// ---- background processes ------------------------------------------------------------

/// Parse `ps --json`.
fn ps_json(env: &StoreEnv, wf: &str) -> Res<Vec<serde_json::Value>> {
    let o = env.cmd().args(["-w", wf, "ps", "--json"]).output()?;
    assert!(o.status.success(), "ps: {}", stderr(&o));
    Ok(serde_json::from_slice(&o.stdout)?)
}

/// The one process `ps --json` lists under `name`: (state, pid, port).
fn ps_entry(env: &StoreEnv, wf: &str, name: &str) -> Res<Option<(String, i32, Option<u16>)>> {
    for p in ps_json(env, wf)? {
        if p["name"] == name {
            return Ok(Some((
                p["state"].as_str().unwrap_or_default().to_owned(),
                p["pid"].as_i64().unwrap_or_default() as i32,
                p["port"].as_u64().map(|p| p as u16),
            )));
        }
    }
    Ok(None)
}

impl StoreEnv {
    /// Change a process record as stored, bypassing blockstate.
    fn edit_record(
        &self,
        id: &str,
        name: &str,
        change: impl Fn(&mut serde_json::Value),
    ) -> TestResult {
        match &self.backend {
            Backend::File => {
                let path = self.state_file(id);
                let mut state: serde_json::Value = serde_json::from_slice(&fs::read(&path)?)?;
                change(&mut state["processes"][name]);
                fs::write(&path, serde_json::to_vec(&state)?)?;
            }
            #[cfg(feature = "redis")]
            Backend::Redis { .. } => {
                let field = format!(".proc:{name}");
                let mut con = self.con()?;
                let raw: String = redis::cmd("HGET")
                    .arg(self.location(id))
                    .arg(&field)
                    .query(&mut con)?;
                let mut record: serde_json::Value = serde_json::from_str(&raw)?;
                change(&mut record);
                let _: i64 = redis::cmd("HSET")
                    .arg(self.location(id))
                    .arg(&field)
                    .arg(serde_json::to_string(&record)?)
                    .query(&mut con)?;
            }
        }
        Ok(())
    }
}

fn python3(test: &str) -> bool {
    require_tool(test, "python3")
}

/// Whether anything accepts connections on loopback `port`.
fn listening(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// Wait up to 5 s for `cond`.
fn eventually(mut cond: impl FnMut() -> bool) -> bool {
    for _ in 0..250 {
        if cond() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

fn three_env_i_blocks_spawn_use_and_stop_a_server(env: &StoreEnv) -> TestResult {
    if !python3("three_env_i_blocks_spawn_use_and_stop_a_server") {
        return Ok(());
    }
    let reaper = env.reaper();
    fs::write(env.work.join("index.html"), "hello from block 1\n")?;
    let b = q(&bin().display().to_string());
    let run = |script: &str| {
        Command::new("env")
            .args([
                "-i",
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "sh",
                "-c",
                script,
            ])
            .current_dir(&env.work)
            .output()
    };
    let prelude = format!(
        "set -eu; {} B={b}; WF=$(\"$B\" id 'dev server');",
        env.exports()
    );
    let o = run(&format!(
        "{prelude} \"$B\" -w \"$WF\" spawn web --port auto --ready port --timeout 20s -- sh -c 'exec python3 -m http.server --bind 127.0.0.1 \"$PORT\"'"
    ))?;
    assert!(o.status.success(), "block 1: {}", stderr(&o));
    assert!(stderr(&o).contains("web is running"), "{}", stderr(&o));

    let o = run(&format!(
        "{prelude} eval \"$(\"$B\" load -w \"$WF\")\"; python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(\"http://127.0.0.1:\" + sys.argv[1] + \"/index.html\").read().decode())' \"$WEB_PORT\"; printf '%s|%s\\n' \"$WEB_PID\" \"$WEB_LOG\"; \"$B\" ps -w \"$WF\""
    ))?;
    assert!(o.status.success(), "block 2: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("hello from block 1\n"), "{out}");
    let wf = stdout(&env.cmd().args(["id", "dev server"]).output()?)
        .trim()
        .to_owned();
    let (state, pid, port) = ps_entry(env, &wf, "web")?.ok_or("web is not in ps")?;
    assert_eq!(state, "running");
    let port = port.ok_or("no port recorded")?;
    assert!(out.contains(&format!("{pid}|")), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("web ") && l.contains(" running ")),
        "ps table: {out}"
    );
    assert!(listening(port));

    let o = run(&format!("{prelude} \"$B\" -w \"$WF\" stop web"))?;
    assert!(o.status.success(), "block 3: {}", stderr(&o));
    assert!(!listening(port), "nothing listens on {port} after stop");
    assert_eq!(
        common::group_members(pid),
        Vec::<i32>::new(),
        "no process of its group is left"
    );
    assert_eq!(ps_json(env, &wf)?.len(), 0, "the record is gone");
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

fn a_process_that_dies_before_ready_fails_spawn_with_its_log(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    let o = env
        .cmd()
        .args([
            "-w", WF, "spawn", "early", "--port", "auto", "--ready", "port", "--",
        ])
        .args([
            "sh",
            "-c",
            "echo 'starting up'; echo 'fatal: no config' >&2; sleep 300 & exit 3",
        ])
        .output()?;
    assert_eq!(o.status.code(), Some(8), "{}", stderr(&o));
    let err = stderr(&o);
    for needle in [
        "early exited with status 3 before it was ready",
        "waiting for a connection to port",
        "| starting up",
        "| fatal: no config",
        "nothing of it is left running or recorded",
        "hint: ",
    ] {
        assert!(err.contains(needle), "{needle}: {err}");
    }
    assert_eq!(ps_json(env, WF)?.len(), 0, "no record");
    // The `sleep` it left in its group was stopped with it.
    assert!(
        eventually(|| reaper.survivors().is_empty()),
        "{:?}",
        reaper.survivors()
    );
    // The same through --ready log: and file:, and a command that cannot run.
    let o = env
        .cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "early",
            "--ready",
            "log:never",
            "--",
            "sh",
            "-c",
            "exit 5",
        ])
        .output()?;
    assert_eq!(o.status.code(), Some(8));
    assert!(
        stderr(&o).contains("exited with status 5") && stderr(&o).contains("log"),
        "{}",
        stderr(&o)
    );
    let o = env
        .cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "missing",
            "--",
            "no-such-command-xyz",
            "a",
        ])
        .output()?;
    assert_eq!(o.status.code(), Some(127), "{}", stderr(&o));
    assert!(stderr(&o).contains("command not found"), "{}", stderr(&o));
    assert_eq!(ps_json(env, WF)?.len(), 0);
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

fn the_same_name_twice_is_refused_and_replace_restarts(env: &StoreEnv) -> TestResult {
    let _reaper = env.reaper();
    env.cmd()
        .args(["-w", WF, "spawn", "svc", "--", "sleep", "300"])
        .assert()
        .success();
    let (state, first, _) = ps_entry(env, WF, "svc")?.ok_or("no svc")?;
    assert_eq!(state, "running");
    env.cmd()
        .args(["-w", WF, "spawn", "svc", "--", "sleep", "301"])
        .assert()
        .code(7)
        .stderr(contains("svc is already running").and(contains("--replace")));
    assert_eq!(
        ps_entry(env, WF, "svc")?,
        Some(("running".into(), first, None))
    );
    assert!(
        common::proc_stat(first).is_some_and(|(_, z)| !z),
        "the first keeps running"
    );
    env.cmd()
        .args(["-w", WF, "spawn", "svc", "--replace", "--", "sleep", "302"])
        .assert()
        .success();
    let (state, second, _) = ps_entry(env, WF, "svc")?.ok_or("no svc")?;
    assert_eq!(state, "running");
    assert_ne!(first, second, "a new PID");
    assert!(
        eventually(|| common::group_members(first).is_empty()),
        "the old one was stopped"
    );
    // A dead one is replaced silently.
    env.cmd().args(["-w", WF, "stop", "svc"]).assert().success();
    env.cmd()
        .args(["-w", WF, "spawn", "svc", "--", "sh", "-c", "exit 0"])
        .assert()
        .success();
    assert!(eventually(
        || ps_entry(env, WF, "svc").is_ok_and(|e| e.is_some_and(|e| e.0 == "gone"))
    ));
    env.cmd()
        .args(["-w", WF, "spawn", "svc", "--", "sleep", "303"])
        .assert()
        .success();
    assert_eq!(
        ps_entry(env, WF, "svc")?.map(|e| e.0),
        Some("running".into())
    );
    env.cmd()
        .args(["-w", WF, "stop", "--all"])
        .assert()
        .success();
    assert_eq!(ps_json(env, WF)?.len(), 0);
    Ok(())
}

fn a_reused_pid_is_reported_gone_and_never_signalled(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    env.cmd()
        .args([
            "-w", WF, "spawn", "victim", "--port", "4242", "--", "sleep", "300",
        ])
        .assert()
        .success();
    let (_, pid, _) = ps_entry(env, WF, "victim")?.ok_or("no record")?;
    // The PID now "belongs to another process": the one alive under it
    // started at another time than the record says.
    env.edit_record(WF, "victim", |r| {
        r["start_ticks"] = serde_json::json!(r["start_ticks"].as_u64().unwrap_or(0) + 1);
    })?;
    assert_eq!(
        ps_entry(env, WF, "victim")?.map(|e| e.0),
        Some("gone".into())
    );
    let load = stdout(&env.cmd().args(["-w", WF, "load"]).output()?);
    assert!(
        !load.contains("VICTIM_"),
        "a gone process exports nothing: {load}"
    );
    env.cmd()
        .args(["-w", WF, "stop", "victim", "--grace", "0s"])
        .assert()
        .success()
        .stderr(contains("had already exited"));
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(
        common::proc_stat(pid).is_some_and(|(_, z)| !z),
        "stop signalled a process that was not the recorded one"
    );
    assert_eq!(ps_json(env, WF)?.len(), 0, "the stale record is gone");
    assert_eq!(reaper.survivors(), vec![pid]);
    Ok(())
}

fn sigterm_ignoring_process_and_its_children_are_killed_after_grace(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    env.cmd()
        .args([
            "-w",
            WF,
            "spawn",
            "stubborn",
            "--ready",
            "log:children up",
            "--",
        ])
        .args([
            "sh",
            "-c",
            "trap '' TERM; sleep 300 & sleep 301 & echo children up; wait; wait",
        ])
        .assert()
        .success();
    let (_, pid, _) = ps_entry(env, WF, "stubborn")?.ok_or("no record")?;
    assert_eq!(
        common::group_members(pid).len(),
        3,
        "sh and its two children"
    );
    let started = std::time::Instant::now();
    env.cmd()
        .args(["-w", WF, "stop", "stubborn", "--grace", "1s"])
        .assert()
        .success()
        .stderr(contains("killed stubborn").and(contains("after SIGTERM")));
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(1),
        "it waited the grace period"
    );
    assert_eq!(common::group_members(pid), Vec::<i32>::new());
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    Ok(())
}

fn gc_stops_the_processes_of_the_workflows_it_deletes(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    for wf in ["named", "expiring", "kept"] {
        env.cmd()
            .args(["-w", wf, "spawn", "job", "--", "sleep", "300"])
            .assert()
            .success();
    }
    let pid_of = |wf: &str| ps_entry(env, wf, "job").map(|e| e.map(|e| e.1).unwrap_or(0));
    let (named, expiring, kept) = (pid_of("named")?, pid_of("expiring")?, pid_of("kept")?);
    env.cmd().args(["-w", "named", "gc"]).assert().success();
    assert!(common::group_members(named).is_empty(), "gc -w stopped it");
    assert!(!env.exists("named")?);

    env.cmd()
        .args(["-w", "expiring", "set", "--ttl", "1s", "X=1"])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    env.cmd().arg("gc").assert().success();
    assert!(
        common::group_members(expiring).is_empty(),
        "the expiry sweep stopped it"
    );
    assert!(!env.exists("expiring")?);
    assert!(
        !common::group_members(kept).is_empty(),
        "a live workflow's process is left alone"
    );
    env.cmd().args(["gc", "--all"]).assert().success();
    assert!(
        common::group_members(kept).is_empty(),
        "gc --all stopped it"
    );
    assert_eq!(reaper.survivors(), Vec::<i32>::new());
    // Their logs went with them.
    let logs = env.dir.join("logs");
    let left: Vec<_> = fs::read_dir(&logs)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(left, Vec::<std::ffi::OsString>::new());
    Ok(())
}

fn an_expired_workflow_keeps_its_process_records_until_gc(env: &StoreEnv) -> TestResult {
    let _reaper = env.reaper();
    env.cmd()
        .args(["-w", WF, "set", "--ttl", "1s", "OLD=1"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "spawn", "db", "--", "sleep", "300"])
        .assert()
        .success();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    // Its variables are gone, its process is not: ps still finds it, and
    // a new write does not lose the record.
    env.cmd().args(["-w", WF, "get", "OLD"]).assert().code(1);
    assert_eq!(
        ps_entry(env, WF, "db")?.map(|e| e.0),
        Some("running".into())
    );
    env.cmd()
        .args(["-w", WF, "set", "NEW=1"])
        .assert()
        .success();
    env.cmd().args(["-w", WF, "get", "OLD"]).assert().code(1);
    let (state, pid, _) = ps_entry(env, WF, "db")?.ok_or("the record was lost")?;
    assert_eq!(state, "running");
    let load = stdout(&env.cmd().args(["-w", WF, "load"]).output()?);
    assert!(load.contains(&format!("export DB_PID={pid}\n")), "{load}");
    env.cmd().args(["-w", WF, "stop", "db"]).assert().success();
    assert!(common::group_members(pid).is_empty());
    Ok(())
}

fn a_process_of_another_host_is_shown_and_never_signalled(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    env.cmd()
        .args([
            "-w", WF, "spawn", "remote", "--port", "5000", "--", "sleep", "300",
        ])
        .assert()
        .success();
    let (_, pid, _) = ps_entry(env, WF, "remote")?.ok_or("no record")?;
    env.edit_record(WF, "remote", |r| {
        r["host"] = serde_json::json!("build-agent-7")
    })?;
    let table = stdout(&env.cmd().args(["-w", WF, "ps"]).output()?);
    assert!(
        table.contains("other-host") && table.contains("build-agent-7"),
        "{table}"
    );
    let json = ps_json(env, WF)?;
    assert_eq!(json[0]["host"], "build-agent-7");
    assert_eq!(json[0]["state"], "other-host");
    let load = stdout(&env.cmd().args(["-w", WF, "load"]).output()?);
    assert!(!load.contains("REMOTE_PORT"), "{load}");
    for args in [
        &["stop", "remote"][..],
        &["stop", "--all"],
        &["spawn", "remote", "--replace", "--", "true"],
    ] {
        env.cmd()
            .args(["-w", WF])
            .args(args)
            .assert()
            .code(2)
            .stderr(
                contains("runs on host 'build-agent-7', not on this host")
                    .and(contains(
                        "can only check and signal processes of its own host",
                    ))
                    .and(contains(
                        "hint: run `blockstate stop remote` on 'build-agent-7'",
                    )),
            );
    }
    env.cmd()
        .args(["-w", WF, "logs", "remote"])
        .assert()
        .code(2);
    assert!(
        common::proc_stat(pid).is_some_and(|(_, z)| !z),
        "never signalled"
    );
    assert_eq!(ps_json(env, WF)?.len(), 1, "the record is kept");
    env.cmd()
        .args(["-w", WF, "gc"])
        .assert()
        .success()
        .stderr(contains("left running: process remote").and(contains("build-agent-7")));
    assert!(common::proc_stat(pid).is_some_and(|(_, z)| !z));
    assert!(!env.exists(WF)?);
    assert_eq!(reaper.survivors(), vec![pid]);
    Ok(())
}

fn hand_edited_process_records_are_refused(env: &StoreEnv) -> TestResult {
    let reaper = env.reaper();
    let victim = env.root().join("victim.txt");
    fs::write(&victim, "precious")?;
    // SAFETY: getpgrp has no preconditions.
    let own_group = unsafe { libc::getpgrp() };
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let pid_and_group = |n: i64| -> Edit {
        Box::new(move |r| {
            r["pid"] = serde_json::json!(n);
            r["pgid"] = serde_json::json!(n);
        })
    };
    let edits: Vec<(&str, Edit)> = vec![
        ("PID 1 is not", pid_and_group(1)),
        ("PID 0 is not", pid_and_group(0)),
        ("PID -1 is not", pid_and_group(-1)),
        ("PID 99999999 is not", pid_and_group(99_999_999)),
        (
            "is not the process's own",
            Box::new(move |r| r["pgid"] = serde_json::json!(own_group)),
        ),
        (
            "is not an absolute path",
            Box::new(|r| r["log"] = serde_json::json!("victim.txt")),
        ),
        (
            "unknown field",
            Box::new(|r| r["exec"] = serde_json::json!("rm -rf ~")),
        ),
    ];
    for (fragment, edit) in &edits {
        env.cmd()
            .args(["-w", WF, "spawn", "target", "--", "sleep", "300"])
            .assert()
            .success();
        let (_, pid, _) = ps_entry(env, WF, "target")?.ok_or("no record")?;
        env.edit_record(WF, "target", edit)?;
        for args in [
            &["ps"][..],
            &["stop", "target"],
            &["stop", "--all"],
            &["load"],
            &["spawn", "target", "--replace", "--", "true"],
            &["logs", "target"],
        ] {
            env.cmd()
                .args(["-w", WF])
                .args(args)
                .assert()
                .code(3)
                .stderr(contains(*fragment));
        }
        assert!(
            common::proc_stat(pid).is_some_and(|(_, z)| !z),
            "{fragment}: a refused record made something signal {pid}"
        );
        // gc -w deletes a refused state without acting on its records.
        env.cmd().args(["-w", WF, "gc"]).assert().success();
        assert!(!env.exists(WF)?);
        // SAFETY: kill takes integers; `pid` is this test's own sleep.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    // A log path aimed at another file: `logs` refuses, `gc` leaves it be.
    env.cmd()
        .args(["-w", WF, "spawn", "target", "--", "sleep", "300"])
        .assert()
        .success();
    env.edit_record(WF, "target", |r| {
        r["log"] = serde_json::json!(victim.display().to_string())
    })?;
    env.cmd()
        .args(["-w", WF, "logs", "target"])
        .assert()
        .code(3)
        .stderr(contains("this blockstate keeps that log at"));
    env.cmd().args(["-w", WF, "gc"]).assert().success();
    assert_eq!(fs::read_to_string(&victim)?, "precious");
    assert!(
        eventually(|| reaper.survivors().is_empty()),
        "gc -w stopped the last one"
    );
    Ok(())
}
// ---- parallel blocks: wait, queues (issue 11) -------------------------------

/// Start `blockstate ARGS` in the background, stdout and stderr piped.
fn spawn(env: &StoreEnv, args: &[&str]) -> Res<std::process::Child> {
    Ok(env
        .std_cmd()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?)
}

/// Whether the child is still running after `ms` milliseconds.
fn still_running(child: &mut std::process::Child, ms: u64) -> Res<bool> {
    std::thread::sleep(std::time::Duration::from_millis(ms));
    Ok(child.try_wait()?.is_none())
}

/// Point 4: a waiter started before the workflow exists gets the value
/// another process sets later.
fn wait_returns_a_value_set_later_even_before_the_workflow_exists(env: &StoreEnv) -> TestResult {
    assert!(!env.exists(WF)?);
    let mut waiter = spawn(env, &["-w", WF, "wait", "RESULT", "--timeout", "60s"])?;
    assert!(still_running(&mut waiter, 400)?, "nothing is set yet");
    let value = "it's \"done\"\n$(not run) ✓";
    env.cmd()
        .args(["-w", WF, "set", &format!("RESULT={value}")])
        .assert()
        .success();
    let started = std::time::Instant::now();
    let out = waiter.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{value}\n"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "woken by the set, not by the timeout"
    );
    // Already set: returns at once, even with a zero timeout.
    env.cmd()
        .args(["-w", WF, "wait", "RESULT", "--timeout", "0s"])
        .assert()
        .success()
        .stdout(format!("{value}\n"));
    Ok(())
}

/// Point 4: a timeout exits 124 with a message; `--equals` ignores other
/// values and returns on the one it waits for.
fn wait_times_out_with_124_and_equals_ignores_other_values(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", WF, "wait", "NEVER", "--timeout", "300ms"])
        .assert()
        .code(124)
        .stdout("")
        .stderr(
            contains("timed out after 300ms waiting for NEVER to be set").and(contains("hint:")),
        );
    let mut waiter = spawn(
        env,
        &[
            "-w",
            WF,
            "wait",
            "STATUS",
            "--equals",
            "done",
            "--timeout",
            "60s",
        ],
    )?;
    env.cmd()
        .args(["-w", WF, "set", "STATUS=working", "OTHER=x"])
        .assert()
        .success();
    assert!(still_running(&mut waiter, 500)?, "working is not done");
    env.cmd()
        .args(["-w", WF, "set", "STATUS=done"])
        .assert()
        .success();
    let out = waiter.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "done\n");
    env.cmd()
        .args([
            "-w",
            WF,
            "wait",
            "STATUS",
            "--equals",
            "other",
            "--timeout",
            "200ms",
        ])
        .assert()
        .code(124)
        .stderr(contains("to equal 'other'").and(contains("it holds 'done'")));
    Ok(())
}

/// Ctrl-C in a shell: SIGINT to the whole foreground process group ends
/// `wait` as it ends any command, and the shell sees 130.
fn ctrl_c_ends_wait_and_the_shell_sees_130(env: &StoreEnv) -> TestResult {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    if !require_tool("ctrl_c_ends_wait_and_the_shell_sees_130", "bash") {
        return Ok(());
    }
    // An interactive shell keeps running after Ctrl-C; a trap stands in
    // for that here (a trapped signal is reset to default in children).
    let script = format!(
        "trap 'echo interrupted' INT; {} -w {WF} wait NEVER; echo \"status=$?\"",
        q(&bin().display().to_string())
    );
    let mut bash = Command::new("bash");
    bash.args(["-c", &script])
        .env_clear()
        .envs(env.base_env())
        .current_dir(&env.work)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let child = default_sigint(&mut bash).spawn()?;
    std::thread::sleep(std::time::Duration::from_millis(800));
    let group = i32::try_from(child.id())?;
    // SAFETY: signalling the process group we just created.
    assert_eq!(unsafe { libc::kill(-group, libc::SIGINT) }, 0);
    let out = child.wait_with_output()?;
    assert_eq!(
        stdout(&out),
        "interrupted\nstatus=130\n",
        "{}",
        stderr(&out)
    );
    // Seen directly: killed by SIGINT, not an exit of its own.
    let mut direct = env.std_cmd();
    direct.args(["-w", WF, "wait", "NEVER"]);
    let mut waiter = default_sigint(&mut direct).spawn()?;
    std::thread::sleep(std::time::Duration::from_millis(500));
    // SAFETY: signalling our own child.
    assert_eq!(
        unsafe { libc::kill(i32::try_from(waiter.id())?, libc::SIGINT) },
        0
    );
    assert_eq!(waiter.wait()?.signal(), Some(libc::SIGINT));
    Ok(())
}

/// SIGINT as a terminal session has it: a test run started in the
/// background of a shell inherits it ignored, and so would its children.
fn default_sigint(cmd: &mut Command) -> &mut Command {
    use std::os::unix::process::CommandExt;
    // SAFETY: signal(2) is async-signal-safe, as pre_exec requires.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        })
    }
}

fn queue_round_trip_with_ls_len_json_and_stdin(env: &StoreEnv) -> TestResult {
    let pop = |extra: &[&str]| -> Res<std::process::Output> {
        let mut args = vec!["-w", WF, "pop", "jobs"];
        args.extend_from_slice(extra);
        Ok(env.cmd().args(&args).output()?)
    };
    env.cmd()
        .args(["-w", WF, "pop", "jobs"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("queue jobs of workflow wf-test is empty").and(contains("hint:")));
    let values: Vec<&str> = HOSTILE.iter().map(|(_, v)| *v).collect();
    let mut args = vec!["-w", WF, "push", "jobs"];
    args.extend(values.iter().take(6));
    env.cmd().args(&args).assert().success().stdout("");
    env.cmd()
        .args(["-w", WF, "push", "--stdin", "jobs", "before stdin"])
        .write_stdin(values[6])
        .assert()
        .success();
    let mut args = vec!["-w", WF, "push", "jobs"];
    args.extend(values.iter().skip(7));
    env.cmd().args(&args).assert().success();
    let mut expected: Vec<&str> = values[..6].to_vec();
    expected.push("before stdin");
    expected.extend(&values[6..]);
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout(format!("{}\n", expected.len()));
    let ls = env
        .cmd()
        .args(["-w", WF, "queue", "ls", "jobs", "--json"])
        .output()?;
    assert!(ls.status.success(), "{}", stderr(&ls));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&ls.stdout)?;
    let listed_values: Vec<&str> = listed.iter().filter_map(|e| e["value"].as_str()).collect();
    assert_eq!(listed_values, expected, "delivery order");
    assert!(listed.iter().all(|e| e["status"] == "ready"));
    let text = stdout(&env.cmd().args(["-w", WF, "queue", "ls", "jobs"]).output()?);
    assert!(
        text.contains(" ready 'it'\"'\"'s '\"'\"'quoted'\"'\"''\n"),
        "{text}"
    );
    // The queue is not a variable: load, list and exec do not see it.
    env.cmd()
        .args(["-w", WF, "list", "--json"])
        .assert()
        .success()
        .stdout("{}\n");
    let first = pop(&["--json"])?;
    assert!(first.status.success(), "{}", stderr(&first));
    let msg: serde_json::Value = serde_json::from_slice(&first.stdout)?;
    assert_eq!(msg["value"], expected[0]);
    assert_eq!(msg["id"], listed[0]["id"]);
    for want in &expected[1..] {
        let o = pop(&[])?;
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o), format!("{want}\n"));
    }
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout("0\n");
    env.cmd()
        .args(["-w", WF, "pop", "jobs", "--wait", "300ms"])
        .assert()
        .code(124)
        .stderr(contains(
            "no message came in queue jobs of workflow wf-test within 300ms",
        ));
    // Queues of other names and workflows are apart.
    env.cmd()
        .args(["-w", WF, "push", "a", "1"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "other", "push", "a", "2"])
        .assert()
        .success();
    env.cmd().args(["-w", WF, "pop", "b"]).assert().code(1);
    env.cmd()
        .args(["-w", "other", "pop", "a"])
        .assert()
        .success()
        .stdout("2\n");
    env.cmd()
        .args(["-w", WF, "pop", "a"])
        .assert()
        .success()
        .stdout("1\n");
    Ok(())
}

/// A consumer waiting on a queue of a workflow that does not exist yet
/// gets the message pushed later; a push renews the workflow like a set.
fn pop_wait_receives_a_message_pushed_later(env: &StoreEnv) -> TestResult {
    let mut consumer = spawn(env, &["-w", WF, "pop", "jobs", "--wait", "60s"])?;
    assert!(still_running(&mut consumer, 400)?);
    let before = now();
    env.cmd()
        .args(["-w", WF, "push", "jobs", "the job"])
        .assert()
        .success();
    let out = consumer.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "the job\n");
    let (updated, expires, _) = env.meta(WF)?;
    assert!(updated >= before && expires >= before + 24 * 3600 - 5);
    Ok(())
}

/// Every refused queue or wait command exits 2 with a clear message and
/// changes nothing.
fn bad_queue_and_wait_input_is_refused_and_changes_nothing(env: &StoreEnv) -> TestResult {
    env.cmd()
        .args(["-w", WF, "push", "jobs", "kept"])
        .assert()
        .success();
    let before = env.store_snapshot()?;
    // A single argument cannot be that large (the kernel limits one to
    // 128 KiB), so the oversized message comes on standard input.
    let big = vec![b'x'; MAX_VALUE_BYTES + 1];
    let cases: Vec<(Vec<&str>, &[u8], &str)> = vec![
        (vec!["push", "../x", "v"], b"", "invalid queue name '../x'"),
        (vec!["push", "a/b", "v"], b"", "invalid queue name 'a/b'"),
        (vec!["push", "a:b", "v"], b"", "invalid queue name 'a:b'"),
        (
            vec!["push", ".hidden", "v"],
            b"",
            "invalid queue name '.hidden'",
        ),
        (vec!["push", "", "v"], b"", "the queue name is empty"),
        (vec!["pop", "a b"], b"", "invalid queue name 'a b'"),
        (vec!["queue", "ls", "x/.."], b"", "invalid queue name"),
        (vec!["queue", "len", "é"], b"", "invalid queue name"),
        (
            vec!["push", "jobs"],
            b"",
            "needs at least one VALUE or --stdin",
        ),
        (
            vec!["push", "--stdin", "jobs"],
            &big,
            "larger than the limit of 1048576 bytes",
        ),
        (
            vec!["push", "--stdin", "jobs"],
            b"a\0b",
            "contains a NUL byte",
        ),
        (
            vec!["push", "--stdin", "jobs"],
            b"\xff\xfe",
            "not valid UTF-8",
        ),
        (
            vec!["push", "ok", "fine", "--stdin"],
            b"\0",
            "contains a NUL byte",
        ),
        (
            vec!["pop", "jobs", "--wait", "soon"],
            b"",
            "invalid duration 'soon'",
        ),
        (vec!["pop", "jobs", "--wait", "-1s"], b"", ""),
        (
            vec!["wait", "K", "--timeout", "1.5s"],
            b"",
            "invalid duration '1.5s'",
        ),
        (vec!["wait", "1BAD"], b"", "invalid variable name"),
        (vec!["wait", "K", "--equals"], b"", ""),
        (
            vec!["-w", "../x", "wait", "K", "--timeout", "1s"],
            b"",
            "invalid workflow ID",
        ),
        (
            vec!["-w", "../x", "push", "jobs", "v"],
            b"",
            "invalid workflow ID",
        ),
    ];
    for (args, input, message) in cases {
        let mut full = if args[0] == "-w" {
            vec![]
        } else {
            vec!["-w", WF]
        };
        full.extend(&args);
        let out = env.cmd().args(&full).write_stdin(input).output()?;
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert_eq!(env.store_snapshot()?, before, "{args:?} changed something");
    }
    // Invalid UTF-8 in an argument.
    use std::os::unix::ffi::OsStrExt;
    let out = env
        .cmd()
        .args(["-w", WF, "push", "jobs"])
        .arg(std::ffi::OsStr::from_bytes(b"\xff"))
        .output()?;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(env.store_snapshot()?, before);
    env.cmd()
        .args(["-w", WF, "pop", "jobs"])
        .assert()
        .success()
        .stdout("kept\n");
    Ok(())
}

/// Queues live and die with their workflow: `load` does not see them,
/// an expired workflow's queue reads empty and a new workflow starts
/// without it, `gc -w` and `gc --all` remove them.
fn queues_live_and_die_with_their_workflow(env: &StoreEnv) -> TestResult {
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let load = |env: &StoreEnv| -> Res<String> {
        Ok(stdout(
            &env.cmd()
                .args(["-w", WF, "load", "--shell", "json"])
                .output()?,
        ))
    };
    let before = load(env)?;
    env.cmd()
        .args(["-w", WF, "push", "jobs", "x", "y"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "incr", "DONE"])
        .assert()
        .success();
    let after: BTreeMap<String, String> = serde_json::from_str(&load(env)?)?;
    let mut want: BTreeMap<String, String> = serde_json::from_str(&before)?;
    want.insert("DONE".into(), "1".into());
    assert_eq!(after, want, "load sees the counter, not the queue");
    // Expired: the queue reads empty and cannot be popped.
    env.plant(WF, now() - 100, now() - 10, &[("A", "1")])?;
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout("0\n");
    env.cmd()
        .args(["-w", WF, "queue", "ls", "jobs"])
        .assert()
        .success()
        .stdout("");
    env.cmd().args(["-w", WF, "pop", "jobs"]).assert().code(1);
    // A push starts the workflow anew: the old messages are gone.
    env.cmd()
        .args(["-w", WF, "push", "jobs", "new"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout("1\n");
    env.cmd().args(["-w", WF, "get", "A"]).assert().code(1);
    env.cmd().args(["gc", "-w", WF]).assert().success();
    assert!(env.gone(WF)?);
    nothing_left(env, "gc -w")?;
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .success()
        .stdout("0\n");
    for wf in ["a", "b"] {
        env.cmd()
            .args(["-w", wf, "push", "q", "m"])
            .assert()
            .success();
    }
    env.cmd().args(["gc", "--all"]).assert().success();
    nothing_left(env, "gc --all")?;
    Ok(())
}

/// The store holds nothing at all: no state, no queue, no companion key
/// (lock files aside).
fn nothing_left(env: &StoreEnv, after: &str) -> TestResult {
    let mut files: Vec<String> = fs::read_dir(&env.dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".lock"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert!(files.is_empty(), "{after} left {files:?}");
    #[cfg(feature = "redis")]
    if let Backend::Redis { prefix, .. } = &env.backend {
        let dump = common::redis_server::dump(&mut env.con()?, prefix)?;
        assert_eq!(dump, "", "{after} left keys");
    }
    Ok(())
}

/// A pipe whose buffer is full, so that a write to it blocks: (read end,
/// write end).
fn full_pipe() -> Res<(std::os::fd::OwnedFd, std::os::fd::OwnedFd)> {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills the two descriptors of a valid array.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error().into());
    }
    // SAFETY: fresh descriptors that nothing else owns.
    let (r, w) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let fd = w.as_raw_fd();
    // SAFETY: fcntl and write on a descriptor we own, from a local buffer.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        let chunk = [b'x'; 4096];
        while libc::write(fd, chunk.as_ptr().cast(), chunk.len()) > 0 {}
        libc::fcntl(fd, libc::F_SETFL, flags);
    }
    Ok((r, w))
}

/// The delivery guarantee, made deterministic: a consumer killed after it
/// claimed a message but before it wrote it out (its standard output is a
/// full pipe) leaves the message held, and it is not delivered again; a
/// consumer whose standard output is closed puts the message back.
fn a_killed_consumer_holds_its_message_and_a_closed_pipe_puts_it_back(
    env: &StoreEnv,
) -> TestResult {
    env.cmd()
        .args(["-w", WF, "push", "jobs", "first", "second", "third"])
        .assert()
        .success();
    let (_r, w) = full_pipe()?;
    let mut consumer = env
        .std_cmd()
        .args(["-w", WF, "pop", "jobs"])
        .stdout(Stdio::from(w))
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while stdout(
        &env.cmd()
            .args(["-w", WF, "queue", "len", "jobs"])
            .output()?,
    ) != "2\n"
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the consumer never claimed"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(consumer.try_wait()?.is_none(), "blocked writing");
    consumer.kill()?;
    consumer.wait()?;
    let ls = env
        .cmd()
        .args(["-w", WF, "queue", "ls", "jobs", "--json"])
        .output()?;
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&ls.stdout)?;
    let shape: Vec<(&str, &str)> = listed
        .iter()
        .filter_map(|e| Some((e["status"].as_str()?, e["value"].as_str()?)))
        .collect();
    assert_eq!(
        shape,
        [("ready", "second"), ("ready", "third"), ("held", "first")]
    );
    // Closed standard output: the message goes back to the head.
    let (r, w) = full_pipe()?;
    drop(r);
    let out = env
        .std_cmd()
        .args(["-w", WF, "pop", "jobs"])
        .stdout(Stdio::from(w))
        .stderr(Stdio::piped())
        .output()?;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("was put back"), "{}", stderr(&out));
    env.cmd()
        .args(["-w", WF, "pop", "jobs"])
        .assert()
        .success()
        .stdout("second\n");
    env.cmd()
        .args(["-w", WF, "pop", "jobs"])
        .assert()
        .success()
        .stdout("third\n");
    env.cmd().args(["-w", WF, "pop", "jobs"]).assert().code(1);
    Ok(())
}

/// One received message: (consumer, producer, index).
type Received = (usize, usize, usize);

fn parse_received(consumer: usize, out: &[u8]) -> Res<Option<Received>> {
    if out.is_empty() {
        return Ok(None);
    }
    let msg: serde_json::Value = serde_json::from_slice(out)?;
    let value = msg["value"].as_str().ok_or("no value")?;
    let (p, i) = value
        .strip_prefix("producer ")
        .and_then(|r| r.split_once(" message "))
        .ok_or_else(|| format!("not a test message: {value:?}"))?;
    Ok(Some((consumer, p.parse()?, i.parse()?)))
}

/// Each consumer received every producer's messages in the order pushed.
fn check_per_producer_order(received: &[Received]) {
    let mut last: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for &(c, p, i) in received {
        if let Some(prev) = last.insert((c, p), i) {
            assert!(
                prev < i,
                "consumer {c} got message {i} of producer {p} after {prev}"
            );
        }
    }
}

/// Point 5: 8 producers x 200 messages, 8 consumers popping with --wait:
/// all 1,600 received, each exactly once, in each producer's order.
fn eight_producers_eight_consumers_deliver_each_message_once(env: &StoreEnv) -> TestResult {
    use std::sync::atomic::{AtomicUsize, Ordering};
    const PRODUCERS: usize = 8;
    const MESSAGES: usize = 200;
    let started = std::time::Instant::now();
    let finished = AtomicUsize::new(0);
    let received = std::sync::Mutex::new(Vec::new());
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    let fail = |m: String| {
        if let Ok(mut f) = failures.lock() {
            f.push(m);
        }
    };
    std::thread::scope(|scope| {
        for p in 0..PRODUCERS {
            let (finished, fail) = (&finished, &fail);
            scope.spawn(move || {
                for i in 0..MESSAGES {
                    let msg = format!("producer {p} message {i:03}");
                    match env
                        .std_cmd()
                        .args(["-w", WF, "push", "jobs", &msg])
                        .output()
                    {
                        Ok(o) if o.status.success() => {}
                        Ok(o) => fail(format!("push {msg}: {}", stderr(&o))),
                        Err(e) => fail(format!("push {msg}: {e}")),
                    }
                }
                finished.fetch_add(1, Ordering::SeqCst);
            });
        }
        for c in 0..8 {
            let (finished, received, fail) = (&finished, &received, &fail);
            scope.spawn(move || {
                loop {
                    let all_pushed = finished.load(Ordering::SeqCst) == PRODUCERS;
                    let out = env
                        .std_cmd()
                        .args(["-w", WF, "pop", "jobs", "--wait", "2s", "--json"])
                        .output();
                    match out {
                        Ok(o) if o.status.success() => match parse_received(c, &o.stdout) {
                            Ok(Some(r)) => received.lock().map(|mut v| v.push(r)).unwrap_or(()),
                            other => fail(format!("pop: {other:?}")),
                        },
                        Ok(o) if o.status.code() == Some(124) && all_pushed => break,
                        Ok(o) if o.status.code() == Some(124) => {}
                        Ok(o) => fail(format!("pop: {:?} {}", o.status, stderr(&o))),
                        Err(e) => fail(format!("pop: {e}")),
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().map_err(|_| "poisoned")?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let received = received.into_inner().map_err(|_| "poisoned")?;
    let mut unique: Vec<(usize, usize)> = received.iter().map(|&(_, p, i)| (p, i)).collect();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(received.len(), PRODUCERS * MESSAGES, "received count");
    assert_eq!(unique.len(), PRODUCERS * MESSAGES, "each exactly once");
    check_per_producer_order(&received);
    let per_consumer: Vec<usize> = (0..8)
        .map(|c| received.iter().filter(|r| r.0 == c).count())
        .collect();
    eprintln!(
        "FIGURES queue {}: {} messages from {PRODUCERS} producers, received once each by 8 consumers {per_consumer:?}, in {:.1}s",
        if env.is_file() { "file" } else { "redis" },
        received.len(),
        started.elapsed().as_secs_f64()
    );
    env.cmd()
        .args(["-w", WF, "queue", "len", "jobs"])
        .assert()
        .stdout("0\n");
    Ok(())
}

/// Run one command, SIGKILLed after a random delay of 0-20 ms when `kill`:
/// `Some(output)` if it finished by itself, `None` if the kill ended it
/// (its output so far is returned too: a consumer may have written its
/// message before the kill).
fn run_maybe_killed(
    mut cmd: Command,
    kill: Option<u64>,
) -> Res<(Option<std::process::ExitStatus>, Vec<u8>)> {
    use std::io::Read;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(delay_us) = kill {
        std::thread::sleep(std::time::Duration::from_micros(delay_us));
        let _ = child.kill();
    }
    let mut out = Vec::new();
    if let Some(mut s) = child.stdout.take() {
        s.read_to_end(&mut out)?;
    }
    let status = child.wait()?;
    use std::os::unix::process::ExitStatusExt;
    if status.signal() == Some(libc::SIGKILL) {
        return Ok((None, out));
    }
    Ok((Some(status), out))
}

/// Point 5, with kills: the same 8 x 200 while a tenth of the pushes and a
/// tenth of the pops are SIGKILLed at random moments. No message may be
/// received twice; every acknowledged push must be received or held by a
/// killed consumer; nothing received that was not pushed; order kept.
fn killed_producers_and_consumers_lose_and_duplicate_nothing(env: &StoreEnv) -> TestResult {
    use std::collections::BTreeSet;
    use std::sync::atomic::{AtomicUsize, Ordering};
    const PRODUCERS: usize = 8;
    const MESSAGES: usize = 200;
    let seed_rng = std::sync::Mutex::new(reliability::Rng::new(
        "killed_producers_and_consumers_lose_and_duplicate_nothing",
    ));
    let draw = || -> Option<u64> {
        let mut rng = seed_rng.lock().ok()?;
        (rng.below(10) == 0).then(|| rng.below(20_000))
    };
    let finished = AtomicUsize::new(0);
    let acked = std::sync::Mutex::new(BTreeSet::new());
    let killed_pushes = std::sync::Mutex::new(BTreeSet::new());
    let killed_pops = AtomicUsize::new(0);
    let received = std::sync::Mutex::new(Vec::new());
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    let fail = |m: String| {
        if let Ok(mut f) = failures.lock() {
            f.push(m);
        }
    };
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        for p in 0..PRODUCERS {
            let (finished, acked, killed_pushes, fail, draw) =
                (&finished, &acked, &killed_pushes, &fail, &draw);
            scope.spawn(move || {
                for i in 0..MESSAGES {
                    let msg = format!("producer {p} message {i:03}");
                    let mut cmd = env.std_cmd();
                    cmd.args(["-w", WF, "push", "jobs", &msg]);
                    match run_maybe_killed(cmd, draw()) {
                        Ok((Some(s), _)) if s.success() => {
                            let _ = acked.lock().map(|mut a| a.insert((p, i)));
                        }
                        Ok((None, _)) => {
                            let _ = killed_pushes.lock().map(|mut k| k.insert((p, i)));
                        }
                        other => fail(format!("push {msg}: {other:?}")),
                    }
                }
                finished.fetch_add(1, Ordering::SeqCst);
            });
        }
        for c in 0..8 {
            let (finished, received, killed_pops, fail, draw) =
                (&finished, &received, &killed_pops, &fail, &draw);
            scope.spawn(move || {
                loop {
                    let all_pushed = finished.load(Ordering::SeqCst) == PRODUCERS;
                    let mut cmd = env.std_cmd();
                    cmd.args(["-w", WF, "pop", "jobs", "--wait", "2s", "--json"]);
                    let kill = draw();
                    match run_maybe_killed(cmd, kill) {
                        Ok((status, out)) => {
                            if status.is_none() {
                                killed_pops.fetch_add(1, Ordering::SeqCst);
                            }
                            match parse_received(c, &out) {
                                Ok(Some(r)) => {
                                    let _ = received.lock().map(|mut v| v.push(r));
                                }
                                Ok(None) => {}
                                Err(e) => fail(format!("pop printed garbage: {e}")),
                            }
                            match status.and_then(|s| s.code()) {
                                Some(124) if all_pushed => break,
                                None | Some(0) | Some(124) => {}
                                Some(code) => fail(format!("pop exited {code}")),
                            }
                        }
                        Err(e) => fail(format!("pop: {e}")),
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().map_err(|_| "poisoned")?;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let received = received.into_inner().map_err(|_| "poisoned")?;
    let acked = acked.into_inner().map_err(|_| "poisoned")?;
    let killed_pushes = killed_pushes.into_inner().map_err(|_| "poisoned")?;
    let got: BTreeSet<(usize, usize)> = received.iter().map(|&(_, p, i)| (p, i)).collect();
    assert_eq!(got.len(), received.len(), "a message was received twice");
    check_per_producer_order(&received);
    // What killed consumers still hold.
    let ls = env
        .cmd()
        .args(["-w", WF, "queue", "ls", "jobs", "--json"])
        .output()?;
    assert!(ls.status.success(), "{}", stderr(&ls));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&ls.stdout)?;
    let mut held = BTreeSet::new();
    for e in &listed {
        assert_eq!(
            e["status"], "held",
            "left waiting after the consumers drained: {e}"
        );
        let value = e["value"].as_str().ok_or("no value")?;
        let (_, p, i) = parse_received(
            0,
            format!("{{\"value\":{}}}", serde_json::to_string(value)?).as_bytes(),
        )?
        .ok_or("empty")?;
        held.insert((p, i));
    }
    let killed_pops = killed_pops.load(Ordering::SeqCst);
    assert!(
        held.len() <= killed_pops,
        "{} held by {killed_pops} killed consumers",
        held.len()
    );
    for m in &got {
        assert!(
            acked.contains(m) || killed_pushes.contains(m),
            "received {m:?}, never pushed"
        );
    }
    let lost: Vec<&(usize, usize)> = acked
        .iter()
        .filter(|m| !got.contains(m) && !held.contains(m))
        .collect();
    assert!(
        lost.is_empty(),
        "acknowledged but neither received nor held: {lost:?}"
    );
    let held_only = held.difference(&got).count();
    let stored_of_killed = killed_pushes
        .iter()
        .filter(|m| got.contains(m) || held.contains(m))
        .count();
    eprintln!(
        "FIGURES queue kills {}: {} pushes acknowledged, {} killed ({} of those stored anyway); {} pops killed; {} received, each once; {} held by killed consumers ({} of them written out before the kill, {} never received); 0 lost, 0 duplicated; {:.1}s",
        if env.is_file() { "file" } else { "redis" },
        acked.len(),
        killed_pushes.len(),
        stored_of_killed,
        killed_pops,
        got.len(),
        held.len(),
        held.len() - held_only,
        held_only,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The code block after `<!-- recipe: NAME -->` in README.md.
fn readme_recipe(name: &str) -> Res<String> {
    let readme =
        fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))?;
    let marker = format!("<!-- recipe: {name} -->");
    let rest = readme
        .split_once(&marker)
        .ok_or_else(|| format!("no {marker}"))?
        .1;
    let body = rest.split_once("```").ok_or("no code block")?.1;
    let body = body.split_once('\n').ok_or("no code block")?.1;
    Ok(body.split_once("\n```").ok_or("unterminated")?.0.to_owned() + "\n")
}

/// Run a README recipe in bash, in the background, with `blockstate` on
/// PATH, the workflow in BLOCKSTATE_WORKFLOW and extra variables.
fn spawn_recipe(env: &StoreEnv, recipe: &str, vars: &[(&str, String)]) -> Res<std::process::Child> {
    let bin_dir = bin().parent().ok_or("no bin dir")?.display().to_string();
    let mut c = Command::new("bash");
    c.args(["--norc", "--noprofile", "-eu", "-c", recipe])
        .env_clear()
        .envs(env.base_env())
        .env(
            "PATH",
            format!("{bin_dir}:{}", std::env::var("PATH").unwrap_or_default()),
        )
        .env("BLOCKSTATE_WORKFLOW", WF)
        .current_dir(&env.work)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in vars {
        c.env(k, v);
    }
    Ok(c.spawn()?)
}

/// Point 6: the README's fan-in recipe as written. The coordinator starts
/// first and waits; 16 blocks run at once, each appending a finding and
/// counting itself done; the coordinator then reads all 16 findings.
fn sixteen_parallel_blocks_fan_in_to_a_waiting_coordinator(env: &StoreEnv) -> TestResult {
    if !require_tool(
        "sixteen_parallel_blocks_fan_in_to_a_waiting_coordinator",
        "bash",
    ) {
        return Ok(());
    }
    let coordinator = spawn_recipe(env, &readme_recipe("fan-in-coordinator")?, &[])?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    let block = readme_recipe("fan-in-block")?;
    let blocks: Vec<_> = (1..=16)
        .map(|i| {
            spawn_recipe(
                env,
                &block,
                &[("result", format!("result {i}: it's \"fine\""))],
            )
        })
        .collect::<Res<_>>()?;
    for b in blocks {
        let out = b.wait_with_output()?;
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = coordinator.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    let mut want: Vec<String> = (1..=16)
        .map(|i| format!("result {i}: it's \"fine\""))
        .collect();
    want.sort_unstable();
    assert_eq!(lines, want);
    Ok(())
}

/// The README's queue recipe as written: a producer, three consumers,
/// each job built exactly once.
fn queue_recipe_builds_each_job_once(env: &StoreEnv) -> TestResult {
    if !require_tool("queue_recipe_builds_each_job_once", "bash") {
        return Ok(());
    }
    let consumer = readme_recipe("queue-consumer")?;
    let consumers: Vec<_> = (0..3)
        .map(|_| spawn_recipe(env, &consumer, &[]))
        .collect::<Res<_>>()?;
    let out = spawn_recipe(env, &readme_recipe("queue-producer")?, &[])?.wait_with_output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    let mut built = Vec::new();
    for c in consumers {
        let out = c.wait_with_output()?;
        assert!(out.status.success(), "{}", stderr(&out));
        built.extend(stdout(&out).lines().map(str::to_owned));
    }
    built.sort_unstable();
    assert_eq!(built, ["built linux", "built macos", "built windows 11"]);
    Ok(())
}
