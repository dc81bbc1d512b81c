//! What only the Redis store has: its key layout, connections and their
//! failures, passwords, namespaces, TLS, and many writers across processes.
//! (The behaviour it shares with the file store is in tests/stores.rs.)
#![cfg(feature = "redis")]

mod common;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::redis_server::{RedisServer, dump, free_port, shared};
use common::{TestEnv, TestResult, require_tool, stderr, stdout};
use predicates::prelude::*;
use predicates::str::contains;

/// A sandbox whose commands talk to `url` in `namespace`.
fn env_for(url: &str, namespace: Option<&str>) -> TestEnv {
    let mut env = TestEnv::new();
    env.extra_env.push(("BLOCKSTATE_URL".into(), url.into()));
    if let Some(ns) = namespace {
        env.extra_env
            .push(("BLOCKSTATE_NAMESPACE".into(), ns.into()));
    }
    env
}

/// Run a command and time it; one still running after 20 s is killed and
/// reported as hung, so that a missing deadline fails a test instead of
/// hanging it.
fn timed(mut cmd: Command) -> std::io::Result<(Output, Duration)> {
    let start = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    while child.try_wait()?.is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other(format!(
                "{cmd:?} still ran after 20 s: it hung"
            )));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output()?;
    Ok((out, start.elapsed()))
}

#[test]
fn key_layout_ttl_and_path_are_as_documented() -> TestResult {
    let Some(server) = shared("key_layout_ttl_and_path_are_as_documented") else {
        return Ok(());
    };
    let env = env_for(&server.url(), Some("layout"));
    env.cmd()
        .args(["-d", "layout check", "set", "--ttl", "90m", "A=1", "B=x y"])
        .assert()
        .success();
    let id = stdout(&env.cmd().args(["id", "layout check"]).output()?);
    let key = format!("blockstate:layout:wf:{}", id.trim());
    env.cmd()
        .args(["-d", "layout check", "path"])
        .assert()
        .success()
        .stdout(format!("{key}\n"));
    let mut con = server.client()?;
    let hash: BTreeMap<String, String> = redis::cmd("HGETALL").arg(&key).query(&mut con)?;
    let fields: Vec<&str> = hash.keys().map(String::as_str).collect();
    assert_eq!(
        fields,
        [
            ".created",
            ".description",
            ".expires",
            ".rev",
            ".ttl",
            ".updated",
            ".version",
            ".workflow",
            "A",
            "B"
        ]
    );
    assert_eq!(hash[".version"], "2");
    assert_eq!(hash[".ttl"], "5400", "--ttl sticks to the workflow");
    assert_eq!(
        hash[".rev"].len(),
        16,
        "every commit writes a fresh revision"
    );
    assert_eq!(hash[".workflow"], id.trim());
    assert_eq!(hash[".description"], "layout check");
    assert_eq!(hash["B"], "x y");
    let n = |f: &str| hash[f].parse::<u64>().unwrap_or(0);
    assert_eq!(n(".expires") - n(".updated"), 90 * 60);
    assert_eq!(n(".created"), n(".updated"));
    // Redis itself does the expiry.
    let ttl: i64 = redis::cmd("TTL").arg(&key).query(&mut con)?;
    assert!((90 * 60 - 5..=90 * 60).contains(&ttl), "TTL {ttl}");
    let server_time: (String, String) = redis::cmd("TIME").query(&mut con)?;
    let server_now: u64 = server_time.0.parse()?;
    assert!(n(".updated") <= server_now && server_now - n(".updated") < 5);
    // The default namespace has the documented prefix.
    let env = env_for(&server.url(), None);
    env.cmd()
        .args(["-w", "plain", "path"])
        .assert()
        .stdout("blockstate:wf:plain\n");
    Ok(())
}

#[test]
fn sixteen_processes_times_twenty_sets_lose_nothing() -> TestResult {
    let Some(server) = shared("sixteen_processes_times_twenty_sets_lose_nothing") else {
        return Ok(());
    };
    let mut env = env_for(&server.url(), Some("sixteen"));
    // This test is about lost writes, not timeouts: a loaded machine must
    // not turn a slow answer into a failure.
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "20s".into()));
    let env = Arc::new(env);
    let threads: Vec<_> = (0..16)
        .map(|p| {
            let env = Arc::clone(&env);
            std::thread::spawn(move || -> Result<(), String> {
                for i in 0..20 {
                    let out = env
                        .std_cmd()
                        .args([
                            "-w",
                            "shared",
                            "set",
                            &format!("P{p}_K{i}=process {p} set {i}"),
                        ])
                        .stdout(Stdio::null())
                        .output()
                        .map_err(|e| e.to_string())?;
                    if !out.status.success() {
                        return Err(stderr(&out));
                    }
                }
                Ok(())
            })
        })
        .collect();
    for t in threads {
        match t.join() {
            Ok(r) => r?,
            Err(_) => return Err("a writer thread panicked".into()),
        }
    }
    let out = env
        .cmd()
        .args(["-w", "shared", "list", "--json"])
        .output()?;
    let map: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(map.len(), 16 * 20);
    for p in 0..16 {
        for i in 0..20 {
            assert_eq!(
                map.get(&format!("P{p}_K{i}")),
                Some(&format!("process {p} set {i}"))
            );
        }
    }
    Ok(())
}

