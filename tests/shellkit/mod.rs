//! Real shells with the blockstate under test first on PATH, as the helper
//! scripts and the README recipes call it by name.
#![allow(dead_code)]

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use crate::common::{TestEnv, bin, require_tool};

/// A shell as the tests run it.
pub struct Shell {
    /// Used in test output.
    pub name: &'static str,
    /// The command line before `-c SCRIPT`.
    pub argv: &'static [&'static str],
    /// The value of `load --shell` for it.
    pub format: &'static str,
    /// The argument of `init` for it.
    pub init: &'static str,
    pub fish: bool,
}

pub const DASH: Shell = Shell {
    name: "dash",
    argv: &["dash"],
    format: "sh",
    init: "sh",
    fish: false,
};
pub const BASH: Shell = Shell {
    name: "bash",
    argv: &["bash"],
    format: "bash",
    init: "bash",
    fish: false,
};
pub const BASH_POSIX: Shell = Shell {
    name: "bash --posix",
    argv: &["bash", "--posix"],
    format: "sh",
    init: "sh",
    fish: false,
};
pub const ZSH: Shell = Shell {
    name: "zsh -f",
    argv: &["zsh", "-f"],
    format: "zsh",
    init: "zsh",
    fish: false,
};
pub const FISH: Shell = Shell {
    name: "fish --no-config",
    argv: &["fish", "--no-config"],
    format: "fish",
    init: "fish",
    fish: true,
};
pub const ASH: Shell = Shell {
    name: "busybox ash",
    argv: &["busybox", "ash"],
    format: "sh",
    init: "sh",
    fish: false,
};
pub const MKSH: Shell = Shell {
    name: "mksh",
    argv: &["mksh"],
    format: "sh",
    init: "sh",
    fish: false,
};

impl Shell {
    /// Whether the shell is installed (reported as skipped, or a failure
    /// under CI=true, when it is not).
    pub fn available(&self, test: &str) -> bool {
        require_tool(test, self.argv[0])
    }

    /// `SHELL -c SCRIPT` in the sandbox, with blockstate on PATH and `extra`
    /// added to the environment.
    pub fn run(&self, env: &TestEnv, script: &str, extra: &[(&str, &str)]) -> Output {
        self.run_with_stdin(env, script, extra, b"")
    }

    pub fn run_with_stdin(
        &self,
        env: &TestEnv,
        script: &str,
        extra: &[(&str, &str)],
        stdin: &[u8],
    ) -> Output {
        run_argv(env, self.argv, script, extra, stdin)
    }
}

/// `ARGV... -c SCRIPT` in the sandbox, with blockstate on PATH.
pub fn run_argv(
    env: &TestEnv,
    argv: &[&str],
    script: &str,
    extra: &[(&str, &str)],
    stdin: &[u8],
) -> Output {
    let mut full = argv.to_vec();
    full.extend(["-c", script]);
    run_command(env, &full, extra, stdin)
}

/// `ARGV...` in the sandbox, with blockstate on PATH, `extra` added to the
/// environment and `stdin` as its input.
pub fn run_command(env: &TestEnv, argv: &[&str], extra: &[(&str, &str)], stdin: &[u8]) -> Output {
    run_limited(env, argv, extra, stdin, Limits::default())
}

/// What one shell of a test may use.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub memory: libc::rlim_t,
    pub time: Duration,
}

impl Default for Limits {
    /// Far above any real run: a 1 MiB value in fish stays under 100 MB.
    fn default() -> Self {
        Limits {
            memory: SHELL_MEMORY_CAP,
            time: SHELL_TIME_CAP,
        }
    }
}

/// [`run_argv`] within `limits`.
pub fn run_argv_limited(
    env: &TestEnv,
    argv: &[&str],
    script: &str,
    extra: &[(&str, &str)],
    limits: Limits,
) -> Output {
    let mut full = argv.to_vec();
    full.extend(["-c", script]);
    run_limited(env, &full, extra, b"", limits)
}

