//! Round trip through real shells: values stored with `set`, loaded with
//! `load --shell X` and evaluated by the shell itself, then written out with
//! `printf '%s'` and compared byte for byte. Values are generated with
//! proptest, weighted toward what breaks quoting.

mod common;
mod shellkit;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

use common::{TestEnv, TestResult};
use shellkit::{ASH, BASH, BASH_POSIX, DASH, FISH, MKSH, Shell, ZSH, describe};

/// Values per shell process; one `set` stores them all.
const BATCH: usize = 200;
/// Batches per shell per run: BATCH * CASES >= 2,000 values.
const CASES: u32 = 10;
/// Longest generated value: one argument may not exceed 128 KiB on Linux.
const LONG: usize = 100_000;
/// Most argument bytes per `set` call.
const ARGS_BYTES: usize = 256 * 1024;

/// Single characters every quoting scheme must get right.
const SPECIALS: &[char] = &[
    '\'', '"', '\\', '$', '`', '!', '^', '%', '{', '}', ';', '&', '|', '<', '>', '*', '?', '[',
    ']', '~', '#', '=', '\n', '\r', '\t', ' ', ':', '(', ')', '-', '@', ',',
];

const NON_ASCII: &[char] = &[
    'é',
    '€',
    '😀',
    'ß',
    'ı',
    '\u{a0}',
    '\u{2028}',
    '\u{2029}',
    '\u{feff}',
    '\u{301}',
    '\u{202e}',
    '\u{fffd}',
    '\u{10ffff}',
    '\u{85}',
    '\u{9b}',
    'ø',
    '日',
];

/// Whole values that have broken shell emitters somewhere.
const TOKENS: &[&str] = &[
    "$(touch pwned)",
    "`touch pwned`",
    "'; touch pwned; '",
    "\"; touch pwned; \"",
    "$'\\x41'",
    "'\\''",
    "\\",
    "\\n",
    "-n",
    "-e",
    "--",
    "-",
    "%s%n",
    "EOF",
    "ghadelimiter_0123456789abcdef",
    "\r\n",
    "\n",
    "\n\n\n",
    "~",
    "~root",
    "*",
    "!!",
    "${HOME}",
    "a=b",
    " leading and trailing ",
    "\u{1b}[31mred\u{1b}[0m",
];

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        6 => prop::sample::select(SPECIALS),
        3 => (1u8..=0x1f).prop_map(char::from),
        1 => Just('\u{7f}'),
        2 => prop::sample::select(NON_ASCII),
        2 => any::<char>().prop_filter("NUL is not a valid value", |c| *c != '\0'),
        2 => prop::char::range('a', 'z'),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// One value: empty, a known-bad token, hostile text, hostile text with
/// trailing newlines, or (about one in fifty) a long repetition of hostile
/// text of 1 KB to 100 KB.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        6 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        30 => text(40),
        6 => (text(20), 1usize..4).prop_map(|(t, n)| t + &"\n".repeat(n)),
        1 => (text(16), 1_000usize..LONG).prop_map(|(t, len)| {
            let unit = if t.is_empty() { "x".to_owned() } else { t };
            let mut s = unit.repeat(len / unit.len() + 1);
            while s.len() > len {
                s.pop();
            }
            s
        }),
    ]
}

/// A batch of values, and whether the shell runs in a UTF-8 locale or in
/// plain C (where the non-ASCII bytes mean nothing to the shell).
fn batch() -> impl Strategy<Value = (Vec<String>, bool)> {
    (prop::collection::vec(value(), BATCH), any::<bool>())
}

/// Names: plain ones, and for some of them a `_PATH` suffix, which fish
/// treats as a colon-separated path variable.
fn key(i: usize) -> String {
    if i % 7 == 3 {
        format!("V{i}_PATH")
    } else {
        format!("V{i}")
    }
}

/// The script that loads the workflow and writes each variable to its own
/// file under $OUT with `printf '%s'`.
fn reader_script(shell: &Shell, wf: &str, n: usize) -> String {
    let mut s = String::new();
    if shell.fish {
        s.push_str(&format!(
            "blockstate load -w {wf} --shell fish | source; or exit 97\n"
        ));
    } else {
        s.push_str(&format!(
            "eval \"$(blockstate load -w {wf} --shell {})\" || exit 97\n",
            shell.format
        ));
    }
    for i in 0..n {
        let k = key(i);
        s.push_str(&format!("printf '%s' \"${k}\" > \"$OUT/{k}\"\n"));
    }
    s
}

fn round_trip(shell: &Shell, test: &str) -> TestResult {
    if !shell.available(test) {
        return Ok(());
    }
    let env = TestEnv::new();
    let out = env.root().join("out");
    fs::create_dir_all(&out)?;
    let counter = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        // Every case spawns processes: bound the time a failure takes to shrink.
        max_shrink_iters: 500,
        max_shrink_time: 20_000,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&batch(), |(values, utf8)| {
        let wf = format!("rt-{}", counter.fetch_add(1, Ordering::Relaxed));
        check_batch(shell, &env, &out, &wf, &values, utf8)
            .map_err(|e| TestCaseError::fail(e.to_string()))
    });
    match result {
        Ok(()) => Ok(()),
        // The reason names the (shrunk) values that differ; the whole batch
        // would bury it.
        Err(TestError::Fail(reason, _)) => Err(format!("{}: {reason}", shell.name).into()),
        Err(e) => Err(format!("{}: {e}", shell.name).into()),
    }
}