#[test]
fn namespaces_never_see_each_other() -> TestResult {
    // Its own server: this test uses the default namespace and `gc --all`.
    if !require_tool("namespaces_never_see_each_other", "redis-server") {
        return Ok(());
    }
    let server = RedisServer::start(&[])?;
    let url = server.url();
    let (plain, a, b) = (
        env_for(&url, None),
        env_for(&url, Some("team-a")),
        env_for(&url, Some("team-b")),
    );
    for (env, value) in [(&plain, "plain"), (&a, "a"), (&b, "b")] {
        env.cmd()
            .args(["-w", "same-id", "set", &format!("WHO={value}")])
            .assert()
            .success();
        env.cmd()
            .args(["-w", &format!("only-{value}"), "set", "X=1"])
            .assert()
            .success();
    }
    // Keys under the prefix that are not blockstate workflows of this
    // namespace (a namespace called `wf`, other tools' keys) are ignored.
    let mut con = server.client()?;
    let _: () = redis::cmd("SET")
        .arg("blockstate:wf:bad:id")
        .arg("x")
        .query(&mut con)?;
    let _: () = redis::cmd("SET")
        .arg("blockstate:other")
        .arg("x")
        .query(&mut con)?;
    let wf_ns = env_for(&url, Some("wf"));
    wf_ns
        .cmd()
        .args(["-w", "x", "set", "IN_WF=1"])
        .assert()
        .success();

    for (env, value) in [(&plain, "plain"), (&a, "a"), (&b, "b")] {
        env.cmd()
            .args(["-w", "same-id", "get", "WHO"])
            .assert()
            .stdout(format!("{value}\n"));
        let out = env.cmd().args(["workflows", "--json"]).output()?;
        assert!(out.status.success(), "{}", stderr(&out));
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
        let mut ids: Vec<&str> = rows.iter().filter_map(|r| r["id"].as_str()).collect();
        ids.sort();
        let only = format!("only-{value}");
        assert_eq!(ids, [only.as_str(), "same-id"], "{value}");
    }
    // gc --all empties one namespace only.
    a.cmd().args(["gc", "--all"]).assert().success();
    a.cmd()
        .args(["workflows", "--json"])
        .assert()
        .stdout("[]\n");
    plain.cmd().args(["gc", "--all"]).assert().success();
    plain
        .cmd()
        .args(["workflows", "--json"])
        .assert()
        .stdout("[]\n");
    b.cmd()
        .args(["-w", "same-id", "get", "WHO"])
        .assert()
        .stdout("b\n");
    wf_ns
        .cmd()
        .args(["-w", "x", "get", "IN_WF"])
        .assert()
        .stdout("1\n");
    let foreign: i64 = redis::cmd("EXISTS")
        .arg("blockstate:wf:bad:id")
        .arg("blockstate:other")
        .query(&mut con)?;
    assert_eq!(foreign, 2, "keys blockstate does not own are left alone");
    Ok(())
}

