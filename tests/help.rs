//! What `--help` claims, checked against what the commands do.
//!
//! Each subcommand's help shows only the global options that change what
//! it does: every option is tried on every subcommand with different
//! values, and shown exactly where the outcome differs. Every
//! `[env: VAR]` must act like its flag, every `[default: ...]` like the
//! option left out, and the exit codes, environment variables and conflict
//! messages must agree with the code and the README.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};

use common::{TestEnv, TestResult, stderr, stdout};

/// A command line for each subcommand that the options are tried on.
const SAMPLES: &[(&str, &[&str])] = &[
    ("id", &["x"]),
    ("set", &["K=new"]),
    ("incr", &["N"]),
    ("get", &["K"]),
    ("unset", &["K"]),
    ("list", &[]),
    ("load", &[]),
    // Only what blockstate sets: the rest of the environment is inherited.
    (
        "exec",
        &[
            "--",
            "printenv",
            "K",
            "BLOCKSTATE_WORKFLOW",
            "PROJECT_ROOT",
            "R1",
            "R2",
        ],
    ),
    ("root", &[]),
    ("gc", &[]),
    ("path", &[]),
    ("workflows", &[]),
    ("init", &["sh"]),
    ("completions", &["bash"]),
    // Its report says which setting chose each thing ("chosen_by"), which
    // is its point, and what BLOCKSTATE_WORKFLOW holds; `World::outcomes`
    // leaves those lines out, so that what it found can be compared across
    // ways of choosing.
    ("doctor", &["--json"]),
    // A command that ends at once: nothing keeps running after the test.
    ("spawn", &["probe", "--", "true"]),
    ("ps", &[]),
    ("stop", &["--all"]),
    ("logs", &["probe"]),
    // K is set in every planted W1, so it returns at once there.
    ("wait", &["K", "--timeout", "2s"]),
    ("push", &["jobs", "m"]),
    ("pop", &["jobs"]),
    ("queue", &["ls", "jobs"]),
    // With --ttl it writes to the store, as `hook claude-code` always does.
    ("hook", &["env-file", "--ttl", "1h", "hooked.sh"]),
];

const W1: &str = "w1";
const W2: &str = "w2";
const D1: &str = "probe one";
const D2: &str = "probe two";
/// Times of the planted states: long ago, expiring long after the test.
const PLANTED: u64 = 1_000_000_000;
const FAR: u64 = 4_000_000_000;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// One option of a help page.
#[derive(Debug, Clone)]
struct HelpOption {
    /// `--dir`
    long: String,
    text: String,
}

impl HelpOption {
    fn bracket(&self, tag: &str) -> Option<String> {
        let start = self.text.find(&format!("[{tag}: "))? + tag.len() + 3;
        let end = self.text[start..].find(']')? + start;
        Some(self.text[start..end].to_owned())
    }
}

fn help_of(env: &TestEnv, args: &[&str]) -> Res<String> {
    let o = env.cmd().args(args).arg("--help").output()?;
    assert!(o.status.success(), "{args:?} --help: {}", stderr(&o));
    Ok(stdout(&o))
}

/// The options listed in a help page, with their text on one line.
fn options_in(help: &str) -> Vec<HelpOption> {
    let mut out: Vec<HelpOption> = Vec::new();
    let mut in_options = false;
    for line in help.lines() {
        if line == "Options:" {
            in_options = true;
            continue;
        }
        if !in_options {
            continue;
        }
        if !line.is_empty() && !line.starts_with(' ') {
            break;
        }
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if indent <= 6 && trimmed.starts_with('-') {
            let (flags, text) = trimmed.split_once("  ").unwrap_or((trimmed, ""));
            let long = flags
                .split([',', ' '])
                .find(|f| f.starts_with("--"))
                .unwrap_or(flags)
                .to_owned();
            out.push(HelpOption {
                long,
                text: text.trim().to_owned(),
            });
        } else if let Some(last) = out.last_mut() {
            if !last.text.is_empty() {
                last.text.push(' ');
            }
            last.text.push_str(trimmed);
        }
    }
    out
}

fn subcommands(env: &TestEnv) -> Res<Vec<String>> {
    let help = help_of(env, &[])?;
    let mut names = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line == "Commands:" {
            in_commands = true;
        } else if in_commands {
            if line.is_empty() {
                break;
            }
            if line.len() - line.trim_start().len() == 2 {
                let name = line.split_whitespace().next().unwrap_or_default();
                if name != "help" {
                    names.push(name.to_owned());
                }
            }
        }
    }
    Ok(names)
}

fn sample(name: &str) -> Res<&'static [&'static str]> {
    SAMPLES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
        .ok_or_else(|| {
            format!("tests/help.rs: add a sample command line for `{name}` to SAMPLES").into()
        })
}

/// The sandbox the options are tried in: two state directories (A is the
/// default, from BLOCKSTATE_DIR), each with planted workflows, and two
/// directories that root variables can name.
struct World {
    env: TestEnv,
    a: PathBuf,
    b: PathBuf,
    r1: PathBuf,
    r2: PathBuf,
    /// The IDs of D1 and D2.
    d1: String,
    d2: String,
    /// A server of the test's own (tests run in parallel, and each empties
    /// its server), when the test needs one.
    #[cfg(feature = "redis")]
    redis: Option<common::redis_server::RedisServer>,
}

/// How one run is set up.
#[derive(Default, Clone)]
struct Run {
    /// Options before the subcommand.
    options: Vec<String>,
    env: Vec<(String, String)>,
    /// Hold the state directory's lock, so that writers wait.
    hold_lock: bool,
}

impl Run {
    fn opts(options: &[&str]) -> Self {
        Run {
            options: options.iter().map(|s| s.to_string()).collect(),
            ..Run::default()
        }
    }
    fn with_env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }
    fn locked(mut self) -> Self {
        self.hold_lock = true;
        self
    }
    fn and(mut self, options: &[&str]) -> Self {
        self.options.extend(options.iter().map(|s| s.to_string()));
        self
    }
}

/// What a run did: its status and output, and what the stores hold after.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    files: BTreeMap<String, String>,
    redis: String,
}

