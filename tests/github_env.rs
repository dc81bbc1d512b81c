//! `load --shell github`, read back by a reimplementation of the GitHub
//! Actions runner's `$GITHUB_ENV` parser (actions/runner,
//! src/Runner.Worker/FileCommandManager.cs, `SetEnvFileCommand`), so every
//! value is proven to reach the next step exactly; and `load --shell
//! github-mask`, read back by a reimplementation of the runner's workflow
//! command parser, so every stored value is proven to be masked in the
//! logs where the runner prints the next steps' environment.

mod common;
mod gha;

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use common::{TestEnv, TestResult};
use gha::{hidden_in, lookup, output_lines, parse_add_masks, parse_github_env, runner_refuses};

#[test]
fn parser_follows_the_runner_rules() {
    let vars = parse_github_env(
        "A=1\n\nB<<EOF\nx\ny\nEOF\nC=d=e\nE<<EOF\nEOF\nF<<EOF\n\nEOF\nG<<EOF\nEOF \n\r\nEOF",
    )
    .unwrap_or_default();
    let want = [
        ("A", "1"),
        ("B", "x\ny"),
        ("C", "d=e"),
        ("E", ""),
        ("F", ""),
        ("G", "EOF \n\r"),
    ];
    assert_eq!(vars.len(), want.len(), "{vars:?}");
    for (k, v) in want {
        assert_eq!(lookup(&vars, k), Some(v), "{k}");
    }
    // The classic mistake: a value without a newline before the delimiter.
    let err = parse_github_env("K<<EOF\nvalueEOF\n")
        .err()
        .unwrap_or_default();
    assert!(err.contains("Matching delimiter not found 'EOF'"), "{err}");
    assert!(parse_github_env("JUST_A_NAME\n").is_err());
    assert!(parse_github_env("<<EOF\nx\nEOF\n").is_err());
    // A later assignment wins.
    assert_eq!(
        lookup(&parse_github_env("A=1\nA=2\n").unwrap_or_default(), "A"),
        Some("2")
    );
}

fn load_github(env: &TestEnv, wf: &str) -> Result<String, Box<dyn std::error::Error>> {
    let o = env
        .cmd()
        .args(["-w", wf, "load", "--shell", "github"])
        .output()?;
    if !o.status.success() || !o.stderr.is_empty() {
        return Err(format!("load failed: {}", String::from_utf8_lossy(&o.stderr)).into());
    }
    Ok(String::from_utf8(o.stdout)?)
}

/// Values that look like the format itself: delimiter-like lines, heredoc
/// headers, assignments, newlines everywhere.
const HOSTILE: &[(&str, &str)] = &[
    ("EOF_LINES", "EOF\nEOF\n"),
    (
        "DELIMITER_LIKE",
        "ghadelimiter_\nghadelimiter_0123456789abcdef0123456789abcdef\n",
    ),
    ("HEREDOC_HEADER", "X<<EOF\ninjected\nEOF"),
    ("ASSIGNMENT", "\nPATH=/tmp/evil\n"),
    ("LEADING_NEWLINES", "\n\nvalue"),
    ("TRAILING_NEWLINES", "value\n\n"),
    ("ONLY_NEWLINE", "\n"),
    ("CRLF", "line 1\r\nline 2\r\n"),
    ("EMPTY", ""),
    ("QUOTES", "it's \"quoted\" $HOME `date` \\"),
    ("UNICODE", "é€😀\u{feff}\u{2028}"),
    ("CONTROL", "\u{1}\u{1b}[0m\u{7f}\t\r"),
    ("EQUALS", "=a=b=<<"),
];

#[test]
fn load_github_round_trips_values_that_look_like_the_format() -> TestResult {
    let env = TestEnv::new();
    let pairs: Vec<String> = HOSTILE.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let set = env.cmd().args(["-w", "gh", "set"]).args(&pairs).output()?;
    assert!(set.status.success());
    let text = load_github(&env, "gh")?;
    let vars = parse_github_env(&text)?;
    for (k, v) in HOSTILE {
        assert_eq!(lookup(&vars, k), Some(*v), "{k} in:\n{text}");
    }
    assert_eq!(lookup(&vars, "BLOCKSTATE_WORKFLOW"), Some("gh"));
    assert_eq!(
        lookup(&vars, "PROJECT_ROOT"),
        Some(env.work.display().to_string().as_str())
    );
    // Nothing but what was stored, plus the two blockstate exports.
    assert_eq!(vars.len(), HOSTILE.len() + 2, "{vars:?}");
    Ok(())
}

