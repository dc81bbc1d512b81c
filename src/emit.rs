//! Emitters: turn variables into a script or document for one format.
//!
//! One small quoting function per format. Each output is built whole in
//! memory by the caller's `render`, so a failure can never leave half a
//! script on stdout.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use crate::charset::Charset;
use crate::cli::Format;
use crate::error::{Error, Result};

/// The shell's `LC_CTYPE` locale. Its charset is opened only when a value
/// has a byte above 0x7f: ASCII reads the same in every charset a shell
/// can run in, so the common case never touches the locale files.
pub struct Locale {
    name: LocaleName,
    charset: OnceCell<Charset>,
}

enum LocaleName {
    Given(String),
    /// Looked up only when a value needs the charset, so that output of
    /// ASCII values does not even read the locale variables.
    Lookup(fn() -> String),
}

impl Locale {
    /// `name` as `config::ctype_locale` gives it (`""` is the C locale).
    pub fn named(name: impl Into<String>) -> Self {
        Locale {
            name: LocaleName::Given(name.into()),
            charset: OnceCell::new(),
        }
    }

    /// The locale `lookup` names (`config::ctype_locale`), asked for only
    /// when needed.
    pub fn looked_up(lookup: fn() -> String) -> Self {
        Locale {
            name: LocaleName::Lookup(lookup),
            charset: OnceCell::new(),
        }
    }

    pub fn charset(&self) -> &Charset {
        self.charset.get_or_init(|| match &self.name {
            LocaleName::Given(name) => Charset::open(name),
            LocaleName::Lookup(lookup) => Charset::open(&lookup()),
        })
    }

    /// Whether `value` can be written as it is (inside single quotes) for a
    /// shell reading in this locale. See `charset` for why some cannot.
    pub fn takes_raw(&self, value: &str) -> bool {
        value.is_ascii() || self.charset().round_trips(value.as_bytes())
    }
}

/// POSIX single quoting (sh, dash, bash, zsh) for a value that reads as
/// itself in the shell's charset ([`Locale::takes_raw`]): the whole value
/// goes inside single quotes, where every byte is literal, and each single
/// quote is written `'"'"'`. A value made only of `[A-Za-z0-9,./_:@+-]`
/// stands bare.
pub fn sh_quote(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    sh_quote_into(value, &mut out);
    out
}

/// [`sh_quote`] appending to `out`.
///
/// Why `'"'"'` and not `'\''`: in a Shift-JIS or JOHAB locale yash decodes
/// 0x5C as YEN SIGN or WON SIGN, not as a backslash, so `\'` would open a
/// quote instead of escaping one. No byte this writes outside the quotes is
/// a backslash, and `'` and `"` are never part of a multibyte character in
/// any charset glibc ships (`tests/locales.rs` checks every charmap).
pub fn sh_quote_into(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(|&c| bare(c)) {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 2);
    out.push(b'\'');
    let mut start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if c == b'\'' {
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(b"'\"'\"'");
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'\'');
}

/// ANSI-C quoting, `$'...'`, in pure ASCII: for a value that would not
/// read as itself in the shell's charset. Printable ASCII stands as it is
/// except `\` (written `\\`) and `'` (written `\047`, so that a shell
/// without `$'...'` still sees one plain single-quoted word when it parses
/// a branch it does not run); every other byte is a three-digit octal
/// escape, so a digit after it cannot join it. bash, zsh, ksh93, mksh and
/// busybox ash turn each escape into that very byte whatever the locale.
pub fn ansi_quote_into(value: &str, out: &mut Vec<u8>) {
    out.reserve(value.len() + 3);
    out.extend_from_slice(b"$'");
    for &c in value.as_bytes() {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\047"),
            0x20..=0x7e => out.push(c),
            _ => octal_into(c, out),
        }
    }
    out.push(b'\'');
}

/// `\ooo`.
fn octal_into(c: u8, out: &mut Vec<u8>) {
    out.extend_from_slice(&[
        b'\\',
        b'0' + (c >> 6),
        b'0' + ((c >> 3) & 7),
        b'0' + (c & 7),
    ]);
}