#[test]
fn hand_written_bad_data_is_refused_like_a_bad_state_file() -> TestResult {
    if !require_tool(
        "hand_written_bad_data_is_refused_like_a_bad_state_file",
        "redis-server",
    ) {
        return Ok(());
    }
    // Its own server: the huge hashes below must not slow the other tests.
    let server = RedisServer::start(&[])?;
    let env = env_for(&server.url(), Some("bad-data"));
    let key = "blockstate:bad-data:wf:w";
    let mut con = server.client()?;
    let meta = |c: &mut redis::Cmd| {
        c.arg(".version")
            .arg(1)
            .arg(".workflow")
            .arg("w")
            .arg(".created")
            .arg(1)
            .arg(".updated")
            .arg(1)
            .arg(".expires")
            .arg(u64::MAX / 2);
    };
    type Entries = Vec<(Vec<u8>, Vec<u8>)>;
    let cases: Vec<(&str, Entries)> = vec![
        (
            "not valid UTF-8",
            vec![(b"A".to_vec(), b"\xff\xfe".to_vec())],
        ),
        ("not valid UTF-8", vec![(b"N\xff".to_vec(), b"x".to_vec())]),
        ("NUL", vec![(b"A".to_vec(), b"x\0y".to_vec())]),
        ("reserved", vec![(b"BASH_ENV".to_vec(), b"/tmp/x".to_vec())]),
    ];
    for (fragment, entries) in cases {
        let _: () = redis::cmd("DEL").arg(key).query(&mut con)?;
        let mut c = redis::cmd("HSET");
        c.arg(key);
        meta(&mut c);
        for (k, v) in &entries {
            c.arg(k.as_slice()).arg(v.as_slice());
        }
        let _: i64 = c.query(&mut con)?;
        let before = dump(&mut con, "blockstate:bad-data:")?;
        env.cmd()
            .args(["-w", "w", "load"])
            .assert()
            .code(3)
            .stdout("false\n")
            .stderr(
                contains(format!("Redis key {key} on 127.0.0.1:{}", server.port))
                    .and(contains("holds a bad entry"))
                    .and(contains(fragment))
                    .and(contains("redis-cli HGETALL")),
            );
        env.cmd().args(["-w", "w", "set", "B=1"]).assert().code(3);
        assert_eq!(dump(&mut con, "blockstate:bad-data:")?, before);
        env.cmd()
            .args(["workflows"])
            .assert()
            .code(3)
            .stderr(contains("workflow w:"));
    }
    // Too many fields, or too many bytes: refused without being loaded.
    let _: () = redis::cmd("DEL").arg(key).query(&mut con)?;
    let mut c = redis::cmd("HSET");
    c.arg(key);
    meta(&mut c);
    for i in 0..10_010 {
        c.arg(format!("K{i}")).arg("v");
    }
    let _: i64 = c.query(&mut con)?;
    env.cmd()
        .args(["-w", "w", "list"])
        .assert()
        .code(3)
        .stderr(contains("fields; a workflow holds at most 10000 keys"));
    let _: () = redis::cmd("DEL").arg(key).query(&mut con)?;
    let mut c = redis::cmd("HSET");
    c.arg(key);
    meta(&mut c);
    c.arg("HUGE").arg("x".repeat(33 * 1024 * 1024));
    let _: i64 = c.query(&mut con)?;
    env.cmd()
        .args(["-w", "w", "get", "HUGE"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(contains("the limit is 33554432 bytes"));
    let _: () = redis::cmd("DEL").arg(key).query(&mut con)?;
    Ok(())
}

/// Every command, against `env`, must fail with exit 6, promptly, naming
/// `server` and matching `fragment`; `load` prints only `false`.
fn every_command_fails_clearly(
    env: &TestEnv,
    server: &str,
    fragment: &str,
    limit: Duration,
) -> TestResult {
    let commands: &[&[&str]] = &[
        &["-w", "w", "set", "K=v"],
        &["-w", "w", "get", "K"],
        &["-w", "w", "unset", "K"],
        &["-w", "w", "list"],
        &["-w", "w", "load"],
        &["-w", "w", "exec", "--", "true"],
        &["workflows"],
        &["gc"],
        &["gc", "--older-than", "1d"],
        &["gc", "-w", "w"],
        &["gc", "--all"],
    ];
    for args in commands {
        let mut cmd = env.std_cmd();
        cmd.args(*args);
        let (out, took) = timed(cmd)?;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(6), "{args:?}: {err}");
        assert!(
            err.contains(server) && err.contains(fragment),
            "{args:?}: {err}"
        );
        assert!(err.contains("hint:"), "{args:?}: {err}");
        assert!(took < limit, "{args:?} took {took:?}");
        let expected_stdout = if args.contains(&"load") {
            "false\n"
        } else {
            ""
        };
        assert_eq!(stdout(&out), expected_stdout, "{args:?}");
    }
    // `path` needs no connection.
    env.cmd()
        .args(["-w", "w", "path"])
        .assert()
        .success()
        .stdout("blockstate:wf:w\n");
    Ok(())
}

#[test]
fn refused_connections_fail_fast_and_clearly() -> TestResult {
    let port = free_port()?;
    let env = env_for(&format!("redis://127.0.0.1:{port}"), None);
    every_command_fails_clearly(
        &env,
        &format!("Redis at 127.0.0.1:{port}: connection refused"),
        "start the server",
        Duration::from_secs(2),
    )?;
    let missing = env.root().join("no-such.sock");
    let env = env_for(&format!("unix://{}", missing.display()), None);
    every_command_fails_clearly(
        &env,
        &missing.display().to_string(),
        "no server is listening on that socket",
        Duration::from_secs(2),
    )?;
    // `eval` of a failed load fails and exports nothing.
    let out = env.shell(
        &["sh"],
        "eval \"$(\"$BS\" -w w load)\"; printf '%s|%s' \"$?\" \"${BLOCKSTATE_WORKFLOW-unset}\"",
    );
    assert_eq!(stdout(&out), "1|unset");
    Ok(())
}

#[test]
fn a_server_that_never_answers_times_out() -> TestResult {
    // Accepts connections and never replies: a hung server or host.
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming() {
            held.push(s);
        }
    });
    let mut env = env_for(&format!("redis://127.0.0.1:{port}"), None);
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "300ms".into()));
    every_command_fails_clearly(
        &env,
        &format!("Redis at 127.0.0.1:{port} did not answer within 300ms"),
        "BLOCKSTATE_STORE_TIMEOUT",
        Duration::from_millis(2500),
    )?;
    // The default timeout is 2 s.
    let env = env_for(&format!("redis://127.0.0.1:{port}"), None);
    let mut cmd = env.std_cmd();
    cmd.args(["-w", "w", "load"]);
    let (out, took) = timed(cmd)?;
    eprintln!("load against a silent server, default timeout: {took:?}");
    assert_eq!(out.status.code(), Some(6));
    assert!(
        stderr(&out).contains("did not answer within 2s"),
        "{}",
        stderr(&out)
    );
    assert!(
        took >= Duration::from_millis(1900) && took < Duration::from_secs(5),
        "{took:?}"
    );
    // The environment beats the config file.
    std::fs::create_dir_all(env.home.join(".config/blockstate"))?;
    std::fs::write(
        env.home.join(".config/blockstate/config.toml"),
        "store_timeout = \"5s\"\n",
    )?;
    let mut cmd = env.std_cmd();
    cmd.env("BLOCKSTATE_STORE_TIMEOUT", "200ms")
        .args(["-w", "w", "get", "K"]);
    let (out, took) = timed(cmd)?;
    assert!(stderr(&out).contains("within 200ms"), "{}", stderr(&out));
    assert!(took < Duration::from_secs(2), "{took:?}");
    Ok(())
}

