//! The bad input catalogue: one table of every input rule (names, values,
//! sizes, IDs, durations, shells, settings) and every kind of unusable
//! state file. For each entry the command must exit non-zero with a clear
//! message, change nothing on disk, and `load` must never print a partial
//! script: for shell formats its standard output is exactly `false\n`, for
//! json and github it is empty.

mod common;
mod reliability;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::process::{Output, Stdio};

use blockstate::vars::{
    MAX_KEYS, MAX_STATE_BYTES, MAX_VALUE_BYTES, OWN_NAMES, RESERVED_NAMES, ROOT_VAR_RESERVED,
    ROOT_VAR_RESERVED_PREFIXES,
};
use common::{TestEnv, TestResult, stderr, stdout};
use reliability::{state_json, write_private};

const WF: &str = "wf-input";

fn os(s: &str) -> OsString {
    OsString::from(s)
}

fn raw(b: &[u8]) -> OsString {
    OsString::from_vec(b.to_vec())
}

/// One entry of the catalogue: a command line against a workflow holding
/// `A=1 B=two`.
struct Case {
    name: String,
    args: Vec<OsString>,
    stdin: Vec<u8>,
    env: Vec<(&'static str, OsString)>,
    code: i32,
    /// Substrings the message must contain.
    says: Vec<String>,
}

fn case(name: impl Into<String>, args: &[&str], code: i32, says: &[&str]) -> Case {
    Case {
        name: name.into(),
        args: args.iter().map(|a| os(a)).collect(),
        stdin: Vec::new(),
        env: Vec::new(),
        code,
        says: says.iter().map(|s| s.to_string()).collect(),
    }
}

impl Case {
    fn stdin(mut self, bytes: Vec<u8>) -> Self {
        self.stdin = bytes;
        self
    }
    fn env(mut self, k: &'static str, v: OsString) -> Self {
        self.env.push((k, v));
        self
    }
    fn raw_args(mut self, args: Vec<OsString>) -> Self {
        self.args = args;
        self
    }
}

fn run(
    env: &TestEnv,
    args: &[OsString],
    stdin: &[u8],
    extra: &[(&str, OsString)],
) -> std::io::Result<Output> {
    let mut c = env.std_cmd();
    c.args(args)
        .envs(extra.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn()?;
    if let Some(mut i) = child.stdin.take() {
        use std::io::Write;
        // The command may refuse before reading it all.
        let _ = i.write_all(stdin);
    }
    child.wait_with_output()
}

/// The stdout a failing command may print.
fn expected_stdout(args: &[OsString]) -> &'static str {
    let is = |s: &str| args.iter().any(|a| a == s);
    if is("load") && !is("json") && !is("github") && !is("github-mask") {
        "false\n"
    } else {
        ""
    }
}

fn arg_cases() -> Vec<Case> {
    fn w<'a>(rest: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["-w", WF];
        v.extend_from_slice(rest);
        v
    }
    let long_key = format!("{}=x", "K".repeat(256));
    let long_id = "a".repeat(129);
    let syntax = "a name must match [A-Za-z_][A-Za-z0-9_]*";
    let id_rule = "an ID must match [A-Za-z0-9][A-Za-z0-9._-]{0,127}";
    let mut cases = vec![
        // Names.
        case(
            "key starting with a digit",
            &w(&["set", "1A=x"]),
            2,
            &["invalid variable name '1A'", syntax],
        ),
        case(
            "key with a dash",
            &w(&["set", "A-B=x"]),
            2,
            &["'A-B'", syntax],
        ),
        case(
            "empty key",
            &w(&["set", "=x"]),
            2,
            &["invalid variable name ''", syntax],
        ),
        case(
            "key with a space",
            &w(&["set", "A B=x"]),
            2,
            &["'A B'", syntax],
        ),
        case(
            "key with a newline",
            &w(&["set", "A\nB=x"]),
            2,
            &["'A\\nB'", syntax],
        ),
        case("non-ASCII key", &w(&["set", "é=x"]), 2, &["'é'", syntax]),
        case(
            "key of 256 bytes",
            &w(&["set", &long_key]),
            2,
            &["256 bytes long; the limit is 255"],
        ),
        case(
            "bad key for --stdin",
            &w(&["set", "--stdin", "1A"]),
            2,
            &["'1A'", syntax],
        ),
        case(
            "bad key for get",
            &w(&["get", "A-B"]),
            2,
            &["'A-B'", syntax],
        ),
        case(
            "bad key for unset",
            &w(&["unset", "B", "A-B"]),
            2,
            &["'A-B'", syntax],
        ),
        case(
            "reserved key for unset",
            &w(&["unset", "LD_PRELOAD"]),
            2,
            &["'LD_PRELOAD' is reserved"],
        ),
        case(
            "BASH_FUNC_ prefix",
            &w(&["set", "BASH_FUNC_ls=x"]),
            2,
            &["'BASH_FUNC_ls' is reserved"],
        ),
        // Pairs and values.
        case(
            "argument without =",
            &w(&["set", "A=1", "NOEQUALS"]),
            2,
            &["argument 2 of `set` is 'NOEQUALS', which is not KEY=VALUE"],
        ),
        case(
            "set without pairs",
            &w(&["set"]),
            2,
            &["needs at least one KEY=VALUE pair or --stdin KEY"],
        ),
        case(
            "NUL through --stdin",
            &w(&["set", "--stdin", "V"]),
            2,
            &["the value of V contains a NUL byte"],
        )
        .stdin(b"before\0after".to_vec()),
        case(
            "invalid UTF-8 on stdin",
            &w(&["set", "--stdin", "V"]),
            2,
            &["the value of V on standard input is not valid UTF-8 (first bad byte at offset 3)"],
        )
        .stdin(b"abc\xff\xfe".to_vec()),
        case(
            "value of 1 MiB + 1 on stdin",
            &w(&["set", "--stdin", "V"]),
            2,
            &["larger than the limit of 1048576 bytes"],
        )
        .stdin(vec![b'v'; MAX_VALUE_BYTES + 1]),
        case(
            "value of 10 MiB on stdin",
            &w(&["set", "--stdin", "V"]),
            2,
            &["larger than the limit of 1048576 bytes"],
        )
        .stdin(vec![b'v'; 10 * 1024 * 1024]),
        case(
            "invalid UTF-8 in a value argument",
            &[],
            2,
            &["argument 1 of `set` is not valid UTF-8"],
        )
        .raw_args(vec![os("-w"), os(WF), os("set"), raw(b"V=ok\xffno")]),
        case(
            "invalid UTF-8 in a key argument",
            &[],
            2,
            &["argument 2 of `set` is not valid UTF-8"],
        )
        .raw_args(vec![os("-w"), os(WF), os("set"), os("C=1"), raw(b"\xff=1")]),
        case("invalid UTF-8 in get's key", &[], 2, &["invalid UTF-8"]).raw_args(vec![
            os("-w"),
            os(WF),
            os("get"),
            raw(b"A\xff"),
        ]),
        case("invalid UTF-8 in -w", &[], 2, &["invalid UTF-8"]).raw_args(vec![
            os("-w"),
            raw(b"wf\xff"),
            os("set"),
            os("C=1"),
        ]),
        case("invalid UTF-8 in -w for load", &[], 2, &["invalid UTF-8"]).raw_args(vec![
            os("-w"),
            raw(b"wf\xff"),
            os("load"),
        ]),
        case("invalid UTF-8 in -d", &[], 2, &["invalid UTF-8"]).raw_args(vec![
            os("-d"),
            raw(b"task \xff"),
            os("set"),
            os("C=1"),
        ]),
        case(
            "invalid UTF-8 in BLOCKSTATE_WORKFLOW",
            &["set", "C=1"],
            2,
            &["BLOCKSTATE_WORKFLOW is not valid UTF-8"],
        )
        .env("BLOCKSTATE_WORKFLOW", raw(b"wf\xff")),
        case(
            "100,000 keys",
            &[],
            2,
            &["the workflow would hold 100002 keys; the limit is 10000"],
        )
        .raw_args(
            [os("-w"), os(WF), os("set")]
                .into_iter()
                .chain((0..100_000).map(|i| OsString::from(format!("k{i}="))))
                .collect(),
        ),
        case(
            format!("{} keys", MAX_KEYS + 1),
            &[],
            2,
            &["would hold 10001 keys; the limit is 10000"],
        )
        .raw_args(
            [os("-w"), os(WF), os("set")]
                .into_iter()
                .chain((0..MAX_KEYS - 1).map(|i| OsString::from(format!("k{i}="))))
                .collect(),
        ),
        // Durations and settings.
        case(
            "malformed --ttl",
            &w(&["set", "--ttl", "5x", "C=1"]),
            2,
            &["'5x'"],
        ),
        case(
            "zero --ttl",
            &w(&["set", "--ttl", "0", "C=1"]),
            2,
            &["duration '0' is zero"],
        ),
        case(
            "negative --ttl",
            &w(&["set", "--ttl=-1h", "C=1"]),
            2,
            &["'-1h'"],
        ),
        case(
            "malformed --lock-timeout",
            &w(&["--lock-timeout", "soon", "set", "C=1"]),
            2,
            &["'soon'"],
        ),
        case(
            "malformed BLOCKSTATE_LOCK_TIMEOUT",
            &w(&["set", "C=1"]),
            2,
            &["'abc'"],
        )
        .env("BLOCKSTATE_LOCK_TIMEOUT", os("abc")),
        case(
            "malformed BLOCKSTATE_TTL",
            &w(&["set", "C=1"]),
            2,
            &["'1y'"],
        )
        .env("BLOCKSTATE_TTL", os("1y")),
        case(
            "malformed --older-than",
            &["gc", "--older-than", "7 days"],
            2,
            &["'7 days'"],
        ),
        case(
            "gc -w with --all",
            &w(&["gc", "--all"]),
            2,
            &["cannot be combined with -w/-d"],
        ),
        case(
            "invalid --root-var",
            &w(&["--root-var", "1X", "load"]),
            2,
            &["invalid root variable '1X'"],
        ),
        case(
            "invalid BLOCKSTATE_ROOT_VAR",
            &w(&["load"]),
            2,
            &["invalid root variable 'A-B'"],
        )
        .env("BLOCKSTATE_ROOT_VAR", os("A-B")),
        case(
            "reserved root variable",
            &w(&["--root-var", "LD_PRELOAD", "load"]),
            2,
            &["'LD_PRELOAD' is reserved"],
        ),
        // Shells.
        case(
            "unknown shell",
            &w(&["load", "--shell", "tcsh"]),
            2,
            &["invalid value 'tcsh' for '--shell <SHELL>'"],
        ),
        case(
            "unknown shell (=)",
            &w(&["load", "--shell=csh"]),
            2,
            &["invalid value 'csh'"],
        ),
        case(
            "unknown option to load",
            &w(&["load", "--evil"]),
            2,
            &["unexpected argument '--evil'"],
        ),
        // Workflow IDs.
        case(
            "no workflow",
            &["set", "C=1"],
            2,
            &[
                "no workflow given",
                "-w/--workflow",
                "-d/--description",
                "BLOCKSTATE_WORKFLOW",
            ],
        ),
        case("no workflow for load", &["load"], 2, &["no workflow given"]),
        case(
            "empty description",
            &["-d", " \t ", "set", "C=1"],
            2,
            &["the description is empty"],
        ),
        case(
            "BLOCKSTATE_WORKFLOW with a slash",
            &["set", "C=1"],
            2,
            &["BLOCKSTATE_WORKFLOW: invalid workflow ID '../x'"],
        )
        .env("BLOCKSTATE_WORKFLOW", os("../x")),
        case(
            "ID of 129 bytes",
            &["-w", &long_id, "set", "C=1"],
            2,
            &["129 bytes long; the limit is 128"],
        ),
        case(
            "empty ID",
            &["-w", "", "set", "C=1"],
            2,
            &["the workflow ID is empty"],
        ),
    ];
    for id in [
        "..",
        "../x",
        "a/b",
        "/etc/passwd",
        ".hidden",
        "a b",
        "a\nb",
        "a\u{1b}[2J",
        "é",
    ] {
        for cmd in [
            &["set", "C=1"][..],
            &["load"],
            &["gc"],
            &["get", "A"],
            &["path"],
        ] {
            let mut args = vec!["-w", id];
            args.extend_from_slice(cmd);
            cases.push(case(
                format!("ID {id:?} for {}", cmd[0]),
                &args,
                2,
                &[id_rule],
            ));
        }
    }
    for name in OWN_NAMES.iter().chain(RESERVED_NAMES) {
        cases.push(case(
            format!("reserved name {name}"),
            &w(&["set", &format!("{name}=x")]),
            2,
            &[&format!("'{name}' is reserved")],
        ));
    }
    // Checked before connecting: no server is needed. Regression: the
    // message said "invalid namespace: invalid namespace 'a b': ...".
    #[cfg(feature = "redis")]
    for (ns, says) in [
        ("a b", "invalid namespace 'a b': a namespace must match"),
        ("a:b", "invalid namespace 'a:b'"),
        ("", "the namespace is empty"),
    ] {
        cases.push(case(
            format!("namespace {ns:?}"),
            &w(&[
                "--store",
                "redis://127.0.0.1:1",
                "--namespace",
                ns,
                "get",
                "A",
            ]),
            2,
            &[says],
        ));
    }
    cases
}