/// fish's quoting. Inside fish's single quotes `\'` and `\\` are escapes, so
/// both `'` and `\` are written outside the quotes: `'\''` and `'\\'`.
/// Everything else, newlines and control characters included, is literal.
/// fish reads ASCII as ASCII in every locale, so the backslashes are safe;
/// the value itself must read as itself ([`Locale::takes_raw`]).
pub fn fish_quote(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 2);
    fish_quote_into(value, &mut out);
    out
}

fn fish_quote_into(value: &str, out: &mut Vec<u8>) {
    let bytes = value.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(|&c| bare(c)) {
        out.extend_from_slice(bytes);
        return;
    }
    out.push(b'\'');
    let mut start = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if c == b'\'' || c == b'\\' {
            out.extend_from_slice(&bytes[start..i]);
            out.extend_from_slice(&[b'\'', b'\\', c, b'\'']);
            start = i + 1;
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'\'');
}

/// fish, for a value that would not read as itself in the charset: ASCII
/// runs quoted as [`fish_quote`] does, each other byte as `\xHH`, with `''`
/// between two such escapes. fish decodes a run of `\x` bytes as one
/// multibyte string (so `\xe9\x88\xa3` became one Big5-HKSCS character,
/// which its stateful encoder then lost); the empty quotes make it decode
/// each byte alone, and a byte that is no character by itself is kept raw.
/// Only for values [`Charset::bytes_round_trip_alone`] accepts.
pub fn fish_bytes_quote_into(value: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut after_escape = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii() {
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| i + n);
            // Quoted even when bare-safe, so that a following `\x` escape
            // never joins an unquoted word in an unexpected way.
            let mut part = Vec::new();
            fish_quote_into(&value[i..end], &mut part);
            if part.first() != Some(&b'\'') {
                out.push(b'\'');
                out.extend_from_slice(&part);
                out.push(b'\'');
            } else {
                out.extend_from_slice(&part);
            }
            after_escape = false;
            i = end;
        } else {
            if after_escape {
                out.extend_from_slice(b"''");
            }
            out.extend_from_slice(&[
                b'\\',
                b'x',
                HEX[usize::from(c >> 4)],
                HEX[usize::from(c & 15)],
            ]);
            after_escape = true;
            i += 1;
        }
    }
    if bytes.is_empty() {
        out.extend_from_slice(b"''");
    }
}

/// Bytes that may stand unquoted: ASCII only.
const fn bare(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b',' | b'.' | b'/' | b'_' | b'-' | b':' | b'@' | b'+')
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

