//! `blockstate init`: the helper scripts, proven by running them in real
//! shells under strict options, across separate shell processes, and with
//! an EXIT trap the user already has.

mod common;
mod shellkit;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestEnv, TestResult, require_tool};
use shellkit::{
    ASH, BASH, DASH, FISH, MKSH, STRICT, Shell, ZSH, describe, new_workflow_notice,
    said_only_new_workflow,
};

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// A value with every kind of character the helpers must pass through.
const HOSTILE: &str = "it's \"quoted\" $HOME `date` $(touch pwned) \\ ; & | < > * ? [ ] ~ # = ! ^ % { }\n\ttab\r\u{1}\u{1f}\u{7f} é€😀 -n --\n\n";

/// State files left in the sandbox's state directory.
fn state_files(env: &TestEnv) -> Vec<String> {
    let Ok(entries) = fs::read_dir(&env.dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect()
}

#[test]
fn init_prints_the_files_in_shell_dir() -> TestResult {
    let env = TestEnv::new();
    for (shell, file) in [
        ("sh", "shell/blockstate.sh"),
        ("bash", "shell/blockstate.bash"),
        ("zsh", "shell/blockstate.zsh"),
        ("fish", "shell/blockstate.fish"),
    ] {
        let o = env.cmd().args(["init", shell]).output()?;
        assert!(o.status.success(), "init {shell}: {}", describe(&o));
        assert_eq!(
            o.stdout,
            fs::read(repo_file(file))?,
            "init {shell} differs from {file}"
        );
        assert!(o.stderr.is_empty());
    }
    Ok(())
}

#[test]
fn init_refuses_an_unknown_shell() -> TestResult {
    let env = TestEnv::new();
    let o = env.cmd().args(["init", "tcsh"]).output()?;
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("tcsh") && err.contains("sh, bash, zsh, fish"),
        "{err}"
    );
    Ok(())
}

#[test]
fn shellcheck_enable_all_is_clean() -> TestResult {
    if !require_tool("shellcheck_enable_all_is_clean", "shellcheck") {
        return Ok(());
    }
    let o = Command::new("shellcheck")
        .arg("--enable=all")
        .arg(repo_file("shell/blockstate.sh"))
        .arg(repo_file("shell/blockstate.bash"))
        .output()?;
    assert!(o.status.success(), "shellcheck: {}", describe(&o));
    Ok(())
}

#[test]
fn zsh_script_parses() -> TestResult {
    if !require_tool("zsh_script_parses", "zsh") {
        return Ok(());
    }
    let o = Command::new("zsh")
        .args(["-f", "-n"])
        .arg(repo_file("shell/blockstate.zsh"))
        .output()?;
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "zsh -n: {}",
        describe(&o)
    );
    Ok(())
}

#[test]
fn fish_script_parses_and_is_indented() -> TestResult {
    if !require_tool("fish_script_parses_and_is_indented", "fish") {
        return Ok(());
    }
    let file = repo_file("shell/blockstate.fish");
    let o = Command::new("fish")
        .arg("--no-execute")
        .arg(&file)
        .output()?;
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "fish --no-execute: {}",
        describe(&o)
    );
    if require_tool("fish_script_parses_and_is_indented", "fish_indent") {
        let o = Command::new("fish_indent")
            .arg("--check")
            .arg(&file)
            .output()?;
        assert!(o.status.success(), "fish_indent --check: {}", describe(&o));
    }
    Ok(())
}

