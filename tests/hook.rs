//! `blockstate hook claude-code` and `hook env-file`, with the host
//! simulated as Claude Code documents it: the SessionStart hook gets JSON
//! on stdin and `$CLAUDE_ENV_FILE`; every Bash command is a fresh
//! `bash -c` that first sources that file.

mod common;
mod shellkit;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use common::{TestEnv, TestResult};
use shellkit::{BASH, FISH, describe, run_command};

const BEGIN: &str = "# >>> blockstate hook >>>";

struct Host<'a> {
    env: &'a TestEnv,
    file: String,
}

impl Host<'_> {
    fn hook(&self, session: &str, source: &str) -> Output {
        let input = format!(
            "{{\"session_id\":\"{session}\",\"transcript_path\":\"/tmp/t.jsonl\",\"cwd\":\"/\",\"hook_event_name\":\"SessionStart\",\"source\":\"{source}\"}}"
        );
        run_command(
            self.env,
            &["blockstate", "hook", "claude-code"],
            &[("CLAUDE_ENV_FILE", &self.file)],
            input.as_bytes(),
        )
    }

    /// One Bash tool call.
    fn command(&self, cmd: &str) -> Output {
        BASH.run(
            self.env,
            &format!("source \"$CLAUDE_ENV_FILE\"\n{cmd}"),
            &[("CLAUDE_ENV_FILE", &self.file)],
        )
    }

    fn blocks(&self) -> Result<usize, std::io::Error> {
        Ok(fs::read_to_string(&self.file)?.matches(BEGIN).count())
    }
}

fn ok(o: &Output, what: &str) {
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{what}: {}",
        describe(o)
    );
}

/// The regression of the old recipe, which appended a snapshot of every
/// value to `$CLAUDE_ENV_FILE` at each session event: a variable unset in
/// command 3 came back in command 4, the file grew at each event, and
/// every value (secrets too) sat in it in plain text.
#[test]
fn claude_code_snapshot_recipe_brought_an_unset_variable_back() -> TestResult {
    if !BASH.available("claude_code_snapshot_recipe_brought_an_unset_variable_back") {
        return Ok(());
    }
    let env = TestEnv::new();
    let file = env.root().join("session-env").join("hook-0.sh");
    fs::create_dir_all(file.parent().ok_or("no parent")?)?;
    // Another hook's line, which must be kept as it is.
    fs::write(&file, "export OTHER_HOOK=1\n")?;
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640))?;
    let host = Host {
        env: &env,
        file: file.display().to_string(),
    };
    let secret = "ghp_0123456789abcdef";

    let o = host.hook("5b0c1d2e-aaaa", "startup");
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "hook: {}",
        describe(&o)
    );
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("an `export` in one Bash command is there in the next")
    );
    assert_eq!(host.blocks()?, 1);

    // Command 1 exports; command 2 sees it.
    ok(
        &host.command(&format!(
            "export PLAN='1. reproduce\n2. fix' GH_TOKEN={secret} TEMP=x"
        )),
        "command 1",
    );
    let o = host.command("printf '%s|%s|%s' \"$PLAN\" \"$GH_TOKEN\" \"$OTHER_HOOK\"");
    ok(&o, "command 2");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("1. reproduce\n2. fix|{secret}|1")
    );

    // Command 3 unsets; then session events; command 4 must not see it.
    ok(&host.command("unset TEMP"), "command 3");
    for source in ["resume", "compact", "clear", "startup"] {
        // `clear` is a new session in Claude Code, with its own file; the
        // same session here shows the file is rewritten, not appended to.
        let o = host.hook("5b0c1d2e-aaaa", source);
        assert!(o.status.success(), "hook {source}: {}", describe(&o));
        assert_eq!(host.blocks()?, 1, "after {source}");
        let text = fs::read_to_string(&file)?;
        assert!(text.starts_with("export OTHER_HOOK=1\n"), "{text}");
        for value in [secret, "reproduce"] {
            assert!(!text.contains(value), "the env file holds a value: {text}");
        }
        let o = host.command("printf '[%s][%s]' \"${TEMP-unset}\" \"$PLAN\"");
        ok(&o, &format!("command after {source}"));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "[unset][1. reproduce\n2. fix]",
            "after {source}"
        );
    }
    assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o640);

    // A new session starts empty.
    let o = host.hook("another-session", "clear");
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(host.blocks()?, 1);
    let o = host.command("printf '[%s]' \"${PLAN-unset}\"");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "[unset]");
    Ok(())
}

