//! The core issue's acceptance criteria, in real shells.
//!
//! Criteria 1 (three `env -i` blocks) and 2 (load round trip in dash, bash,
//! zsh, fish) are in `tests/stores.rs`, which runs them on every store:
//! `three_env_i_blocks_share_state_and_the_trap_cleans_up` and
//! `load_round_trips_in_real_shells`.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TestEnv, TestResult, require_tool, stderr, stdout};

/// Acceptance 5: a corrupt state file makes `eval "$(blockstate load)"`
/// return non-zero and export nothing.
#[test]
fn corrupt_state_fails_eval_and_exports_nothing() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", "bad", "set", "GOOD=1"])
        .assert()
        .success();
    fs::write(
        env.state_file("bad"),
        "{\"version\":1,\"vars\":{\"GOOD\":\"1\"",
    )?;
    for (tool, shell) in [
        ("bash", &["bash"][..]),
        ("dash", &["dash"][..]),
        ("zsh", &["zsh", "-f"][..]),
    ] {
        if !require_tool("corrupt_state_fails_eval_and_exports_nothing", tool) {
            continue;
        }
        let script = "eval \"$(\"$BS\" -w bad load)\"; rc=$?; printf '%s|%s|%s' \"$rc\" \"${GOOD-unset}\" \"${BLOCKSTATE_WORKFLOW-unset}\"";
        let o = env.shell(shell, script);
        assert_eq!(stdout(&o), "1|unset|unset", "{shell:?}");
        assert!(
            stderr(&o).contains("not valid blockstate state"),
            "{shell:?}: {}",
            stderr(&o)
        );
        // Under `set -e` the block stops at the eval.
        let o = env.shell(shell, &format!("set -e; {script}; echo reached"));
        assert!(!o.status.success(), "{shell:?}");
        assert!(!stdout(&o).contains("reached"), "{shell:?}");
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> TestResult {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .current_dir(dir)
        .output()?;
    if !o.status.success() {
        return Err(format!("git {args:?}: {}", stderr(&o)).into());
    }
    Ok(())
}

fn git_toplevel(dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let o = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(dir)
        .output()?;
    Ok(stdout(&o).trim_end().to_owned())
}

fn root_in(env: &TestEnv, dir: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let o = env.cmd().arg("root").current_dir(dir).output()?;
    assert!(o.status.success());
    Ok(stdout(&o).trim_end().to_owned())
}

/// Acceptance 3: `root` agrees with git from a subdirectory, in a linked
/// worktree and in a submodule; falls back to the current directory; an
/// environment override wins; and `load` with no state exports it.
#[test]
fn root_agrees_with_git_everywhere() -> TestResult {
    if !require_tool("root_agrees_with_git_everywhere", "git") {
        return Ok(());
    }
    let env = TestEnv::new();
    let repo = env.root().join("repo");
    let deep = repo.join("a/b/c");
    fs::create_dir_all(&deep)?;
    git(&repo, &["init", "-q"])?;
    fs::write(repo.join("f"), "x")?;
    git(&repo, &["add", "f"])?;
    git(&repo, &["commit", "-qm", "init"])?;

    assert_eq!(root_in(&env, &deep)?, git_toplevel(&deep)?);
    assert_eq!(root_in(&env, &deep)?, repo.display().to_string());

    let wt = env.root().join("linked-wt");
    git(&repo, &["worktree", "add", "-q", &wt.display().to_string()])?;
    let wt_deep = wt.join("x/y");
    fs::create_dir_all(&wt_deep)?;
    assert_eq!(root_in(&env, &wt_deep)?, git_toplevel(&wt_deep)?);
    assert_eq!(root_in(&env, &wt_deep)?, wt.display().to_string());

    let sub_src = env.root().join("sub-src");
    fs::create_dir_all(&sub_src)?;
    git(&sub_src, &["init", "-q"])?;
    fs::write(sub_src.join("g"), "y")?;
    git(&sub_src, &["add", "g"])?;
    git(&sub_src, &["commit", "-qm", "sub"])?;
    git(
        &repo,
        &[
            "submodule",
            "add",
            "-q",
            &sub_src.display().to_string(),
            "vendor/sub",
        ],
    )?;
    let in_sub = repo.join("vendor/sub");
    assert!(
        in_sub.join(".git").is_file(),
        "a submodule's .git is a file"
    );
    assert_eq!(root_in(&env, &in_sub)?, git_toplevel(&in_sub)?);
    assert_eq!(root_in(&env, &in_sub)?, in_sub.display().to_string());

    // Outside git: the current directory.
    assert_eq!(root_in(&env, &env.work)?, env.work.display().to_string());

    // The root variable wins when it names a directory, and is ignored when not.
    let o = env
        .cmd()
        .arg("root")
        .env("PROJECT_ROOT", &env.home)
        .current_dir(&deep)
        .output()?;
    assert_eq!(stdout(&o).trim_end(), env.home.display().to_string());
    let o = env
        .cmd()
        .arg("root")
        .env("PROJECT_ROOT", "/no/such/dir")
        .current_dir(&deep)
        .output()?;
    assert_eq!(stdout(&o).trim_end(), repo.display().to_string());
    let o = env
        .cmd()
        .args(["--root-var", "CLAUDE_PROJECT_DIR", "root"])
        .env("CLAUDE_PROJECT_DIR", &env.home)
        .current_dir(&deep)
        .output()?;
    assert_eq!(stdout(&o).trim_end(), env.home.display().to_string());

    // With no state, load exports the workflow and the recalculated root.
    env.cmd()
        .args(["-w", "fresh", "load"])
        .current_dir(&deep)
        .assert()
        .success()
        .stdout(format!(
            "export PROJECT_ROOT={}\nexport BLOCKSTATE_WORKFLOW=fresh\n",
            repo.display()
        ));
    Ok(())
}