/// Whether a message repeats itself: "invalid X: invalid X 'y': ...", where
/// the part after a colon starts with the same two words as the part
/// before it.
fn repeats_itself(message: &str) -> bool {
    let first_two = |part: &str| -> Vec<String> {
        part.split_whitespace()
            .take(2)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    let parts: Vec<&str> = message.split(": ").collect();
    parts
        .windows(2)
        .any(|p| first_two(p[0]).len() == 2 && first_two(p[0]) == first_two(p[1]))
}

#[test]
fn repeats_itself_finds_the_namespace_message() {
    assert!(repeats_itself(
        "invalid namespace: invalid namespace 'a b': an ID must match"
    ));
    assert!(!repeats_itself(
        "invalid namespace 'a b': a namespace must match"
    ));
}

#[test]
fn every_bad_argument_is_refused_and_changes_nothing() -> TestResult {
    let env = TestEnv::new();
    env.cmd()
        .args(["-w", WF, "set", "A=1", "B=two"])
        .assert()
        .success();
    // A config file to prove it is not the culprit either.
    let before = env.snapshot();
    let mut failures = Vec::new();
    let cases = arg_cases();
    for c in &cases {
        let out = run(&env, &c.args, &c.stdin, &c.env)?;
        let err = stderr(&out);
        let mut problems = Vec::new();
        if out.status.code() != Some(c.code) {
            problems.push(format!(
                "exit status {:?}, not {}",
                out.status.code(),
                c.code
            ));
        }
        if !err.starts_with("blockstate: error: ") && !err.starts_with("error: ") {
            problems.push("no error line".into());
        }
        for s in &c.says {
            if !err.contains(s.as_str()) {
                problems.push(format!("message lacks {s:?}"));
            }
        }
        if err.starts_with("blockstate: error: ") && !err.contains("\nblockstate: hint: ") {
            problems.push("no hint".into());
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        if err.lines().next().is_some_and(repeats_itself) {
            problems.push("the message repeats itself".into());
        }
        if stdout(&out) != expected_stdout(&c.args) {
            problems.push(format!("stdout {:?}", stdout(&out)));
        }
        if env.snapshot() != before {
            problems.push("something changed on disk".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n  stderr: {err}",
                c.name,
                problems.join("; ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The workflow still loads whole.
    let out = env.cmd().args(["-w", WF, "load"]).output()?;
    assert!(
        stdout(&out).contains("export A=1\nexport B=two\n"),
        "{}",
        stdout(&out)
    );
    eprintln!(
        "FIGURES bad_input: {} bad command lines refused",
        cases.len()
    );
    Ok(())
}

/// Regression: an argument that is not UTF-8 where clap wants a string made
/// clap refuse the command line, and main's check for "was this a load?"
/// then called `env::args()`, which panics on non-UTF-8 (exit 101, or an
/// abort in release builds) instead of printing clap's usage error.
#[test]
fn non_utf8_argument_refused_by_clap_made_main_panic() -> TestResult {
    let env = TestEnv::new();
    for args in [
        vec![os("-w"), raw(b"\xff"), os("load")],
        vec![os("-w"), os(WF), os("get"), raw(b"\xff")],
        vec![os("--root-var"), raw(b"\xff"), os("root")],
    ] {
        let out = run(&env, &args, b"", &[])?;
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("invalid UTF-8"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
        assert_eq!(stdout(&out), expected_stdout(&args));
    }
    Ok(())
}

/// Regression: `--root-var PATH` was accepted, so `eval "$(blockstate
/// load)"` exported the project root as PATH and the rest of the block
/// found no command at all; HOME, TMPDIR, XDG_CONFIG_HOME or BLOCKSTATE_DIR
/// were accepted too, and would move `~`, temporary files, or where the
/// next block looks for its config and state.
#[test]
fn root_var_path_exported_the_project_root_as_path() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let out = env.shell(
        &["sh"],
        &format!(
            "eval \"$(\"$BS\" -w {WF} --root-var PATH load)\"; command -v ls >/dev/null && printf 'PATH intact'"
        ),
    );
    assert_eq!(stdout(&out), "PATH intact", "{}", stderr(&out));

    let mut names: Vec<String> = ROOT_VAR_RESERVED.iter().map(|n| n.to_string()).collect();
    names.extend(ROOT_VAR_RESERVED_PREFIXES.iter().map(|p| format!("{p}X")));
    names.extend(
        [
            "LC_ALL",
            "XDG_RUNTIME_DIR",
            "XDG_CONFIG_HOME",
            "BLOCKSTATE_DIR",
        ]
        .map(String::from),
    );
    let before = env.snapshot();
    for name in &names {
        let says = format!("invalid root variable '{name}'");
        let flag = run(
            &env,
            &[os("-w"), os(WF), os("--root-var"), os(name), os("load")],
            b"",
            &[],
        )?;
        let from_env = run(
            &env,
            &[os("-w"), os(WF), os("load")],
            b"",
            &[("BLOCKSTATE_ROOT_VAR", os(name))],
        )?;
        for out in [&flag, &from_env] {
            assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(out));
            assert_eq!(stdout(out), "false\n", "{name}");
            assert!(stderr(out).contains(&says), "{name}: {}", stderr(out));
            assert!(
                stderr(out).contains("would export the project root"),
                "{}",
                stderr(out)
            );
        }
        // `root` never fails: it warns and falls back to PROJECT_ROOT.
        let out = run(&env, &[os("--root-var"), os(name), os("root")], b"", &[])?;
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(stdout(&out), format!("{}\n", env.work.display()), "{name}");
        assert!(stderr(&out).contains("warning"), "{name}: {}", stderr(&out));
    }
    let cfg = env.home.join(".config/blockstate");
    std::fs::create_dir_all(&cfg)?;
    std::fs::write(cfg.join("config.toml"), "root_var = \"HOME\"\n")?;
    let out = run(&env, &[os("-w"), os(WF), os("load")], b"", &[])?;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("invalid root variable 'HOME'"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(cfg.join("config.toml"))?;
    // Names that merely look alike are still fine.
    for name in [
        "PROJECT_ROOT",
        "CLAUDE_PROJECT_DIR",
        "MY_PATH",
        "PATHS",
        "home",
        "Path",
    ] {
        let out = run(
            &env,
            &[os("-w"), os(WF), os("--root-var"), os(name), os("load")],
            b"",
            &[],
        )?;
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert!(stdout(&out).contains(&format!("export {name}=")), "{name}");
    }
    std::fs::remove_dir_all(env.home.join(".config"))?;
    assert_eq!(env.snapshot(), before);
    Ok(())
}

#[test]
fn config_file_errors_are_clear() -> TestResult {
    for (text, says) in [
        ("ttl = ", "config file"),
        ("colour = \"red\"", "unknown field `colour`"),
        ("ttl = \"forever\"", "'forever'"),
        ("lock_timeout = 5", "config file"),
    ] {
        let env = TestEnv::new();
        env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
        let cfg = env.home.join(".config/blockstate");
        std::fs::create_dir_all(&cfg)?;
        std::fs::write(cfg.join("config.toml"), text)?;
        let before = env.snapshot();
        for args in [&["-w", WF, "set", "A=2"][..], &["-w", WF, "load"]] {
            let out = env.cmd().args(args).output()?;
            assert_eq!(out.status.code(), Some(2), "{text}: {}", stderr(&out));
            assert!(stderr(&out).contains(says), "{text}: {}", stderr(&out));
            assert_eq!(
                stdout(&out),
                expected_stdout(&args.iter().map(|a| os(a)).collect::<Vec<_>>())
            );
        }
        assert_eq!(env.snapshot(), before, "{text}");
    }
    Ok(())
}

/// A workflow whose values fill the state up to just below the 32 MiB
/// limit; one more MiB is refused without touching the file.
#[test]
fn state_larger_than_the_limit_is_refused() -> TestResult {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let value = "v".repeat(MAX_VALUE_BYTES);
    let count = (MAX_STATE_BYTES as usize / MAX_VALUE_BYTES) - 1;
    let names: Vec<String> = (0..count).map(|i| format!("V{i:02}")).collect();
    let vars: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), value.as_str())).collect();
    write_private(
        &env.state_file(WF),
        state_json(WF, u64::MAX, &vars).as_bytes(),
    )?;
    let before = env.snapshot();
    let out = run(
        &env,
        &[os("-w"), os(WF), os("set"), os("--stdin"), os("MORE")],
        &vec![b'm'; MAX_VALUE_BYTES - 1],
        &[],
    )?;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("bytes; the limit is {MAX_STATE_BYTES} bytes")),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.snapshot(), before);
    Ok(())
}

/// Unusable state files, by name.
fn bad_state_files() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let valid = state_json(WF, u64::MAX, &[("A", "1"), ("B", "two")]);
    let with = |replace: &str, by: &str| valid.replace(replace, by).into_bytes();
    let many: Vec<(String, String)> = (0..100_000)
        .map(|i| (format!("k{i}"), String::new()))
        .collect();
    let many_refs: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let huge_value = "v".repeat(MAX_VALUE_BYTES + 1);
    let not_state = "is not valid blockstate state";
    let bad_entry = "holds a bad entry";
    vec![
        ("empty", Vec::new(), not_state),
        (
            "truncated",
            valid.as_bytes()[..valid.len() / 2].to_vec(),
            not_state,
        ),
        (
            "truncated by one byte",
            valid.as_bytes()[..valid.len() - 2].to_vec(),
            not_state,
        ),
        ("not JSON", b"A=1\nB=two\n".to_vec(), not_state),
        ("a JSON array", b"[{\"A\": \"1\"}]".to_vec(), not_state),
        ("a JSON string", b"\"A=1\"".to_vec(), not_state),
        ("null", b"null".to_vec(), not_state),
        (
            "a \\u0000 value",
            with("\"two\"", "\"t\\u0000wo\""),
            "contains a NUL byte",
        ),
        (
            "a future version",
            with("\"version\": 1", "\"version\": 3"),
            "format version 3, newer than this blockstate understands (2)",
        ),
        (
            "a future version with new fields",
            b"{\"version\": 9, \"vars\": [], \"shiny\": true}".to_vec(),
            "format version 9, newer",
        ),
        (
            "version 0",
            with("\"version\": 1", "\"version\": 0"),
            "invalid format version 0",
        ),
        (
            "a key that breaks the name rules",
            with("\"B\"", "\"1B\""),
            bad_entry,
        ),
        (
            "a key with a shell metacharacter",
            with("\"B\"", "\"B;rm -rf ~\""),
            bad_entry,
        ),
        ("a reserved key", with("\"B\"", "\"LD_PRELOAD\""), bad_entry),
        (
            "a BASH_FUNC_ key",
            with("\"B\"", "\"BASH_FUNC_ls%%\""),
            bad_entry,
        ),
        (
            "a value over 1 MiB",
            state_json(WF, u64::MAX, &[("A", &huge_value)]).into_bytes(),
            "the limit is 1048576 bytes",
        ),
        (
            "100,000 keys",
            state_json(WF, u64::MAX, &many_refs).into_bytes(),
            "would hold 100000 keys; the limit is 10000",
        ),
        (
            "50 MiB",
            {
                let mut v = valid.clone().into_bytes();
                v.resize(50 * 1024 * 1024, b' ');
                v
            },
            "is 52428800 bytes; the limit is 33554432 bytes",
        ),
        (
            "invalid UTF-8",
            with("\"two\"", "\"t\u{fffd}o\"")
                .iter()
                .map(|&b| if b == 0xef { 0xff } else { b })
                .collect(),
            not_state,
        ),
        (
            "an unknown field",
            with("\"vars\"", "\"extra\": 1, \"vars\""),
            "unknown field `extra`",
        ),
        (
            "a missing field",
            with("\"expires\"", "\"expired\""),
            not_state,
        ),
        ("a number as a value", with("\"two\"", "2"), not_state),
        (
            "a string as a time",
            with("\"updated\": 1", "\"updated\": \"now\""),
            not_state,
        ),
    ]
}