/// Render `vars` (already validated names, in output order) for `format`,
/// as a shell reading in `locale` must be given them.
pub fn render(format: Format, vars: &[(&str, &str)], locale: &Locale) -> Result<Vec<u8>> {
    let size: usize = vars.iter().map(|(k, v)| k.len() + v.len() + 16).sum();
    let mut out = Vec::with_capacity(size + 64);
    match format {
        Format::Sh | Format::Bash | Format::Zsh => {
            let raw: Vec<bool> = vars.iter().map(|(_, v)| locale.takes_raw(v)).collect();
            if let Some((k, _)) = vars.iter().zip(&raw).find(|(_, r)| !**r).map(|(kv, _)| kv)
                && !locale.charset().reads_ascii_plainly()
            {
                return Err(not_plain(k, locale.charset()));
            }
            if raw.iter().all(|&r| r) {
                sh_exports_into(vars, &raw, &mut out);
            } else if format == Format::Sh {
                sh_portable_into(vars, &raw, locale.charset(), &mut out);
            } else {
                // bash and zsh both have `$'...'`.
                sh_exports_into(vars, &raw, &mut out);
            }
        }
        Format::Fish => {
            for (k, v) in vars {
                // `--` so a value starting with '-' is never read as an option.
                out.extend_from_slice(b"set -gx -- ");
                out.extend_from_slice(k.as_bytes());
                out.push(b' ');
                if !v.is_ascii() && !locale.charset().reads_ascii_plainly() {
                    return Err(not_plain(k, locale.charset()));
                }
                if !v.is_ascii() && !locale.charset().ascii_encodes_back(v.as_bytes()) {
                    return Err(fish_cannot(k, locale.charset()));
                }
                if locale.takes_raw(v) {
                    fish_quote_into(v, &mut out);
                } else if locale.charset().bytes_round_trip_alone(v.as_bytes()) {
                    fish_bytes_quote_into(v, &mut out);
                } else {
                    return Err(fish_cannot(k, locale.charset()));
                }
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

/// A value with bytes above 0x7f in a charset whose converter does not even
/// read ASCII plainly (TCVN5712-1): no form of it is exact in any shell.
fn not_plain(key: &str, charset: &Charset) -> Error {
    Error::usage(format!(
        "cannot load the value of {key} exactly in the locale {}: its converter does not read ASCII as plain ASCII (it composes characters), so shells change bytes of such values",
        charset.describe()
    ))
    .hint("load it in a UTF-8 locale (e.g. LC_ALL=C.UTF-8 for this block), or with --shell json")
}

fn fish_cannot(key: &str, charset: &Charset) -> Error {
    Error::usage(format!(
        "fish cannot hold the value of {key} exactly in the locale {}: some of its bytes read as characters that do not convert back to the same bytes",
        charset.describe()
    ))
    .hint("load it in a UTF-8 locale (e.g. LC_ALL=C.UTF-8 for this block), or with --shell json")
}

/// `export K=V` lines: `raw[i]` says whether value i reads as itself in the
/// shell's charset (single quotes) or needs `$'...'`.
fn sh_exports_into(vars: &[(&str, &str)], raw: &[bool], out: &mut Vec<u8>) {
    for ((k, v), &raw) in vars.iter().zip(raw) {
        out.extend_from_slice(b"export ");
        out.extend_from_slice(k.as_bytes());
        out.push(b'=');
        if raw {
            sh_quote_into(v, out);
        } else {
            ansi_quote_into(v, out);
        }
        out.push(b'\n');
    }
}

/// `--shell sh` when some value would not read as itself in the charset:
/// the script is then pure ASCII apart from values that do, so every shell
/// parses it as written, and it picks a form at run time.
///
/// - A shell with `$'...'` (bash, zsh, ksh93, mksh, busybox ash: `$'\101'`
///   is `A`) takes the `$'...'` form. Of these only bash, zsh and ksh93
///   decode multibyte input at all, and `$'...'` gives them bytes.
/// - A shell without it but with a builtin printf (dash) rebuilds the plain
///   single-quoted script with one printf and evaluates that: dash reads
///   bytes, not characters, so that script is exact there.
/// - Any other shell (posh: no `$'...'`, printf only as an external command
///   that would show the values in `ps`; yash: keeps values as characters,
///   so bytes that are none are lost) refuses with a message naming the
///   locale, and the `eval` fails. Nothing is exported in that case.
fn sh_portable_into(vars: &[(&str, &str)], raw: &[bool], charset: &Charset, out: &mut Vec<u8>) {
    out.extend_from_slice(b"case $'\\101' in\nA)\n");
    sh_exports_into(vars, raw, out);
    out.extend_from_slice(b";;\n*)\ncase $(command -v printf) in\nprintf)\neval \"$(printf '");
    let all_raw = vec![true; vars.len()];
    let mut plain = Vec::new();
    sh_exports_into(vars, &all_raw, &mut plain);
    for &c in &plain {
        match c {
            b'%' => out.extend_from_slice(b"%%"),
            c if bare(c) || c == b' ' || c == b'=' => out.push(c),
            c => octal_into(c, out),
        }
    }
    out.extend_from_slice(b"')\"\n;;\n*)\necho '");
    let place: String = charset
        .describe()
        .chars()
        .map(|c| {
            // Inside single quotes: any ASCII but the quote is literal.
            if c.is_ascii_alphanumeric() || " ._-@(),+:=".contains(c) {
                c
            } else {
                '?'
            }
        })
        .collect();
    out.extend_from_slice(
        format!(
            "blockstate: cannot load these values exactly in the locale {place}: this shell has neither ANSI-C quoting nor a builtin printf. Use dash, bash, zsh, ksh93 or mksh, or a UTF-8 locale (LC_ALL=C.UTF-8)"
        )
        .as_bytes(),
    );
    out.extend_from_slice(b"' >&2\nfalse\n;;\nesac\n;;\nesac\n");
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
    /// produce: bare `[A-Za-z0-9,./_:@+-]`, `'...'` runs, and `"'"`. A
    /// non-ASCII byte or a backslash outside quotes is refused: those are
    /// what a multibyte locale can misread.
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
                '"' => {
                    if chars.next()? != '\'' || chars.next()? != '"' {
                        return None;
                    }
                    out.push('\'');
                }
                c if c.is_ascii() && bare(c as u8) => out.push(c),
                _ => return None,
            }
        }
        Some(out)
    }

    /// `$'...'` read as bash reads it, for exactly what `ansi_quote_into`
    /// may produce; anything else, and any byte that is not printable
    /// ASCII, is refused.
    fn ansi_unquote(q: &[u8]) -> Option<Vec<u8>> {
        let body = q.strip_prefix(b"$'")?.strip_suffix(b"'")?;
        let mut out = Vec::new();
        let mut i = 0;
        while i < body.len() {
            match body[i] {
                b'\\' if body.get(i + 1) == Some(&b'\\') => {
                    out.push(b'\\');
                    i += 2;
                }
                b'\\' => {
                    let d = body.get(i + 1..i + 4)?;
                    if !d.iter().all(|c| (b'0'..=b'7').contains(c)) {
                        return None;
                    }
                    out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                    i += 4;
                }
                b'\'' => return None,
                c if (0x20..=0x7e).contains(&c) => {
                    out.push(c);
                    i += 1;
                }
                _ => return None,
            }
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
        assert_eq!(s(sh_quote("it's")), r#"'it'"'"'s'"#);
        assert_eq!(s(sh_quote("'")), r#"''"'"''"#);
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
            r#"'中'"'"' ; touch x ; '"'"''"#
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
        let out = render(Format::Sh, &[("A", "x y"), ("B", "")], &Locale::named("C"))
            .map(s)
            .ok();
        assert_eq!(out.as_deref(), Some("export A='x y'\nexport B=''\n"));
        assert_eq!(failure_line(Format::Bash), "false\n");
        assert_eq!(failure_line(Format::Json), "");
    }

    /// In the C locale bytes above 0x7f are no characters, so a value with
    /// them gets the ASCII-only forms; ASCII values and UTF-8 locales keep
    /// plain single quotes. (`tests/locales.rs` runs these in real shells.)
    #[test]
    fn values_that_do_not_read_as_themselves_get_ascii_only_forms() {
        let c = Locale::named("C");
        let vars = [("A", "é'1"), ("B", "x y")];
        let bash = render(Format::Bash, &vars, &c).map(s).ok();
        assert_eq!(
            bash.as_deref(),
            Some("export A=$'\\303\\251\\0471'\nexport B='x y'\n")
        );
        let sh = render(Format::Sh, &vars, &c).map(s).unwrap_or_default();
        assert!(sh.is_ascii(), "{sh}");
        assert!(
            sh.starts_with("case $'\\101' in\nA)\nexport A=$'\\303\\251\\0471'\n"),
            "{sh}"
        );
        assert!(
            sh.contains(
                "eval \"$(printf 'export A=\\047\\303\\251\\047\\042\\047\\042\\0471\\047\\012"
            ),
            "{sh}"
        );
        assert!(
            sh.contains(
                "cannot load these values exactly in the locale C (charset ANSI_X3.4-1968)"
            ),
            "{sh}"
        );
        let fish = render(Format::Fish, &vars, &c).map(s).ok();
        assert_eq!(
            fish.as_deref(),
            Some("set -gx -- A \\xc3''\\xa9''\\''1'\nset -gx -- B 'x y'\n")
        );
        let utf8 = Locale::named("C.UTF-8");
        let plain = render(Format::Sh, &vars, &utf8).map(s).ok();
        assert_eq!(
            plain.as_deref(),
            Some("export A='é'\"'\"'1'\nexport B='x y'\n")
        );
    }

    #[test]
    fn render_json_is_an_object() {
        let out = render(Format::Json, &[("B", "2"), ("A", "\n")], &Locale::named(""))
            .map(s)
            .ok();
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
        fn ansi_quote_round_trips(v in hostile()) {
            let mut q = Vec::new();
            ansi_quote_into(&v, &mut q);
            prop_assert!(q.is_ascii());
            prop_assert_eq!(ansi_unquote(&q), Some(v.into_bytes()));
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