/// The whole helper life cycle in one block under strict options:
/// nothing on stderr, the value exact, the state gone at exit.
#[test]
fn helpers_are_clean_under_strict_options() -> TestResult {
    for shell in STRICT {
        if !shell.available("helpers_are_clean_under_strict_options") {
            continue;
        }
        let env = TestEnv::new();
        let out = env.root().join("out");
        let body = if shell.fish {
            "blockstate_begin 'strict block'; or exit 90\n\
             blockstate_set GREETING \"$VALUE\"; or exit 91\n\
             test \"$GREETING\" = \"$VALUE\"; or exit 92\n\
             blockstate_end --on-exit\n\
             printf '%s' \"$GREETING\" > \"$OUT\"\n"
        } else {
            "blockstate_begin 'strict block'\n\
             blockstate_set GREETING \"$VALUE\"\n\
             [ \"$GREETING\" = \"$VALUE\" ] || exit 92\n\
             blockstate_end --on-exit\n\
             printf '%s' \"$GREETING\" > \"$OUT\"\n"
        };
        let script = shell.init_line() + body;
        let out_s = out.display().to_string();
        let o = shell.run(&env, &script, &[("VALUE", HOSTILE), ("OUT", &out_s)]);
        assert!(o.status.success(), "{}: {}", shell.name, describe(&o));
        assert!(
            said_only_new_workflow(&o, "strict block"),
            "{}: stderr: {}",
            shell.name,
            describe(&o)
        );
        assert_eq!(fs::read(&out)?, HOSTILE.as_bytes(), "{}", shell.name);
        assert_eq!(
            state_files(&env),
            Vec::<String>::new(),
            "{}: state left behind",
            shell.name
        );
        assert!(!env.work.join("pwned").exists(), "{}", shell.name);
    }
    Ok(())
}

/// Load output for hostile values, evaluated under strict options.
#[test]
fn hostile_load_output_is_clean_under_strict_options() -> TestResult {
    let values = [
        ("Q1", "'"),
        ("Q2", "\""),
        ("BS", "\\"),
        ("SUB", "$(touch pwned)"),
        ("TICK", "`touch pwned`"),
        ("NL", "a\nb"),
        ("TRAIL", "x\n\n"),
        ("EMPTY", ""),
        ("CTRL", "\u{1}\u{2}\u{1b}[0m\u{7f}\r\t"),
        ("UTF", "é€😀\u{feff}\u{2028}"),
        ("DASH", "-n"),
        ("ALL", HOSTILE),
    ];
    for shell in STRICT {
        if !shell.available("hostile_load_output_is_clean_under_strict_options") {
            continue;
        }
        let env = TestEnv::new();
        let pairs: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let set = env
            .cmd()
            .args(["-w", "hostile", "set"])
            .args(&pairs)
            .output()?;
        assert!(set.status.success(), "{}", describe(&set));
        let out = env.root().join("out");
        fs::create_dir_all(&out)?;
        let mut script = if shell.fish {
            "blockstate load -w hostile --shell fish | source; or exit 97\n".to_owned()
        } else {
            format!(
                "eval \"$(blockstate load -w hostile --shell {})\"\n",
                shell.format
            )
        };
        for (k, _) in values {
            script.push_str(&format!("printf '%s' \"${k}\" > \"$OUT/{k}\"\n"));
        }
        let out_s = out.display().to_string();
        let o = shell.run(&env, &script, &[("OUT", &out_s)]);
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        for (k, v) in values {
            assert_eq!(fs::read(out.join(k))?, v.as_bytes(), "{}: {k}", shell.name);
        }
        assert!(!env.work.join("pwned").exists(), "{}", shell.name);
    }
    Ok(())
}

/// Three separate shell processes per shell share values through the
/// helpers; the last one's `blockstate_end --on-exit` removes the state.
#[test]
fn helpers_share_state_across_three_processes() -> TestResult {
    for shell in STRICT {
        if !shell.available("helpers_share_state_across_three_processes") {
            continue;
        }
        let env = TestEnv::new();
        three_blocks(&env, [shell, shell, shell])?;
    }
    Ok(())
}

/// The same workflow used from dash, then fish, then zsh.
#[test]
fn helpers_share_state_across_different_shells() -> TestResult {
    for s in [&DASH, &FISH, &ZSH] {
        if !s.available("helpers_share_state_across_different_shells") {
            return Ok(());
        }
    }
    let env = TestEnv::new();
    three_blocks(&env, [&DASH, &FISH, &ZSH])
}

