//! Shared test harness: a private sandbox per test and helpers to run the
//! real binary and real shells inside it.
#![allow(dead_code)]

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
        }
    }

    pub fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The environment every command starts from.
    pub fn base_env(&self) -> Vec<(String, String)> {
        vec![
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
        ]
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
