//! The default store: one JSON file per workflow in a private directory.
//!
//! Layout of the state directory:
//! - `ID.json`   the state, replaced only by rename, so readers (who take no
//!   lock) see the old or the new version, never a torn one;
//! - `ID.lock`   the workflow's writer lock. It is never replaced by rename
//!   and only deleted while the directory lock is held exclusively;
//! - `.ID.tmp-*` a write in progress (or left by a killed writer; `gc`
//!   removes those).
//!
//! Writers hold a shared flock on the directory itself and an exclusive one
//! on `ID.lock`. `gc` without a workflow holds the directory lock
//! exclusively, so it can delete lock and temporary files that nobody uses.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lock::{self, Mode};
use crate::store::{GcReport, GcScope, SetRequest, State, Store};
use crate::vars::MAX_STATE_BYTES;
use crate::workflow::{WorkflowId, random_u64};

pub struct FileStore {
    dir: PathBuf,
    lock_timeout_ms: u64,
    default_ttl_secs: u64,
}

const TEMP_MARK: &str = ".tmp-";

impl FileStore {
    pub fn new(dir: PathBuf, lock_timeout_ms: u64, default_ttl_secs: u64) -> Self {
        FileStore {
            dir,
            lock_timeout_ms,
            default_ttl_secs,
        }
    }

    pub fn state_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    fn temp_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir
            .join(format!(".{id}{TEMP_MARK}{:016x}", random_u64()))
    }

    /// The directory, checked, if it exists.
    fn open_dir(&self) -> Result<Option<File>> {
        match fs::symlink_metadata(&self.dir) {
            Ok(_) => check_private_dir(&self.dir).map(Some),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io("inspecting state directory", &self.dir, &e)),
        }
    }

    /// The directory, created (mode 0700) if missing, and checked.
    fn open_or_create_dir(&self) -> Result<File> {
        if let Some(dir) = self.open_dir()? {
            return Ok(dir);
        }
        if let Some(parent) = self.dir.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Error::io("creating the parent of the state directory", parent, &e))?;
        }
        match DirBuilder::new().mode(0o700).create(&self.dir) {
            Ok(()) => {}
            // Another process won the race to create it; it is checked below.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io("creating state directory", &self.dir, &e)),
        }
        check_private_dir(&self.dir)
    }

    /// Read and validate a state file. Absent (or expired, when `now` is
    /// given) reads as `None`.
    fn read_state(&self, path: &Path, now: Option<u64>) -> Result<Option<State>> {
        let file = match OpenOptions::new()
            .read(true)
            // O_NONBLOCK: opening a planted FIFO must not hang.
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
            .open(path)
        {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
                return Err(planted(path, "a symbolic link"));
            }
            Err(e) => return Err(Error::io("opening state file", path, &e)),
        };
        let meta = file
            .metadata()
            .map_err(|e| Error::io("inspecting state file", path, &e))?;
        check_own_regular_file(path, &meta)?;
        if meta.len() > MAX_STATE_BYTES {
            return Err(Error::bad_state(format!(
                "state file {} is {} bytes; the limit is {MAX_STATE_BYTES} bytes",
                path.display(),
                meta.len()
            ))
            .hint("it was not written by blockstate: inspect it, then delete it with `blockstate gc -w ID`"));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // Read one byte past the limit so a file that grew since fstat is
        // still caught.
        (&file)
            .take(MAX_STATE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("reading state file", path, &e))?;
        if bytes.len() as u64 > MAX_STATE_BYTES {
            return Err(Error::bad_state(format!(
                "state file {} grew past {MAX_STATE_BYTES} bytes",
                path.display()
            )));
        }
        let state = State::from_json(&bytes, &path.display().to_string())?;
        Ok(match now {
            Some(now) if state.is_expired(now) => None,
            _ => Some(state),
        })
    }

    /// Read-modify-write one workflow under its lock. `change` gets the
    /// current live state and returns the state to store, or `None` to leave
    /// the file as it is.
    fn modify(
        &self,
        id: &WorkflowId,
        now: u64,
        create_dir: bool,
        change: impl FnOnce(Option<State>) -> Result<Option<State>>,
    ) -> Result<()> {
        let dir = if create_dir {
            self.open_or_create_dir()?
        } else {
            match self.open_dir()? {
                Some(d) => d,
                None => return Ok(()),
            }
        };
        lock::lock(&dir, &self.dir, Mode::Shared, self.lock_timeout_ms)?;
        let lock_path = self.lock_path(id);
        let lock_file = open_lock_file(&lock_path)?;
        lock::lock(
            &lock_file,
            &lock_path,
            Mode::Exclusive,
            self.lock_timeout_ms,
        )?;

        let path = self.state_path(id);
        let current = self.read_state(&path, Some(now))?;
        let Some(next) = change(current)? else {
            return Ok(());
        };
        let bytes = next.to_json()?;
        self.replace(id, &path, &bytes, &dir)
    }

    /// Write `bytes` to a new temporary file, flush it to disk, rename it
    /// over `path` and flush the directory, so that after a crash the file
    /// is the old version or the new one.
    fn replace(&self, id: &WorkflowId, path: &Path, bytes: &[u8], dir: &File) -> Result<()> {
        let temp = self.temp_path(id);
        let result = write_new_file(&temp, bytes).and_then(|()| {
            fs::rename(&temp, path).map_err(|e| Error::io("replacing state file", path, &e))
        });
        if let Err(e) = result {
            // Best effort: gc removes it later if this fails too.
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
        dir.sync_all()
            .map_err(|e| Error::io("flushing state directory", &self.dir, &e))
    }

    /// Remove `ID.lock` if no one uses it: only possible while holding the
    /// directory lock exclusively, which excludes every writer.
    fn remove_lock_if_idle(&self, id: &WorkflowId, dir: &File) -> Result<()> {
        if lock::try_once(dir, &self.dir, Mode::Exclusive)? && !present(&self.state_path(id)) {
            remove_if_present(&self.lock_path(id))?;
        }
        Ok(())
    }
}