/// `>> "$GITHUB_ENV"` appends: earlier steps' lines and several loads in a
/// row still parse into the right values.
#[test]
fn load_github_output_appends_cleanly() -> TestResult {
    let env = TestEnv::new();
    for (wf, value) in [("one", "first\nvalue"), ("two", "second\nEOF\n")] {
        let set = env
            .cmd()
            .args(["-w", wf, "set", &format!("V_{wf}={value}")])
            .output()?;
        assert!(set.status.success());
    }
    let file = format!(
        "EARLIER=step 1\n{}{}",
        load_github(&env, "one")?,
        load_github(&env, "two")?
    );
    let vars = parse_github_env(&file)?;
    assert_eq!(lookup(&vars, "EARLIER"), Some("step 1"));
    assert_eq!(lookup(&vars, "V_one"), Some("first\nvalue"));
    assert_eq!(lookup(&vars, "V_two"), Some("second\nEOF\n"));
    assert_eq!(lookup(&vars, "BLOCKSTATE_WORKFLOW"), Some("two"));
    Ok(())
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("EOF".to_owned()),
        2 => Just("ghadelimiter_".to_owned()),
        1 => "[A-Z]{1,4}(=|<<)[A-Za-z]{0,6}",
        1 => Just(String::new()),
        1 => Just("\r".to_owned()),
        4 => "\\PC{0,24}",
        2 => any::<String>().prop_map(|s| s.replace('\0', "")),
    ]
}

fn multiline_value() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..6).prop_map(|lines| lines.join("\n"))
}

/// Generated multi-line values, many of them with delimiter-like lines.
#[test]
fn load_github_round_trips_generated_values() -> TestResult {
    let env = TestEnv::new();
    let n = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 20,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&prop::collection::vec(multiline_value(), 1..60), |values| {
        let wf = format!("gen-{}", n.fetch_add(1, Ordering::Relaxed));
        let pairs: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("V{i}={v}"))
            .collect();
        let set = env
            .cmd()
            .args(["-w", &wf, "set"])
            .args(&pairs)
            .output()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            set.status.success(),
            "{}",
            String::from_utf8_lossy(&set.stderr)
        );
        let text = load_github(&env, &wf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let vars = parse_github_env(&text).map_err(TestCaseError::fail)?;
        for (i, v) in values.iter().enumerate() {
            prop_assert_eq!(lookup(&vars, &format!("V{i}")), Some(v.as_str()));
        }
        Ok(())
    });
    result.map_err(|e| e.to_string().into())
}

/// Regression: a stored `NODE_OPTIONS` went into `load --shell github`
/// output, and the runner refuses that name in `$GITHUB_ENV` (in any
/// letter case), failing the step after blockstate had reported success.
#[test]
fn node_options_in_github_env_made_the_runner_fail_the_step() -> TestResult {
    let env = TestEnv::new();
    let names = [
        "NODE_OPTIONS",
        "node_options",
        "Node_Options",
        "NODE_OPTIONs",
    ];
    for (i, name) in names.iter().enumerate() {
        assert!(runner_refuses(name), "{name}");
        let wf = format!("node-{i}");
        let set = env
            .cmd()
            .args([
                "-w",
                &wf,
                "set",
                "A=1",
                &format!("{name}=--require ./hook.js"),
            ])
            .output()?;
        assert!(
            set.status.success(),
            "{}",
            String::from_utf8_lossy(&set.stderr)
        );
        let out = env
            .cmd()
            .args(["-w", &wf, "load", "--shell", "github"])
            .output()?;
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert_eq!(out.stdout, b"", "{name}: nothing may reach $GITHUB_ENV");
        assert!(
            err.contains(&format!("{name} cannot be passed on through $GITHUB_ENV"))
                && err.contains("runner refuses NODE_OPTIONS")
                && err.contains("hint:"),
            "{err}"
        );
        // Every other format still carries it.
        let sh = env.cmd().args(["-w", &wf, "load"]).output()?;
        assert!(sh.status.success());
        assert!(String::from_utf8(sh.stdout)?.contains(&format!("export {name}=")));
    }
    // The root variable is written to $GITHUB_ENV too.
    let out = env
        .cmd()
        .args([
            "-w",
            "plain",
            "--root-var",
            "node_options",
            "load",
            "--shell",
            "github",
        ])
        .output()?;
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, b"");
    Ok(())
}