/// A TCP server that answers each request with `reply`, one byte every
/// `gap`, then, if `forever`, keeps sending `1` at that pace: a reply that
/// never ends. Every byte arrives well within any socket timeout.
fn trickling_server(reply: &'static [u8], forever: bool, gap: Duration) -> std::io::Result<u16> {
    use std::io::{Read, Write};
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut request = [0u8; 65536];
                while matches!(stream.read(&mut request), Ok(n) if n > 0) {
                    for byte in reply
                        .iter()
                        .chain(std::iter::repeat(&b'1').take_while(|_| forever))
                    {
                        std::thread::sleep(gap);
                        if stream.write_all(&[*byte]).is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    Ok(port)
}

/// What the read script returns for an absent workflow: the server's time
/// and `absent`.
const ABSENT_REPLY: &[u8] = b"*2\r\n$10\r\n1700000000\r\n$6\r\nabsent\r\n";

/// Regression: the timeout bounded each socket read, not the command, so a
/// server that sent its reply one byte every 200 ms kept a `get` with a 1 s
/// timeout waiting for the whole reply (7 s here; 32-48 s in the report).
#[test]
fn a_reply_trickled_byte_by_byte_outlasted_the_timeout() -> TestResult {
    let port = trickling_server(ABSENT_REPLY, false, Duration::from_millis(200))?;
    let mut env = env_for(&format!("redis://127.0.0.1:{port}"), None);
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "1s".into()));
    for (args, stdout_on_failure) in [
        (&["-w", "w", "get", "K"][..], ""),
        (&["-w", "w", "load"], "false\n"),
    ] {
        let mut cmd = env.std_cmd();
        cmd.args(args);
        let (out, took) = timed(cmd)?;
        let err = stderr(&out);
        eprintln!("{args:?} against a trickling server, 1 s timeout: {took:?}");
        assert_eq!(out.status.code(), Some(6), "{args:?} after {took:?}: {err}");
        assert!(
            err.contains(&format!(
                "Redis at 127.0.0.1:{port} did not answer within 1s (reading)"
            )) && err.contains("\nblockstate: hint: "),
            "{err}"
        );
        assert_eq!(stdout(&out), stdout_on_failure, "{args:?}");
        assert!(took >= Duration::from_millis(900), "{args:?}: {took:?}");
        assert!(took < Duration::from_millis(2500), "{args:?}: {took:?}");
    }
    Ok(())
}

/// A reply that never ends, byte by byte, cannot hold any command past the
/// timeout either.
#[test]
fn a_reply_that_never_ends_is_cut_at_the_timeout() -> TestResult {
    let port = trickling_server(b"*2\r\n$", true, Duration::from_millis(100))?;
    let mut env = env_for(&format!("redis://127.0.0.1:{port}"), None);
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "700ms".into()));
    every_command_fails_clearly(
        &env,
        &format!("Redis at 127.0.0.1:{port} did not answer within 700ms"),
        "BLOCKSTATE_STORE_TIMEOUT",
        Duration::from_millis(2500),
    )
}

/// Connecting counts against the same deadline: a Unix socket whose
/// listener never accepts (its backlog full) made `connect` wait forever,
/// and a TCP listener in the same state is cut at the timeout too.
#[test]
fn a_connect_that_never_completes_is_cut_at_the_timeout() -> TestResult {
    use std::os::fd::AsRawFd;
    let tmp = tempfile::tempdir()?;
    let path = tmp.path().join("full.sock");
    let unix = std::os::unix::net::UnixListener::bind(&path)?;
    let tcp = TcpListener::bind("127.0.0.1:0")?;
    let port = tcp.local_addr()?.port();
    for fd in [unix.as_raw_fd(), tcp.as_raw_fd()] {
        // SAFETY: listen(2) on a socket we own, shrinking its backlog.
        assert_eq!(unsafe { libc::listen(fd, 0) }, 0);
    }
    // Fill both queues; nothing is ever accepted.
    let _queued_unix = std::os::unix::net::UnixStream::connect(&path)?;
    let _queued_tcp = std::net::TcpStream::connect(("127.0.0.1", port))?;
    for (url, server) in [
        (
            format!("unix://{}", path.display()),
            path.display().to_string(),
        ),
        (
            format!("redis://127.0.0.1:{port}"),
            format!("127.0.0.1:{port}"),
        ),
    ] {
        let mut env = env_for(&url, None);
        env.extra_env
            .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "500ms".into()));
        for args in [
            &["-w", "w", "load"][..],
            &["-w", "w", "set", "K=v"],
            &["gc", "--all"],
        ] {
            let mut cmd = env.std_cmd();
            cmd.args(args);
            let (out, took) = timed(cmd)?;
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(6), "{url} {args:?}: {err}");
            assert!(
                err.contains(&format!(
                    "Redis at {server} did not answer within 500ms (connecting)"
                )),
                "{url} {args:?}: {err}"
            );
            assert!(
                took < Duration::from_millis(2500),
                "{url} {args:?}: {took:?}"
            );
        }
    }
    Ok(())
}

/// Looking up the host name counts against the deadline too. A DNS server
/// that never answers (a UDP socket on 127.0.0.77:53, made the resolver
/// of a private mount namespace with `options timeout:30`) holds the
/// lookup for 30 s; the command still ends at its 600 ms timeout. Needs
/// root (port 53, mounts); reported as SKIPPED otherwise, also under CI (a
/// sandbox that forbids mounts is not a missing package).
#[test]
fn a_host_name_lookup_that_hangs_is_cut_at_the_timeout() -> TestResult {
    let skip = |why: &str| {
        eprintln!("SKIPPED: a_host_name_lookup_that_hangs_is_cut_at_the_timeout: {why}");
        Ok(())
    };
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return skip("needs root to bind port 53 and to mount");
    }
    if !require_tool(
        "a_host_name_lookup_that_hangs_is_cut_at_the_timeout",
        "unshare",
    ) {
        return Ok(());
    }
    let dns = match std::net::UdpSocket::bind("127.0.0.77:53") {
        Ok(s) => s,
        Err(e) => return skip(&format!("cannot bind 127.0.0.77:53: {e}")),
    };
    let tmp = tempfile::tempdir()?;
    let resolv = tmp.path().join("resolv.conf");
    std::fs::write(
        &resolv,
        "nameserver 127.0.0.77\noptions timeout:30 attempts:1\n",
    )?;
    let mut env = env_for("redis://bs-slow-lookup.invalid:6379", None);
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "600ms".into()));
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg("mount --bind \"$1\" /etc/resolv.conf || exit 99; exec \"$2\" -w w load")
        .arg("sh")
        .arg(&resolv)
        .arg(common::bin())
        .env_clear()
        .envs(env.base_env())
        .current_dir(&env.work);
    let (out, took) = timed(cmd)?;
    let err = stderr(&out);
    if out.status.code() == Some(99) || err.starts_with("unshare:") {
        return skip(&format!("cannot mount a private resolv.conf: {err}"));
    }
    eprintln!("load with a silent DNS server, 600 ms timeout: {took:?}");
    assert_eq!(out.status.code(), Some(6), "{err}");
    assert!(
        err.contains(
            "Redis at bs-slow-lookup.invalid:6379 did not answer within 600ms (connecting)"
        ),
        "{err}"
    );
    assert_eq!(stdout(&out), "false\n");
    assert!(took < Duration::from_millis(2500), "{took:?}");
    // The lookup did go to the silent server.
    dns.set_read_timeout(Some(Duration::from_secs(1)))?;
    let mut query = [0u8; 512];
    assert!(dns.recv_from(&mut query).is_ok(), "no DNS query was sent");
    Ok(())
}