fn id_of(description: &str) -> Res<String> {
    let o = std::process::Command::new(common::bin())
        .args(["id", description])
        .output()?;
    Ok(stdout(&o).trim().to_owned())
}

fn state_json(id: &str, expires: u64, value: &str, pid: i32) -> String {
    let mut v = serde_json::json!({
        "version": 2,
        "workflow": id,
        "created": PLANTED,
        "updated": PLANTED,
        "expires": expires,
        "vars": {"K": value},
    });
    if pid != 0 {
        v["processes"] = serde_json::json!({ "probe": process_record(pid) });
    }
    v.to_string()
}

/// A record of a background process named `probe` that is not running (a
/// PID far above any in use here, and a start time no process has): `ps`
/// shows it gone, `stop` forgets it without signalling anything. Each
/// planted state gets its own PID, so that what `ps` prints tells the
/// stores apart.
fn process_record(pid: i32) -> serde_json::Value {
    let boot_id = fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap_or_default();
    serde_json::json!({
        "pid": pid,
        "pgid": pid,
        "start_ticks": 1,
        "boot_id": boot_id.trim(),
        "host": blockstate::process::hostname(),
        "command": ["probe"],
        "log": "/nonexistent/probe.log",
        "started": PLANTED,
    })
}

/// The fields of a process record that a new process makes different on
/// every run.
const PROCESS_VOLATILE: &[&str] = &["pid", "pgid", "start_ticks", "started"];

fn normalized_process(record: &mut serde_json::Value) {
    for field in PROCESS_VOLATILE {
        let planted = record[field].as_i64().is_some_and(|v| {
            v == 1 || v == PLANTED as i64 || PLANTED_PIDS.iter().any(|p| v == i64::from(*p))
        });
        if !planted {
            record[field] = "new".into();
        }
    }
}