#[test]
fn every_unusable_state_file_is_refused_and_never_half_loaded() -> TestResult {
    let mut failures = Vec::new();
    let files = bad_state_files();
    for (name, bytes, says) in &files {
        let env = TestEnv::new();
        env.cmd()
            .args(["-w", WF, "set", "A=1", "B=two"])
            .assert()
            .success();
        write_private(&env.state_file(WF), bytes)?;
        let before = env.snapshot();
        for args in [
            &["load"][..],
            &["load", "--shell", "bash"],
            &["load", "--shell", "zsh"],
            &["load", "--shell", "fish"],
            &["load", "--shell", "json"],
            &["load", "--shell", "github"],
            &["load", "--shell", "github-mask"],
            &["set", "A=2"],
            &["set", "--stdin", "C"],
            &["unset", "A"],
            &["get", "A"],
            &["list"],
            &["list", "--json"],
            &["exec", "--", "true"],
        ] {
            let mut full = vec![os("-w"), os(WF)];
            full.extend(args.iter().map(|a| os(a)));
            let out = run(&env, &full, b"c", &[])?;
            let err = stderr(&out);
            let mut problems = Vec::new();
            if out.status.code() != Some(3) {
                problems.push(format!("exit status {:?}, not 3", out.status.code()));
            }
            if !err.starts_with("blockstate: error: state file ") || !err.contains(says) {
                problems.push(format!("message lacks {says:?}"));
            }
            if !err.contains("\nblockstate: hint: ") {
                problems.push("no hint".into());
            }
            if stdout(&out) != expected_stdout(&full) {
                problems.push(format!("stdout {:?}", stdout(&out)));
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{name}, {args:?}: {}\n  stderr: {err}",
                    problems.join("; ")
                ));
            }
        }
        // A bare gc leaves an unreadable file alone (it could be a user's
        // hand edit in progress) and says so.
        let out = env.cmd().arg("gc").output()?;
        if !out.status.success() || !stderr(&out).contains("left alone, unreadable") {
            failures.push(format!("{name}, gc: {}", stderr(&out)));
        }
        if env.snapshot() != before {
            failures.push(format!("{name}: something changed on disk"));
        }
        // The documented way out works.
        let out = env.cmd().args(["gc", "-w", WF]).output()?;
        if !out.status.success() || env.state_file(WF).exists() {
            failures.push(format!("{name}, gc -w: {}", stderr(&out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!(
        "FIGURES bad_input: {} unusable state files x 13 commands refused",
        files.len()
    );
    Ok(())
}

/// Through a real shell: a refused `load` makes `eval` fail and exports
/// nothing.
#[test]
fn eval_of_a_refused_load_fails_and_exports_nothing() -> TestResult {
    for (name, bytes, _) in bad_state_files().into_iter().take(12) {
        let env = TestEnv::new();
        env.cmd()
            .args(["-w", WF, "set", "A=1", "B=two"])
            .assert()
            .success();
        write_private(&env.state_file(WF), &bytes)?;
        let out = env.shell(
            &["sh"],
            &format!("eval \"$(\"$BS\" load -w {WF})\" && echo LOADED; echo \"A=${{A-unset}} WF=${{BLOCKSTATE_WORKFLOW-unset}}\""),
        );
        assert_eq!(
            stdout(&out),
            "A=unset WF=unset\n",
            "{name}: {}",
            stderr(&out)
        );
    }
    Ok(())
}

/// Names each supported shell knows, asked from the shells themselves.
fn shell_variable_names(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = OWN_NAMES
        .iter()
        .chain(RESERVED_NAMES)
        .map(|s| s.to_string())
        .collect();
    for (shell, script) in [
        (&["zsh", "-f"][..], "print -rl -- ${(k)parameters}"),
        (&["bash", "--norc", "--noprofile"], "compgen -v"),
        (&["fish", "--no-config"], "set -n"),
    ] {
        if which(shell[0]) {
            names.extend(stdout(&env.shell(shell, script)).lines().map(str::to_owned));
        }
    }
    names.retain(|n| {
        let b = n.as_bytes();
        !b.is_empty()
            && (b[0].is_ascii_alphabetic() || b[0] == b'_')
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
    });
    names.sort();
    names.dedup();
    names
}

fn which(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false)
}

/// Regression: zsh's integer specials (COLUMNS, LINES, HISTSIZE...) and a
/// few other shell-managed names were not reserved, so `set COLUMNS=abc`
/// was accepted and `load` gave zsh a value that reads back as `0`. Now
/// every name that one of the supported shells cannot hold exactly, as
/// each shell itself reports, must be refused.
#[test]
fn zsh_integer_specials_like_columns_were_not_reserved() -> TestResult {
    let env = TestEnv::new();
    let names = shell_variable_names(&env);
    assert!(names.len() > 150, "too few names: {}", names.len());
    let value = "a b'c";
    let posix_probe = "for n in $NAMES; do out=$( eval \"export $n='a b'\\''c'\" 2>/dev/null; eval \"printf '%s' \\\"\\$$n\\\"\" 2>/dev/null ); [ \"$out\" = \"a b'c\" ] || echo \"$n\"; done";
    let fish_probe = "for n in (string split ' ' -- $NAMES); set -gx $n \"a b'c\" 2>/dev/null; test \"$$n\" = \"a b'c\" 2>/dev/null; or echo $n; set -e -g $n 2>/dev/null; end";
    let mut unfaithful = std::collections::BTreeMap::<String, Vec<&str>>::new();
    for (shell, probe) in [
        (
            &["bash", "--norc", "--noprofile"][..],
            posix_probe.to_owned(),
        ),
        (&["dash"], posix_probe.to_owned()),
        // zsh does not split unquoted parameters: ${=NAMES} does.
        (
            &["zsh", "-f"],
            posix_probe.replacen("$NAMES", "${=NAMES}", 1),
        ),
        (&["fish", "--no-config"], fish_probe.to_owned()),
    ] {
        if !common::require_tool(
            "zsh_integer_specials_like_columns_were_not_reserved",
            shell[0],
        ) {
            continue;
        }
        let script = format!("NAMES={}; {probe}", common::q(&names.join(" ")));
        let script = if shell[0] == "fish" {
            format!("set NAMES {}; {probe}", common::q(&names.join(" ")))
        } else {
            script
        };
        let out = env.shell(shell, &script);
        for n in stdout(&out).lines() {
            unfaithful.entry(n.to_owned()).or_default().push(shell[0]);
        }
    }
    assert!(
        unfaithful.contains_key("UID") || !which("bash"),
        "the probe found nothing: {value}"
    );
    let accepted: Vec<String> = unfaithful
        .iter()
        .filter(|(n, _)| blockstate::vars::check_key(n).is_ok())
        .map(|(n, shells)| format!("{n} ({})", shells.join(", ")))
        .collect();
    assert!(
        accepted.is_empty(),
        "accepted names a shell cannot hold: {}",
        accepted.join(" ")
    );
    // And through the binary, for the name that exposed it.
    let out = env.cmd().args(["-w", WF, "set", "COLUMNS=abc"]).output()?;
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("'COLUMNS' is reserved"));
    eprintln!(
        "FIGURES reserved names: {} shell variable names probed, {} not held exactly by some shell, all reserved",
        names.len(),
        unfaithful.len()
    );
    Ok(())
}