/// The server is frozen, then killed, in the middle of a stream of writes,
/// then restarted: every command fails clearly and promptly while it is
/// away, and every write that was reported as done is still there after the
/// restart (the server runs with appendfsync always, as a deployment that
/// cares about its data would).
#[test]
fn server_stopped_mid_run_fails_clearly_and_keeps_its_data() -> TestResult {
    if !require_tool(
        "server_stopped_mid_run_fails_clearly_and_keeps_its_data",
        "redis-server",
    ) {
        return Ok(());
    }
    let mut server = RedisServer::start(&["--appendonly", "yes", "--appendfsync", "always"])?;
    let mut env = env_for(&server.url(), Some("faults"));
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "500ms".into()));
    for i in 0..20 {
        env.cmd()
            .args(["-w", "before", "set", &format!("K{i}=kept {i}")])
            .assert()
            .success();
    }

    // A writer that keeps setting new keys, recording each outcome.
    type Outcome = (usize, Option<i32>, Duration, String);
    let results: Arc<Mutex<Vec<Outcome>>> = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (results, stop) = (Arc::clone(&results), Arc::clone(&stop));
        let mut cmd_env = env.base_env();
        cmd_env.push(("BS_BIN".into(), common::bin().display().to_string()));
        let work = env.work.clone();
        std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                let start = Instant::now();
                let out = Command::new(common::bin())
                    .env_clear()
                    .envs(cmd_env.iter().cloned())
                    .current_dir(&work)
                    .args(["-w", "during", "set", &format!("K{i}=value {i}")])
                    .output();
                let took = start.elapsed();
                if let Ok(mut r) = results.lock() {
                    match out {
                        Ok(o) => r.push((i, o.status.code(), took, stderr(&o))),
                        Err(e) => r.push((i, None, took, e.to_string())),
                    }
                }
                i += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let pause = |ms| std::thread::sleep(Duration::from_millis(ms));
    pause(400);
    server.freeze();
    pause(1500);
    server.thaw();
    pause(400);
    server.kill();
    pause(800);
    server.restart()?;
    pause(600);
    stop.store(true, Ordering::SeqCst);
    if writer.join().is_err() {
        return Err("writer thread panicked".into());
    }

    let results = match results.lock() {
        Ok(r) => r.clone(),
        Err(_) => return Err("results lock poisoned".into()),
    };
    let server_name = format!("127.0.0.1:{}", server.port);
    let (mut ok, mut timed_out, mut refused) = (0, 0, 0);
    let mut slowest = Duration::ZERO;
    let mut stored = Vec::new();
    for (i, code, took, err) in &results {
        slowest = slowest.max(*took);
        // Each wait is bounded by the 500 ms timeout; the margin is for
        // starting a process on a loaded machine.
        assert!(
            *took < Duration::from_millis(2500),
            "set {i} took {took:?}: {err}"
        );
        match code {
            Some(0) => {
                ok += 1;
                stored.push(*i);
            }
            Some(6) => {
                assert!(err.contains(&server_name), "set {i}: {err}");
                if err.contains("did not answer within 500ms") {
                    timed_out += 1;
                } else if err.contains("connection refused") || err.contains("lost the connection")
                {
                    refused += 1;
                } else {
                    return Err(format!("set {i}: unexpected message: {err}").into());
                }
            }
            other => return Err(format!("set {i}: exit {other:?}: {err}").into()),
        }
    }
    eprintln!(
        "{} sets: {ok} ok, {timed_out} timed out, {refused} refused; slowest {slowest:?}",
        results.len()
    );
    assert!(ok > 0 && timed_out > 0 && refused > 0, "{results:?}");
    // After the restart: what was reported as written is there.
    let out = env
        .cmd()
        .args(["-w", "before", "list", "--json"])
        .output()?;
    let before: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    assert_eq!(before.len(), 20, "{}", stderr(&out));
    let out = env
        .cmd()
        .args(["-w", "during", "list", "--json"])
        .output()?;
    let during: BTreeMap<String, String> = serde_json::from_slice(&out.stdout)?;
    for i in stored {
        assert_eq!(during.get(&format!("K{i}")), Some(&format!("value {i}")));
    }
    // Its expiry survived too.
    let ttl: i64 = redis::cmd("TTL")
        .arg("blockstate:faults:wf:before")
        .query(&mut server.client()?)?;
    assert!(ttl > 0, "TTL {ttl}");
    Ok(())
}

