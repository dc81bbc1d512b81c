//! `blockstate init sh` in every POSIX shell it claims (README "Shell
//! integration"): posh, dash, busybox ash, mksh, yash, ksh93, bash --posix
//! and zsh in sh emulation. Each helper either works exactly or, where the
//! shell lacks a builtin it needs, refuses with a message and changes
//! nothing; it never leaks a value to `ps`, stores a truncated one, or
//! replaces the user's EXIT trap.

mod common;
mod shellkit;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{TestEnv, TestResult, require_tool};
use shellkit::{describe, new_workflow_notice, path_with_bin, run_argv};

struct Posix {
    name: &'static str,
    argv: &'static [&'static str],
}

const POSIX: &[Posix] = &[
    Posix {
        name: "posh",
        argv: &["posh"],
    },
    Posix {
        name: "dash",
        argv: &["dash"],
    },
    Posix {
        name: "busybox ash",
        argv: &["busybox", "ash"],
    },
    Posix {
        name: "mksh",
        argv: &["mksh"],
    },
    Posix {
        name: "yash",
        argv: &["yash"],
    },
    Posix {
        name: "ksh93",
        argv: &["ksh93"],
    },
    Posix {
        name: "bash --posix",
        argv: &["bash", "--posix"],
    },
    Posix {
        name: "zsh --emulate sh",
        argv: &["zsh", "--emulate", "sh"],
    },
];

/// A marker inside every value: if it shows up in the spy's log, the value
/// went through an argument list.
const MARKER: &str = "SECRET-7f3a";

/// A directory with `printf` and `print` commands that log their arguments
/// and then do the real work: put first on PATH, it sees every external
/// call of either.
fn spy(env: &TestEnv) -> Result<(String, std::path::PathBuf), Box<dyn std::error::Error>> {
    let dir = env.root().join("spy");
    fs::create_dir_all(&dir)?;
    let log = env.root().join("spy.log");
    for name in ["printf", "print"] {
        let path = dir.join(name);
        fs::write(
            &path,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do /usr/bin/printf '%s\\n' \"$a\" >> '{}'; done\nexec /usr/bin/printf \"$@\"\n",
                log.display()
            ),
        )?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755))?;
    }
    Ok((format!("{}:{}", dir.display(), path_with_bin()), log))
}

fn big_value() -> String {
    let unit = format!("it's $(x) `y` \\ \u{1}\n€ {MARKER} ");
    let mut value = unit.repeat(1024 * 1024 / unit.len() + 1);
    value.truncate(1024 * 1024 - (1024 * 1024 % unit.len()));
    value
}

const HOSTILE: &str =
    "SECRET-7f3a it's \"q\" $HOME `date` $(touch pwned) \\ -n -- \n\t\u{1}\u{7f} é€😀\n\n";

fn stored(
    env: &TestEnv,
    desc: &str,
    key: &str,
) -> Result<Option<Vec<u8>>, Box<dyn std::error::Error>> {
    let o = env.cmd().args(["-d", desc, "get", key]).output()?;
    Ok(match o.status.code() {
        Some(0) => {
            let mut v = o.stdout;
            v.pop();
            Some(v)
        }
        _ => None,
    })
}

/// Regression: posh has no printf builtin, so `blockstate_set` ran
/// /usr/bin/printf with the value as an argument (visible in `ps`), and for
/// a value over 128 KiB printf failed while the pipeline reported success:
/// an empty value was stored and the full one exported. Now every claimed
/// shell either pipes the value from a builtin (checked: exact, never in
/// an external command's arguments) or refuses and stores nothing.
#[test]
fn posh_blockstate_set_stored_a_large_value_empty_and_showed_it_in_ps() -> TestResult {
    let test = "posh_blockstate_set_stored_a_large_value_empty_and_showed_it_in_ps";
    let big = big_value();
    for sh in POSIX {
        if !require_tool(test, sh.argv[0]) {
            continue;
        }
        for (what, value) in [("1 MiB", big.as_str()), ("hostile", HOSTILE)] {
            let env = TestEnv::new();
            let (path, log) = spy(&env)?;
            let file = env.root().join("value");
            fs::write(&file, value)?;
            let file_s = file.display().to_string();
            let out = env.root().join("out");
            let out_s = out.display().to_string();
            // The value is read from a file in the shell, so only the
            // helper could put it on a command line.
            let script = "eval \"$(blockstate init sh)\"\nblockstate_begin big\n\
                          v=$(cat \"$VALUE_FILE\"; echo x)\nv=${v%x}\n\
                          blockstate_set BIG \"$v\"\necho \"status $?\"\n\
                          if [ \"${BIG+set}\" = set ]; then echo exported; fi\n\
                          [ \"${BIG-}\" = \"$v\" ] && echo same\n";
            let o = run_argv(
                &env,
                sh.argv,
                script,
                &[("PATH", &path), ("VALUE_FILE", &file_s), ("OUT", &out_s)],
                b"",
            );
            let label = format!("{} ({what})", sh.name);
            let spied = fs::read_to_string(&log).unwrap_or_default();
            assert!(
                !spied.contains(MARKER),
                "{label}: the value went through an external command's arguments: {}",
                &spied[..spied.len().min(300)]
            );
            let text = String::from_utf8_lossy(&o.stdout);
            let got = stored(&env, "big", "BIG")?;
            if text.starts_with("status 0\n") {
                assert_eq!(
                    text,
                    "status 0\nexported\nsame\n",
                    "{label}: {}",
                    describe(&o)
                );
                assert!(
                    got.as_deref() == Some(value.as_bytes()),
                    "{label}: the stored value differs ({} bytes stored of {})",
                    got.map_or(0, |g| g.len()),
                    value.len()
                );
                assert_eq!(
                    String::from_utf8_lossy(&o.stderr),
                    new_workflow_notice("big"),
                    "{label}: {}",
                    describe(&o)
                );
            } else {
                // Refused: a reason, nothing stored, nothing exported.
                assert!(
                    sh.name == "posh",
                    "{label}: only posh lacks a builtin to pipe with: {}",
                    describe(&o)
                );
                assert_eq!(text, "status 1\n", "{label}: {}", describe(&o));
                assert!(
                    String::from_utf8_lossy(&o.stderr).contains("no builtin printf or print"),
                    "{label}: {}",
                    describe(&o)
                );
                assert_eq!(got, None, "{label}: a refused set stored something");
            }
        }
    }
    Ok(())
}

