//! `load --capture`: a block's plain `export`s and `unset`s are there in
//! the next block, in real shells, each block a fresh process with a clean
//! environment (as `env -i`), as separate AI-assistant Bash calls are.

mod common;
mod shellkit;

use std::fs;
use std::process::Output;

use common::{TestEnv, TestResult, q};
use shellkit::{ASH, BASH, BASH_POSIX, DASH, FISH, MKSH, Shell, ZSH, describe};

const WF: &str = "wf-capture";

/// The hostile values block 1 exports with plain `export`.
const VALUES: &[(&str, &str)] = &[
    ("QUOTES", "it's \"quoted\" $HOME `date` \\ \\'"),
    ("NEWLINES", "line 1\nline 2\n\n"),
    ("SUBST", "$(touch pwned) ${HOME} `touch pwned2`"),
    ("UTF8", "日本語 é ✓ 😀"),
    ("EMPTY", ""),
    ("GONE", "to be unset in block 2"),
];

/// fish's single quotes: `\` and `'` are escaped inside them.
fn fq(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `VAR=value` made exported, in the shell's own syntax.
fn export(shell: &Shell, name: &str, value: &str) -> String {
    if shell.fish {
        format!("set -gx {name} {}\n", fq(value))
    } else {
        format!("export {name}={}\n", q(value))
    }
}

fn unset(shell: &Shell, name: &str) -> String {
    if shell.fish {
        format!("set -e {name}\n")
    } else {
        format!("unset {name}\n")
    }
}

/// The load line each block starts with.
fn load(shell: &Shell) -> String {
    if shell.fish {
        format!("blockstate -w {WF} load --shell fish --capture | source\n")
    } else {
        format!("eval \"$(blockstate -w {WF} load --capture)\"\n")
    }
}

/// Print each variable NUL-terminated, or `<unset>`.
fn dump(shell: &Shell, names: &[&str]) -> String {
    let mut out = String::new();
    for name in names {
        if shell.fish {
            out.push_str(&format!(
                "if set -q {name}; printf '%s\\0' \"${name}\"; else; printf '<unset>\\0'; end\n"
            ));
        } else {
            out.push_str(&format!(
                "if [ -n \"${{{name}+x}}\" ]; then printf '%s\\0' \"${name}\"; else printf '<unset>\\0'; fi\n"
            ));
        }
    }
    out
}

fn fields(o: &Output) -> Vec<String> {
    let text = String::from_utf8_lossy(&o.stdout);
    let mut v: Vec<String> = text.split('\0').map(str::to_owned).collect();
    v.pop();
    v
}

fn stored(env: &TestEnv) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    let o = env
        .cmd()
        .args(["-w", WF, "list", "--json", "--reveal"])
        .output()?;
    Ok(serde_json::from_slice(&o.stdout)?)
}

