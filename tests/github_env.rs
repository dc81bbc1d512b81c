//! `load --shell github`, read back by a reimplementation of the GitHub
//! Actions runner's `$GITHUB_ENV` parser (actions/runner,
//! src/Runner.Worker/FileCommandManager.cs, `SetEnvFileCommand`), so every
//! value is proven to reach the next step exactly.

mod common;
mod gha;

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use common::{TestEnv, TestResult};
use gha::{lookup, parse_github_env};

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