/// Regression: posh has no `alias` builtin; `blockstate_end --on-exit`
/// printed "alias: not found", returned 0 and replaced the user's EXIT
/// trap, so the user's cleanup never ran. Now, in every claimed shell,
/// either both run (ours first, the user's with the exit status) or the
/// helper refuses, says why, and leaves the user's trap alone.
#[test]
fn posh_on_exit_replaced_the_users_exit_trap() -> TestResult {
    let test = "posh_on_exit_replaced_the_users_exit_trap";
    for sh in POSIX {
        if !require_tool(test, sh.argv[0]) {
            continue;
        }
        let env = TestEnv::new();
        let out = env.root().join("out");
        let out_s = out.display().to_string();
        let set = env.cmd().args(["-d", "trapped", "set", "K=v"]).output()?;
        assert!(set.status.success(), "{}", describe(&set));
        let script = "eval \"$(blockstate init sh)\"\n\
                      trap 'echo \"user cleanup saw $?\" > \"$OUT\"' EXIT\n\
                      blockstate_begin trapped\nblockstate_end --on-exit\necho \"end status $?\"\nexit 3\n";
        let o = run_argv(&env, sh.argv, script, &[("OUT", &out_s)], b"");
        let label = sh.name;
        assert_eq!(o.status.code(), Some(3), "{label}: {}", describe(&o));
        assert_eq!(
            fs::read_to_string(&out).unwrap_or_default(),
            "user cleanup saw 3\n",
            "{label}: the user's EXIT trap did not run: {}",
            describe(&o)
        );
        let left = stored(&env, "trapped", "K")?;
        let text = String::from_utf8_lossy(&o.stdout);
        if text == "end status 0\n" {
            assert!(o.stderr.is_empty(), "{label}: {}", describe(&o));
            assert_eq!(left, None, "{label}: --on-exit did not delete the state");
        } else {
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                (label == "posh" && text == "end status 1\n" && err.contains("no alias builtin"))
                    || (label.starts_with("zsh")
                        && text == "end status 2\n"
                        && err.contains("init zsh")),
                "{label}: refused without the reason: {}",
                describe(&o)
            );
            assert_eq!(
                left.as_deref(),
                Some(&b"v"[..]),
                "{label}: a refused --on-exit deleted the state"
            );
        }
    }
    Ok(())
}

/// The whole life cycle in every claimed shell: begin, set, end; exact,
/// silent, state gone (posh: the set is refused, the rest works).
#[test]
fn helpers_work_in_every_claimed_posix_shell() -> TestResult {
    let test = "helpers_work_in_every_claimed_posix_shell";
    for sh in POSIX {
        if !require_tool(test, sh.argv[0]) {
            continue;
        }
        let env = TestEnv::new();
        let script = "eval \"$(blockstate init sh)\"\nblockstate_begin life\nblockstate_set K \"$VALUE\" || echo refused\n\
                      blockstate_end\nprintf '%s' \"${K-}\" > \"$OUT\"\n";
        let out = env.root().join("out");
        let out_s = out.display().to_string();
        let o = run_argv(
            &env,
            sh.argv,
            script,
            &[("VALUE", HOSTILE), ("OUT", &out_s)],
            b"",
        );
        assert!(o.status.success(), "{}: {}", sh.name, describe(&o));
        if sh.name == "posh" {
            assert_eq!(
                String::from_utf8_lossy(&o.stdout),
                "refused\n",
                "{}",
                describe(&o)
            );
        } else {
            assert!(
                o.stdout.is_empty()
                    && String::from_utf8_lossy(&o.stderr) == new_workflow_notice("life"),
                "{}: {}",
                sh.name,
                describe(&o)
            );
            assert_eq!(fs::read(&out)?, HOSTILE.as_bytes(), "{}", sh.name);
        }
        let files = fs::read_dir(&env.dir)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(files, 0, "{}: state left behind", sh.name);
        assert!(!Path::new(&env.work.join("pwned")).exists(), "{}", sh.name);
    }
    Ok(())
}