fn three_blocks(env: &TestEnv, shells: [&Shell; 3]) -> TestResult {
    let out = env.root().join("out");
    fs::create_dir_all(&out)?;
    let out_s = out.display().to_string();
    let extra = [
        ("A_VALUE", HOSTILE),
        ("C_VALUE", "line 1\nline 2\n"),
        ("OUT", out_s.as_str()),
    ];
    let desc = "three blocks: it's a \"test\"";
    let q = common::q(desc);
    let blocks = [
        // Block 1: store.
        format!("blockstate_begin {q}\nblockstate_set A \"$A_VALUE\"\nblockstate_set B ''\n"),
        // Block 2: see block 1's values, store one more.
        format!(
            "blockstate_begin {q}\nprintf '%s' \"$A\" > \"$OUT/A2\"\nprintf '%s' \"$B\" > \"$OUT/B2\"\nblockstate_set C \"$C_VALUE\"\n"
        ),
        // Block 3: see everything, delete the state on exit.
        format!(
            "blockstate_begin {q}\nblockstate_end --on-exit\nprintf '%s' \"$A\" > \"$OUT/A3\"\nprintf '%s' \"$C\" > \"$OUT/C3\"\nprintf '%s' \"$PROJECT_ROOT\" > \"$OUT/ROOT\"\n"
        ),
    ];
    let names: Vec<&str> = shells.iter().map(|s| s.name).collect();
    for (i, (shell, body)) in shells.iter().zip(blocks).enumerate() {
        let o = shell.run(env, &(shell.init_line() + &body), &extra);
        // Only the first block starts the workflow, and says so.
        let quiet = if i == 0 {
            said_only_new_workflow(&o, desc)
        } else {
            o.stderr.is_empty()
        };
        assert!(
            o.status.success() && quiet,
            "{names:?} block {}: {}",
            i + 1,
            describe(&o)
        );
        if i < 2 {
            assert_eq!(
                state_files(env).len(),
                1,
                "{names:?} block {}: the state must remain",
                i + 1
            );
        }
    }
    assert_eq!(fs::read(out.join("A2"))?, HOSTILE.as_bytes(), "{names:?}");
    assert_eq!(fs::read(out.join("B2"))?, b"", "{names:?}");
    assert_eq!(fs::read(out.join("A3"))?, HOSTILE.as_bytes(), "{names:?}");
    assert_eq!(fs::read(out.join("C3"))?, b"line 1\nline 2\n", "{names:?}");
    assert_eq!(
        fs::read(out.join("ROOT"))?,
        env.work.display().to_string().as_bytes(),
        "{names:?}"
    );
    assert_eq!(
        state_files(env),
        Vec::<String>::new(),
        "{names:?}: state left behind"
    );
    assert!(!env.work.join("pwned").exists(), "{names:?}");
    Ok(())
}