/// [`run_command`] within `limits`.
fn run_limited(
    env: &TestEnv,
    argv: &[&str],
    extra: &[(&str, &str)],
    stdin: &[u8],
    limits: Limits,
) -> Output {
    let memory = limits.memory;
    let mut c = Command::new(argv[0]);
    c.args(&argv[1..])
        .env_clear()
        .envs(env.base_env())
        .env("PATH", path_with_bin())
        .envs(extra.iter().copied())
        .current_dir(&env.work)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Some shells run away in a charset that is not ASCII-based (bash
    // grew to 18 GB in an EBCDIC locale): cap each shell's memory, so such
    // a shell fails on its own instead of taking the machine down.
    // SAFETY: setrlimit is async-signal-safe; the closure touches no
    // memory the parent shares.
    unsafe {
        c.pre_exec(move || {
            let cap = libc::rlimit {
                rlim_cur: memory,
                rlim_max: memory,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &cap) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = match c.spawn() {
        Ok(child) => child,
        Err(e) => panic!("cannot run {argv:?}: {e}"),
    };
    // And a shell that hangs is killed, so a test fails instead of
    // waiting forever.
    let pid = child.id() as libc::pid_t;
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if finished.recv_timeout(limits.time) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
            // SAFETY: the child has not been reaped yet (the main thread
            // reaps it only after signalling `done`), so the pid is ours.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    });
    if let Some(mut input) = child.stdin.take() {
        // A command that exits without reading its input is not an error here.
        let _ = input.write_all(stdin);
    }
    let out = child.wait_with_output();
    let _ = done.send(());
    let _ = watchdog.join();
    match out {
        Ok(o) => o,
        Err(e) => panic!("cannot wait for {argv:?}: {e}"),
    }
}

/// What one shell of a test may use by default (see [`Limits`]).
const SHELL_MEMORY_CAP: libc::rlim_t = 2 << 30;
/// How long one shell of a test may run.
const SHELL_TIME_CAP: Duration = Duration::from_secs(120);

/// PATH with the directory of the binary under test first.
pub fn path_with_bin() -> String {
    let bin = bin();
    let dir = bin.parent().unwrap_or(Path::new("/")).display().to_string();
    let rest = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    format!("{dir}:{rest}")
}

/// A readable account of a shell run, for assertion messages.
pub fn describe(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The shells with the strict options the helpers and `load` output must
/// survive without a word on stderr.
pub const STRICT: &[Shell] = &[
    Shell {
        name: "bash -e -u -o pipefail",
        argv: &["bash", "-e", "-u", "-o", "pipefail"],
        format: "bash",
        init: "bash",
        fish: false,
    },
    Shell {
        name: "bash -e -u -o pipefail, init sh",
        argv: &["bash", "-e", "-u", "-o", "pipefail"],
        format: "sh",
        init: "sh",
        fish: false,
    },
    Shell {
        name: "bash --posix -e -u",
        argv: &["bash", "--posix", "-e", "-u"],
        format: "sh",
        init: "sh",
        fish: false,
    },
    Shell {
        name: "zsh -f -e -u",
        argv: &["zsh", "-f", "-e", "-u"],
        format: "zsh",
        init: "zsh",
        fish: false,
    },
    Shell {
        name: "dash -e -u",
        argv: &["dash", "-e", "-u"],
        format: "sh",
        init: "sh",
        fish: false,
    },
    Shell {
        name: "busybox ash -e -u",
        argv: &["busybox", "ash", "-e", "-u"],
        format: "sh",
        init: "sh",
        fish: false,
    },
    Shell {
        name: "mksh -e -u",
        argv: &["mksh", "-e", "-u"],
        format: "sh",
        init: "sh",
        fish: false,
    },
    FISH,
];

impl Shell {
    /// The line that loads the helpers.
    pub fn init_line(&self) -> String {
        if self.fish {
            "blockstate init fish | source\n".to_owned()
        } else {
            format!("eval \"$(blockstate init {})\"\n", self.init)
        }
    }
}

/// What `blockstate_begin DESCRIPTION` says on stderr when nothing is
/// stored for DESCRIPTION yet (and nothing else is said then).
pub fn new_workflow_notice(description: &str) -> String {
    format!(
        "blockstate_begin: nothing is stored for \"{description}\" yet: starting a new workflow\n"
    )
}

/// Whether a block that started a new workflow said exactly that on stderr.
pub fn said_only_new_workflow(o: &Output, description: &str) -> bool {
    o.stderr == new_workflow_notice(description).as_bytes()
}
