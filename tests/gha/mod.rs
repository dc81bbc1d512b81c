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

/// The runner's `_setEnvBlockList` (`SetEnvFileCommand`): names it refuses
/// to take from `$GITHUB_ENV`, failing the step, compared with
/// `StringComparison.OrdinalIgnoreCase`.
const SET_ENV_BLOCK_LIST: &[&str] = &["NODE_OPTIONS"];

/// Whether the runner refuses `name` in `$GITHUB_ENV`.
pub fn runner_refuses(name: &str) -> bool {
    SET_ENV_BLOCK_LIST
        .iter()
        .any(|b| b.eq_ignore_ascii_case(name))
}

/// The lines the runner reads from a step's output: .NET's `ReadLine`,
/// which ends a line at `\n`, `\r` or `\r\n`.
pub fn output_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// The secrets registered by the `::add-mask::` commands in a step's
/// output, read as the runner does (`ActionCommand.TryParseV2`: the line,
/// trimmed at the start, is `::add-mask::DATA`; `UnescapeData` replaces
/// `%0D`, `%0A` and then `%25`). Blank data is refused with a warning, as
/// `AddMaskCommandExtension` does. Any other line is returned in `Err`.
pub fn parse_add_masks(output: &str) -> Result<Vec<String>, String> {
    let mut masks = Vec::new();
    for line in output_lines(output) {
        let message = line.trim_start();
        let Some(rest) = message.strip_prefix("::") else {
            return Err(format!("not a workflow command: {line:?}"));
        };
        let Some(end) = rest.find("::") else {
            return Err(format!("not a workflow command: {line:?}"));
        };
        if &rest[..end] != "add-mask" {
            return Err(format!("not an add-mask command: {line:?}"));
        }
        let data = rest[end + 2..]
            .replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%25", "%");
        if data.trim().is_empty() {
            return Err(format!("the runner warns about a blank mask: {line:?}"));
        }
        masks.push(data);
    }
    Ok(masks)
}

/// Whether every occurrence of `secret` in the log line `line` is hidden
/// by the runner's secret masker, which blanks every occurrence of every
/// registered secret (overlapping ones too).
pub fn hidden_in(line: &str, secret: &str, secrets: &[String]) -> bool {
    let mut hidden = vec![false; line.len()];
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        for at in occurrences(line, s) {
            hidden[at..at + s.len()].iter_mut().for_each(|h| *h = true);
        }
    }
    occurrences(line, secret)
        .into_iter()
        .all(|at| hidden[at..at + secret.len()].iter().all(|h| *h))
}

/// Where `needle` starts in `hay`, overlapping matches included.
fn occurrences(hay: &str, needle: &str) -> Vec<usize> {
    (0..hay.len())
        .filter(|&i| hay.is_char_boundary(i) && hay[i..].starts_with(needle))
        .collect()
}