#[test]
fn passwords_work_and_never_appear_in_messages() -> TestResult {
    if !require_tool(
        "passwords_work_and_never_appear_in_messages",
        "redis-server",
    ) {
        return Ok(());
    }
    let server = RedisServer::start(&["--requirepass", "s3cret-pw"])?;
    let host = format!("127.0.0.1:{}", server.port);
    let check_refused = |env: &TestEnv, fragment: &str, secret: &str| -> TestResult {
        for args in [&["set", "K=v"][..], &["load"][..], &["workflows"][..]] {
            let out = env.cmd().args(["-w", "w"]).args(args).output()?;
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(6), "{err}");
            assert!(err.contains(&host) && err.contains(fragment), "{err}");
            assert!(!err.contains(secret) && !err.contains("redis://"), "{err}");
            assert!(!stdout(&out).contains(secret));
        }
        Ok(())
    };
    // No password at all.
    check_refused(
        &env_for(&server.url(), None),
        "requires a password",
        "s3cret-pw",
    )?;
    // A wrong one in the URL, or in the environment.
    check_refused(
        &env_for(&format!("redis://:hunter2@{host}"), None),
        "refused the credentials",
        "hunter2",
    )?;
    let mut env = env_for(&server.url(), None);
    env.extra_env
        .push(("BLOCKSTATE_REDIS_PASSWORD".into(), "hunter2".into()));
    check_refused(&env, "refused the credentials", "hunter2")?;
    // The right one, from the environment (kept out of process lists)...
    let mut env = env_for(&server.url(), None);
    env.extra_env
        .push(("BLOCKSTATE_REDIS_PASSWORD".into(), "s3cret-pw".into()));
    env.cmd()
        .args(["-w", "w", "set", "K=env"])
        .assert()
        .success();
    // ...or from the URL, %-escaped; the URL's password wins over the
    // environment's.
    let mut env = env_for(&format!("redis://:s3cret%2Dpw@{host}/0"), None);
    env.extra_env
        .push(("BLOCKSTATE_REDIS_PASSWORD".into(), "hunter2".into()));
    env.cmd()
        .args(["-w", "w", "get", "K"])
        .assert()
        .success()
        .stdout("env\n");
    // An ACL user with its own password and exactly the permissions the
    // README documents can run every command.
    let mut con = server.client_with_password(Some("s3cret-pw"))?;
    let _: () = redis::cmd("ACL")
        .arg("SETUSER")
        .arg("ci")
        .arg(
            &[
                "on",
                ">ci-pw",
                "~blockstate:*",
                "+@hash",
                "+@keyspace",
                "+@scripting",
                "+@stream",
                "+@list",
                "+@set",
                "+time",
                "+ping",
            ][..],
        )
        .query(&mut con)?;
    let env = env_for(&format!("redis://ci:ci-pw@{host}"), None);
    env.cmd()
        .args(["-w", "w", "get", "K"])
        .assert()
        .success()
        .stdout("env\n");
    // The user in the URL, its password in the environment.
    let mut user_only = env_for(&format!("redis://ci@{host}"), None);
    user_only
        .extra_env
        .push(("BLOCKSTATE_REDIS_PASSWORD".into(), "ci-pw".into()));
    user_only
        .cmd()
        .args(["-w", "w", "get", "K"])
        .assert()
        .success()
        .stdout("env\n");
    // -w and -d together must name the same workflow.
    let acl = stdout(&env.cmd().args(["id", "acl"]).output()?);
    let acl = acl.trim_end();
    for args in [
        &["-w", acl, "set", "-d", "acl", "A=1", "B=2"][..],
        &["-w", acl, "unset", "B"],
        &["-w", acl, "list"],
        &["-w", acl, "load"],
        &["-w", acl, "exec", "--", "true"],
        &["workflows"],
        &["gc"],
        &["gc", "--older-than", "1d"],
        &["-w", acl, "push", "jobs", "a", "b"],
        &["-w", acl, "pop", "jobs"],
        &["-w", acl, "pop", "jobs", "--wait", "1s"],
        &["-w", acl, "queue", "ls", "jobs"],
        &["-w", acl, "queue", "len", "jobs"],
        &["-w", acl, "incr", "N"],
        &["-w", acl, "wait", "N", "--timeout", "1s"],
        &["gc", "-w", acl],
        &["gc", "--all"],
    ] {
        let out = env.cmd().args(args).output()?;
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    check_refused(
        &env_for(&format!("redis://ci:wrong-ci-pw@{host}"), None),
        "refused the credentials",
        "wrong-ci-pw",
    )?;
    // An ACL user without access to blockstate's keys gets a clear refusal.
    let _: () = redis::cmd("ACL")
        .arg("SETUSER")
        .arg("other")
        .arg("on")
        .arg(">other-pw")
        .arg("~someone-else:*")
        .arg("+@all")
        .query(&mut con)?;
    env_for(&format!("redis://other:other-pw@{host}"), None)
        .cmd()
        .args(["-w", "w", "get", "K"])
        .assert()
        .code(6)
        .stderr(contains("does not allow this user").and(contains("other-pw").not()));
    Ok(())
}