/// The whole scenario of the issue, for one shell: six fresh processes.
fn six_blocks(shell: &Shell, test: &str) -> TestResult {
    if !shell.available(test) {
        return Ok(());
    }
    let env = TestEnv::new();
    let names: Vec<&str> = VALUES.iter().map(|(n, _)| *n).collect();
    let run = |script: &str| shell.run(&env, script, &[]);

    // Block 1: plain exports.
    let mut s = load(shell);
    for (name, value) in VALUES {
        s.push_str(&export(shell, name, value));
    }
    let o = run(&s);
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}: block 1: {}",
        shell.name,
        describe(&o)
    );

    // Block 2: sees them exactly; changes one, unsets one, exports a new one.
    let mut s = load(shell);
    s.push_str(&dump(shell, &names));
    s.push_str(&export(shell, "QUOTES", "changed 'again'"));
    s.push_str(&unset(shell, "GONE"));
    s.push_str(&export(shell, "NEW", "new\nvalue"));
    let o = run(&s);
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}: block 2: {}",
        shell.name,
        describe(&o)
    );
    let want: Vec<&str> = VALUES.iter().map(|(_, v)| *v).collect();
    assert_eq!(fields(&o), want, "{}: block 2 saw", shell.name);

    // Block 3: sees exactly that.
    let mut all = names.clone();
    all.push("NEW");
    let mut s = load(shell);
    s.push_str(&dump(shell, &all));
    let o = run(&s);
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}: block 3: {}",
        shell.name,
        describe(&o)
    );
    assert_eq!(
        fields(&o),
        vec![
            "changed 'again'",
            VALUES[1].1,
            VALUES[2].1,
            VALUES[3].1,
            "",
            "<unset>",
            "new\nvalue"
        ],
        "{}: block 3 saw",
        shell.name
    );
    assert!(!env.work.join("pwned").exists() && !env.work.join("pwned2").exists());

    // Block 4: ends through a failure (`set -e` in sh shells; fish has no
    // errexit, so a failing `exit`), with its exit status kept.
    let s = if shell.fish {
        format!(
            "{}{}false; or exit 3\necho not reached\n",
            load(shell),
            export(shell, "FAILED", "yes")
        )
    } else {
        format!(
            "set -e\n{}{}false\necho not reached\n",
            load(shell),
            export(shell, "FAILED", "yes")
        )
    };
    let o = run(&s);
    let want_status = if shell.fish { 3 } else { 1 };
    assert_eq!(
        o.status.code(),
        Some(want_status),
        "{}: block 4: {}",
        shell.name,
        describe(&o)
    );
    assert!(
        o.stdout.is_empty() && o.stderr.is_empty(),
        "{}: block 4: {}",
        shell.name,
        describe(&o)
    );

    // Block 5: a user's EXIT trap set before the load still runs, and sees
    // the exit status; the capture happens; `exit 5` stays 5.
    let s = if shell.fish {
        format!(
            "function user_exit --on-event fish_exit\n  echo \"user trap $status\"\nend\n{}{}exit 5\n",
            load(shell),
            export(shell, "BEFORE", "trap before")
        )
    } else {
        format!(
            "trap 'echo \"user trap $?\"' EXIT\n{}{}exit 5\n",
            load(shell),
            export(shell, "BEFORE", "trap before")
        )
    };
    let o = run(&s);
    assert_eq!(
        o.status.code(),
        Some(5),
        "{}: block 5: {}",
        shell.name,
        describe(&o)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "user trap 5\n",
        "{}: block 5",
        shell.name
    );
    assert!(
        o.stderr.is_empty(),
        "{}: block 5: {}",
        shell.name,
        describe(&o)
    );

    // Block 6: everything is there; in bash and zsh (and fish, whose
    // handlers all run) a trap set after the load runs too, the capture
    // still happens and the status stays.
    let mut s = load(shell);
    s.push_str(&dump(shell, &["FAILED", "BEFORE", "QUOTES"]));
    let late = matches!(shell.name, "bash" | "zsh -f" | "fish --no-config");
    if late {
        if shell.fish {
            s.push_str("function late_exit --on-event fish_exit\n  printf 'late trap\\0'\nend\n");
        } else {
            s.push_str("trap 'printf \"late trap %s\\0\" \"$?\"' EXIT\n");
        }
        s.push_str(&export(shell, "AFTER", "trap after"));
        s.push_str("exit 6\n");
    }
    let o = run(&s);
    let mut want = vec![
        "yes".to_owned(),
        "trap before".to_owned(),
        "changed 'again'".to_owned(),
    ];
    if late {
        assert_eq!(
            o.status.code(),
            Some(6),
            "{}: block 6: {}",
            shell.name,
            describe(&o)
        );
        want.push(if shell.fish {
            "late trap".into()
        } else {
            "late trap 6".into()
        });
    } else {
        assert!(
            o.status.success(),
            "{}: block 6: {}",
            shell.name,
            describe(&o)
        );
    }
    assert!(
        o.stderr.is_empty(),
        "{}: block 6: {}",
        shell.name,
        describe(&o)
    );
    assert_eq!(fields(&o), want, "{}: block 6 saw", shell.name);

    let state = stored(&env)?;
    let mut keys: Vec<&str> = state
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    let mut expected = vec![
        "BEFORE", "EMPTY", "FAILED", "NEWLINES", "NEW", "QUOTES", "SUBST", "UTF8",
    ];
    if late {
        expected.push("AFTER");
    }
    expected.sort_unstable();
    assert_eq!(keys, expected, "{}: stored keys", shell.name);
    Ok(())
}

