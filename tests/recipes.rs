//! The README's recipes, read from README.md and run as documented: an AI
//! assistant's separate blocks, a Claude Code SessionStart hook, a GitHub
//! Actions job (with the runner's env-file rules), and a Makefile.

mod common;
mod gha;
mod shellkit;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TestEnv, TestResult, require_tool};
use shellkit::{BASH, FISH, ZSH, describe, path_with_bin, run_argv, run_command};

/// The code block that follows `<!-- recipe: NAME -->` in README.md.
fn recipe(name: &str) -> Result<String, Box<dyn std::error::Error>> {
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))?;
    let marker = format!("<!-- recipe: {name} -->");
    let rest = readme
        .split_once(&marker)
        .map(|(_, r)| r)
        .ok_or_else(|| format!("README.md has no {marker}"))?;
    let fence = rest.find("```").ok_or("no code block after the marker")?;
    let block = &rest[fence..];
    let body = block
        .find('\n')
        .map(|i| &block[i + 1..])
        .ok_or("unterminated code block")?;
    let end = body.find("\n```").ok_or("unterminated code block")?;
    Ok(body[..=end].to_owned())
}

fn state_files(env: &TestEnv) -> usize {
    fs::read_dir(&env.dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn ai_assistant_blocks_recipe() -> TestResult {
    if !BASH.available("ai_assistant_blocks_recipe") {
        return Ok(());
    }
    let env = TestEnv::new();
    let want = [
        "",
        "still failing:\nlogin::expired_token\nlogin::retry 'slow'\n",
        "re-running: cargo test --test login\n",
    ];
    for (i, want) in want.iter().enumerate() {
        let block = recipe(&format!("ai-block-{}", i + 1))?;
        let o = BASH.run(&env, &block, &[]);
        // The first block starts the workflow, and says so.
        let quiet = if i == 0 {
            shellkit::said_only_new_workflow(&o, "fix the flaky login test")
        } else {
            o.stderr.is_empty()
        };
        assert!(
            o.status.success() && quiet,
            "block {}: {}",
            i + 1,
            describe(&o)
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout), *want, "block {}", i + 1);
        assert_eq!(
            state_files(&env),
            usize::from(i < 2),
            "after block {}",
            i + 1
        );
    }
    Ok(())
}

/// The README's settings.json, run as Claude Code runs it: the hook's
/// command with the SessionStart JSON on stdin, then each block in a fresh
/// `bash -c` that first sources `$CLAUDE_ENV_FILE`.
#[test]
fn claude_code_session_start_hook_recipe() -> TestResult {
    if !BASH.available("claude_code_session_start_hook_recipe") {
        return Ok(());
    }
    let env = TestEnv::new();
    let settings: serde_json::Value = serde_json::from_str(&recipe("claude-settings")?)?;
    let command = settings["hooks"]["SessionStart"][0]["hooks"][0]["command"]
        .as_str()
        .ok_or("no hook command in the settings")?
        .to_owned();
    let env_file = env.root().join("claude-env.sh");
    let env_file_s = env_file.display().to_string();
    let extra = [("CLAUDE_ENV_FILE", env_file_s.as_str())];
    let session = |id: &str, source: &str| {
        let input = format!(
            "{{\"session_id\":\"{id}\",\"hook_event_name\":\"SessionStart\",\"source\":\"{source}\"}}"
        );
        run_command(&env, &["bash", "-c", &command], &extra, input.as_bytes())
    };
    let block = |name: &str| -> Result<std::process::Output, Box<dyn std::error::Error>> {
        let script = format!("source \"$CLAUDE_ENV_FILE\"\n{}", recipe(name)?);
        Ok(BASH.run(&env, &script, &extra))
    };

    let o = session("0f4c7a52-session-one", "startup");
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "hook: {}",
        describe(&o)
    );
    let o = block("claude-block-1")?;
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "block 1: {}",
        describe(&o)
    );
    let o = block("claude-block-2")?;
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "block 2: {}",
        describe(&o)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1. reproduce\n2. fix\n");

    // A resumed session (same ID) finds its state again; another session
    // starts empty.
    assert!(session("0f4c7a52-session-one", "resume").status.success());
    assert_eq!(
        String::from_utf8_lossy(&block("claude-block-2")?.stdout),
        "1. reproduce\n2. fix\n"
    );
    assert!(session("another-session", "clear").status.success());
    let o = BASH.run(
        &env,
        "source \"$CLAUDE_ENV_FILE\"\nprintf '[%s]' \"${PLAN-}\"",
        &extra,
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "[]", "{}", describe(&o));
    Ok(())
}

/// The `run: |` scripts of a workflow file, in order.
fn run_scripts(yaml: &str) -> Vec<String> {
    let mut scripts = Vec::new();
    let mut lines = yaml.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim_start() != "run: |" {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let mut script = String::new();
        while let Some(next) = lines.peek() {
            let next_indent = next.len() - next.trim_start().len();
            if !next.trim().is_empty() && next_indent <= indent {
                break;
            }
            script.push_str(next.get(indent + 2..).unwrap_or(""));
            script.push('\n');
            lines.next();
        }
        scripts.push(script);
    }
    scripts
}