/// Regression: a typo in the description (`Agent: fix login` for `agent:
/// fix login`) silently gave an empty workflow, and the block went on
/// without the values it expected. `blockstate_begin` now says on stderr
/// when it starts a new workflow, and nothing when it loads an existing
/// one.
#[test]
fn a_typo_in_the_description_silently_gave_an_empty_workflow() -> TestResult {
    for shell in [&DASH, &BASH, &ZSH, &FISH, &MKSH, &ASH] {
        if !shell.available("a_typo_in_the_description_silently_gave_an_empty_workflow") {
            continue;
        }
        let env = TestEnv::new();
        let block = |desc: &str| {
            let show = if shell.fish {
                "if set -q K; printf '%s' $K; else; printf unset; end\n"
            } else {
                "printf '%s' \"${K-unset}\"\n"
            };
            let script = format!(
                "{}blockstate_begin {}\n{show}",
                shell.init_line(),
                common::q(desc)
            );
            shell.run(&env, &script, &[])
        };
        let o = shell.run(
            &env,
            &(shell.init_line() + "blockstate_begin 'agent: fix login'\nblockstate_set K stored\n"),
            &[],
        );
        assert!(
            o.status.success() && said_only_new_workflow(&o, "agent: fix login"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        let again = block("agent: fix login");
        assert!(
            again.status.success() && again.stderr.is_empty(),
            "{}: {}",
            shell.name,
            describe(&again)
        );
        assert_eq!(again.stdout, b"stored", "{}", shell.name);
        let typo = block("Agent: fix login");
        assert!(typo.status.success(), "{}: {}", shell.name, describe(&typo));
        assert_eq!(
            String::from_utf8_lossy(&typo.stderr),
            new_workflow_notice("Agent: fix login"),
            "{}",
            shell.name
        );
        assert_eq!(typo.stdout, b"unset", "{}", shell.name);
    }
    Ok(())
}

/// `blockstate_set` writes the description given to `blockstate_begin` into
/// the state, and the value never appears in the argument list.
#[test]
fn blockstate_set_records_the_description() -> TestResult {
    if !BASH.available("blockstate_set_records_the_description") {
        return Ok(());
    }
    let env = TestEnv::new();
    let o = BASH.run(
        &env,
        &(BASH.init_line() + "blockstate_begin 'my workflow'\nblockstate_set K v\n"),
        &[],
    );
    assert!(
        o.status.success() && said_only_new_workflow(&o, "my workflow"),
        "{}",
        describe(&o)
    );
    let list = env.cmd().args(["workflows", "--json"]).output()?;
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("\"my workflow\""), "{text}");
    Ok(())
}

/// A value of 1 MiB (the limit) goes through `blockstate_set`: it is piped,
/// so the argument-list limit of 128 KiB per argument does not apply.
#[test]
fn blockstate_set_takes_a_value_of_the_maximum_size() -> TestResult {
    for shell in STRICT {
        if !shell.available("blockstate_set_takes_a_value_of_the_maximum_size") {
            continue;
        }
        let env = TestEnv::new();
        let unit = "it's $(x) \\ \u{1}\n€";
        let mut value = unit.repeat(1024 * 1024 / unit.len() + 1);
        value.truncate(1024 * 1024 - (1024 * 1024 % unit.len()));
        let file = env.root().join("value");
        fs::write(&file, &value)?;
        // The value is read in the shell from a file, so it never passes
        // through an argument list on its way to blockstate_set.
        let body = if shell.fish {
            "blockstate_begin big; or exit 90\nblockstate_set BIG (string collect < \"$VALUE_FILE\"); or exit 91\n"
        } else {
            "blockstate_begin big\nv=$(cat \"$VALUE_FILE\"; printf x)\nblockstate_set BIG \"${v%x}\"\n"
        };
        let file_s = file.display().to_string();
        let o = shell.run(
            &env,
            &(shell.init_line() + body),
            &[("VALUE_FILE", &file_s)],
        );
        assert!(
            o.status.success() && said_only_new_workflow(&o, "big"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        let got = env.cmd().args(["-d", "big", "get", "BIG"]).output()?;
        assert!(
            got.stdout == [value.as_bytes(), b"\n"].concat(),
            "{}: stored value differs",
            shell.name
        );
    }
    Ok(())
}

/// A failing load stops the block with a clear message and exports
/// nothing: a corrupt state file, and blockstate missing from PATH.
#[test]
fn begin_fails_the_block_when_load_fails() -> TestResult {
    for shell in STRICT {
        if !shell.available("begin_fails_the_block_when_load_fails") {
            continue;
        }
        let env = TestEnv::new();
        let path = env.cmd().args(["-d", "broken", "path"]).output()?;
        let path = String::from_utf8(path.stdout)?;
        let set = env.cmd().args(["-d", "broken", "set", "K=v"]).output()?;
        assert!(set.status.success());
        fs::write(path.trim_end(), "{ not json")?;

        // Strict options: the block stops at blockstate_begin.
        let body = "blockstate_begin broken\necho SHOULD-NOT-RUN\n";
        let o = shell.run(&env, &(shell.init_line() + body), &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        let out = String::from_utf8_lossy(&o.stdout);
        if !shell.fish {
            assert!(!o.status.success(), "{}: {}", shell.name, describe(&o));
            assert!(
                !out.contains("SHOULD-NOT-RUN"),
                "{}: {}",
                shell.name,
                describe(&o)
            );
        }
        assert!(
            err.contains("blockstate_begin: could not load the state of \"broken\""),
            "{}: {err}",
            shell.name
        );
        assert!(
            err.contains("blockstate:"),
            "{}: the core error is missing: {err}",
            shell.name
        );

        // Without -e: a non-zero status, and nothing exported.
        let body = if shell.fish {
            "blockstate_begin broken; or echo \"failed $status\"\nset -q BLOCKSTATE_WORKFLOW; or echo unset\n"
        } else {
            "set +e\nblockstate_begin broken || echo \"failed $?\"\necho \"${BLOCKSTATE_WORKFLOW-unset}\"\n"
        };
        let o = shell.run(&env, &(shell.init_line() + body), &[]);
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "failed 1\nunset\n",
            "{}: {}",
            shell.name,
            describe(&o)
        );
    }
    Ok(())
}

#[test]
fn begin_fails_the_block_when_blockstate_is_missing() -> TestResult {
    for shell in STRICT {
        if !shell.available("begin_fails_the_block_when_blockstate_is_missing") {
            continue;
        }
        let env = TestEnv::new();
        let init = String::from_utf8(env.cmd().args(["init", shell.init]).output()?.stdout)?;
        let script = format!("{init}\nblockstate_begin anything\necho SHOULD-NOT-RUN\n");
        let o = shell.run(&env, &script, &[("PATH", "/usr/bin:/bin")]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("blockstate_begin: could not load"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        if !shell.fish {
            assert!(
                !o.status.success() && o.stdout.is_empty(),
                "{}: {}",
                shell.name,
                describe(&o)
            );
        }
    }
    Ok(())
}

#[test]
fn helpers_report_usage_errors() -> TestResult {
    for shell in STRICT {
        if !shell.available("helpers_report_usage_errors") {
            continue;
        }
        let env = TestEnv::new();
        let calls = [
            ("blockstate_begin", "blockstate_begin: usage"),
            ("blockstate_begin ''", "blockstate_begin: usage"),
            ("blockstate_set K", "blockstate_set: usage"),
            ("blockstate_end --now", "blockstate_end: usage"),
            ("blockstate_end", "blockstate_end: no workflow is loaded"),
        ];
        for (call, message) in calls {
            let body = if shell.fish {
                format!("{call}; echo \"status $status\"\n")
            } else {
                format!("set +e\n{call}; echo \"status $?\"\n")
            };
            let o = shell.run(&env, &(shell.init_line() + &body), &[]);
            assert_eq!(
                String::from_utf8_lossy(&o.stdout),
                "status 2\n",
                "{}: {call}: {}",
                shell.name,
                describe(&o)
            );
            assert!(
                String::from_utf8_lossy(&o.stderr).contains(message),
                "{}: {call}: {}",
                shell.name,
                describe(&o)
            );
        }
        // A key blockstate refuses is refused by blockstate_set too, and not
        // exported.
        let body = if shell.fish {
            "blockstate_begin usage; or exit 90\nblockstate_set 'BAD-KEY' v; echo \"status $status\"\n"
        } else {
            "set +e\nblockstate_begin usage\nblockstate_set 'BAD-KEY' v; echo \"status $?\"\n"
        };
        let o = shell.run(&env, &(shell.init_line() + body), &[]);
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "status 2\n",
            "{}: {}",
            shell.name,
            describe(&o)
        );
    }
    Ok(())
}

/// `--on-exit` keeps the user's EXIT trap (which still sees the exit
/// status in `$?`), runs at most once however often it is called, and also
/// works when the shell replaces itself with its last command or stops on
/// `set -e`.
#[test]
fn on_exit_keeps_the_existing_exit_trap() -> TestResult {
    for shell in STRICT {
        if !shell.available("on_exit_keeps_the_existing_exit_trap") {
            continue;
        }
        let cases: Vec<(&str, String, Option<i32>, &str)> = if shell.fish {
            vec![
                (
                    "existing handler, exit 3",
                    "function user_exit --on-event fish_exit\n printf 'user saw %s\\n' $status > \"$OUT\"\nend\n".to_owned(),
                    Some(3),
                    "user saw 3\n",
                ),
                ("no handler, last command external", String::new(), Some(0), ""),
            ]
        } else {
            vec![
                (
                    "existing multi-line trap quoting a quote, exit 3",
                    "trap 'rc=$?\nq=\"it'\\''s\"\nprintf \"user saw %s %s\\n\" \"$rc\" \"$q\" > \"$OUT\"' EXIT\n".to_owned(),
                    Some(3),
                    "user saw 3 it's\n",
                ),
                ("no trap, last command external", String::new(), Some(0), ""),
                ("no trap, set -e stops the block", String::new(), Some(1), ""),
            ]
        };
        for (what, before, status, user_output) in cases {
            let env = TestEnv::new();
            let out = env.root().join("out");
            let ending = match (what.contains("exit 3"), what.contains("set -e")) {
                (true, _) => "exit 3\n",
                (_, true) => "false\necho SHOULD-NOT-RUN\n",
                _ => "/bin/true\n",
            };
            let script = format!(
                "{}{before}blockstate_begin 'on exit'\nblockstate_set K v\nblockstate_end --on-exit\nblockstate_end --on-exit\n{ending}",
                shell.init_line()
            );
            let out_s = out.display().to_string();
            let o = shell.run(&env, &script, &[("OUT", &out_s)]);
            let label = format!("{}: {what}", shell.name);
            assert_eq!(o.status.code(), status, "{label}: {}", describe(&o));
            assert!(
                o.stdout.is_empty() && said_only_new_workflow(&o, "on exit"),
                "{label}: {}",
                describe(&o)
            );
            assert_eq!(
                fs::read_to_string(&out).unwrap_or_default(),
                user_output,
                "{label}"
            );
            assert_eq!(
                state_files(&env),
                Vec::<String>::new(),
                "{label}: state left behind"
            );
        }
    }
    Ok(())
}

/// zsh hides a trap set in native mode from functions; a trap set with
/// POSIX_TRAPS is visible and kept after ours.
#[test]
fn zsh_on_exit_keeps_a_posix_mode_trap() -> TestResult {
    if !ZSH.available("zsh_on_exit_keeps_a_posix_mode_trap") {
        return Ok(());
    }
    let env = TestEnv::new();
    let out = env.root().join("out");
    let script = ZSH.init_line()
        + "setopt posix_traps\ntrap 'print -r -- \"user saw $?\" > $OUT' EXIT\nunsetopt posix_traps\n\
           blockstate_begin zsh\nblockstate_end --on-exit\nexit 4\n";
    let out_s = out.display().to_string();
    let o = ZSH.run(&env, &script, &[("OUT", &out_s)]);
    assert_eq!(o.status.code(), Some(4), "{}", describe(&o));
    assert_eq!(fs::read_to_string(&out)?, "user saw 4\n");
    Ok(())
}

/// The sh and bash helpers write the workflow ID into the trap, so they
/// refuse an ID that is not plain before building it.
#[test]
fn on_exit_refuses_an_invalid_workflow_id() -> TestResult {
    for shell in STRICT.iter().filter(|s| s.init == "sh" || s.init == "bash") {
        if !shell.available("on_exit_refuses_an_invalid_workflow_id") {
            continue;
        }
        let env = TestEnv::new();
        let script =
            shell.init_line() + "set +e\nblockstate_end --on-exit; echo \"status $?\"\ntrap\n";
        let o = shell.run(
            &env,
            &script,
            &[("BLOCKSTATE_WORKFLOW", "x'; touch pwned; '")],
        );
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            "status 2\n",
            "{}: {}",
            shell.name,
            describe(&o)
        );
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not a valid workflow ID"),
            "{}",
            shell.name
        );
        assert!(!env.work.join("pwned").exists(), "{}", shell.name);
    }
    Ok(())
}

/// The files in shell/ can be sourced directly instead of evaluated.
#[test]
fn scripts_can_be_sourced_directly() -> TestResult {
    for (shell, file) in [
        (&DASH, "shell/blockstate.sh"),
        (&BASH, "shell/blockstate.bash"),
        (&ZSH, "shell/blockstate.zsh"),
        (&FISH, "shell/blockstate.fish"),
    ] {
        if !shell.available("scripts_can_be_sourced_directly") {
            continue;
        }
        let env = TestEnv::new();
        let path = repo_file(file).display().to_string();
        let source = if shell.fish {
            format!("source {}\n", common::q(&path))
        } else {
            format!(". {}\n", common::q(&path))
        };
        let script =
            source + "blockstate_begin sourced\nblockstate_set K 'v w'\nprintf '%s' \"$K\"\n";
        let o = shell.run(&env, &script, &[]);
        assert!(
            o.status.success() && said_only_new_workflow(&o, "sourced"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        assert_eq!(String::from_utf8_lossy(&o.stdout), "v w", "{}", shell.name);
    }
    Ok(())
}

/// Calling `--on-exit` again adds nothing: the cleanup is installed once,
/// and the user's trap is still there, once.
#[test]
fn on_exit_installs_once() -> TestResult {
    for shell in STRICT {
        if !shell.available("on_exit_installs_once") {
            continue;
        }
        let env = TestEnv::new();
        let (user_trap, show) = match shell.init {
            "fish" => ("", "count $__blockstate_exit_workflows\n"),
            "zsh" => (
                "trap 'echo user' EXIT\n",
                "print -r -- ${#zshexit_functions} ${#_blockstate_exit_workflows}\ntrap\n",
            ),
            _ => ("trap 'echo user' EXIT\n", "trap\n"),
        };
        let script = format!(
            "{}{user_trap}blockstate_begin once\nblockstate_end --on-exit\nblockstate_end --on-exit\nblockstate_end --on-exit\n{show}",
            shell.init_line()
        );
        let o = shell.run(&env, &script, &[]);
        assert!(
            o.status.success() && said_only_new_workflow(&o, "once"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        match shell.init {
            "fish" => assert_eq!(out, "1\n", "{}", shell.name),
            // The native trap stays the user's; the hook is registered once.
            "zsh" => assert_eq!(
                out, "1 1\ntrap -- 'echo user' EXIT\nuser\n",
                "{}",
                shell.name
            ),
            _ => {
                assert_eq!(
                    out.matches("_blockstate_on_exit").count(),
                    1,
                    "{}: {out}",
                    shell.name
                );
                assert_eq!(out.matches("echo user").count(), 1, "{}: {out}", shell.name);
                assert!(
                    out.ends_with("\nuser\n"),
                    "{}: the user's trap did not run: {out}",
                    shell.name
                );
            }
        }
        assert_eq!(
            state_files(&env),
            Vec::<String>::new(),
            "{}: state left behind",
            shell.name
        );
    }
    Ok(())
}
