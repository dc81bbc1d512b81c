//! The block `blockstate hook` keeps in a file that a host sources before
//! each command ($CLAUDE_ENV_FILE, or any other), and its atomic rewrite.
//!
//! The block holds no value, ever: it names the workflow and runs
//! `load --capture`, so each command starts with the workflow's state and
//! stores its own exports when it ends. It guards itself: if blockstate is
//! missing or the load fails, it says so on stderr and the command runs on
//! without the state, so no line of it can break every later command. A
//! new run replaces the block (between its two marker lines) and keeps the
//! rest of the file byte for byte, so the file never grows.

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;

use crate::cli::HookShell;
use crate::emit::{fish_quote, sh_quote};
use crate::error::{Error, Result};
use crate::workflow::WorkflowId;

pub const BEGIN: &str = "# >>> blockstate hook >>>";
pub const END: &str = "# <<< blockstate hook <<<";

/// The block for `shell`, selecting workflow `id` and running the
/// blockstate at `bin`.
pub fn block(shell: HookShell, id: &WorkflowId, bin: &str) -> String {
    let note =
        " (written by `blockstate hook`, replaced at each run: do not edit; it holds no value)";
    let failed = format!(
        "blockstate: could not load workflow {id} (see above); this command runs without its state"
    );
    match shell {
        HookShell::Sh => {
            let bin = String::from_utf8_lossy(&sh_quote(bin)).into_owned();
            let failed = String::from_utf8_lossy(&sh_quote(&failed)).into_owned();
            format!(
                "{BEGIN}{note}
if _blockstate_hook=$({bin} -w {id} load --capture); then
  eval \"unset _blockstate_hook
${{_blockstate_hook}}\"
else
  unset _blockstate_hook
  printf '%s\\n' {failed} >&2
fi
{END}
"
            )
        }
        HookShell::Fish => {
            let bin = String::from_utf8_lossy(&fish_quote(bin)).into_owned();
            let failed = String::from_utf8_lossy(&fish_quote(&failed)).into_owned();
            format!(
                "{BEGIN}{note}
{bin} -w {id} load --shell fish --capture | source
or printf '%s\\n' {failed} >&2
{END}
"
            )
        }
    }
}

/// `text` without any blockstate block (from a BEGIN line through the next
/// END line).
fn without_block(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut inside = false;
    for line in text.split_inclusive(|&b| b == b'\n') {
        let bare = line.strip_suffix(b"\n").unwrap_or(line);
        if !inside && bare.starts_with(BEGIN.as_bytes()) {
            inside = true;
        } else if inside {
            if bare.starts_with(END.as_bytes()) {
                inside = false;
            }
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

/// Put `block` into `file` in place of any earlier one, keeping the rest
/// of the file and its mode (0600 for a new file). Atomic: a temporary
/// file in the same directory, flushed, then renamed over the file, so the
/// host sources either the old file or the new one. Nothing is written
/// when the file already holds exactly this.
pub fn install(file: &Path, block: &str) -> Result<()> {
    let (old, mode) = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(file)
    {
        Ok(mut f) => {
            let meta = f
                .metadata()
                .map_err(|e| Error::io("inspecting", file, &e))?;
            if !meta.is_file() {
                return Err(Error::usage(format!(
                    "{} is not a regular file, so blockstate will not rewrite it",
                    file.display()
                ))
                .hint("point the hook at a regular file"));
            }
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes)
                .map_err(|e| Error::io("reading", file, &e))?;
            (Some(bytes), meta.permissions().mode() & 0o7777)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, 0o600),
        Err(e) => return Err(Error::io("opening", file, &e)),
    };
    let mut next = without_block(old.as_deref().unwrap_or_default());
    if !next.is_empty() && !next.ends_with(b"\n") {
        next.push(b'\n');
    }
    next.extend_from_slice(block.as_bytes());
    if old.as_deref() == Some(next.as_slice()) {
        return Ok(());
    }
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(
        ".{name}.blockstate-{:016x}",
        crate::workflow::random_u64()
    ));
    let written = (|| -> std::io::Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        f.set_permissions(fs::Permissions::from_mode(mode))?;
        f.write_all(&next)?;
        f.sync_data()?;
        fs::rename(&temp, file)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("rewriting", file, &e)
            .hint("check that the directory is writable; the file was left as it was"));
    }
    Ok(())
}

/// The part of Claude Code's SessionStart input blockstate uses.
#[derive(serde::Deserialize)]
struct SessionStart {
    session_id: String,
}

/// The session ID from the hook's JSON input (at most 1 MiB is read).
pub fn claude_session_id(input: &mut impl Read) -> Result<String> {
    let mut bytes = Vec::new();
    input
        .take(1024 * 1024)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::usage(format!(
                "reading the hook's JSON on standard input failed: {e}"
            ))
            .hint("run `blockstate hook claude-code` as a Claude Code SessionStart hook")
        })?;
    let parsed: SessionStart = serde_json::from_slice(&bytes).map_err(|e| {
        Error::usage(format!(
            "standard input is not Claude Code's SessionStart JSON with a session_id: {e}"
        ))
        .hint("run `blockstate hook claude-code` as a Claude Code SessionStart hook (it reads the hook's JSON on standard input)")
    })?;
    if parsed.session_id.trim().is_empty() {
        return Err(
            Error::usage("the SessionStart JSON has an empty session_id")
                .hint("run `blockstate hook claude-code` as a Claude Code SessionStart hook"),
        );
    }
    Ok(parsed.session_id)
}

/// The workflow of a Claude Code session: the same as
/// `blockstate id "claude-code session SESSION_ID"`.
pub fn claude_description(session_id: &str) -> String {
    format!("claude-code session {session_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_is_replaced_and_the_rest_kept() {
        let text = format!("export A=1\n{BEGIN} x\nold\n{END}\nexport B=2");
        assert_eq!(without_block(text.as_bytes()), b"export A=1\nexport B=2");
        assert_eq!(without_block(b"no block\n"), b"no block\n");
    }
}