#[test]
fn six_blocks_in_dash() -> TestResult {
    six_blocks(&DASH, "six_blocks_in_dash")
}

#[test]
fn six_blocks_in_bash() -> TestResult {
    six_blocks(&BASH, "six_blocks_in_bash")
}

#[test]
fn six_blocks_in_zsh() -> TestResult {
    six_blocks(&ZSH, "six_blocks_in_zsh")
}

#[test]
fn six_blocks_in_fish() -> TestResult {
    six_blocks(&FISH, "six_blocks_in_fish")
}

#[test]
fn six_blocks_in_bash_posix_busybox_ash_and_mksh() -> TestResult {
    for shell in [&BASH_POSIX, &ASH, &MKSH] {
        six_blocks(shell, "six_blocks_in_bash_posix_busybox_ash_and_mksh")?;
    }
    Ok(())
}

/// What a block inherited and left alone is never stored, nor are ignored
/// names; a value too large for a program's environment (Linux refuses to
/// start a program with a variable over 128 KiB, so no value over the
/// 1 MiB limit can even reach `capture`), or not UTF-8, is skipped with a
/// line naming it, and the rest is stored.
#[test]
fn inherited_ignored_and_oversized_exports_are_not_stored() -> TestResult {
    if !BASH.available("inherited_ignored_and_oversized_exports_are_not_stored") {
        return Ok(());
    }
    let env = TestEnv::new();
    let config = env.home.join(".config/blockstate");
    fs::create_dir_all(&config)?;
    fs::write(
        config.join("config.toml"),
        "capture_ignore = [\"SCRATCH_*\"]\n",
    )?;
    let inherited_secret = "inherited-secret-value";
    let script = format!(
        "{}export KEPT=1 TMP_ONE=2 SCRATCH_TWO=3\nexport BIG=\"$(head -c 200000 /dev/zero | tr '\\0' x)\"\nexport RAW=$'\\xff\\xfe'\nexport CI_FOO=\"$CI_FOO\"\ncd /\nexit 9\n",
        load(&BASH),
    );
    let o = BASH.run(
        &env,
        &script,
        &[
            ("CI_FOO", "from the CI"),
            ("INHERITED_TOKEN", inherited_secret),
            ("BLOCKSTATE_CAPTURE_IGNORE", "TMP_*,OTHER"),
        ],
    );
    assert_eq!(o.status.code(), Some(9), "{}", describe(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    // bash's own word on the refused start, then blockstate's.
    let ours: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("blockstate:"))
        .collect();
    assert_eq!(ours.len(), 2, "{err}");
    assert!(
        ours.iter()
            .any(|l| l.contains("value of BIG is larger than") && l.contains("not stored")),
        "{err}"
    );
    assert!(
        ours.iter()
            .any(|l| l.contains("value of RAW is not valid UTF-8") && l.contains("not stored")),
        "{err}"
    );
    assert!(
        err.lines()
            .all(|l| l.starts_with("blockstate:") || l.contains("Argument list too long")),
        "{err}"
    );
    assert!(!err.contains(inherited_secret));
    let state = stored(&env)?;
    let keys: Vec<&String> = state
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, vec!["KEPT"], "{state}");
    Ok(())
}