/// What is wrong, if anything, with spawn's `--timeout` left out: a
/// `--ready` check that never passes must give up after `default`, exactly
/// as with `--timeout default` given.
fn check_ready_timeout_default(default: &str) -> Option<String> {
    // Two sandboxes, so that the two runs do not see each other's probe.
    let envs = [TestEnv::new(), TestEnv::new()];
    let _reapers = envs.each_ref().map(TestEnv::reaper);
    let run = |env: &TestEnv, extra: &[&str]| {
        env.std_cmd()
            .args([
                "-w",
                W1,
                "spawn",
                "probe",
                "--ready",
                "file:/nonexistent/never",
            ])
            .args(extra)
            .args(["--", "sleep", "600"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    };
    let (left_out, given) = match (run(&envs[0], &[]), run(&envs[1], &["--timeout", default])) {
        (Ok(a), Ok(b)) => (a.wait_with_output(), b.wait_with_output()),
        (a, b) => return Some(format!("spawn --timeout: cannot start: {a:?} {b:?}")),
    };
    let (Ok(left_out), Ok(given)) = (left_out, given) else {
        return Some("spawn --timeout: cannot wait for blockstate".to_owned());
    };
    let said = |o: &std::process::Output, env: &TestEnv| {
        let err = stderr(o).replace(&env.root().display().to_string(), "$ROOT");
        (o.status.code(), without_pids(&err))
    };
    let (a, b) = (said(&left_out, &envs[0]), said(&given, &envs[1]));
    let gave_up = format!("was not ready after {default}");
    (a != b || a.0 != Some(8) || !a.1.contains(&gave_up))
        .then(|| format!("spawn: --timeout left out is not --timeout {default}:\n  {a:?}\n  {b:?}"))
}

/// What is wrong, if anything, with `SUB KEY` left to wait without
/// `--timeout`: it must still be waiting after 5 s (while `--timeout 1s`
/// gives up with 124), and end only when killed.
fn check_waits_forever(sub: &str) -> Option<String> {
    let env = TestEnv::new();
    let start = |extra: &[&str]| {
        env.std_cmd()
            .args(["-w", W1, sub, "NEVER"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    };
    let (Ok(mut left_out), Ok(mut short)) = (start(&[]), start(&["--timeout", "1s"])) else {
        return Some(format!("{sub}: cannot start blockstate"));
    };
    std::thread::sleep(std::time::Duration::from_secs(5));
    let still = left_out.try_wait().map(|s| s.is_none());
    let _ = left_out.kill();
    let _ = left_out.wait();
    let gave_up = short.wait().map(|s| s.code());
    (!matches!(still, Ok(true)) || !matches!(gave_up, Ok(Some(124)))).then(|| {
        format!(
            "{sub}: --timeout left out does not wait forever (still waiting after 5 s: {still:?}; --timeout 1s: {gave_up:?})"
        )
    })
}

/// `text` with every "PID 1234" that a run started made "PID new": a
/// process started twice never gets the same PID.
fn without_pids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("PID ") {
        let (head, tail) = rest.split_at(at + 4);
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        let pid = &tail[..digits];
        let planted = pid.parse::<i32>().is_ok_and(|p| PLANTED_PIDS.contains(&p));
        out.push_str(if digits == 0 || planted { pid } else { "new" });
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

/// The PIDs of the planted records: a-one, b-one, Redis, Redis n1.
const PLANTED_PIDS: [i32; 4] = [4_000_001, 4_000_002, 4_000_003, 4_000_004];

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        let root = env.root().to_path_buf();
        World {
            d1: id_of(D1).unwrap_or_default(),
            d2: id_of(D2).unwrap_or_default(),
            a: env.dir.clone(),
            b: root.join("state-b"),
            r1: root.join("root-one"),
            r2: root.join("root-two"),
            #[cfg(feature = "redis")]
            redis: None,
            env,
        }
    }

    /// With a Redis server too, to try --namespace; without one when
    /// redis-server is missing (reported as skipped, a failure under CI).
    fn with_redis(test: &str) -> Res<World> {
        #[allow(unused_mut)]
        let mut world = World::new();
        #[cfg(feature = "redis")]
        if common::require_tool(test, "redis-server") {
            world.redis = Some(common::redis_server::RedisServer::start(&[])?);
        }
        #[cfg(not(feature = "redis"))]
        let _ = test;
        Ok(world)
    }

    #[cfg(feature = "redis")]
    fn redis_url(&self) -> Option<String> {
        self.redis.as_ref().map(|s| s.url())
    }

    #[cfg(not(feature = "redis"))]
    fn redis_url(&self) -> Option<String> {
        None
    }

    /// Put every store back as planted.
    fn reset(&self) -> TestResult {
        for dir in [&self.a, &self.b, &self.r1, &self.r2] {
            if dir.exists() {
                fs::remove_dir_all(dir)?;
            }
            fs::create_dir_all(dir)?;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        }
        let mut planted = vec![
            (self.a.clone(), W1.to_owned(), FAR, "a-one", PLANTED_PIDS[0]),
            (self.a.clone(), W2.to_owned(), FAR, "a-two", 0),
            (self.a.clone(), self.d1.clone(), FAR, "a-d1", 0),
            (self.a.clone(), self.d2.clone(), FAR, "a-d2", 0),
            (self.a.clone(), "old".to_owned(), PLANTED + 1, "a-old", 0),
        ];
        planted.push((self.b.clone(), W1.to_owned(), FAR, "b-one", PLANTED_PIDS[1]));
        planted.push((self.b.clone(), "old".to_owned(), PLANTED + 1, "b-old", 0));
        // Each W1 has a queue `jobs` holding its K, pushed before the
        // state is planted over what the push wrote.
        self.push(&["--dir", &self.a.display().to_string()], "a-one")?;
        self.push(&["--dir", &self.b.display().to_string()], "b-one")?;
        for (dir, id, expires, value, pid) in planted {
            let path = dir.join(format!("{id}.json"));
            fs::write(&path, state_json(&id, expires, value, pid))?;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
        }
        #[cfg(feature = "redis")]
        if let Some(server) = &self.redis {
            let mut con = server.client()?;
            let _: () = redis::cmd("FLUSHALL").query(&mut con)?;
            let url = server.url();
            self.push(&["--store", &url], "r-default")?;
            self.push(&["--store", &url, "--namespace", "n1"], "r-n1")?;
            for (key, value, pid) in [
                ("blockstate:wf:w1", "r-default", PLANTED_PIDS[2]),
                ("blockstate:n1:wf:w1", "r-n1", PLANTED_PIDS[3]),
            ] {
                let _: i64 = redis::cmd("HSET")
                    .arg(key)
                    .arg(".proc:probe")
                    .arg(process_record(pid).to_string())
                    .arg(".version")
                    .arg(2)
                    .arg(".workflow")
                    .arg(W1)
                    .arg(".created")
                    .arg(PLANTED)
                    .arg(".updated")
                    .arg(PLANTED)
                    .arg(".expires")
                    .arg(FAR)
                    .arg("K")
                    .arg(value)
                    .query(&mut con)?;
            }
        }
        Ok(())
    }

    /// Push `message` to the queue `jobs` of W1 in the store `store` names.
    fn push(&self, store: &[&str], message: &str) -> TestResult {
        let o = self
            .env
            .std_cmd()
            .args(store)
            .args(["-w", W1, "push", "jobs", message])
            .output()?;
        assert!(o.status.success(), "planting a message: {}", stderr(&o));
        Ok(())
    }

    fn spawn(&self, run: &Run, sub: &str, args: &[&str]) -> Res<Child> {
        let mut c = self.env.std_cmd();
        // R2 names no directory, so a root taken from it is the current
        // directory instead.
        c.env("R1", &self.r1)
            .env("R2", self.r2.join("missing"))
            .envs(run.env.iter().map(|(k, v)| (k, v)))
            .args(&run.options)
            .arg(sub)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        Ok(c.spawn()?)
    }

    /// Run `blockstate OPTIONS SUB ARGS` on a freshly planted world.
    fn outcome(&self, run: &Run, sub: &str, args: &[&str]) -> Res<Outcome> {
        Ok(self.outcomes(&[(run.clone(), sub, args)])?.remove(0))
    }

    /// Several runs at once on one planted world (for runs that wait for a
    /// lock and change nothing).
    fn outcomes(&self, runs: &[(Run, &str, &[&str])]) -> Res<Vec<Outcome>> {
        self.reset()?;
        let lock = if runs.iter().any(|(r, _, _)| r.hold_lock) {
            let dir = fs::File::open(&self.a)?;
            // flock(2) may return EINTR when a signal arrives while it
            // waits (seen once under heavy load): try again.
            loop {
                match dir.lock() {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => other?,
                }
                break;
            }
            Some(dir)
        } else {
            None
        };
        let children: Vec<Child> = runs
            .iter()
            .map(|(run, sub, args)| self.spawn(run, sub, args))
            .collect::<Res<_>>()?;
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output())
            .collect::<Result<_, _>>()?;
        drop(lock);
        let files = self.files()?;
        let redis = self.redis_dump()?;
        Ok(outputs
            .into_iter()
            .zip(runs)
            .map(|(o, (_, sub, _))| Outcome {
                code: o.status.code(),
                stdout: if *sub == "doctor" {
                    stdout(&o)
                        .lines()
                        // ...and the variables it reports as the shell has them.
                        .filter(|l| {
                            !l.contains("\"chosen_by\"") && !l.contains("\"BLOCKSTATE_WORKFLOW\"")
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                } else if *sub == "queue" {
                    // `queue ls` starts each line with the message's ID,
                    // a time.
                    stdout(&o)
                        .lines()
                        .map(|l| l.split_once(' ').map_or(l, |(_, rest)| rest))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    stdout(&o)
                },
                stderr: without_pids(&stderr(&o)),
                files: files.clone(),
                redis: redis.clone(),
            })
            .collect())
    }

    /// Every state file, with the times a run wrote made relative.
    fn files(&self) -> Res<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for dir in [&self.a, &self.b] {
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            for entry in entries {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "queues") {
                    queue_files(&path, &mut out)?;
                    continue;
                }
                let text = fs::read_to_string(&path).unwrap_or_default();
                out.insert(path.display().to_string(), normalized(&text));
            }
        }
        Ok(out)
    }

    #[cfg(feature = "redis")]
    fn redis_dump(&self) -> Res<String> {
        let Some(server) = &self.redis else {
            return Ok(String::new());
        };
        let mut con = server.client()?;
        let mut keys: Vec<String> = redis::cmd("KEYS").arg("*").query(&mut con)?;
        keys.sort();
        let mut out = String::new();
        for k in keys {
            let kind: String = redis::cmd("TYPE").arg(&k).query(&mut con)?;
            match kind.as_str() {
                // A tombstone holds the expiry a run wrote: a time.
                "hash" if k.contains("gone:") => {
                    out.push_str(&format!("{k} tombstone\n"));
                    continue;
                }
                "hash" => {}
                // A queue: its messages, without the stream IDs (times)
                // before them.
                "list" => {
                    let items: Vec<String> = redis::cmd("LRANGE")
                        .arg(&k)
                        .arg(0)
                        .arg(-1)
                        .query(&mut con)?;
                    let values: Vec<&str> = items
                        .iter()
                        .map(|m| m.split_once(' ').map_or(m.as_str(), |(_, v)| v))
                        .collect();
                    out.push_str(&format!("{k} {values:?}\n"));
                    continue;
                }
                "set" => {
                    let mut names: Vec<String> = redis::cmd("SMEMBERS").arg(&k).query(&mut con)?;
                    names.sort();
                    out.push_str(&format!("{k} {names:?}\n"));
                    continue;
                }
                // A workflow's change stream: its entries are times.
                _ => {
                    out.push_str(&format!("{k} {kind}\n"));
                    continue;
                }
            }
            let mut pairs: Vec<(String, String)> = redis::cmd("HGETALL").arg(&k).query(&mut con)?;
            // Times are the server's clock: left out, like the files'.
            pairs.retain(|(f, _)| {
                ![".created", ".updated", ".expires", ".rev"].contains(&f.as_str())
            });
            for (f, v) in &mut pairs {
                if f.starts_with(".proc:")
                    && let Ok(mut record) = serde_json::from_str::<serde_json::Value>(v)
                {
                    normalized_process(&mut record);
                    *v = record.to_string();
                }
            }
            pairs.sort();
            out.push_str(&format!("{k} {pairs:?}\n"));
        }
        Ok(out)
    }

    #[cfg(not(feature = "redis"))]
    fn redis_dump(&self) -> Res<String> {
        Ok(String::new())
    }
}

/// The messages of a workflow's queues (`ID.queues/QUEUE/{new,cur}/`), in
/// order, without the stamps that name them (times).
fn queue_files(queues: &Path, out: &mut BTreeMap<String, String>) -> TestResult {
    for queue in fs::read_dir(queues)? {
        let queue = queue?.path();
        for part in ["new", "cur"] {
            let Ok(entries) = fs::read_dir(queue.join(part)) else {
                continue;
            };
            let mut names: Vec<_> = entries
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            names.sort();
            let messages: Vec<String> = names
                .iter()
                .map(|m| fs::read_to_string(m).unwrap_or_default())
                .collect();
            out.insert(queue.join(part).display().to_string(), messages.join("\n"));
        }
    }
    Ok(())
}

/// A state file's JSON with the times a command wrote (now) replaced by
/// `now` and `now+TTL`, so that runs a second apart compare equal.
fn normalized(text: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(text) else {
        return text.to_owned();
    };
    let updated = v["updated"].as_u64().unwrap_or(PLANTED);
    if updated != PLANTED {
        let expires = v["expires"].as_u64().unwrap_or(0);
        v["updated"] = "now".into();
        // `unset` keeps the planted expiry; `set` renews it.
        if expires != FAR {
            v["expires"] = format!("now+{}", expires.saturating_sub(updated)).into();
        }
        if v["created"].as_u64() == Some(updated) {
            v["created"] = "now".into();
        }
    }
    if let Some(processes) = v["processes"].as_object_mut() {
        for record in processes.values_mut() {
            normalized_process(record);
        }
    }
    v.to_string()
}

/// The ways each global option is tried: runs that differ only in it.
fn variants(world: &World, long: &str) -> Option<Vec<Run>> {
    let a = world.a.display().to_string();
    let b = world.b.display().to_string();
    let _ = a;
    let w = ["-w", W1];
    Some(match long {
        "--workflow" => vec![
            Run::opts(&[]),
            Run::opts(&["-w", W1]),
            Run::opts(&["-w", W2]),
        ],
        "--description" => vec![
            Run::opts(&[]),
            Run::opts(&["-d", D1]),
            Run::opts(&["-d", D2]),
        ],
        "--dir" => vec![Run::opts(&w), Run::opts(&w).and(&["--dir", &b])],
        "--root-var" => vec![
            Run::opts(&w),
            Run::opts(&w).and(&["--root-var", "R1"]),
            Run::opts(&w).and(&["--root-var", "R2"]),
        ],
        // Left out, a writer would wait 10s for the held lock.
        "--lock-timeout" => vec![
            Run::opts(&w).and(&["--lock-timeout", "100ms"]).locked(),
            Run::opts(&w).and(&["--lock-timeout", "200ms"]).locked(),
        ],
        // Nothing listens there: whatever talks to the store fails.
        "--store" => vec![
            Run::opts(&w),
            Run::opts(&w).and(&["--store", "unix:///nonexistent/blockstate-test.sock"]),
        ],
        "--namespace" => {
            let url = world.redis_url()?;
            let base = ["-w", W1, "--store", url.as_str()];
            vec![
                Run::opts(&base),
                Run::opts(&base).and(&["--namespace", "n1"]),
                Run::opts(&base).and(&["--namespace", "n2"]),
            ]
        }
        _ => return None,
    })
}

/// The global options, as `blockstate --help` lists them.
fn global_options(env: &TestEnv) -> Res<Vec<HelpOption>> {
    Ok(options_in(&help_of(env, &[])?)
        .into_iter()
        .filter(|o| o.long != "--help" && o.long != "--version")
        .collect())
}

#[test]
fn each_subcommand_shows_exactly_the_options_that_change_what_it_does() -> TestResult {
    // Regression: `get --help` listed --lock-timeout, and every command
    // offered "-d ... record TEXT in its metadata", which only `set` does.
    let world =
        World::with_redis("each_subcommand_shows_exactly_the_options_that_change_what_it_does")?;
    let globals = global_options(&world.env)?;
    assert!(globals.len() >= 7, "{globals:?}");
    let mut wrong = Vec::new();
    for sub in subcommands(&world.env)? {
        let args = sample(&sub)?;
        let shown: Vec<String> = options_in(&help_of(&world.env, &[&sub])?)
            .into_iter()
            .map(|o| o.long)
            .collect();
        for global in &globals {
            let Some(runs) = variants(&world, &global.long) else {
                if global.long == "--namespace" {
                    // Only without redis-server (reported as skipped above).
                    continue;
                }
                return Err(format!("tests/help.rs: no way to try {}", global.long).into());
            };
            let outcomes: Vec<Outcome> = runs
                .iter()
                .map(|r| world.outcome(r, &sub, args))
                .collect::<Res<_>>()?;
            let changes = outcomes.iter().any(|o| *o != outcomes[0]);
            let is_shown = shown.contains(&global.long);
            if changes != is_shown {
                wrong.push(format!(
                    "{sub}: {} is {} but {}",
                    global.long,
                    if is_shown { "shown" } else { "hidden" },
                    if changes {
                        "changes what it does"
                    } else {
                        "changes nothing"
                    }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}

#[test]
fn every_variable_that_stands_for_an_option_is_named_in_its_help() -> TestResult {
    // Regression: --ttl did not say that BLOCKSTATE_TTL sets its default.
    let env = TestEnv::new();
    let claimed = env_options(&env)?;
    let mut checked = 0;
    for (var, meaning) in blockstate::help::ENVIRONMENT {
        // "..., like --dir": the variable stands for that option.
        let Some(long) = meaning
            .split_once("like --")
            .and_then(|(_, rest)| {
                rest.split(|c: char| !c.is_alphanumeric() && c != '-')
                    .next()
            })
            .map(|name| format!("--{name}"))
        else {
            continue;
        };
        checked += 1;
        for sub in subcommands(&env)? {
            let shown = options_in(&help_of(&env, &[&sub])?)
                .into_iter()
                .any(|o| o.long == long);
            let named = claimed
                .iter()
                .any(|(s, o, v)| *s == sub && o.long == long && v == var);
            assert!(
                !shown || named,
                "{sub} --help: {long} does not say [env: {var}]"
            );
        }
    }
    assert!(checked >= 5, "{checked}");
    Ok(())
}

/// For each subcommand, its options with `[env: VAR]`.
fn env_options(env: &TestEnv) -> Res<Vec<(String, HelpOption, String)>> {
    let mut out = Vec::new();
    for sub in subcommands(env)? {
        for o in options_in(&help_of(env, &[&sub])?) {
            if let Some(var) = o.bracket("env") {
                out.push((sub.clone(), o, var));
            }
        }
    }
    Ok(out)
}

#[test]
fn every_env_variable_in_help_acts_like_its_flag_and_the_flag_wins() -> TestResult {
    let world =
        World::with_redis("every_env_variable_in_help_acts_like_its_flag_and_the_flag_wins")?;
    let b = world.b.display().to_string();
    let url = world.redis_url();
    let mut wrong = Vec::new();
    for (sub, option, var) in env_options(&world.env)? {
        let args = sample(&sub)?;
        // (options every run has, a value, another value, hold the lock)
        let (base, one, other, locked): (Vec<&str>, &str, &str, bool) = match option.long.as_str() {
            "--dir" => (vec!["-w", W1], b.as_str(), "/nonexistent/other", false),
            "--root-var" => (vec!["-w", W1], "R1", "R2", false),
            "--lock-timeout" => (vec!["-w", W1], "100ms", "200ms", true),
            "--store" => (
                vec!["-w", W1],
                "unix:///nonexistent/one.sock",
                "unix:///nonexistent/other.sock",
                false,
            ),
            "--namespace" => match &url {
                Some(url) => (vec!["-w", W1, "--store", url.as_str()], "n1", "n2", false),
                None => continue,
            },
            "--ttl" => (vec!["-w", W1], "7d", "2d", false),
            other => {
                return Err(format!("tests/help.rs: no way to try {other} [env: {var}]").into());
            }
        };
        // `set --ttl` is the subcommand's own option: it goes after it.
        let own = option.long == "--ttl";
        let place = |run: Run, value: &str| -> (Run, Vec<String>) {
            let mut extra: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            if own {
                extra.insert(0, value.to_owned());
                extra.insert(0, option.long.clone());
                (run, extra)
            } else {
                (run.and(&[&option.long, value]), extra)
            }
        };
        let base_run = {
            let r = Run::opts(&base);
            if locked { r.locked() } else { r }
        };
        let run = |(r, extra): (Run, Vec<String>)| -> Res<Outcome> {
            let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
            world.outcome(&r, &sub, &extra)
        };
        let by_flag = run(place(base_run.clone(), one))?;
        let by_env = run((
            base_run.clone().with_env(&var, one),
            args.iter().map(|s| s.to_string()).collect(),
        ))?;
        let flag_over_env = run(place(base_run.clone().with_env(&var, other), one))?;
        let by_other_flag = run(place(base_run.clone(), other))?;
        // Left out, a writer would wait the whole default for the lock.
        let left_out = if locked {
            by_other_flag.clone()
        } else {
            run((
                base_run.clone(),
                args.iter().map(|s| s.to_string()).collect(),
            ))?
        };
        if by_env != by_flag {
            wrong.push(format!(
                "{sub}: {var}={one} does not act like {} {one}:\n  flag: {by_flag:?}\n  env:  {by_env:?}",
                option.long
            ));
        }
        if flag_over_env != by_flag {
            wrong.push(format!("{sub}: {var}={other} beats {} {one}", option.long));
        }
        if by_other_flag == by_flag && left_out == by_flag {
            wrong.push(format!(
                "{sub}: {} {one} and {other} do the same, so the check above proves nothing",
                option.long
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}

#[test]
fn every_default_in_help_is_what_the_command_does_without_the_option() -> TestResult {
    // Regression: --dir claimed $XDG_RUNTIME_DIR/blockstate as its default,
    // but without XDG_RUNTIME_DIR the state went to ~/.local/state; and -w
    // did not say that it falls back to -d.
    let world = World::new();
    let mut wrong = Vec::new();
    let mut checked = 0;
    let mut waiting: Vec<(String, Vec<&str>)> = Vec::new();
    let mut slow = Vec::new();
    for sub in subcommands(&world.env)? {
        let args = sample(&sub)?;
        for option in options_in(&help_of(&world.env, &[&sub])?) {
            // What -w falls back to is checked wherever it is shown, with
            // a [default: ...] or not (gc says it has none).
            if option.long == "--workflow" {
                check_workflow_default(&world, &sub, args, &option, &mut wrong)?;
                checked += 1;
                continue;
            }
            let Some(default) = option.bracket("default") else {
                continue;
            };
            checked += 1;
            match option.long.as_str() {
                "--dir" => check_dir_default(&world, &sub, &default, &mut wrong)?,
                "--ttl" => check_ttl_default(&sub, &default, &mut wrong)?,
                // --sep means something only with --append.
                "--sep" if default == "a newline" => {
                    let env = TestEnv::new();
                    for (value, extra) in
                        [("a", &[][..]), ("b", &[][..]), ("c", &["--sep", "\n"][..])]
                    {
                        env.cmd()
                            .args(["-w", W1, "set", "--append"])
                            .args(extra)
                            .arg(format!("L={value}"))
                            .assert()
                            .success();
                    }
                    let got = stdout(&env.cmd().args(["-w", W1, "get", "L"]).output()?);
                    if got != "a\nb\nc\n" {
                        wrong.push(format!("{sub}: --sep left out is not a newline: {got:?}"));
                    }
                }
                "--root-var" => {
                    let left_out = world.outcome(
                        &Run::opts(&["-w", W1]).with_env(&default, &world.r1.display().to_string()),
                        &sub,
                        args,
                    )?;
                    let given = world.outcome(
                        &Run::opts(&["-w", W1, "--root-var", &default])
                            .with_env(&default, &world.r1.display().to_string()),
                        &sub,
                        args,
                    )?;
                    if left_out != given {
                        wrong.push(format!(
                            "{sub}: --root-var left out is not --root-var {default}"
                        ));
                    }
                }
                // --timeout bounds --ready: left out, a check that never
                // passes gives up after the default. Waiting that out takes
                // its whole length, so it runs beside the rest.
                // wait's: still waiting long after any short default
                // would have given up.
                "--timeout" if default == "wait forever" => {
                    let sub = sub.clone();
                    slow.push(std::thread::spawn(move || check_waits_forever(&sub)));
                }
                "--timeout" if sub == "spawn" => {
                    slow.push(std::thread::spawn(move || {
                        check_ready_timeout_default(&default)
                    }));
                }
                // Waiting out the default takes its whole length: all the
                // writers wait at once, below.
                "--lock-timeout" => waiting.push((sub.clone(), args.to_vec())),
                // A plain value (--ttl 24h, --shell sh): the same as giving it.
                other if !default.contains(' ') => {
                    let left_out = world.outcome(&Run::opts(&["-w", W1]), &sub, args)?;
                    let mut with: Vec<&str> = vec![other, &default];
                    with.extend(args);
                    let given = world.outcome(&Run::opts(&["-w", W1]), &sub, &with)?;
                    if left_out != given {
                        wrong.push(format!("{sub}: {other} left out is not {other} {default}"));
                    }
                }
                other => {
                    return Err(format!(
                        "tests/help.rs: no check for the default of {other}: {default}"
                    )
                    .into());
                }
            }
        }
    }
    if !waiting.is_empty() {
        let default = options_in(&help_of(&world.env, &[&waiting[0].0])?)
            .into_iter()
            .find(|o| o.long == "--lock-timeout")
            .and_then(|o| o.bracket("default"))
            .ok_or("no default for --lock-timeout")?;
        let left_out = Run::opts(&["-w", W1]).locked();
        let given = Run::opts(&["-w", W1, "--lock-timeout", &default]).locked();
        let mut runs: Vec<(Run, &str, &[&str])> = Vec::new();
        for run in [&left_out, &given] {
            for (sub, args) in &waiting {
                runs.push((run.clone(), sub.as_str(), args.as_slice()));
            }
        }
        let both = world.outcomes(&runs)?;
        for (i, (sub, _)) in waiting.iter().enumerate() {
            let (a, b) = (&both[i], &both[i + waiting.len()]);
            if a != b || a.code != Some(5) {
                wrong.push(format!(
                    "{sub}: --lock-timeout left out is not --lock-timeout {default}:\n  {a:?}\n  {b:?}"
                ));
            }
        }
    }
    for check in slow {
        if let Some(failed) = check.join().map_err(|_| "a slow check panicked")? {
            wrong.push(failed);
        }
    }
    assert!(checked > 0, "no [default: ...] found in any help");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}

/// `-w`'s default is "the ID of -d TEXT, else $BLOCKSTATE_WORKFLOW", or for
/// gc no default at all ("ignores $BLOCKSTATE_WORKFLOW").
fn check_workflow_default(
    world: &World,
    sub: &str,
    args: &[&str],
    option: &HelpOption,
    wrong: &mut Vec<String>,
) -> TestResult {
    let text = &option.text;
    let d1 = id_of(D1)?;
    if text.contains("the ID of -d TEXT") {
        // With -d given either way, only the selection can differ.
        let left_out = world.outcome(&Run::opts(&["-d", D1]), sub, args)?;
        let given = world.outcome(&Run::opts(&["-d", D1, "-w", &d1]), sub, args)?;
        if left_out != given {
            wrong.push(format!("{sub}: -w left out is not the ID of -d TEXT"));
        }
    } else if option.bracket("default").is_some() {
        // A default that does not name -d, though -d picks the workflow.
        let by_d = world.outcome(&Run::opts(&["-d", D1]), sub, args)?;
        let nothing = world.outcome(&Run::opts(&[]), sub, args)?;
        if by_d != nothing {
            wrong.push(format!(
                "{sub}: -w's default does not say that -d TEXT picks the workflow: {text}"
            ));
        }
    }
    let from_env = world.outcome(
        &Run::opts(&[]).with_env("BLOCKSTATE_WORKFLOW", W2),
        sub,
        args,
    )?;
    let given = world.outcome(&Run::opts(&["-w", W2]), sub, args)?;
    let nothing = world.outcome(&Run::opts(&[]), sub, args)?;
    if text.contains("ignores $BLOCKSTATE_WORKFLOW") {
        if from_env != nothing {
            wrong.push(format!(
                "{sub}: says it ignores $BLOCKSTATE_WORKFLOW, but uses it"
            ));
        }
    } else if text.contains("$BLOCKSTATE_WORKFLOW") {
        if from_env != given {
            wrong.push(format!("{sub}: -w left out is not $BLOCKSTATE_WORKFLOW"));
        }
        // And -d comes before the environment.
        let both = world.outcome(
            &Run::opts(&["-d", D1]).with_env("BLOCKSTATE_WORKFLOW", W2),
            sub,
            args,
        )?;
        let d_only = world.outcome(&Run::opts(&["-d", D1]), sub, args)?;
        if both != d_only {
            wrong.push(format!("{sub}: $BLOCKSTATE_WORKFLOW beats -d"));
        }
    } else {
        wrong.push(format!(
            "{sub}: -w's default says nothing of $BLOCKSTATE_WORKFLOW: {text}"
        ));
    }
    Ok(())
}

/// `--dir`'s default, a chain like "$A/x if that directory exists, else
/// $B/y, else ~/z": for each link, the earlier ones are made unusable
/// (a missing directory, or an unset variable) and the later ones usable,
/// and the state must be found under that link.
/// `set --ttl`'s default is a chain: the workflow's own TTL (an earlier
/// --ttl, which sticks), else $BLOCKSTATE_TTL, else 24h. Each link is
/// checked by what `set` writes.
fn check_ttl_default(sub: &str, default: &str, wrong: &mut Vec<String>) -> TestResult {
    let links: Vec<&str> = default.split(", else ").collect();
    if links != ["the workflow's own TTL", "$BLOCKSTATE_TTL", "24h"] {
        wrong.push(format!(
            "{sub} --ttl: a default the tests do not know: {default}"
        ));
        return Ok(());
    }
    let env = TestEnv::new();
    let lifetime = |id: &str| -> Res<u64> {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(env.dir.join(format!("{id}.json")))?)?;
        let at = |k: &str| v[k].as_u64().ok_or(format!("no {k}"));
        Ok(at("expires")? - at("updated")?)
    };
    let set = |id: &str, ttl_env: Option<&str>, extra: &[&str]| -> TestResult {
        let mut c = env.cmd();
        if let Some(t) = ttl_env {
            c.env("BLOCKSTATE_TTL", t);
        }
        c.args(["-w", id, "set"])
            .args(extra)
            .arg("K=1")
            .assert()
            .success();
        Ok(())
    };
    set("plain", None, &[])?;
    if lifetime("plain")? != 24 * 3600 {
        wrong.push(format!("{sub}: --ttl left out is not 24h"));
    }
    set("plain", Some("2h"), &[])?;
    if lifetime("plain")? != 2 * 3600 {
        wrong.push(format!("{sub}: --ttl left out is not $BLOCKSTATE_TTL"));
    }
    set("own", None, &["--ttl", "3h"])?;
    set("own", Some("2h"), &[])?;
    if lifetime("own")? != 3 * 3600 {
        wrong.push(format!(
            "{sub}: --ttl left out is not the workflow's own TTL (it beats $BLOCKSTATE_TTL)"
        ));
    }
    Ok(())
}

fn check_dir_default(
    world: &World,
    sub: &str,
    default: &str,
    wrong: &mut Vec<String>,
) -> TestResult {
    if sub != "path" {
        // One command shows where the state goes; the chain is the same
        // for every command (one function in src/config.rs).
        return Ok(());
    }
    let links: Vec<(&str, bool)> = default
        .split(", else ")
        .map(|l| match l.strip_suffix(" if that directory exists") {
            Some(path) => (path, true),
            None => (l, false),
        })
        .collect();
    if links.len() < 2 {
        wrong.push(format!(
            "--dir: its default is not the chain the code follows: {default}"
        ));
        return Ok(());
    }
    let var_of = |path: &str| -> Res<String> {
        if path.starts_with("~/") {
            return Ok("HOME".into());
        }
        let var = path
            .strip_prefix('$')
            .and_then(|p| p.split('/').next())
            .ok_or_else(|| format!("cannot read the link {path:?} of {default:?}"))?;
        Ok(var.to_owned())
    };
    for (i, (path, _)) in links.iter().enumerate() {
        let mut run = Run::opts(&["-w", W1]);
        for (j, (other, must_exist)) in links.iter().enumerate() {
            let var = var_of(other)?;
            let usable = world.env.root().join(format!("link-{j}"));
            fs::create_dir_all(&usable)?;
            let value = if j < i {
                if *must_exist {
                    world.env.root().join(format!("missing-{j}"))
                } else {
                    // An unset variable: the sandbox sets only HOME and
                    // XDG_CONFIG_HOME of these, and HOME is always last.
                    continue;
                }
            } else {
                usable
            };
            run = run.with_env(&var, &value.display().to_string());
        }
        // BLOCKSTATE_DIR would beat every link.
        run = run.with_env("BLOCKSTATE_DIR", "");
        let expected = path.replacen(
            &format!("${}", var_of(path)?),
            &world
                .env
                .root()
                .join(format!("link-{i}"))
                .display()
                .to_string(),
            1,
        );
        let expected = expected.replacen(
            '~',
            &world
                .env
                .root()
                .join(format!("link-{i}"))
                .display()
                .to_string(),
            1,
        );
        let o = world.outcome(&run, sub, &[])?;
        let want = format!("{expected}/{W1}.json\n");
        if o.stdout != want {
            wrong.push(format!(
                "path: with the links before {path:?} unusable, the state is at {:?}, not {want:?} ({})",
                o.stdout, o.stderr
            ));
        }
    }
    Ok(())
}

#[test]
fn the_description_is_recorded_exactly_where_help_says_so() -> TestResult {
    let world = World::new();
    let fresh = "a description nobody stored";
    let fresh_id = id_of(fresh)?;
    let mut wrong = Vec::new();
    for sub in subcommands(&world.env)? {
        let args = sample(&sub)?;
        let Some(option) = options_in(&help_of(&world.env, &[&sub])?)
            .into_iter()
            .find(|o| o.long == "--description")
        else {
            continue;
        };
        let says = option.text.contains("record TEXT");
        let o = world.outcome(&Run::opts(&["-d", fresh]), &sub, args)?;
        let recorded = o.files.iter().any(|(path, json)| {
            path.ends_with(&format!("/{fresh_id}.json"))
                && json.contains(&format!("\"description\":\"{fresh}\""))
        });
        if says != recorded {
            wrong.push(format!(
                "{sub}: help {} that -d records TEXT, but it {}",
                if says { "says" } else { "does not say" },
                if recorded { "does" } else { "does not" }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    Ok(())
}

#[test]
fn a_conflict_error_never_shows_a_usage_line_with_both_arguments() -> TestResult {
    // Regression: `id --timestamp foo` said the two cannot be used together,
    // then printed `Usage: blockstate id --timestamp [DESCRIPTION]...`.
    let cmd = blockstate::help::command();
    let env = TestEnv::new();
    let mut tried = 0;
    for sub in cmd.get_subcommands() {
        for arg in sub.get_arguments() {
            // Conflicts are declared on one side: try both orders.
            let pairs = sub
                .get_arg_conflicts_with(arg)
                .into_iter()
                .flat_map(|other| [(arg, other), (other, arg)]);
            for (arg, other) in pairs {
                let mut line = vec![sub.get_name().to_owned()];
                for a in [arg, other] {
                    match a.get_long() {
                        Some(long) => {
                            line.push(format!("--{long}"));
                            if a.get_action().takes_values() {
                                line.push("1d".into());
                            }
                        }
                        None => line.push("word".into()),
                    }
                }
                let o = env.cmd().args(&line).output()?;
                let err = stderr(&o);
                assert_eq!(o.status.code(), Some(2), "{line:?}: {err}");
                tried += 1;
                let names = |a: &clap::Arg| -> String {
                    match a.get_long() {
                        Some(l) => format!("--{l}"),
                        None => a
                            .get_value_names()
                            .and_then(|v| v.first())
                            .map(|v| v.to_string())
                            .unwrap_or_default(),
                    }
                };
                for usage in err.lines().filter(|l| l.contains("blockstate ")) {
                    assert!(
                        !(usage.contains(&names(arg)) && usage.contains(&names(other))),
                        "{line:?} is refused as a conflict, but the usage shows both:\n{err}"
                    );
                }
            }
        }
    }
    assert!(tried >= 2, "no conflicting arguments found");
    Ok(())
}

/// The exit codes as a help page lists them: `  CODE  meaning` lines
/// after "Exit status:".
fn exit_codes_in_help(help: &str) -> Vec<String> {
    help.split_once("Exit status:\n")
        .map(|(_, rest)| {
            rest.lines()
                .take_while(|l| l.starts_with("  "))
                .filter_map(|l| l.split_whitespace().next())
                .filter(|c| c.chars().all(|ch| ch.is_ascii_digit()))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn help_and_readme_list_the_same_exit_codes_including_exec_126_127() -> TestResult {
    // Regression: --help listed 0 to 6 only; exec also exits 126 and 127.
    let env = TestEnv::new();
    let help = help_of(&env, &[])?;
    let mut in_help = exit_codes_in_help(&help);
    in_help.sort();
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))?;
    let table = readme
        .split_once("## Exit codes")
        .map(|(_, r)| r)
        .ok_or("README has no Exit codes section")?;
    let mut in_readme: Vec<String> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(|cell| {
            cell.split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
                .collect::<Vec<_>>()
        })
        .collect();
    in_readme.sort();
    assert_eq!(in_help, in_readme, "--help:\n{help}");
    for code in ["126", "127"] {
        assert!(in_help.iter().any(|c| c == code), "{help}");
    }
    // The codes exec really uses.
    env.cmd()
        .args(["-w", W1, "exec", "--", "/nonexistent/command"])
        .assert()
        .code(127);
    let not_executable = env.root().join("plain-file");
    fs::write(&not_executable, "")?;
    env.cmd()
        .args(["-w", W1, "exec", "--"])
        .arg(&not_executable)
        .assert()
        .code(126);
    Ok(())
}

/// Every upper-case string literal in src/config.rs outside its tests: the
/// names of the environment variables it reads (and of none else).
fn variables_read_by_config() -> Res<Vec<String>> {
    let src = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/config.rs"))?;
    let code = src.split("#[cfg(test)]").next().unwrap_or_default();
    let mut names: Vec<String> = code
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            s.len() > 2
                && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                && s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        })
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

#[test]
fn the_documented_environment_is_exactly_what_config_rs_reads() -> TestResult {
    let mut documented: Vec<String> = blockstate::help::ENVIRONMENT
        .iter()
        .map(|(k, _)| k.to_string())
        .collect();
    documented.sort();
    let read = variables_read_by_config()?;
    assert!(read.contains(&"BLOCKSTATE_DIR".to_owned()), "{read:?}");
    assert_eq!(documented, read);
    // And no other source file reads the environment.
    for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))? {
        let path = entry?.path();
        check_no_env_reads(&path)?;
    }
    Ok(())
}

fn check_no_env_reads(path: &Path) -> TestResult {
    if path.is_dir() {
        for entry in fs::read_dir(path)? {
            check_no_env_reads(&entry?.path())?;
        }
        return Ok(());
    }
    if path.ends_with("config.rs") || path.extension().is_none_or(|e| e != "rs") {
        return Ok(());
    }
    let src = fs::read_to_string(path)?;
    let code = src.split("#[cfg(test)]").next().unwrap_or_default();
    for needle in ["env::var(", "env::var_os(", "env::vars("] {
        assert!(
            !code.contains(needle),
            "{} reads the environment ({needle}); every variable is read in src/config.rs",
            path.display()
        );
    }
    Ok(())
}