/// A failing load never breaks the commands: the block says why on stderr
/// and the command runs, with its own status.
#[test]
fn a_failing_load_in_the_env_file_breaks_no_command() -> TestResult {
    if !BASH.available("a_failing_load_in_the_env_file_breaks_no_command") {
        return Ok(());
    }
    let env = TestEnv::new();
    let file = env.root().join("env.sh");
    let host = Host {
        env: &env,
        file: file.display().to_string(),
    };
    assert!(host.hook("s-1", "startup").status.success());
    // The state directory becomes unsafe: every load now fails.
    fs::set_permissions(&env.dir, fs::Permissions::from_mode(0o777))?;
    for prelude in ["", "set -euo pipefail\n"] {
        let o = BASH.run(
            &env,
            &format!("{prelude}source \"$CLAUDE_ENV_FILE\"\necho still running\nexit 3"),
            &[("CLAUDE_ENV_FILE", &host.file)],
        );
        assert_eq!(o.status.code(), Some(3), "{}", describe(&o));
        assert_eq!(String::from_utf8_lossy(&o.stdout), "still running\n");
        assert!(String::from_utf8_lossy(&o.stderr).contains("this command runs without its state"));
    }
    // The hook itself fails clearly and leaves the file as it was.
    let before = fs::read(&file)?;
    let o = host.hook("s-2", "startup");
    assert_eq!(o.status.code(), Some(4), "{}", describe(&o));
    assert_eq!(fs::read(&file)?, before);
    // Bad input: refused, file untouched.
    let o = run_command(
        &env,
        &["blockstate", "hook", "claude-code"],
        &[("CLAUDE_ENV_FILE", &host.file)],
        b"not json",
    );
    assert_eq!(o.status.code(), Some(2), "{}", describe(&o));
    assert_eq!(fs::read(&file)?, before);
    Ok(())
}

/// The generic form, for any host that sources a file before each command,
/// in sh and fish syntax.
#[test]
fn env_file_hook_for_any_host() -> TestResult {
    for (shell, flag) in [(&BASH, "sh"), (&FISH, "fish")] {
        if !shell.available("env_file_hook_for_any_host") {
            continue;
        }
        let env = TestEnv::new();
        let file = env.root().join("agent-env");
        let file_s = file.display().to_string();
        for _ in 0..2 {
            let o = run_command(
                &env,
                &[
                    "blockstate",
                    "-d",
                    "my agent run",
                    "hook",
                    "env-file",
                    "--shell",
                    flag,
                    "--ttl",
                    "7d",
                    &file_s,
                ],
                &[],
                b"",
            );
            assert!(o.status.success(), "{}", describe(&o));
        }
        assert_eq!(fs::read_to_string(&file)?.matches(BEGIN).count(), 1);
        assert_eq!(fs::metadata(&file)?.permissions().mode() & 0o777, 0o600);
        let source = if shell.fish {
            "source $HOST_FILE\n"
        } else {
            ". \"$HOST_FILE\"\n"
        };
        let set = if shell.fish {
            "set -gx STEP 'one two'\n"
        } else {
            "export STEP='one two'\n"
        };
        let o = shell.run(&env, &format!("{source}{set}"), &[("HOST_FILE", &file_s)]);
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        let o = shell.run(
            &env,
            &format!("{source}printf '%s' \"$STEP\""),
            &[("HOST_FILE", &file_s)],
        );
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "one two",
            "{}: {}",
            shell.name,
            describe(&o)
        );
        // The TTL stuck to the workflow.
        let id = env.cmd().args(["id", "my agent run"]).output()?;
        let id = String::from_utf8(id.stdout)?;
        let state: serde_json::Value =
            serde_json::from_slice(&fs::read(env.state_file(id.trim()))?)?;
        assert_eq!(state["ttl"], 7 * 86_400);
    }
    Ok(())
}

#[test]
fn claude_code_hook_without_its_file_is_refused() {
    let env = TestEnv::new();
    let o = run_command(
        &env,
        &["blockstate", "hook", "claude-code"],
        &[],
        b"{\"session_id\":\"x\"}",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("CLAUDE_ENV_FILE is not set"));
    assert!(!Path::new(&env.dir).exists());
}
