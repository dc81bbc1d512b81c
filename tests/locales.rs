//! Regression: `load` output must be exact and inject nothing even when the
//! shell decodes its input in a double-byte charset (GBK, Big5, Shift-JIS),
//! where 0x5C (backslash) can be the second byte of a character.
//!
//! Bug: values were quoted like shell-quote's `Sh`, which leaves UTF-8 bytes
//! bare and escapes a quote as `\'` outside quotes. `中' ; touch PWNED ; '`
//! became `中\'' ; touch PWNED ; '\'`; in a GBK or Big5 locale bash read the
//! last byte of 中 plus the backslash as one character, and ran `touch`.
//! shell-quote's `Fish` had the same flaw inside quotes (`'中\' ; …'`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestEnv, TestResult, q, require_tool, stderr};

const LOCALES: &[(&str, &str, &str)] = &[
    ("zh_CN", "GBK", "zh_CN.GBK"),
    ("zh_TW", "BIG5", "zh_TW.BIG5"),
    ("ja_JP", "SHIFT_JIS", "ja_JP.SJIS"),
];

/// Compile the locales into `dir` (used through LOCPATH), or say why not.
fn build_locales(dir: &Path) -> Result<(), String> {
    for (input, charmap, name) in LOCALES {
        let o = Command::new("localedef")
            .args(["--no-warnings=ascii", "-f", charmap, "-i", input])
            .arg(dir.join(name))
            .output()
            .map_err(|e| format!("localedef: {e}"))?;
        if !dir.join(name).exists() {
            return Err(format!(
                "localedef could not build {name} (is Debian's `locales` package installed?): {}",
                stderr(&o)
            ));
        }
    }
    Ok(())
}

/// CJK characters whose UTF-8 form ends in a byte that GBK, Big5 or
/// Shift-JIS read as the first byte of a two-byte character.
fn values() -> Vec<String> {
    let chars = ["中", "文", "語", "表", "ソ", "能", "予", "十", "é", "ï"];
    let tails = [
        "' ; touch \"$PWNED\" ; '",
        "'",
        "\\",
        "\\'",
        "\"",
        "$(touch \"$PWNED\")",
        "`touch \"$PWNED\"`",
        "\n'",
        "",
    ];
    let mut out = Vec::new();
    for c in chars {
        for t in tails {
            out.push(format!("{c}{t}"));
            out.push(format!("{t}{c}{t}{c}"));
        }
    }
    out
}

#[test]
fn double_byte_locales_cannot_turn_a_value_into_code() -> TestResult {
    let test = "double_byte_locales_cannot_turn_a_value_into_code";
    if !require_tool(test, "localedef") {
        return Ok(());
    }
    let env = TestEnv::new();
    let locpath = env.root().join("locales");
    fs::create_dir_all(&locpath)?;
    if let Err(why) = build_locales(&locpath) {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{test}: {why}");
        }
        eprintln!("SKIPPED: {test}: {why}");
        return Ok(());
    }
    let values = values();
    let pairs: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("V{i}={v}"))
        .collect();
    env.cmd()
        .args(["-w", "loc", "set"])
        .args(&pairs)
        .assert()
        .success();

    let pwned = env.root().join("PWNED");
    let shells: &[(&str, &[&str])] = &[
        ("bash", &["bash", "--norc", "--noprofile"]),
        ("bash", &["bash", "--posix"]),
        ("zsh", &["zsh", "-f"]),
        ("dash", &["dash"]),
        ("mksh", &["mksh"]),
    ];
    for (_, _, locale) in LOCALES {
        for (tool, shell) in shells {
            if !require_tool(test, tool) {
                continue;
            }
            let out_dir = env.root().join(format!("out-{locale}-{}", shell.join("_")));
            fs::create_dir_all(&out_dir)?;
            let mut script = format!(
                "PWNED={}; eval \"$(\"$BS\" -w loc load)\" || exit 99; ",
                q(&pwned.display().to_string())
            );
            for i in 0..values.len() {
                script.push_str(&format!(
                    "printf '%s' \"$V{i}\" > {}; ",
                    q(&out_dir.join(i.to_string()).display().to_string())
                ));
            }
            let o = Command::new(shell[0])
                .args(&shell[1..])
                .arg("-c")
                .arg(&script)
                .env_clear()
                .envs(env.base_env())
                .env("LC_ALL", locale)
                .env("LOCPATH", &locpath)
                .env("BS", common::bin())
                .current_dir(&env.work)
                .output()?;
            assert!(
                !pwned.exists(),
                "{shell:?} in {locale} ran code from a value"
            );
            assert!(o.status.success(), "{shell:?} in {locale}: {}", stderr(&o));
            for (i, v) in values.iter().enumerate() {
                let got = fs::read(out_dir.join(i.to_string()))?;
                assert_eq!(got, v.as_bytes(), "{shell:?} in {locale}: value {v:?}");
            }
        }
    }
    if require_tool(test, "fish") {
        for (_, _, locale) in LOCALES {
            let out_dir = env.root().join(format!("out-{locale}-fish"));
            fs::create_dir_all(&out_dir)?;
            let mut script = format!(
                "set PWNED {}; \"$BS\" -w loc load --shell fish | source; or exit 99; ",
                q(&pwned.display().to_string())
            );
            for i in 0..values.len() {
                script.push_str(&format!(
                    "printf '%s' \"$V{i}\" > {}; ",
                    q(&out_dir.join(i.to_string()).display().to_string())
                ));
            }
            let o = Command::new("fish")
                .args(["--no-config", "-c", &script])
                .env_clear()
                .envs(env.base_env())
                .env("LC_ALL", locale)
                .env("LOCPATH", &locpath)
                .env("BS", common::bin())
                .current_dir(&env.work)
                .output()?;
            assert!(!pwned.exists(), "fish in {locale} ran code from a value");
            assert!(o.status.success(), "fish in {locale}: {}", stderr(&o));
            for (i, v) in values.iter().enumerate() {
                let got = fs::read(out_dir.join(i.to_string()))?;
                assert_eq!(got, v.as_bytes(), "fish in {locale}: value {v:?}");
            }
        }
    }
    Ok(())
}

/// The locale really is in effect: the same bytes read as one GBK character
/// in bash's `${#var}`, so the test above exercises the double-byte parser.
#[test]
fn gbk_locale_is_really_double_byte() -> TestResult {
    let test = "gbk_locale_is_really_double_byte";
    if !require_tool(test, "localedef") || !require_tool(test, "bash") {
        return Ok(());
    }
    let dir: PathBuf = tempfile::tempdir()?.keep();
    if let Err(why) = build_locales(&dir) {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{test}: {why}");
        }
        eprintln!("SKIPPED: {test}: {why}");
        return Ok(());
    }
    // 0xAD 0x5C is one GBK character: a length of 1, not 2.
    let o = Command::new("bash")
        .args(["-c", "v=$(printf '\\255\\134'); printf '%s' \"${#v}\""])
        .env("LC_ALL", "zh_CN.GBK")
        .env("LOCPATH", &dir)
        .output()?;
    let _ = fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "1");
    Ok(())
}
