//! Log files of background processes: `DIR/logs/ID.NAME.log`, where DIR is
//! the state directory (with the Redis store: the local one, since a
//! process and its log are on one machine; their names then end in
//! `@TAG`, a digest of the server and namespace, so that two stores never
//! share a log).
//!
//! The directory is private like the state directory (0700, owned by the
//! user, not a symlink), the files 0600 whatever the umask, and a planted
//! link, FIFO or foreign file is refused. The path is always computed from
//! the workflow and the name, never taken from a record: a record edited
//! by hand can name any file, and `gc` deletes logs.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::workflow::WorkflowId;

/// The log directory under a state directory.
pub fn dir_of(state_dir: &Path) -> PathBuf {
    state_dir.join("logs")
}

/// Where the log of process `name` of workflow `id` is.
pub fn path_of(state_dir: &Path, id: &WorkflowId, name: &str, tag: Option<&str>) -> PathBuf {
    let file = match tag {
        None => format!("{id}.{name}.log"),
        Some(t) => format!("{id}.{name}@{t}.log"),
    };
    dir_of(state_dir).join(file)
}

/// Create `dir` (0700) if `create` and it is missing, and check it as the
/// state directory is checked. `None` if it is missing and not created.
fn private_dir(dir: &Path, create: bool) -> Result<Option<File>> {
    if create {
        match DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io("creating directory", dir, &e)),
        }
    }
    let opened = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(dir);
    let file = match opened {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENOTDIR)) => {
            return Err(Error::unsafe_dir(format!(
                "{} is a symbolic link or not a directory; blockstate keeps logs only in a real private directory",
                dir.display()
            ))
            .hint(format!("remove it (`rm {}`), then retry", dir.display())));
        }
        Err(e) => return Err(Error::io("opening directory", dir, &e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io("inspecting directory", dir, &e))?;
    let me = crate::ownership::euid();
    if meta.uid() != me {
        return Err(Error::unsafe_dir(format!(
            "{} is owned by uid {}, not by you (uid {me})",
            dir.display(),
            meta.uid()
        ))
        .hint("use a state directory you own: --dir / BLOCKSTATE_DIR"));
    }
    if meta.mode() & 0o077 != 0 {
        return Err(Error::unsafe_dir(format!(
            "{} has mode {:04o}; it must not be accessible to group or others",
            dir.display(),
            meta.mode() & 0o7777
        ))
        .hint(format!("run `chmod 700 {}`", dir.display())));
    }
    Ok(Some(file))
}

/// The log directory, created if missing (and the state directory above
/// it, as the file store would create it).
fn ensure_dirs(state_dir: &Path) -> Result<()> {
    if state_dir.as_os_str().is_empty() {
        return Err(
            Error::unsafe_dir("no local directory for the logs of background processes")
                .hint("set BLOCKSTATE_DIR (or pass --dir) to a directory only you can access"),
        );
    }
    if let Some(parent) = state_dir.parent()
        && !parent.as_os_str().is_empty()
    {
        fs::create_dir_all(parent)
            .map_err(|e| Error::io("creating the parent of the state directory", parent, &e))?;
    }
    private_dir(state_dir, true)?;
    private_dir(&dir_of(state_dir), true)?;
    Ok(())
}

fn planted(path: &Path, what: &str) -> Error {
    Error::unsafe_dir(format!(
        "log file {} is {what}; blockstate only writes and reads log files it created",
        path.display()
    ))
    .hint(format!(
        "inspect and remove it (`rm {}`), then retry",
        path.display()
    ))
}

fn check_file(path: &Path, file: &File) -> Result<()> {
    let meta = file
        .metadata()
        .map_err(|e| Error::io("inspecting log file", path, &e))?;
    match crate::ownership::foreign_file(&meta) {
        Some(what) => Err(planted(path, &what)),
        None => Ok(()),
    }
}

fn open_error(path: &Path, e: &io::Error, doing: &str) -> Error {
    match e.raw_os_error() {
        Some(libc::ELOOP) => planted(path, "a symbolic link"),
        // A FIFO with no reader, opened without blocking for writing.
        Some(libc::ENXIO) | Some(libc::EISDIR) => planted(path, "not a regular file"),
        _ => Error::io(doing, path, e),
    }
}

/// Open (create, 0600) the log for appending. Returns the file and its
/// length before this run's output.
pub fn open_append(state_dir: &Path, path: &Path) -> Result<(File, u64)> {
    ensure_dirs(state_dir)?;
    let file = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| open_error(path, &e, "opening log file"))?;
    check_file(path, &file)?;
    // Whatever the umask: only the user may read what the process prints.
    file.set_permissions(fs::Permissions::from_mode(0o600))
        .map_err(|e| Error::io("setting the mode of log file", path, &e))?;
    let len = file
        .metadata()
        .map_err(|e| Error::io("inspecting log file", path, &e))?
        .len();
    Ok((file, len))
}

