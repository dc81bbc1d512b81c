//! Emitters: turn variables into a script or document for one format.
//!
//! One small quoting function per format. Each output is built whole in
//! memory by the caller's `render`, so a failure can never leave half a
//! script on stdout.

use std::collections::BTreeMap;

use crate::cli::Format;
use crate::error::{Error, Result};

/// POSIX single quoting (sh, dash, bash, zsh): the whole value goes inside
/// single quotes, where every byte is literal, and each single quote is
/// written `'\''`. A value made only of `[A-Za-z0-9,./_:@+-]` stands bare.
pub fn sh_quote(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    sh_quote_into(value, &mut out);
    out
}

/// [`sh_quote`] appending to `out`.
pub fn sh_quote_into(value: &str, out: &mut Vec<u8>) {
    single_quote_into(value, out, |c| c == b'\'');
}

/// fish's quoting. Inside fish's single quotes `\'` and `\\` are escapes, so
/// both `'` and `\` are written outside the quotes: `'\''` and `'\\'`.
/// Everything else, newlines and control characters included, is literal.
pub fn fish_quote(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    single_quote_into(value, &mut out, |c| c == b'\'' || c == b'\\');
    out
}

/// Bytes that may stand unquoted: ASCII only.
const fn bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b',' | b'.' | b'/' | b'_' | b'-' | b':' | b'@' | b'+')
}

/// Quote `value` in single quotes, writing each byte for which `special`
/// holds as `'\X'` (close the quotes, escape it, reopen them).
///
/// Why not shell-quote's `Sh` and `Fish`, which leave UTF-8 bare or put a
/// `\'` right after it: in a GBK, Big5 or Shift-JIS locale bash, zsh and
/// fish decode the script in that charset, where a backslash (0x5C) can be
/// the second byte of a two-byte character. UTF-8 text can end in a byte
/// those charsets read as a first byte, so in `中\'` the backslash vanishes
/// into the character, a quote flips from literal to syntax, and the rest
/// of the value runs as code (regression test: `tests/locales.rs`). Here a
/// backslash only ever follows an ASCII `'`, and the only other special
/// byte, `'` (0x27), is never a second byte in those charsets.
fn single_quote_into(value: &str, out: &mut Vec<u8>, special: impl Fn(u8) -> bool) {
    let bytes = value.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(|&c| bare(c)) {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'\'');
    let mut start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if special(c) {
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(&[b'\'', b'\\', c, b'\'']);
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'\'');
}

