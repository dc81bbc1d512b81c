//! I/O faults: every I/O step of `set`, `unset`, `gc` (and of the readers
//! `load` and `get`) is made to fail in turn through `BLOCKSTATE_FAULT`.
//! Each time the command must exit with status 6 and a clear message, the
//! stored state must be byte for byte what it was, no temporary file may be
//! left behind, and the same command without the fault must then succeed.
//! A real full disk (a small tmpfs) is tested too where mounting works.

mod common;
mod reliability;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{TestEnv, TestResult, stderr, stdout};
use reliability::{state_files, state_json, temp_files, write_private};

const WF: &str = "wf-fault";
const EXPIRED: &str = "wf-expired";
const LEFTOVER: &str = ".wf-fault.tmp-00000000deadbeef";

/// Every step name of `blockstate::store::file::Step`.
const STEPS: &[&str] = &[
    "mkdir",
    "open-dir",
    "statfs",
    "lock",
    "lock-open",
    "read",
    "readdir",
    "temp-create",
    "temp-write",
    "temp-fsync",
    "rename",
    "dir-fsync",
    "unlink",
    "watch",
];

struct Case {
    name: &'static str,
    args: &'static [&'static str],
    /// Whether the case starts without a state directory.
    fresh: bool,
    /// The steps the command goes through; every other step must not
    /// affect it.
    steps: &'static [&'static str],
}

const WRITE_STEPS: &[&str] = &[
    "open-dir",
    "statfs",
    "lock",
    "lock-open",
    "read",
    "temp-create",
    "temp-write",
    "temp-fsync",
    "rename",
    "dir-fsync",
];

const CASES: &[Case] = &[
    Case {
        name: "set",
        args: &["-w", WF, "set", "C=3", "A=changed"],
        fresh: false,
        steps: WRITE_STEPS,
    },
    Case {
        name: "set into a new state directory",
        args: &["-w", WF, "set", "C=3"],
        fresh: true,
        steps: &[
            "mkdir",
            "open-dir",
            "statfs",
            "lock",
            "lock-open",
            "read",
            "temp-create",
            "temp-write",
            "temp-fsync",
            "rename",
            "dir-fsync",
        ],
    },
    Case {
        name: "set --stdin",
        args: &["-w", WF, "set", "--stdin", "BIG"],
        fresh: false,
        steps: WRITE_STEPS,
    },
    Case {
        name: "unset",
        args: &["-w", WF, "unset", "A"],
        fresh: false,
        steps: WRITE_STEPS,
    },
    Case {
        name: "gc -w",
        args: &["gc", "-w", WF],
        fresh: false,
        // `read`: it reads the state for the background processes it
        // must stop before deleting it.
        steps: &[
            "open-dir",
            "statfs",
            "read",
            "lock",
            "lock-open",
            "rename",
            "dir-fsync",
            "unlink",
        ],
    },
    Case {
        name: "gc",
        args: &["gc"],
        fresh: false,
        steps: &[
            "open-dir",
            "statfs",
            "lock",
            "readdir",
            "read",
            "rename",
            "dir-fsync",
            "unlink",
        ],
    },
    Case {
        name: "gc --all",
        args: &["gc", "--all"],
        fresh: false,
        steps: &[
            "open-dir",
            "statfs",
            "lock",
            "readdir",
            "read",
            "rename",
            "dir-fsync",
            "unlink",
        ],
    },
    Case {
        name: "load",
        args: &["-w", WF, "load"],
        fresh: false,
        steps: &["open-dir", "statfs", "read"],
    },
    Case {
        name: "get",
        args: &["-w", WF, "get", "A"],
        fresh: false,
        steps: &["open-dir", "statfs", "read"],
    },
];

/// What the message says for a failure at `step`.
fn action(step: &str, case: &Case) -> &'static str {
    match step {
        "mkdir" => "creating state directory",
        "open-dir" => "opening state directory",
        "statfs" => "inspecting the filesystem of state directory",
        "lock" => "locking",
        "lock-open" => "opening lock file",
        "read" => "opening state file",
        "readdir" => "listing state directory",
        "temp-create" => "creating temporary file",
        "temp-write" => "writing temporary file",
        "temp-fsync" => "flushing temporary file",
        "rename" if case.args.contains(&"gc") => "removing state file",
        "rename" => "replacing state file",
        "dir-fsync" => "flushing state directory",
        "unlink" => "removing",
        _ => "",
    }
}

/// A sandbox holding workflow WF (A=1, B=two), an expired workflow and a
/// temporary file left by a killed writer.
fn setup(case: &Case) -> Result<TestEnv, Box<dyn std::error::Error>> {
    let env = TestEnv::new();
    if case.fresh {
        return Ok(env);
    }
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=two"])
        .assert()
        .success();
    write_private(
        &env.state_file(EXPIRED),
        state_json(EXPIRED, 1, &[("OLD", "x")]).as_bytes(),
    )?;
    write_private(&env.dir.join(LEFTOVER), b"half a write")?;
    Ok(env)
}