#[test]
fn bad_store_settings_are_usage_errors_that_fail_eval() -> TestResult {
    let env = TestEnv::new();
    let cases: &[(&[&str], &str)] = &[
        (&["--store", "redis://:hunter2@127.0.0.1:0"], "port must be"),
        (&["--store", "http://127.0.0.1"], "scheme must be"),
        (&["--store", "127.0.0.1:6379"], "does not start with"),
        (&["--store", "redis://user:hunter2@h/x"], "database"),
        (&["--store", "unix://relative"], "absolute path"),
        (
            &["--store", "redis://h", "--namespace", "a:b"],
            "invalid namespace",
        ),
    ];
    for (args, fragment) in cases {
        let out = env.cmd().args(*args).args(["-w", "w", "load"]).output()?;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(stdout(&out), "false\n", "{args:?}");
        assert!(err.contains(fragment), "{args:?}: {err}");
        assert!(!err.contains("hunter2"), "{args:?}: {err}");
    }
    for (timeout, fragment) in [("0", "is zero"), ("soon", "invalid duration")] {
        env.cmd()
            .env("BLOCKSTATE_STORE_TIMEOUT", timeout)
            .args(["--store", "redis://h", "-w", "w", "load"])
            .assert()
            .code(2)
            .stdout("false\n")
            .stderr(contains(fragment));
    }
    // A garbled variable is refused, not ignored: ignoring it would quietly
    // keep state where other machines cannot see it.
    {
        use std::os::unix::ffi::OsStrExt;
        let garbled = std::ffi::OsStr::from_bytes(b"redis://h\xff");
        env.cmd()
            .env("BLOCKSTATE_URL", garbled)
            .args(["-w", "w", "load"])
            .assert()
            .code(2)
            .stdout("false\n")
            .stderr(contains("BLOCKSTATE_URL is not valid UTF-8"));
        env.cmd()
            .env("BLOCKSTATE_URL", "redis://h")
            .env("BLOCKSTATE_NAMESPACE", garbled)
            .args(["-w", "w", "set", "K=v"])
            .assert()
            .code(2)
            .stderr(contains("BLOCKSTATE_NAMESPACE is not valid UTF-8"));
    }
    // Commands that need no store never fail over its settings.
    {
        use std::os::unix::ffi::OsStrExt;
        env.cmd()
            .env(
                "BLOCKSTATE_URL",
                std::ffi::OsStr::from_bytes(b"redis://h\xff"),
            )
            .env("BLOCKSTATE_STORE_TIMEOUT", "soon")
            .arg("root")
            .assert()
            .success()
            .stdout(format!("{}\n", env.work.display()));
    }
    // Without a URL, a namespace or timeout changes nothing for the file
    // store.
    env.cmd()
        .args(["--namespace", "x", "-w", "w", "path"])
        .assert()
        .success()
        .stdout(format!("{}\n", env.state_file("w").display()));
    Ok(())
}

#[test]
fn store_settings_come_from_flags_env_and_config_file() -> TestResult {
    let Some(server) = shared("store_settings_come_from_flags_env_and_config_file") else {
        return Ok(());
    };
    let env = TestEnv::new();
    let cfg = env.home.join(".config/blockstate");
    std::fs::create_dir_all(&cfg)?;
    std::fs::write(
        cfg.join("config.toml"),
        format!(
            "store = \"{}\"\nnamespace = \"from-file\"\nstore_timeout = \"1s\"\n",
            server.url()
        ),
    )?;
    env.cmd()
        .args(["-w", "w", "set", "K=file"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "w", "path"])
        .assert()
        .stdout("blockstate:from-file:wf:w\n");
    assert!(!env.dir.exists(), "the file store was not used");
    env.cmd()
        .env("BLOCKSTATE_NAMESPACE", "from-env")
        .args(["-w", "w", "path"])
        .assert()
        .stdout("blockstate:from-env:wf:w\n");
    env.cmd()
        .env("BLOCKSTATE_NAMESPACE", "from-env")
        .args(["--namespace", "from-flag", "-w", "w", "path"])
        .assert()
        .stdout("blockstate:from-flag:wf:w\n");
    // The environment's URL beats the file's, the flag beats both.
    let dead = format!("redis://127.0.0.1:{}", free_port()?);
    env.cmd()
        .env("BLOCKSTATE_URL", &dead)
        .args(["-w", "w", "get", "K"])
        .assert()
        .code(6);
    env.cmd()
        .env("BLOCKSTATE_URL", &dead)
        .args(["--store", &server.socket_url(), "-w", "w", "get", "K"])
        .assert()
        .success()
        .stdout("file\n");
    Ok(())
}

#[test]
fn unix_socket_urls_work() -> TestResult {
    let Some(server) = shared("unix_socket_urls_work") else {
        return Ok(());
    };
    let sock = env_for(&server.socket_url(), Some("socket"));
    sock.cmd()
        .args(["-w", "s", "set", "VIA=socket"])
        .assert()
        .success();
    let tcp = env_for(&server.url(), Some("socket"));
    tcp.cmd()
        .args(["-w", "s", "get", "VIA"])
        .assert()
        .success()
        .stdout("socket\n");
    // Another database is another world.
    let db1 = env_for(&format!("{}?db=1", server.socket_url()), Some("socket"));
    db1.cmd().args(["-w", "s", "get", "VIA"]).assert().code(1);
    Ok(())
}