impl Store for FileStore {
    fn load(&self, id: &WorkflowId, now: u64) -> Result<Option<State>> {
        if self.open_dir()?.is_none() {
            return Ok(None);
        }
        self.read_state(&self.state_path(id), Some(now))
    }

    fn set(&self, id: &WorkflowId, req: &SetRequest) -> Result<()> {
        self.modify(id, req.now, true, |current| {
            let mut state =
                current.unwrap_or_else(|| State::new(id, req.now, self.default_ttl_secs));
            req.apply(&mut state)?;
            Ok(Some(state))
        })
    }

    fn unset(&self, id: &WorkflowId, keys: &[String], now: u64) -> Result<()> {
        self.modify(id, now, false, |current| {
            let Some(mut state) = current else {
                return Ok(None);
            };
            let before = state.vars.len();
            for k in keys {
                state.vars.remove(k);
            }
            if state.vars.len() == before {
                return Ok(None);
            }
            state.updated = now;
            Ok(Some(state))
        })
    }

    fn remove(&self, id: &WorkflowId) -> Result<()> {
        let Some(dir) = self.open_dir()? else {
            return Ok(());
        };
        let path = self.state_path(id);
        let lock_path = self.lock_path(id);
        if !present(&path) && !present(&lock_path) {
            return Ok(());
        }
        lock::lock(&dir, &self.dir, Mode::Shared, self.lock_timeout_ms)?;
        let lock_file = open_lock_file(&lock_path)?;
        lock::lock(
            &lock_file,
            &lock_path,
            Mode::Exclusive,
            self.lock_timeout_ms,
        )?;
        remove_if_present(&path)?;
        dir.sync_all()
            .map_err(|e| Error::io("flushing state directory", &self.dir, &e))?;
        drop(lock_file);
        self.remove_lock_if_idle(id, &dir)
    }

    fn workflows(&self, now: u64) -> Result<(Vec<State>, Vec<Error>)> {
        let mut found = Vec::new();
        let mut errors = Vec::new();
        let Some(_dir) = self.open_dir()? else {
            return Ok((found, errors));
        };
        for (id, path) in self.state_files()? {
            match self.read_state(&path, Some(now)) {
                Ok(Some(state)) => found.push(state),
                Ok(None) => {}
                Err(e) => errors.push(Error {
                    message: format!("workflow {id}: {}", e.message),
                    ..e
                }),
            }
        }
        found.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.workflow.cmp(&b.workflow)));
        Ok((found, errors))
    }

    fn gc(&self, scope: GcScope, now: u64) -> Result<GcReport> {
        let mut report = GcReport::default();
        let Some(dir) = self.open_dir()? else {
            return Ok(report);
        };
        lock::lock(&dir, &self.dir, Mode::Exclusive, self.lock_timeout_ms)?;
        for (id, path) in self.state_files()? {
            let doomed = match self.read_state(&path, None) {
                Ok(Some(state)) => scope.selects(&state, now),
                Ok(None) => false,
                Err(e) => {
                    if matches!(scope, GcScope::All) {
                        true
                    } else {
                        report.skipped.push(format!("{id}: {}", e.message));
                        false
                    }
                }
            };
            if doomed {
                remove_if_present(&path)?;
                report.workflows_removed += 1;
            }
        }
        for entry in read_dir(&self.dir)? {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name.starts_with('.') && name.contains(TEMP_MARK) {
                remove_if_present(&entry.path())?;
                report.temp_files_removed += 1;
            } else if let Some(stem) = name.strip_suffix(".lock")
                && WorkflowId::parse(stem).is_ok()
                && !present(&self.dir.join(format!("{stem}.json")))
            {
                remove_if_present(&entry.path())?;
            }
        }
        dir.sync_all()
            .map_err(|e| Error::io("flushing state directory", &self.dir, &e))?;
        Ok(report)
    }

    fn location(&self, id: &WorkflowId) -> String {
        self.state_path(id).display().to_string()
    }
}