/// Open the log for reading; `None` if there is none.
pub fn open_read(state_dir: &Path, path: &Path) -> Result<Option<File>> {
    if private_dir(&dir_of(state_dir), false)?.is_none() {
        return Ok(None);
    }
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(open_error(path, &e, "opening log file")),
    };
    check_file(path, &file)?;
    Ok(Some(file))
}

/// The last `lines` lines of `file` (at most 1 MiB of them), from `from`
/// on.
pub fn tail(file: &mut File, from: u64, lines: usize) -> io::Result<Vec<u8>> {
    const MAX: u64 = 1024 * 1024;
    let end = file.seek(SeekFrom::End(0))?;
    let start = end.saturating_sub(MAX).max(from);
    file.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    file.take(end - start).read_to_end(&mut buf)?;
    if lines == 0 {
        return Ok(Vec::new());
    }
    // Count newlines from the end, ignoring a final one.
    let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
    let mut seen = 0;
    let mut cut = 0;
    for (i, &b) in body.iter().enumerate().rev() {
        if b == b'\n' {
            seen += 1;
            if seen == lines {
                cut = i + 1;
                break;
            }
        }
    }
    Ok(buf[cut..].to_vec())
}

/// Remove every log of workflow `id` in this store (`tag`).
pub fn remove_logs_of(state_dir: &Path, id: &WorkflowId, tag: Option<&str>) -> Result<usize> {
    remove_matching(state_dir, tag, false, |wf| wf == id.as_str())
}

/// Remove logs of this store (`tag`) whose workflow `exists` says is gone,
/// except those written in the last minute (a `spawn` opens its log
/// before it records the process).
pub fn remove_orphans(
    state_dir: &Path,
    tag: Option<&str>,
    mut exists: impl FnMut(&WorkflowId) -> Result<bool>,
) -> Result<usize> {
    let mut err = None;
    let n = remove_matching(state_dir, tag, true, |wf| {
        let Ok(id) = WorkflowId::parse(wf) else {
            return false;
        };
        match exists(&id) {
            Ok(true) => false,
            Ok(false) => true,
            Err(e) => {
                err.get_or_insert(e);
                false
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    n
}

/// Remove the log files of this store (`tag`) whose workflow ID `doomed`
/// selects (with `skip_recent`, not those modified in the last minute).
fn remove_matching(
    state_dir: &Path,
    tag: Option<&str>,
    skip_recent: bool,
    mut doomed: impl FnMut(&str) -> bool,
) -> Result<usize> {
    let dir = dir_of(state_dir);
    if private_dir(&dir, false)?.is_none() {
        return Ok(0);
    }
    let entries = fs::read_dir(&dir).map_err(|e| Error::io("listing", &dir, &e))?;
    let recent = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some((wf, entry_tag)) = parse_name(name) else {
            continue;
        };
        if entry_tag != tag || !doomed(wf) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if skip_recent && meta.modified().is_ok_and(|m| m > recent) {
            continue;
        }
        match fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("removing log file", &entry.path(), &e)),
        }
    }
    Ok(removed)
}

/// `ID.NAME.log` → (ID, None); `ID.NAME@TAG.log` → (ID, Some(TAG)). Names
/// hold no `.`, so the last `.` before the name splits them.
fn parse_name(file: &str) -> Option<(&str, Option<&str>)> {
    let stem = file.strip_suffix(".log")?;
    let (stem, tag) = match stem.split_once('@') {
        Some((s, t)) => (s, Some(t)),
        None => (stem, None),
    };
    let (wf, name) = stem.rsplit_once('.')?;
    crate::process::record::check_name(name).ok()?;
    Some((wf, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        assert_eq!(parse_name("wf-1.web.log"), Some(("wf-1", None)));
        assert_eq!(parse_name("a.b.c.web.log"), Some(("a.b.c", None)));
        assert_eq!(
            parse_name("wf.dev-db@0123abcd.log"),
            Some(("wf", Some("0123abcd")))
        );
        assert_eq!(parse_name("wf.Web.log"), None);
        assert_eq!(parse_name("web.log.txt"), None);
    }

    #[test]
    fn tail_keeps_the_last_lines() -> io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let p = tmp.path().join("l");
        fs::write(&p, b"one\ntwo\nthree\nfour\n")?;
        let mut f = File::open(&p)?;
        assert_eq!(tail(&mut f, 0, 2)?, b"three\nfour\n");
        assert_eq!(tail(&mut f, 0, 10)?, b"one\ntwo\nthree\nfour\n");
        assert_eq!(tail(&mut f, 8, 10)?, b"three\nfour\n");
        assert_eq!(tail(&mut f, 0, 0)?, b"");
        fs::write(&p, b"no newline")?;
        let mut f = File::open(&p)?;
        assert_eq!(tail(&mut f, 0, 1)?, b"no newline");
        Ok(())
    }
}