fn run(env: &TestEnv, case: &Case, fault: Option<&str>) -> Result<Output, std::io::Error> {
    let mut c: Command = env.std_cmd();
    c.args(case.args);
    if let Some(f) = fault {
        c.env("BLOCKSTATE_FAULT", f);
    }
    c.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn()?;
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write;
        // 300 KiB: a value large enough that writing it is real work.
        let _ = input.write_all("z".repeat(300 * 1024).as_bytes());
    }
    child.wait_with_output()
}

fn strerror(errno: &str) -> &'static str {
    match errno {
        "ENOSPC" => "No space left on device",
        _ => "Input/output error",
    }
}

fn check_matrix(errno: &str) -> TestResult {
    let mut failures = Vec::new();
    let mut injected = 0;
    for case in CASES {
        for step in STEPS {
            let env = setup(case)?;
            let before = state_files(&env.dir);
            let temps_before = temp_files(&env.dir);
            let fault = format!("{step}:{errno}");
            let out = run(&env, case, Some(&fault))?;
            let what = format!("{} with BLOCKSTATE_FAULT={fault}", case.name);
            if !case.steps.contains(step) {
                // Not a step of this command: the fault must not fire.
                if !out.status.success() {
                    failures.push(format!(
                        "{what}: unexpected failure {:?}: {}",
                        out.status.code(),
                        stderr(&out)
                    ));
                }
                continue;
            }
            injected += 1;
            let err = stderr(&out);
            let mut problems = Vec::new();
            if out.status.code() != Some(6) {
                problems.push(format!("exit status {:?}, not 6", out.status.code()));
            }
            let expected = format!("{} ", action(step, case));
            if !err.starts_with("blockstate: error: ") || !err.contains(&expected) {
                problems.push(format!("message does not say {expected:?}"));
            }
            if !err.contains(strerror(errno)) {
                problems.push(format!("message does not name {errno}"));
            }
            if !err.contains("\nblockstate: hint: ") {
                problems.push("no hint".into());
            }
            if errno == "ENOSPC" && !err.contains("the stored state was not changed") {
                problems.push("ENOSPC hint does not say the state is unchanged".into());
            }
            // Past the rename: the change had to be undone.
            let past_rename = match case.name {
                "gc -w" => matches!(*step, "dir-fsync" | "unlink"),
                "gc" | "gc --all" | "load" | "get" => false,
                _ => *step == "dir-fsync",
            };
            if past_rename && !err.contains("the change was undone") {
                problems.push("message does not say the change was undone".into());
            }
            if case.args.contains(&"load") && stdout(&out) != "false\n" {
                problems.push(format!("load printed {:?}, not false", stdout(&out)));
            }
            if case.args.contains(&"get") && !out.stdout.is_empty() {
                problems.push("get printed a value".into());
            }
            if state_files(&env.dir) != before {
                problems.push("the stored state changed".into());
            }
            let new_temps: Vec<String> = temp_files(&env.dir)
                .into_iter()
                .filter(|t| !temps_before.contains(t))
                .collect();
            if !new_temps.is_empty() {
                problems.push(format!("temporary files left behind: {new_temps:?}"));
            }
            // Nothing is wedged: the same command works once the fault is
            // gone.
            let again = run(&env, case, None)?;
            if !again.status.success() {
                problems.push(format!(
                    "the command fails even without the fault: {}",
                    stderr(&again)
                ));
            }
            if !problems.is_empty() {
                failures.push(format!("{what}: {}\n  stderr: {err}", problems.join("; ")));
            }
        }
    }
    eprintln!("{injected} injected {errno} faults checked");
    assert!(injected > 60, "too few faults injected: {injected}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn every_io_step_failing_with_eio_leaves_state_unchanged() -> TestResult {
    check_matrix("EIO")
}

#[test]
fn every_io_step_failing_with_enospc_leaves_state_unchanged() -> TestResult {
    check_matrix("ENOSPC")
}

#[test]
fn gc_stops_at_the_first_io_error_but_skips_unreadable_content() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    write_private(&env.state_file("wf-corrupt"), b"{ not json")?;
    write_private(
        &env.state_file(EXPIRED),
        state_json(EXPIRED, 1, &[("OLD", "x")]).as_bytes(),
    )?;
    // Unusable content is not an I/O error: gc warns, leaves that file
    // alone and removes the expired workflow.
    let out = env.cmd().arg("gc").output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("left alone, unreadable: wf-corrupt"));
    assert!(env.state_file("wf-corrupt").exists());
    assert!(!env.state_file(EXPIRED).exists());
    assert!(env.state_file(WF).exists());
    Ok(())
}