/// Each step as the runner runs it: `bash --noprofile --norc -eo pipefail`,
/// with the variables earlier steps wrote to `$GITHUB_ENV`.
#[test]
fn github_actions_recipe() -> TestResult {
    if !BASH.available("github_actions_recipe") {
        return Ok(());
    }
    let env = TestEnv::new();
    let notes = "## v1.2\nEOF\nghadelimiter_0123\nNAME=value\nit's \"done\" $HOME `date`";
    fs::write(env.work.join("release-notes.md"), format!("{notes}\n"))?;
    let github_env = env.root().join("github_env");
    fs::write(&github_env, "")?;
    let github_env_s = github_env.display().to_string();
    let scripts = run_scripts(&recipe("github-actions")?);
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    let mut outputs = Vec::new();
    for script in scripts {
        let script = script
            .replace("${{ github.run_id }}", "4242")
            .replace("${{ github.run_attempt }}", "1");
        let vars = gha::parse_github_env(&fs::read_to_string(&github_env)?)?;
        let mut extra: Vec<(&str, &str)> =
            vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        extra.push(("GITHUB_ENV", &github_env_s));
        let o = run_argv(
            &env,
            &["bash", "--noprofile", "--norc", "-eo", "pipefail"],
            &script,
            &extra,
            b"",
        );
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "step: {}",
            describe(&o)
        );
        outputs.push(String::from_utf8(o.stdout)?);
    }
    // The first step's output registers masks that hide every line of the
    // notes where the runner prints the second step's environment.
    let masks = gha::parse_add_masks(&outputs[0])?;
    let env_log = format!("    NOTES: {notes}\n");
    for line in gha::output_lines(&env_log) {
        for secret in notes.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                gha::hidden_in(line, secret, &masks),
                "{secret:?} shows in {line:?}"
            );
        }
    }
    let (built_at, rest) = outputs[1].split_once('\n').ok_or("no output")?;
    assert!(
        built_at.starts_with("built at 20") && built_at.ends_with('Z'),
        "{built_at}"
    );
    assert_eq!(rest, format!("{notes}\n"));
    assert_eq!(state_files(&env), 0, "the last step's gc left state behind");
    Ok(())
}

#[test]
fn makefile_recipe() -> TestResult {
    if !require_tool("makefile_recipe", "make") {
        return Ok(());
    }
    let env = TestEnv::new();
    fs::write(env.work.join("Makefile"), recipe("makefile")?)?;
    fs::write(env.work.join("VERSION"), "1.2.3\n")?;
    let o = Command::new("make")
        .args(["-s", "release"])
        .env_clear()
        .envs(env.base_env())
        .env("PATH", path_with_bin())
        .current_dir(&env.work)
        .output()?;
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}",
        describe(&o)
    );
    let out = String::from_utf8(o.stdout)?;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0], "building 1.2.3");
    assert!(
        lines[1].starts_with("tagging v1.2.3 (built 20") && lines[1].ends_with("Z)"),
        "{out}"
    );
    assert_eq!(state_files(&env), 0, "the last line's gc left state behind");
    Ok(())
}

#[test]
fn justfile_recipe() -> TestResult {
    if !require_tool("justfile_recipe", "just") {
        return Ok(());
    }
    let env = TestEnv::new();
    fs::write(env.work.join("justfile"), recipe("justfile")?)?;
    fs::write(env.work.join("VERSION"), "1.2.3\n")?;
    let o = Command::new("just")
        .arg("release")
        .env_clear()
        .envs(env.base_env())
        .env("PATH", path_with_bin())
        .current_dir(&env.work)
        .output()?;
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(String::from_utf8(o.stdout)?, "building 1.2.3\n");
    // just echoes each line it runs; nothing else may appear.
    let echoed = String::from_utf8(o.stderr)?;
    assert!(
        echoed
            .lines()
            .all(|l| l.starts_with("blockstate ") || l.starts_with("eval ")),
        "{echoed}"
    );
    assert_eq!(state_files(&env), 0, "the last line's gc left state behind");
    Ok(())
}

/// bash-completion's loader, which finds a script installed as the README
/// says when `blockstate <TAB>` is first completed.
const BASH_COMPLETION: &str = "/usr/share/bash-completion/bash_completion";

/// Each shell's install lines from the README, run in a home directory that
/// has nothing yet, then the shell must find the script as installed.
#[test]
fn completion_install_recipes_work_in_an_empty_home() -> TestResult {
    // Regression: the bash and fish lines wrote into directories that a
    // fresh home does not have, and failed.
    let test = "completion_install_recipes_work_in_an_empty_home";
    let bash_completion = Path::new(BASH_COMPLETION).exists();
    if !bash_completion {
        // Like require_tool: a failure under CI, which installs it.
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "{test}: {BASH_COMPLETION} is missing (CI must install bash-completion in .ci/run)"
        );
        eprintln!("SKIPPED: {test}: bash-completion is not installed");
        return Ok(());
    }
    if !BASH.available(test) || !ZSH.available(test) || !FISH.available(test) {
        return Ok(());
    }
    let checks: &[(&str, &[&str], &str, &str)] = &[
        (
            "completions-bash",
            &["bash", "--norc", "--noprofile", "-c"],
            "source /usr/share/bash-completion/bash_completion\n\
             _completion_loader blockstate\n\
             complete -p blockstate",
            "-F _blockstate_dynamic blockstate\n",
        ),
        (
            "completions-zsh",
            &["zsh", "-f", "-c"],
            "fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit -u -D\n\
             print -r -- $_comps[blockstate]",
            "_blockstate\n",
        ),
        (
            "completions-fish",
            // Not --no-config, which also skips ~/.config/fish/completions.
            &["fish", "-c"],
            "complete -C 'blockstate lo'",
            "load\t",
        ),
    ];
    for (name, shell, check, want) in checks {
        let env = TestEnv::new();
        assert_eq!(fs::read_dir(&env.home)?.count(), 0, "not an empty home");
        let install = recipe(name)?;
        let o = run_argv(&env, &["bash", "-e"], &install, &[], b"");
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{name}: {}",
            describe(&o)
        );
        let mut argv = shell.to_vec();
        argv.push(check);
        let o = run_command(&env, &argv, &[], b"");
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(want), "{name}: {}", describe(&o));
    }
    Ok(())
}
