//! What the GitHub Actions runner does with what blockstate writes for it:
//! the names it refuses in `$GITHUB_ENV`, and the `::add-mask::` workflow
//! commands that keep stored values out of the job's logs.
//!
//! Both follow the runner's source (actions/runner): `SetEnvFileCommand`
//! in src/Runner.Worker/FileCommandManager.cs for the env file, and
//! `ActionCommand.TryParseV2` / `UnescapeData` in
//! src/Runner.Common/ActionCommand.cs with `AddMaskCommandExtension` for
//! the masks. tests/gha/mod.rs reimplements both to read the output back.

use crate::error::{Error, Result};

/// Names the runner refuses to take from `$GITHUB_ENV` (its
/// `_setEnvBlockList`), compared without regard to letter case. It fails
/// the step rather than skip the line, so blockstate refuses to write one.
pub const RUNNER_REFUSED: &[&str] = &["NODE_OPTIONS"];

/// Refuse a name the runner would refuse in `$GITHUB_ENV`.
pub fn check_env_name(name: &str) -> Result<()> {
    match RUNNER_REFUSED
        .iter()
        .find(|refused| refused.eq_ignore_ascii_case(name))
    {
        None => Ok(()),
        Some(refused) => Err(Error::usage(format!(
            "{name} cannot be passed on through $GITHUB_ENV: the GitHub Actions runner refuses {refused} there (in any letter case) and fails the step; nothing was written"
        ))
        .hint(format!(
            "unset it in this workflow (`blockstate unset {name}`) and give it to the commands that need it another way, e.g. `blockstate exec -- CMD` or the workflow file's `env:`"
        ))),
    }
}

/// `::add-mask::` commands for `values`: the runner then prints `***`
/// instead of each one in this step's log and every later step's. The
/// runner reads its logs line by line (a line ends at `\n`, `\r` or
/// `\r\n`), so a value spread over several lines is masked line by line
/// too, besides as a whole. Blank lines and empty values are left out: the
/// runner refuses to mask them. Each value is written once.
pub fn mask_commands<'a>(values: impl IntoIterator<Item = &'a str>, out: &mut Vec<u8>) {
    let mut seen = std::collections::BTreeSet::new();
    for value in values {
        let lines = value.split(['\r', '\n']);
        let whole = (value.contains(['\r', '\n'])).then_some(value);
        for secret in whole.into_iter().chain(lines) {
            if secret.trim().is_empty() || !seen.insert(secret) {
                continue;
            }
            out.extend_from_slice(b"::add-mask::");
            escape_data(secret, out);
            out.push(b'\n');
        }
    }
}

/// The runner's escaping of a command's data: `%`, `\r` and `\n` as `%25`,
/// `%0D` and `%0A`. `%` goes first, so the runner's unescaping (which
/// replaces `%25` last) gives back exactly the value.
fn escape_data(value: &str, out: &mut Vec<u8>) {
    for b in value.bytes() {
        match b {
            b'%' => out.extend_from_slice(b"%25"),
            b'\r' => out.extend_from_slice(b"%0D"),
            b'\n' => out.extend_from_slice(b"%0A"),
            _ => out.push(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masks(values: &[&str]) -> String {
        let mut out = Vec::new();
        mask_commands(values.iter().copied(), &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn refused_names_in_any_case() {
        for name in ["NODE_OPTIONS", "node_options", "Node_Options"] {
            let e = check_env_name(name).err();
            assert!(
                e.as_ref()
                    .is_some_and(|e| e.message.contains("refuses NODE_OPTIONS")),
                "{name}: {e:?}"
            );
        }
        for name in ["NODE_OPTION", "NODE_OPTIONS_X", "PATH", "A"] {
            assert!(check_env_name(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn masks_are_escaped_split_and_deduplicated() {
        assert_eq!(masks(&["s3cret"]), "::add-mask::s3cret\n");
        assert_eq!(masks(&["", " ", "\n"]), "");
        assert_eq!(masks(&["100%"]), "::add-mask::100%25\n");
        assert_eq!(
            masks(&["a\nb\r\nc", "b"]),
            "::add-mask::a%0Ab%0D%0Ac\n::add-mask::a\n::add-mask::b\n::add-mask::c\n"
        );
        assert_eq!(masks(&["x", "x"]), "::add-mask::x\n");
    }
}