fn check_batch(
    shell: &Shell,
    env: &TestEnv,
    out: &Path,
    wf: &str,
    values: &[String],
    utf8: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let pairs: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{}={v}", key(i)))
        .collect();
    // Several `set` calls when needed, to stay far below the kernel's limit
    // on the size of an argument list.
    let mut start = 0;
    while start < pairs.len() {
        let mut end = start;
        let mut size = 0;
        while end < pairs.len() && (end == start || size + pairs[end].len() < ARGS_BYTES) {
            size += pairs[end].len();
            end += 1;
        }
        let set = env
            .std_cmd()
            .args(["-w", wf, "set"])
            .args(&pairs[start..end])
            .output()?;
        if !set.status.success() {
            return Err(format!("set failed: {}", describe(&set)).into());
        }
        start = end;
    }
    for entry in fs::read_dir(out)? {
        fs::remove_file(entry?.path())?;
    }
    let out_s = out.display().to_string();
    let locale = if utf8 { "C.UTF-8" } else { "C" };
    let o = shell.run(
        env,
        &reader_script(shell, wf, values.len()),
        &[("OUT", &out_s), ("LC_ALL", locale)],
    );
    if !o.status.success() || !o.stderr.is_empty() {
        return Err(format!("{} (LC_ALL={locale}) failed: {}", shell.name, describe(&o)).into());
    }
    let mut wrong = BTreeMap::new();
    for (i, v) in values.iter().enumerate() {
        let got = fs::read(out.join(key(i)))?;
        if got != v.as_bytes() {
            wrong.insert(key(i), (v.as_bytes().to_vec(), got));
        }
    }
    if let Some((k, (want, got))) = wrong.iter().next() {
        let at = want
            .iter()
            .zip(got.iter())
            .take_while(|(a, b)| a == b)
            .count();
        return Err(format!(
            "{} (LC_ALL={locale}): {} of {} values differ; first {k} ({} bytes stored, {} printed, first difference at byte {at}): stored {}, shell printed {}",
            shell.name,
            wrong.len(),
            values.len(),
            want.len(),
            got.len(),
            shown(want),
            shown(got)
        )
        .into());
    }
    if env.work.join("pwned").exists() {
        return Err(format!("{}: a value was executed as code", shell.name).into());
    }
    Ok(())
}

/// A value for a failure message, cut short when long.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let cut: String = text.chars().take(200).collect();
    if cut.len() < text.len() {
        format!("{cut:?}...")
    } else {
        format!("{cut:?}")
    }
}

#[test]
fn round_trip_dash() -> TestResult {
    round_trip(&DASH, "round_trip_dash")
}

#[test]
fn round_trip_bash() -> TestResult {
    round_trip(&BASH, "round_trip_bash")
}

#[test]
fn round_trip_bash_posix() -> TestResult {
    round_trip(&BASH_POSIX, "round_trip_bash_posix")
}

#[test]
fn round_trip_zsh() -> TestResult {
    round_trip(&ZSH, "round_trip_zsh")
}

#[test]
fn round_trip_fish() -> TestResult {
    round_trip(&FISH, "round_trip_fish")
}

#[test]
fn round_trip_busybox_ash() -> TestResult {
    round_trip(&ASH, "round_trip_busybox_ash")
}

#[test]
fn round_trip_mksh() -> TestResult {
    round_trip(&MKSH, "round_trip_mksh")
}

/// A value of exactly the 1 MiB limit, full of quoting trouble, through
/// `load` in every shell.
#[test]
fn maximum_size_value_round_trips() -> TestResult {
    let env = TestEnv::new();
    let unit = "it's \"q\" $(x) `y` \\ \u{1}\u{7f}\r\n€ ";
    let mut value = unit.repeat(1024 * 1024 / unit.len() + 1);
    while value.len() > 1024 * 1024 {
        value.pop();
    }
    let mut set = env.std_cmd();
    set.args(["-w", "big", "set", "--stdin", "BIG"])
        .stdin(std::process::Stdio::piped());
    let mut child = set.spawn()?;
    if let Some(mut input) = child.stdin.take() {
        std::io::Write::write_all(&mut input, value.as_bytes())?;
    }
    assert!(child.wait()?.success());
    let out = env.root().join("big");
    let out_s = out.display().to_string();
    for shell in [&DASH, &BASH, &BASH_POSIX, &ZSH, &FISH, &ASH, &MKSH] {
        if !shell.available("maximum_size_value_round_trips") {
            continue;
        }
        let script = if shell.fish {
            "blockstate load -w big --shell fish | source; or exit 97\nprintf '%s' \"$BIG\" > \"$OUT\"\n".to_owned()
        } else {
            // mksh's printf is an external command, whose argument list
            // cannot hold 1 MiB; its print builtin writes the same bytes.
            let print = if shell.name == "mksh" {
                "print -rn --"
            } else {
                "printf '%s'"
            };
            format!(
                "eval \"$(blockstate load -w big --shell {})\" || exit 97\n{print} \"$BIG\" > \"$OUT\"\n",
                shell.format
            )
        };
        let o = shell.run(&env, &script, &[("OUT", &out_s)]);
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{}: {}",
            shell.name,
            describe(&o)
        );
        assert!(
            fs::read(&out)? == value.as_bytes(),
            "{}: the 1 MiB value differs",
            shell.name
        );
    }
    Ok(())
}
