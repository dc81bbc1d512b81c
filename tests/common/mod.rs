//! Shared test harness: a private sandbox per test and helpers to run the
//! real binary and real shells inside it.
#![allow(dead_code)]

#[cfg(feature = "redis")]
pub mod redis_server;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_blockstate"))
}

/// A sandbox: a temporary root holding the state directory, a home, a
/// config directory and a working directory. Every command run through it
/// gets a minimal, fully controlled environment.
pub struct TestEnv {
    pub tmp: tempfile::TempDir,
    /// `BLOCKSTATE_DIR` (not created until blockstate creates it).
    pub dir: PathBuf,
    pub home: PathBuf,
    /// The working directory of every command (outside any git repo).
    pub work: PathBuf,
    /// Added to the environment of every command and shell after the base
    /// variables (e.g. `BLOCKSTATE_URL` to run the same test on Redis).
    pub extra_env: Vec<(String, String)>,
}

impl TestEnv {
    pub fn new() -> Self {
        let tmp = match tempfile::Builder::new().prefix("bs-test-").tempdir() {
            Ok(t) => t,
            Err(e) => panic!("cannot create a temporary directory: {e}"),
        };
        let root = tmp.path().to_path_buf();
        let home = root.join("home");
        let work = root.join("work");
        for d in [&home, &work] {
            if let Err(e) = fs::create_dir_all(d) {
                panic!("cannot create {}: {e}", d.display());
            }
        }
        TestEnv {
            dir: root.join("state"),
            home,
            work,
            tmp,
            extra_env: Vec::new(),
        }
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The environment every command starts from.
    pub fn base_env(&self) -> Vec<(String, String)> {
        let mut env = vec![
            (
                "PATH".into(),
                std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
            ),
            ("HOME".into(), self.home.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                self.home.join(".config").display().to_string(),
            ),
            ("BLOCKSTATE_DIR".into(), self.dir.display().to_string()),
            ("LC_ALL".into(), "C.UTF-8".into()),
        ];
        env.extend(self.extra_env.iter().cloned());
        env
    }

    /// `blockstate ARGS` with the sandbox environment, in `work`.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::new(bin());
        c.env_clear().envs(self.base_env()).current_dir(&self.work);
        c
    }

    /// Like `cmd`, as a std `Command` (for spawning many at once).
    pub fn std_cmd(&self) -> Command {
        let mut c = Command::new(bin());
        c.env_clear().envs(self.base_env()).current_dir(&self.work);
        c
    }

    /// Run `shell ARGS... -c SCRIPT` in the sandbox, with `BS` pointing at the
    /// binary.
    pub fn shell(&self, shell: &[&str], script: &str) -> Output {
        let mut c = Command::new(shell[0]);
        c.args(&shell[1..])
            .arg("-c")
            .arg(script)
            .env_clear()
            .envs(self.base_env())
            .env("BS", bin())
            .current_dir(&self.work);
        match c.output() {
            Ok(o) => o,
            Err(e) => panic!("cannot run {shell:?}: {e}"),
        }
    }

    pub fn state_file(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    /// Every file under the sandbox with its content and mode, to assert
    /// that a failed command changed nothing.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, (u32, Vec<u8>)> {
        let mut out = BTreeMap::new();
        walk(self.tmp.path(), &mut out);
        out
    }
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, (u32, Vec<u8>)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let mode = meta.permissions().mode();
        if meta.is_dir() {
            out.insert(path.clone(), (mode, Vec::new()));
            walk(&path, out);
        } else if meta.file_type().is_symlink() {
            let target = fs::read_link(&path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            out.insert(path, (mode, target.into_bytes()));
        } else if meta.is_file() {
            out.insert(path.clone(), (mode, fs::read(&path).unwrap_or_default()));
        } else {
            out.insert(path, (mode, Vec::new()));
        }
    }
}

/// Whether `tool` is on PATH. When it is not, the test is reported as
/// skipped by name; under CI (`CI=true`) that is a failure instead, so CI
/// never silently skips.
pub fn require_tool(test: &str, tool: &str) -> bool {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false);
    if found {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: required tool '{tool}' is not installed (CI must install it in .ci/run)");
    }
    eprintln!("SKIPPED: {test}: '{tool}' is not installed");
    false
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Single-quote for a POSIX shell script written by a test.
pub fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The processes (not zombies) whose initial environment holds `needle`
/// (e.g. `BLOCKSTATE_DIR=/tmp/bs-test-x/state`): every process a test's
/// blockstate started inherits its sandbox's variables.
pub fn pids_with_env(needle: &str) -> Vec<i32> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if proc_stat(pid).is_none_or(|(_, zombie)| zombie) {
            continue;
        }
        let Ok(environ) = fs::read(format!("/proc/{pid}/environ")) else {
            continue;
        };
        if environ.split(|&b| b == 0).any(|v| v == needle.as_bytes()) {
            found.push(pid);
        }
    }
    found
}

/// (process group, exited) of a process, from /proc; `None` if absent.
pub fn proc_stat(pid: i32) -> Option<(i32, bool)> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &text[text.rfind(')')? + 1..];
    let mut f = rest.split_ascii_whitespace();
    let state = f.next()?;
    let pgid = f.nth(1)?.parse().ok()?;
    Some((pgid, matches!(state, "Z" | "X")))
}

/// The processes of group `pgid` that have not exited.
pub fn group_members(pgid: i32) -> Vec<i32> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if proc_stat(pid).is_some_and(|(g, zombie)| g == pgid && !zombie) {
            found.push(pid);
        }
    }
    found
}

/// Kills, when dropped, every process started from a sandbox (found by its
/// `BLOCKSTATE_DIR`), with its process group: a failing test leaves no
/// server behind.
pub struct Reaper {
    needle: String,
}

impl TestEnv {
    pub fn reaper(&self) -> Reaper {
        Reaper {
            needle: format!("BLOCKSTATE_DIR={}", self.dir.display()),
        }
    }
}

impl Reaper {
    /// The sandbox's processes still running.
    pub fn survivors(&self) -> Vec<i32> {
        pids_with_env(&self.needle)
    }
}

impl Drop for Reaper {
    fn drop(&mut self) {
        // SAFETY: getpgrp has no preconditions.
        let own_group = unsafe { libc::getpgrp() };
        for _ in 0..3 {
            let pids = pids_with_env(&self.needle);
            if pids.is_empty() {
                return;
            }
            for pid in pids {
                if let Some((pgid, _)) = proc_stat(pid)
                    && pgid > 1
                    && pgid != own_group
                {
                    // SAFETY: kill takes integers only.
                    unsafe { libc::kill(-pgid, libc::SIGKILL) };
                }
                // SAFETY: as above; `pid` was just found in /proc.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}