#[test]
fn invalid_fault_setting_is_a_usage_error() -> TestResult {
    let env = TestEnv::new();
    for bad in ["explode", "rename:EWHAT", "statfs-magic:nfs"] {
        let out = env
            .cmd()
            .args(["-w", WF, "set", "A=1"])
            .env("BLOCKSTATE_FAULT", bad)
            .output()?;
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("BLOCKSTATE_FAULT="), "{bad}");
        assert!(!env.dir.exists(), "{bad}: nothing may be created");
    }
    Ok(())
}

#[test]
fn state_dir_on_a_network_filesystem_is_refused() -> TestResult {
    for (magic, name) in [
        ("0x6969", "NFS"),
        ("0xFF534D42", "CIFS"),
        ("0xFE534D42", "SMB2"),
        ("0x517B", "SMB"),
    ] {
        let env = TestEnv::new();
        env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
        let before = env.snapshot();
        let fault = format!("statfs-magic:{magic}");
        for args in [
            &["-w", WF, "set", "A=2"][..],
            &["-w", WF, "load"],
            &["-w", WF, "get", "A"],
            &["gc", "--all"],
        ] {
            let out = env
                .cmd()
                .args(args)
                .env("BLOCKSTATE_FAULT", &fault)
                .output()?;
            assert_eq!(out.status.code(), Some(4), "{name} {args:?}");
            let err = stderr(&out);
            assert!(
                err.contains(&format!("network filesystem ({name})"))
                    && err.contains("file locks cannot be trusted")
                    && err.contains("hint: point --dir / BLOCKSTATE_DIR"),
                "{err}"
            );
            if args.contains(&"load") {
                assert_eq!(stdout(&out), "false\n");
            }
        }
        assert_eq!(env.snapshot(), before, "{name}");
    }
    Ok(())
}

/// Mounts a tmpfs of `size` at `at`; unmounts it when dropped.
struct Tmpfs<'a>(&'a Path);

impl<'a> Tmpfs<'a> {
    fn mount(at: &'a Path, size: &str) -> Result<Self, String> {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700")])
            .arg("tmpfs")
            .arg(at)
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(Tmpfs(at))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    }
}

impl Drop for Tmpfs<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.0).status();
    }
}

/// A real full disk: the state directory on a 512 KiB tmpfs filled to the
/// last byte. Mounting needs privileges the machine may not grant; then the
/// test is skipped by name (also under CI: a sandbox that forbids mounts is
/// not a missing install step).
#[test]
fn full_disk_on_a_real_tmpfs() -> TestResult {
    let env = TestEnv::new();
    let mnt = env.root().join("small-disk");
    fs::create_dir(&mnt)?;
    let _mounted = match Tmpfs::mount(&mnt, "512k") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("SKIPPED: full_disk_on_a_real_tmpfs: cannot mount a tmpfs ({why})");
            return Ok(());
        }
    };
    let dir = mnt.join("state");
    let with_dir = |c: &mut assert_cmd::Command| {
        c.env("BLOCKSTATE_DIR", &dir);
    };
    let mut c = env.cmd();
    with_dir(&mut c);
    c.args(["-w", WF, "set", "A=1", "B=two"]).assert().success();

    // Fill the disk.
    let filler = mnt.join("filler");
    {
        use std::io::Write;
        let mut f = fs::File::create(&filler)?;
        let chunk = vec![b'x'; 4096];
        loop {
            match f.write_all(&chunk) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => break,
                Err(e) => return Err(e.into()),
            }
        }
    }
    let before: BTreeMap<String, Vec<u8>> = state_files(&dir);
    let big = "v".repeat(64 * 1024);
    for args in [
        vec!["-w", WF, "set", "C=3"],
        vec!["-w", WF, "set", &format!("BIG={big}")],
        vec!["-w", WF, "unset", "A"],
    ] {
        let mut c = env.cmd();
        with_dir(&mut c);
        let out = c.args(&args).output()?;
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(6), "{:?}: {err}", &args[..3]);
        assert!(err.contains("No space left on device"), "{err}");
        assert!(err.contains("the stored state was not changed"), "{err}");
        assert_eq!(state_files(&dir), before);
        assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
    }
    // Reading still works on a full disk.
    let mut c = env.cmd();
    with_dir(&mut c);
    let out = c.args(["-w", WF, "get", "B"]).output()?;
    assert_eq!(stdout(&out), "two\n");

    // Once there is room again, the same update goes through.
    fs::remove_file(&filler)?;
    let mut c = env.cmd();
    with_dir(&mut c);
    c.args(["-w", WF, "set", &format!("BIG={big}")])
        .assert()
        .success();
    let mut c = env.cmd();
    with_dir(&mut c);
    let out = c.args(["-w", WF, "get", "BIG"]).output()?;
    assert_eq!(stdout(&out), format!("{big}\n"));
    Ok(())
}