/// A block that changed nothing writes nothing, and no block leaves a
/// file behind (zsh's here-document file included).
#[test]
fn a_block_that_changed_nothing_writes_nothing_and_leaves_no_file() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let state = env.state_file(WF);
    let before = fs::read(&state)?;
    let mtime = fs::metadata(&state)?.modified()?;
    let tmp = env.root().join("tmp");
    fs::create_dir(&tmp)?;
    let tmp_s = tmp.display().to_string();
    for shell in [&DASH, &BASH, &ZSH, &FISH] {
        if !shell.available("a_block_that_changed_nothing_writes_nothing_and_leaves_no_file") {
            continue;
        }
        let script = format!("{}{}", load(shell), dump(shell, &["A"]));
        let o = shell.run(&env, &script, &[("TMPDIR", &tmp_s)]);
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        assert_eq!(fields(&o), vec!["1"], "{}", shell.name);
        assert_eq!(fs::read(&state)?, before, "{}", shell.name);
        assert_eq!(fs::metadata(&state)?.modified()?, mtime, "{}", shell.name);
        assert_eq!(
            fs::read_dir(&tmp)?.count(),
            0,
            "{}: left a file in TMPDIR",
            shell.name
        );
        let mut names: Vec<String> = fs::read_dir(&env.dir)?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            vec![format!("{WF}.json"), format!("{WF}.lock")],
            "{}",
            shell.name
        );
    }
    Ok(())
}

/// `blockstate_begin --capture` in the helpers of every shell.
#[test]
fn blockstate_begin_capture_in_every_helper() -> TestResult {
    for shell in [&DASH, &BASH, &ZSH, &FISH] {
        if !shell.available("blockstate_begin_capture_in_every_helper") {
            continue;
        }
        let env = TestEnv::new();
        let init = if shell.fish {
            "blockstate init fish | source\n".to_owned()
        } else {
            format!("eval \"$(blockstate init {})\"\n", shell.init)
        };
        let s = format!(
            "{init}blockstate_begin --capture 'helper task'\n{}",
            export(shell, "HELPER", "it's kept")
        );
        let o = shell.run(&env, &s, &[]);
        assert!(
            o.status.success()
                && String::from_utf8_lossy(&o.stderr)
                    == shellkit::new_workflow_notice("helper task"),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        let s = format!(
            "{init}blockstate_begin 'helper task'\n{}",
            dump(shell, &["HELPER"])
        );
        let o = shell.run(&env, &s, &[]);
        assert_eq!(
            fields(&o),
            vec!["it's kept"],
            "{}: {}",
            shell.name,
            describe(&o)
        );
    }
    Ok(())
}

/// `list` hides secret-looking values unless --reveal; `get` and `load`
/// give them exactly.
#[test]
fn list_hides_secret_values_unless_revealed() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args([
            "-w",
            WF,
            "set",
            "GITHUB_TOKEN=ghp_abc",
            "DB_PASSWORD=pw",
            "API_URL=https://x",
            "MY_CRED=c",
        ])
        .assert()
        .success();
    let o = env.cmd().args(["-w", WF, "list"]).output()?;
    let text = String::from_utf8(o.stdout)?;
    assert_eq!(
        text,
        "API_URL=https://x\nDB_PASSWORD=<hidden>\nGITHUB_TOKEN=<hidden>\nMY_CRED=c\n"
    );
    let o = env
        .cmd()
        .args(["-w", WF, "list", "--json"])
        .env("BLOCKSTATE_SECRET_PATTERNS", "*cred*")
        .output()?;
    assert_eq!(
        String::from_utf8(o.stdout)?,
        "{\"API_URL\":\"https://x\",\"DB_PASSWORD\":null,\"GITHUB_TOKEN\":null,\"MY_CRED\":null}\n"
    );
    let o = env.cmd().args(["-w", WF, "list", "--reveal"]).output()?;
    assert!(String::from_utf8(o.stdout)?.contains("GITHUB_TOKEN=ghp_abc\n"));
    env.cmd()
        .args(["-w", WF, "get", "GITHUB_TOKEN"])
        .assert()
        .stdout("ghp_abc\n");
    let o = env.cmd().args(["-w", WF, "load"]).output()?;
    assert!(String::from_utf8(o.stdout)?.contains("export GITHUB_TOKEN=ghp_abc\n"));
    // A refused increment does not quote a secret value.
    let o = env
        .cmd()
        .args(["-w", WF, "incr", "GITHUB_TOKEN"])
        .output()?;
    assert_eq!(o.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&o.stderr).contains("ghp_abc"));
    Ok(())
}
