//! The core issue's acceptance criteria, in real shells.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{TestEnv, TestResult, bin, q, require_tool, stderr, stdout};

/// The values every shell must give back byte for byte.
const HOSTILE: &[(&str, &str)] = &[
    ("SQ", "it's 'quoted'"),
    ("DQ", "say \"hi\""),
    ("BS", "back\\slash\\\\ and \\n"),
    ("SUBST", "$(touch /tmp/blockstate-pwned) ${HOME} $HOME"),
    ("TICKS", "`touch /tmp/blockstate-pwned`"),
    ("NL", "line 1\nline 2"),
    ("TRAIL", "trailing newline\n\n"),
    ("UTF", "héllo wörld ✓ 日本 😀"),
    ("EMPTY", ""),
    ("CTRL", "tab\there\rcr \u{1}\u{1b}[31m\u{7f}"),
    ("META", "; & | < > * ? [a] ~ # ! ^ % { } = -e --"),
    ("LEADING_DASH", "-n"),
];

fn set_args() -> Vec<String> {
    HOSTILE.iter().map(|(k, v)| format!("{k}={v}")).collect()
}

/// A script fragment that prints each hostile variable as `<name>:<len>:`
/// followed by its bytes, which is unambiguous whatever the bytes are.
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

/// Acceptance 1: three separate shells, each started with an empty
/// environment, pass state from block 1 to 3; the last block's trap removes it.
#[test]
fn three_env_i_blocks_share_state_and_the_trap_cleans_up() -> TestResult {
    let env = TestEnv::new();
    let b = q(&bin().display().to_string());
    let dir = q(&env.dir.display().to_string());
    let run = |script: &str| {
        Command::new("env")
            .args(["-i", "bash", "--norc", "--noprofile", "-c", script])
            .current_dir(&env.work)
            .output()
    };
    let prelude = format!("set -eu; export BLOCKSTATE_DIR={dir}; B={b};");

    // Block 1: compute the ID, load (nothing yet), store hostile values.
    let mut block1 = format!(
        "{prelude} WF=$(\"$B\" id 'implement auth feature'); eval \"$(\"$B\" load -w \"$WF\")\"; \"$B\" set"
    );
    for a in set_args() {
        block1.push(' ');
        block1.push_str(&q(&a));
    }
    block1.push_str("; printf '%s' \"$BLOCKSTATE_WORKFLOW\"");
    let o = run(&block1)?;
    assert!(o.status.success(), "block 1: {}", stderr(&o));
    assert_eq!(stdout(&o), "wf-62c72929ca58a9ab");

    // Block 2: a fresh shell loads and adds a value without -w.
    let block2 = format!(
        "{prelude} eval \"$(\"$B\" load -w \"$(\"$B\" id 'implement auth feature')\")\"; \"$B\" set FROM_BLOCK2=\"$SQ/$NL\"; {}",
        posix_dump()
    );
    let o = run(&block2)?;
    assert!(o.status.success(), "block 2: {}", stderr(&o));
    assert_eq!(stdout(&o), expected_dump());

    // Block 3: sees everything, and its EXIT trap deletes the state.
    let block3 = format!(
        "{prelude} WF=$(\"$B\" id 'implement auth feature'); trap '\"$B\" gc -w \"$WF\"' EXIT; eval \"$(\"$B\" load -w \"$WF\")\"; printf '%s|' \"$FROM_BLOCK2\"; {}",
        posix_dump()
    );
    let o = run(&block3)?;
    assert!(o.status.success(), "block 3: {}", stderr(&o));
    let (_, v_sq) = HOSTILE[0];
    let (_, v_nl) = HOSTILE[5];
    assert_eq!(stdout(&o), format!("{v_sq}/{v_nl}|{}", expected_dump()));
    assert!(
        !env.state_file("wf-62c72929ca58a9ab").exists(),
        "the trap's gc removed the state"
    );
    assert!(!Path::new("/tmp/blockstate-pwned").exists());
    Ok(())
}

/// Acceptance 2: `load` evaluated in dash, bash and zsh (and fish with
/// `--shell fish`) gives back every value byte for byte.
#[test]
fn load_round_trips_in_real_shells() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", "rt", "set"])
        .args(set_args())
        .assert()
        .success();
    let posix: &[(&str, &[&str])] = &[
        ("dash", &["dash"]),
        ("bash", &["bash", "--norc", "--noprofile"]),
        ("bash", &["bash", "--posix"]),
        ("zsh", &["zsh", "-f"]),
    ];
    for (tool, shell) in posix {
        if !require_tool("load_round_trips_in_real_shells", tool) {
            continue;
        }
        let script = format!(
            "set -eu; eval \"$(\"$BS\" -w rt load --shell sh)\"; {}",
            posix_dump()
        );
        let o = env.shell(shell, &script);
        assert!(o.status.success(), "{shell:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), expected_dump(), "{shell:?}");
        assert_eq!(stderr(&o), "", "{shell:?}");
    }
    if require_tool("load_round_trips_in_real_shells", "fish") {
        let dump: String = HOSTILE
            .iter()
            .map(|(k, _)| format!("printf '%s:' {k}; printf '%s' \"${k}\" | wc -c | tr -d ' \\n'; printf ':%s' \"${k}\";"))
            .collect();
        let script = format!("\"$BS\" -w rt load --shell fish | source; or exit 1; {dump}");
        let o = env.shell(&["fish", "--no-config"], &script);
        assert!(o.status.success(), "fish: {}", stderr(&o));
        assert_eq!(stdout(&o), expected_dump(), "fish");
    }
    assert!(!Path::new("/tmp/blockstate-pwned").exists());
    Ok(())
}

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