/// JSON string quoting.
pub fn json_quote(value: &str) -> Vec<u8> {
    // Serializing a &str cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The `$GITHUB_ENV` heredoc form. The runner reads lines until one equals
/// the delimiter, so a value containing the delimiter as a line could end
/// the value early and inject variables; it is refused (and practically
/// impossible, as the delimiter is random per value).
pub fn github_entry(key: &str, value: &str, delimiter: &str) -> Result<Vec<u8>> {
    if value.contains(delimiter) {
        return Err(Error::usage(format!(
            "the value of {key} contains the random delimiter {delimiter}; refusing to write it in the GitHub env-file format"
        ))
        .hint("run the command again: a new random delimiter is chosen each time"));
    }
    let mut out = Vec::with_capacity(key.len() + value.len() + 2 * delimiter.len() + 5);
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"<<");
    out.extend_from_slice(delimiter.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(value.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(delimiter.as_bytes());
    out.push(b'\n');
    Ok(out)
}

/// A fresh delimiter: `ghadelimiter_` and 128 random bits, as GitHub's own
/// toolkit does.
pub fn github_delimiter() -> String {
    format!(
        "ghadelimiter_{:016x}{:016x}",
        crate::workflow::random_u64(),
        crate::workflow::random_u64()
    )
}

/// Render `vars` (already validated names, in output order) for `format`.
pub fn render(format: Format, vars: &[(&str, &str)]) -> Result<Vec<u8>> {
    let size: usize = vars.iter().map(|(k, v)| k.len() + v.len() + 16).sum();
    let mut out = Vec::with_capacity(size + 64);
    match format {
        Format::Sh | Format::Bash | Format::Zsh => {
            for (k, v) in vars {
                out.extend_from_slice(b"export ");
                out.extend_from_slice(k.as_bytes());
                out.push(b'=');
                sh_quote_into(v, &mut out);
                out.push(b'\n');
            }
        }
        Format::Fish => {
            for (k, v) in vars {
                // `--` so a value starting with '-' is never read as an option.
                out.extend_from_slice(b"set -gx -- ");
                out.extend_from_slice(k.as_bytes());
                out.push(b' ');
                out.extend_from_slice(&fish_quote(v));
                out.push(b'\n');
            }
        }
        Format::Json => {
            let map: BTreeMap<&str, &str> = vars.iter().copied().collect();
            out = serde_json::to_vec(&map)
                .map_err(|e| Error::bad_state(format!("cannot encode JSON: {e}")))?;
            out.push(b'\n');
        }
        Format::Github => {
            for (k, v) in vars {
                crate::github::check_env_name(k)?;
                out.extend_from_slice(&github_entry(k, v, &github_delimiter())?);
            }
        }
        Format::GithubMask => crate::github::mask_commands(vars.iter().map(|(_, v)| *v), &mut out),
    }
    Ok(out)
}

/// The line printed instead of a script when loading fails, so that
/// `eval "$(blockstate load)"` fails too. Formats that are not evaluated
/// get nothing.
pub fn failure_line(format: Format) -> &'static str {
    match format {
        Format::Sh | Format::Bash | Format::Zsh | Format::Fish => "false\n",
        Format::Json | Format::Github | Format::GithubMask => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(b: Vec<u8>) -> String {
        String::from_utf8_lossy(&b).into_owned()
    }

    /// A strict reference unquoter for exactly what `sh_quote` may
    /// produce: bare `[A-Za-z0-9,./_:@+-]`, `'...'` runs, and `\'` right
    /// after a closing quote. A non-ASCII byte outside quotes, or a
    /// backslash anywhere else, is refused: those are what a double-byte
    /// locale can misread.
    fn sh_unquote(q: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = q.chars().peekable();
        let mut after_quote = false;
        while let Some(c) = chars.next() {
            let closed_quote = c == '\'';
            match c {
                '\'' => loop {
                    match chars.next()? {
                        '\'' => break,
                        c => out.push(c),
                    }
                },
                '\\' if after_quote && chars.peek() == Some(&'\'') => {
                    out.push(chars.next()?);
                }
                c if c.is_ascii() && bare(c as u8) => out.push(c),
                _ => return None,
            }
            after_quote = closed_quote;
        }
        Some(out)
    }

    /// A strict reference unquoter for exactly what `fish_quote` may
    /// produce: bare `[A-Za-z0-9,./_:@+-]`, `'...'` runs without any
    /// backslash, and `\'` or `\\` right after a closing quote.
    fn fish_unquote(q: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = q.chars().peekable();
        let mut after_quote = false;
        while let Some(c) = chars.next() {
            let closed_quote = c == '\'';
            match c {
                '\'' => loop {
                    match chars.next()? {
                        '\'' => break,
                        '\\' => return None,
                        c => out.push(c),
                    }
                },
                '\\' if after_quote && matches!(chars.peek(), Some('\'' | '\\')) => {
                    out.push(chars.next()?);
                }
                c if c.is_ascii() && bare(c as u8) => out.push(c),
                _ => return None,
            }
            after_quote = closed_quote;
        }
        Some(out)
    }

    #[test]
    fn sh_quote_examples() {
        assert_eq!(s(sh_quote("")), "''");
        assert_eq!(s(sh_quote("abc")), "abc");
        assert_eq!(
            s(sh_quote("/usr/bin:a.b@c+d-e,f_g")),
            "/usr/bin:a.b@c+d-e,f_g"
        );
        assert_eq!(s(sh_quote("a b")), "'a b'");
        assert_eq!(s(sh_quote("it's")), r"'it'\''s'");
        assert_eq!(s(sh_quote("'")), r"''\'''");
        assert_eq!(s(sh_quote("$(rm -rf /)")), "'$(rm -rf /)'");
        assert_eq!(s(sh_quote("a\nb")), "'a\nb'");
        assert_eq!(s(sh_quote("é")), "'é'");
    }

    /// Regression (`tests/locales.rs` runs it in real shells): `中\'`
    /// outside quotes lost its backslash in GBK and Big5 locales.
    #[test]
    fn non_ascii_before_a_quote_was_left_bare() {
        assert_eq!(
            s(sh_quote("中' ; touch x ; '")),
            r"'中'\'' ; touch x ; '\'''"
        );
    }

    #[test]
    fn fish_quote_examples() {
        assert_eq!(s(fish_quote("")), "''");
        assert_eq!(s(fish_quote("abc")), "abc");
        assert_eq!(s(fish_quote("a\\b'c")), r"'a'\\'b'\''c'");
        assert_eq!(s(fish_quote("$x (cmd) ~ *")), "'$x (cmd) ~ *'");
        assert_eq!(s(fish_quote("中'")), r"'中'\'''");
        assert_eq!(
            fish_unquote(&s(fish_quote("a\\b'c"))).as_deref(),
            Some("a\\b'c")
        );
    }

    #[test]
    fn github_entry_format() {
        let e = github_entry("K", "a\nb", "D").map(s).ok();
        assert_eq!(e.as_deref(), Some("K<<D\na\nb\nD\n"));
        assert!(github_entry("K", "xDx", "D").is_err());
        let d1 = github_delimiter();
        assert_ne!(d1, github_delimiter());
        assert!(d1.starts_with("ghadelimiter_") && d1.len() == 13 + 32);
    }

    #[test]
    fn render_sh_and_failure_line() {
        let out = render(Format::Sh, &[("A", "x y"), ("B", "")]).map(s).ok();
        assert_eq!(out.as_deref(), Some("export A='x y'\nexport B=''\n"));
        assert_eq!(failure_line(Format::Bash), "false\n");
        assert_eq!(failure_line(Format::Json), "");
    }

    #[test]
    fn render_json_is_an_object() {
        let out = render(Format::Json, &[("B", "2"), ("A", "\n")]).map(s).ok();
        assert_eq!(out.as_deref(), Some("{\"A\":\"\\n\",\"B\":\"2\"}\n"));
        assert_eq!(s(json_quote("\"")), "\"\\\"\"");
    }

    fn hostile() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\'', '"', '\\', '$', '`', '!', '^', '%', '{', '}', ';', '&', '|', '<', '>', '*', '?',
            '[', ']', '~', '#', '=', '\n', '\r', '\t', '\u{1}', '\u{1b}', '\u{7f}', 'é', '€', '😀',
            ' ', 'a',
        ]);
        prop::collection::vec(
            prop_oneof![3 => special, 1 => any::<char>().prop_filter("no NUL", |c| *c != '\0')],
            0..64,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn sh_quote_round_trips(v in hostile()) {
            prop_assert_eq!(sh_unquote(&s(sh_quote(&v))), Some(v));
        }

        #[test]
        fn fish_quote_round_trips(v in hostile()) {
            prop_assert_eq!(fish_unquote(&s(fish_quote(&v))), Some(v));
        }

        #[test]
        fn json_quote_round_trips(v in hostile()) {
            let back: Option<String> = serde_json::from_slice(&json_quote(&v)).ok();
            prop_assert_eq!(back, Some(v));
        }

        #[test]
        fn github_entry_round_trips(v in hostile()) {
            let d = github_delimiter();
            let e = github_entry("K", &v, &d).map(s);
            prop_assert!(e.is_ok());
            let e = e.unwrap_or_default();
            let body = e.strip_prefix(&format!("K<<{d}\n")).and_then(|r| r.strip_suffix(&format!("\n{d}\n")));
            prop_assert_eq!(body, Some(v.as_str()));
        }
    }
}