/// rediss:// against redis-server's own TLS, with a certificate made for the
/// test: trusted through SSL_CERT_FILE it works; untrusted it fails clearly.
#[test]
fn rediss_uses_tls_and_checks_the_certificate() -> TestResult {
    let test = "rediss_uses_tls_and_checks_the_certificate";
    if !require_tool(test, "redis-server") || !require_tool(test, "openssl") {
        return Ok(());
    }
    let certs = tempfile::tempdir()?;
    let d = certs.path();
    let run = |args: &[&str]| -> TestResult {
        let o = Command::new("openssl").args(args).current_dir(d).output()?;
        if !o.status.success() {
            return Err(format!("openssl {args:?}: {}", stderr(&o)).into());
        }
        Ok(())
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec[..],
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=blockstate test CA",
        ][..],
    ]
    .concat())?;
    run(&[
        &["req"][..],
        &ec[..],
        &[
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ][..],
    ]
    .concat())?;
    std::fs::write(
        d.join("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )?;
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ])?;
    let path = |f: &str| d.join(f).display().to_string();
    let server = RedisServer::start(&[
        "--port",
        "0",
        "--tls-port",
        "{port}",
        "--tls-cert-file",
        &path("server.pem"),
        "--tls-key-file",
        &path("server.key"),
        "--tls-ca-cert-file",
        &path("ca.pem"),
        "--tls-auth-clients",
        "no",
    ])?;
    let url = format!("rediss://localhost:{}", server.port);
    let mut env = env_for(&url, Some("tls"));
    env.extra_env.push(("SSL_CERT_FILE".into(), path("ca.pem")));
    env.cmd()
        .args(["-w", "t", "set", "SECRET=over tls"])
        .assert()
        .success();
    env.cmd()
        .args(["-w", "t", "get", "SECRET"])
        .assert()
        .success()
        .stdout("over tls\n");
    // By IP, too (the certificate names it).
    let mut by_ip = env_for(&format!("rediss://127.0.0.1:{}", server.port), Some("tls"));
    by_ip
        .extra_env
        .push(("SSL_CERT_FILE".into(), path("ca.pem")));
    by_ip
        .cmd()
        .args(["-w", "t", "get", "SECRET"])
        .assert()
        .stdout("over tls\n");
    // The data really is on that server.
    let n: i64 = redis::cmd("EXISTS")
        .arg("blockstate:tls:wf:t")
        .query(&mut server.client()?)?;
    assert_eq!(n, 1);
    // An untrusted certificate is refused, clearly.
    let mut untrusted = env_for(&url, Some("tls"));
    untrusted
        .extra_env
        .push(("SSL_CERT_FILE".into(), path("server.pem")));
    untrusted
        .cmd()
        .args(["-w", "t", "load"])
        .assert()
        .code(6)
        .stdout("false\n")
        .stderr(contains(format!("localhost:{}", server.port)).and(contains("certificate")));
    // Plain redis:// to a TLS port fails within the timeout.
    let plain = env_for(&format!("redis://127.0.0.1:{}", server.port), Some("tls"));
    let mut cmd = plain.std_cmd();
    cmd.env("BLOCKSTATE_STORE_TIMEOUT", "500ms")
        .args(["-w", "t", "get", "SECRET"]);
    let (out, took) = timed(cmd)?;
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(took < Duration::from_secs(2), "{took:?}");
    Ok(())
}

/// `wait` and `pop --wait` block on the server (XREAD) for longer than
/// the store timeout, which is meant for quick answers: they must wait
/// their own time and end with 124, not give up as a timed-out command
/// (exit 6) when the store timeout passes.
#[test]
fn blocking_waits_outlast_the_store_timeout() -> TestResult {
    let Some(server) = shared("blocking_waits_outlast_the_store_timeout") else {
        return Ok(());
    };
    let mut env = env_for(&server.url(), Some("blocking-waits"));
    env.extra_env
        .push(("BLOCKSTATE_STORE_TIMEOUT".into(), "500ms".into()));
    for args in [
        &["-w", "w", "wait", "K", "--timeout", "2s"][..],
        &["-w", "w", "pop", "jobs", "--wait", "2s"],
    ] {
        let mut cmd = Command::new(common::bin());
        cmd.env_clear().envs(env.base_env()).args(args);
        let (out, took) = timed(cmd)?;
        assert_eq!(out.status.code(), Some(124), "{args:?}: {}", stderr(&out));
        assert!(
            took >= Duration::from_secs(2),
            "{args:?} gave up after {took:?}"
        );
    }
    // And a change still wakes them at once.
    let mut cmd = Command::new(common::bin());
    let waiter = cmd
        .env_clear()
        .envs(env.base_env())
        .args(["-w", "w", "wait", "K", "--timeout", "60s"])
        .stdout(Stdio::piped())
        .spawn()?;
    std::thread::sleep(Duration::from_millis(1500));
    env.cmd().args(["-w", "w", "set", "K=v"]).assert().success();
    let out = waiter.wait_with_output()?;
    assert!(out.status.success());
    assert_eq!(stdout(&out), "v\n");
    Ok(())
}

/// The companion keys are where the README says, with the workflow's
/// expiry, and `gc -w` removes every one of them.
#[test]
fn change_stream_and_queue_keys_follow_the_workflow() -> TestResult {
    let Some(server) = shared("change_stream_and_queue_keys_follow_the_workflow") else {
        return Ok(());
    };
    let env = env_for(&server.url(), Some("companions"));
    env.cmd().args(["-w", "w", "set", "A=1"]).assert().success();
    env.cmd()
        .args(["-w", "w", "push", "jobs", "x", "y"])
        .assert()
        .success();
    let mut con = server.client()?;
    let p = "blockstate:companions:wf:w";
    let expiry: i64 = redis::cmd("EXPIRETIME").arg(p).query(&mut con)?;
    assert!(expiry > 0);
    for (key, kind) in [
        (format!("{p}:changes"), "stream"),
        (format!("{p}:queues"), "set"),
        (format!("{p}:q:jobs"), "list"),
    ] {
        let t: String = redis::cmd("TYPE").arg(&key).query(&mut con)?;
        assert_eq!(t, kind, "{key}");
        let e: i64 = redis::cmd("EXPIRETIME").arg(&key).query(&mut con)?;
        assert_eq!(e, expiry, "{key} expires with the workflow");
    }
    let len: i64 = redis::cmd("XLEN")
        .arg(format!("{p}:changes"))
        .query(&mut con)?;
    assert_eq!(len, 1, "the change stream keeps one entry");
    // A later set renews the queue with the workflow.
    env.cmd()
        .args(["-w", "w", "set", "--ttl", "7d", "B=2"])
        .assert()
        .success();
    let renewed: i64 = redis::cmd("EXPIRETIME")
        .arg(format!("{p}:q:jobs"))
        .query(&mut con)?;
    let hash: i64 = redis::cmd("EXPIRETIME").arg(p).query(&mut con)?;
    assert_eq!(renewed, hash);
    assert!(renewed > expiry + 86_400);
    env.cmd().args(["gc", "-w", "w"]).assert().success();
    assert_eq!(dump(&mut con, "blockstate:companions:")?, "");
    Ok(())
}