impl FileStore {
    /// `(ID, path)` of every `ID.json` whose name is a valid ID.
    fn state_files(&self) -> Result<Vec<(String, PathBuf)>> {
        let mut out = Vec::new();
        for entry in read_dir(&self.dir)? {
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if WorkflowId::parse(stem).is_ok() {
                out.push((stem.to_owned(), entry.path()));
            }
        }
        out.sort();
        Ok(out)
    }
}

fn read_dir(dir: &Path) -> Result<Vec<fs::DirEntry>> {
    let rd = fs::read_dir(dir).map_err(|e| Error::io("listing state directory", dir, &e))?;
    rd.collect::<io::Result<Vec<_>>>()
        .map_err(|e| Error::io("listing state directory", dir, &e))
}

/// Whether a directory entry exists (a dangling link counts).
fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("removing", path, &e)),
    }
}

/// Create `path` (which must not exist: O_EXCL never follows a planted
/// link), write `bytes` and flush them to disk.
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| Error::io("creating temporary file", path, &e))?;
    file.write_all(bytes)
        .map_err(|e| Error::io("writing temporary file", path, &e))?;
    file.sync_data()
        .map_err(|e| Error::io("flushing temporary file", path, &e))
}

fn open_lock_file(path: &Path) -> Result<File> {
    let file = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(planted(path, "a symbolic link"));
        }
        Err(e) => return Err(Error::io("opening lock file", path, &e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io("inspecting lock file", path, &e))?;
    check_own_regular_file(path, &meta)?;
    Ok(file)
}

fn planted(path: &Path, what: &str) -> Error {
    Error::unsafe_dir(format!(
        "{} is {what}; blockstate only uses regular files it created, so it refuses to follow or overwrite it",
        path.display()
    ))
    .hint(format!(
        "inspect and remove it (`rm {}`), then retry",
        path.display()
    ))
}

fn check_own_regular_file(path: &Path, meta: &fs::Metadata) -> Result<()> {
    if !meta.file_type().is_file() {
        return Err(planted(
            path,
            "not a regular file (a FIFO, device or directory)",
        ));
    }
    let me = euid();
    if meta.uid() != me {
        return Err(planted(
            path,
            &format!("owned by uid {}, not by you (uid {me})", meta.uid()),
        ));
    }
    if meta.nlink() != 1 {
        return Err(planted(
            path,
            &format!("a file with {} hard links", meta.nlink()),
        ));
    }
    Ok(())
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Open the state directory and check that it is safe: a real directory
/// (not a symlink), owned by us, with no access for group or others. The
/// checks run on the opened descriptor, so the directory cannot be swapped
/// between check and use.
fn check_private_dir(dir: &Path) -> Result<File> {
    let file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(dir)
    {
        Ok(f) => f,
        Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENOTDIR)) => {
            let is_link = fs::symlink_metadata(dir)
                .map(|m| m.file_type().is_symlink())
                .unwrap_or(false);
            let what = if is_link {
                "a symbolic link"
            } else {
                "not a directory"
            };
            return Err(Error::unsafe_dir(format!(
                "state directory {} is {what}; it must be a real directory",
                dir.display()
            ))
            .hint("remove it, or point --dir / BLOCKSTATE_DIR at a real directory that only you can access"));
        }
        Err(e) => return Err(Error::io("opening state directory", dir, &e)),
    };
    let meta = file
        .metadata()
        .map_err(|e| Error::io("inspecting state directory", dir, &e))?;
    let me = euid();
    if meta.uid() != me {
        return Err(Error::unsafe_dir(format!(
            "state directory {} is owned by uid {}, not by you (uid {me})",
            dir.display(),
            meta.uid()
        ))
        .hint("use a directory you own: --dir / BLOCKSTATE_DIR"));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Error::unsafe_dir(format!(
            "state directory {} has mode {mode:04o}; it must not be accessible to group or others",
            dir.display()
        ))
        .hint(format!("run `chmod 700 {}`", dir.display())));
    }
    Ok(file)
}
