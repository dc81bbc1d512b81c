//! Emitters: turn variables into a script or document for one format.
//!
//! One small quoting function per format. Each output is built whole in
//! memory by the caller's `render`, so a failure can never leave half a
//! script on stdout.

use std::collections::BTreeMap;

use shell_quote::Fish;

use crate::cli::Format;
use crate::error::{Error, Result};

/// POSIX single quoting (sh, dash, bash, zsh): everything between single
/// quotes is literal, and a single quote is written as `'\''`-style
/// `\'` outside the quotes. Newlines and control characters stay literal.
pub fn sh_quote(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    sh_quote_into(value, &mut out);
    out
}

/// How [`sh_quote_into`] treats a byte outside quotes.
const SH_BARE: u8 = 0;
const SH_QUOTED: u8 = 1;
const SH_SINGLE_QUOTE: u8 = 2;

/// The byte classes of shell-quote's `Sh` (whose output this reproduces
/// byte for byte, as a test checks): letters, digits, `,./_-:@+` and bytes
/// of multi-byte UTF-8 characters may stand bare; a single quote is written
/// `\'`; everything else goes inside single quotes.
const SH_CLASS: [u8; 256] = {
    let mut table = [SH_QUOTED; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric()
            || matches!(c, b',' | b'.' | b'/' | b'_' | b'-' | b':' | b'@' | b'+')
            || c >= 0x80
        {
            table[b] = SH_BARE;
        }
        b += 1;
    }
    table[b'\'' as usize] = SH_SINGLE_QUOTE;
    table
};

/// [`sh_quote`] appending to `out`: `load` quotes every value, so this
/// copies whole runs of bytes instead of classifying each byte into a
/// temporary vector as shell-quote does (half the instructions of a
/// 10,000-key `load` went there). Once inside single quotes every byte but
/// `'` is literal, so only the next `'` needs finding.
pub fn sh_quote_into(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        out.extend_from_slice(b"''");
        return;
    }
    out.reserve(bytes.len() + 2);
    let mut i = 0;
    loop {
        // Outside quotes: copy the run of bytes that may stand bare.
        let start = i;
        while i < bytes.len() && SH_CLASS[usize::from(bytes[i])] == SH_BARE {
            i += 1;
        }
        out.extend_from_slice(&bytes[start..i]);
        let Some(&b) = bytes.get(i) else {
            return;
        };
        if SH_CLASS[usize::from(b)] == SH_SINGLE_QUOTE {
            out.extend_from_slice(b"\\'");
            i += 1;
            continue;
        }
        // Open quotes and copy everything up to the next single quote.
        out.push(b'\'');
        let start = i;
        match bytes[i..].iter().position(|&c| c == b'\'') {
            Some(len) => {
                out.extend_from_slice(&bytes[start..start + len]);
                out.extend_from_slice(b"'\\'");
                i = start + len + 1;
            }
            None => {
                out.extend_from_slice(&bytes[start..]);
                out.push(b'\'');
                return;
            }
        }
    }
}

/// fish's quoting: inside fish's single quotes only `\\` and `\'` are
/// escapes, so a POSIX-quoted string would be read differently by fish.
pub fn fish_quote(value: &str) -> Vec<u8> {
    Fish::quote_vec(value)
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
                out.extend_from_slice(&github_entry(k, v, &github_delimiter())?);
            }
        }
    }
    Ok(out)
}

/// The line printed instead of a script when loading fails, so that
/// `eval "$(blockstate load)"` fails too. Formats that are not evaluated
/// get nothing.
pub fn failure_line(format: Format) -> &'static str {
    match format {
        Format::Sh | Format::Bash | Format::Zsh | Format::Fish => "false\n",
        Format::Json | Format::Github => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(b: Vec<u8>) -> String {
        String::from_utf8_lossy(&b).into_owned()
    }

    /// A reference POSIX unquoter for the subset `sh_quote` produces: bare
    /// safe characters, '...' runs, and backslash-escaped characters.
    fn sh_unquote(q: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = q.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => loop {
                    match chars.next()? {
                        '\'' => break,
                        c => out.push(c),
                    }
                },
                '\\' => out.push(chars.next()?),
                c if c.is_ascii_alphanumeric() || !c.is_ascii() || "-_./,:=+@%".contains(c) => {
                    out.push(c)
                }
                _ => return None,
            }
        }
        Some(out)
    }

    /// A reference unquoter for fish's rules: inside single quotes only
    /// `\\` and `\'` are escapes; outside, fish's backslash escapes.
    fn fish_unquote(q: &str) -> Option<String> {
        let mut out = String::new();
        let mut chars = q.chars();
        while let Some(c) = chars.next() {
            match c {
                '\'' => loop {
                    match chars.next()? {
                        '\'' => break,
                        '\\' => match chars.next()? {
                            c @ ('\\' | '\'') => out.push(c),
                            c => {
                                out.push('\\');
                                out.push(c);
                            }
                        },
                        c => out.push(c),
                    }
                },
                '\\' => match chars.next()? {
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'e' => out.push('\u{1b}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\u{b}'),
                    'X' => {
                        let hex: String = [chars.next()?, chars.next()?].iter().collect();
                        out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                    }
                    c @ ('\\' | '\'' | '"' | '$' | ' ') => out.push(c),
                    _ => return None,
                },
                c if c.is_ascii_alphanumeric() || "-_./,:=+@%".contains(c) => out.push(c),
                _ => return None,
            }
        }
        Some(out)
    }

    #[test]
    fn sh_quote_examples() {
        assert_eq!(s(sh_quote("")), "''");
        assert_eq!(s(sh_quote("abc")), "abc");
        assert_eq!(s(sh_quote("a b")), "a' b'");
        assert_eq!(s(sh_quote("it's")), "it\\'s");
        assert_eq!(s(sh_quote("$(rm -rf /)")), "'$(rm -rf /)'");
        assert_eq!(s(sh_quote("a\nb")), "a'\nb'");
    }

    /// Every pair of ASCII characters (all positions, quote states and
    /// transitions), against the crate whose format `sh_quote` keeps.
    #[test]
    fn sh_quote_matches_shell_quote_on_ascii_pairs() {
        for a in 1u8..128 {
            for b in 0u8..128 {
                let v: String = [char::from(a), char::from(b)]
                    .iter()
                    .filter(|c| **c != '\0')
                    .collect();
                assert_eq!(
                    s(sh_quote(&v)),
                    s(shell_quote::Sh::quote_vec(v.as_str())),
                    "{v:?}"
                );
            }
        }
    }

    #[test]
    fn fish_quote_examples() {
        assert_eq!(
            fish_unquote(&s(fish_quote("a\\b'c"))).as_deref(),
            Some("a\\b'c")
        );
        assert_eq!(fish_unquote(&s(fish_quote(""))).as_deref(), Some(""));
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
        assert_eq!(out.as_deref(), Some("export A=x' y'\nexport B=''\n"));
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
        fn sh_quote_matches_shell_quote(v in hostile()) {
            prop_assert_eq!(s(sh_quote(&v)), s(shell_quote::Sh::quote_vec(v.as_str())));
        }

        #[test]
        fn sh_quote_matches_shell_quote_on_any_text(v in any::<String>()) {
            prop_assert_eq!(s(sh_quote(&v)), s(shell_quote::Sh::quote_vec(v.as_str())));
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
