//! A reimplementation of the GitHub Actions runner's `$GITHUB_ENV` parser
//! (actions/runner, src/Runner.Worker/FileCommandManager.cs,
//! `SetEnvFileCommand`), to read `load --shell github` output back the way
//! the runner does.
#![allow(dead_code)]

/// The runner's rules, as on Linux and macOS runners:
/// - the file is split into lines at `\n` (the runner honours `\r\n` only
///   on Windows);
/// - empty lines are skipped;
/// - a line whose first `=` comes before any `<<` is `NAME=VALUE`, split at
///   the first `=`;
/// - a line whose first `<<` comes before any `=` is `NAME<<DELIMITER`:
///   the value is every following line up to the first line equal to
///   DELIMITER, joined with the newlines between them (the newline before
///   the delimiter line is not part of the value); no such line is an error;
/// - anything else is an error.
///
/// Later assignments win, as in the runner's dictionary.
pub fn parse_github_env(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut index = 0;
    while let Some((line, _)) = read_line(text, &mut index) {
        if line.is_empty() {
            continue;
        }
        let equals = line.find('=');
        let heredoc = line.find("<<");
        match (equals, heredoc) {
            (Some(e), h) if h.is_none_or(|h| e < h) => {
                out.push((line[..e].to_owned(), line[e + 1..].to_owned()));
            }
            (e, Some(h)) if e.is_none_or(|e| h < e) => {
                let (name, delimiter) = (&line[..h], &line[h + 2..]);
                if name.is_empty() || delimiter.is_empty() {
                    return Err(format!("Invalid environment variable format '{line}'"));
                }
                let start = index;
                let mut end = index;
                loop {
                    match read_line(text, &mut index) {
                        None => {
                            return Err(format!(
                                "Invalid environment variable value. Matching delimiter not found '{delimiter}'"
                            ));
                        }
                        Some((l, _)) if l == delimiter => break,
                        Some((_, newline)) => end = index - newline,
                    }
                }
                let value = if end > start { &text[start..end] } else { "" };
                out.push((name.to_owned(), value.to_owned()));
            }
            _ => return Err(format!("Invalid environment variable format '{line}'")),
        }
    }
    Ok(out)
}

/// The next line from `index`, and the length of the newline that ended it
/// (0 at the end of the text).
fn read_line<'a>(text: &'a str, index: &mut usize) -> Option<(&'a str, usize)> {
    if *index >= text.len() {
        return None;
    }
    let start = *index;
    match text[start..].find('\n') {
        Some(lf) => {
            *index = start + lf + 1;
            Some((&text[start..start + lf], 1))
        }
        None => {
            *index = text.len();
            Some((&text[start..], 0))
        }
    }
}

pub fn lookup<'a>(vars: &'a [(String, String)], name: &str) -> Option<&'a str> {
    vars.iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