/// Names near the refused one are written, and every name blockstate
/// writes is one the runner takes.
#[test]
fn load_github_writes_only_names_the_runner_takes() -> TestResult {
    let env = TestEnv::new();
    let names = [
        "NODE_OPTION",
        "NODE_OPTIONS_X",
        "X_NODE_OPTIONS",
        "NODE_PATH",
        "node",
        "OPTIONS",
    ];
    let pairs: Vec<String> = names.iter().map(|n| format!("{n}=v")).collect();
    let set = env
        .cmd()
        .args(["-w", "near", "set"])
        .args(&pairs)
        .output()?;
    assert!(set.status.success());
    let text = load_github(&env, "near")?;
    let vars = parse_github_env(&text)?;
    for name in names {
        assert_eq!(lookup(&vars, name), Some("v"), "{name}");
    }
    assert!(vars.iter().all(|(k, _)| !runner_refuses(k)), "{vars:?}");
    Ok(())
}

/// The stored values of `wf` as the runner would print them in a later
/// step's log (`  NAME: VALUE`, split into log lines the runner's way),
/// with the masks `load --shell github-mask` registered.
fn mask_check(env: &TestEnv, wf: &str, values: &[(&str, String)]) -> Result<(), String> {
    let out = env
        .cmd()
        .args(["-w", wf, "load", "--shell", "github-mask"])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() || !out.stderr.is_empty() {
        return Err(format!(
            "github-mask failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    // Every line is an add-mask command: anything else would print a
    // value in the clear in this very step's log.
    let masks = parse_add_masks(&text)?;
    let env_file = load_github(env, wf).map_err(|e| e.to_string())?;
    let exported = parse_github_env(&env_file)?;
    let log: String = exported
        .iter()
        .map(|(k, v)| format!("    {k}: {v}\n"))
        .collect();
    for line in output_lines(&log) {
        for (name, value) in values {
            for secret in value.split(['\r', '\n']).filter(|s| !s.trim().is_empty()) {
                if !hidden_in(line, secret, &masks) {
                    return Err(format!(
                        "{name}: {secret:?} shows in the log line {line:?}; masks {masks:?}"
                    ));
                }
            }
        }
    }
    // The workflow ID and the project root stay readable.
    if masks
        .iter()
        .any(|m| m == wf || *m == env.work.display().to_string())
    {
        return Err(format!("masked the workflow or the root: {masks:?}"));
    }
    Ok(())
}

/// `load --shell github-mask` registers every stored value with the
/// runner's secret masker, line by line, so that the environment the runner
/// prints before each later step shows `***` instead.
#[test]
fn github_mask_hides_every_stored_value_in_later_logs() -> TestResult {
    let env = TestEnv::new();
    let values: Vec<(&str, String)> = vec![
        ("TOKEN", "ghp_0123456789abcdef".into()),
        ("PERCENT", "100%0A%25%".into()),
        ("MULTI", "line one\nline two\r\nline three\rfour".into()),
        ("LEADING", "   spaced value  ".into()),
        (
            "COMMAND_LIKE",
            "::add-mask::x ::set-output name=a::b".into(),
        ),
        ("BLANK_LINES", "\n\nafter blanks\n\n".into()),
        ("UNICODE", "pässwörd 😀".into()),
        ("EMPTY", String::new()),
    ];
    let pairs: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let set = env
        .cmd()
        .args(["-w", "masked", "set"])
        .args(&pairs)
        .output()?;
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    mask_check(&env, "masked", &values)?;
    // Nothing stored: nothing to mask, and still success.
    let out = env
        .cmd()
        .args(["-w", "nothing", "load", "--shell", "github-mask"])
        .output()?;
    assert!(out.status.success());
    assert_eq!(out.stdout, b"");
    Ok(())
}

/// The same on generated values full of line breaks, `%` escapes and
/// command-like text.
#[test]
fn github_mask_hides_generated_values() -> TestResult {
    let env = TestEnv::new();
    let n = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 16,
        failure_persistence: None,
        ..Config::default()
    });
    let value = prop_oneof![multiline_value(), "[%0-9ADa\r\n: ]{0,20}",];
    let result = runner.run(&prop::collection::vec(value, 1..12), |values| {
        let wf = format!("mask-{}", n.fetch_add(1, Ordering::Relaxed));
        let named: Vec<(String, String)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("V{i}"), v.clone()))
            .collect();
        let pairs: Vec<String> = named.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let set = env
            .cmd()
            .args(["-w", &wf, "set"])
            .args(&pairs)
            .output()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            set.status.success(),
            "{}",
            String::from_utf8_lossy(&set.stderr)
        );
        let named: Vec<(&str, String)> =
            named.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        mask_check(&env, &wf, &named).map_err(TestCaseError::fail)?;
        Ok(())
    });
    result.map_err(|e| e.to_string().into())
}
