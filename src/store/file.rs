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
//!
//! A command that fails leaves the stored state as it was: a failed write
//! never reaches the rename, a failed flush after the rename puts the old
//! file back, and a deletion renames the file aside first so that it can be
//! put back too. `BLOCKSTATE_FAULT` (see [`Fault`]) makes any one of these
//! steps fail on purpose, so the tests can prove it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::lock::{self, Mode};
use crate::ownership::{euid, foreign_file, not_regular};
use crate::store::{Found, GcReport, GcScope, Outcome, State, Store, Update, parents};
use crate::vars::MAX_STATE_BYTES;
use crate::workflow::{WorkflowId, random_u64, shown};

pub struct FileStore {
    dir: PathBuf,
    lock_timeout_ms: u64,
    default_ttl_secs: u64,
    fault: Option<Fault>,
    /// A `Fault::Fail` fires once, so the undo that follows it can run.
    fired: AtomicBool,
}

const TEMP_MARK: &str = ".tmp-";

/// An I/O step of the file store that `BLOCKSTATE_FAULT` can make fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating the state directory.
    Mkdir,
    /// Opening the state directory.
    OpenDir,
    /// Asking which filesystem holds the state directory.
    Statfs,
    /// Taking a lock (the directory's or a workflow's).
    Lock,
    /// Opening (creating) `ID.lock`.
    LockOpen,
    /// Opening and reading `ID.json`.
    Read,
    /// Listing the state directory.
    Readdir,
    /// Creating a temporary file.
    TempCreate,
    /// Writing it.
    TempWrite,
    /// Flushing it to disk.
    TempFsync,
    /// Renaming (a temporary file over the state file, or the state file
    /// aside to delete it).
    Rename,
    /// Flushing the directory after a rename.
    DirFsync,
    /// Removing a file.
    Unlink,
    /// Setting up inotify for `wait` and `pop --wait`; a failure here
    /// makes them fall back to polling instead of failing.
    Watch,
}

impl Step {
    pub const ALL: [Step; 14] = [
        Step::Mkdir,
        Step::OpenDir,
        Step::Statfs,
        Step::Lock,
        Step::LockOpen,
        Step::Read,
        Step::Readdir,
        Step::TempCreate,
        Step::TempWrite,
        Step::TempFsync,
        Step::Rename,
        Step::DirFsync,
        Step::Unlink,
        Step::Watch,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Step::Mkdir => "mkdir",
            Step::OpenDir => "open-dir",
            Step::Statfs => "statfs",
            Step::Lock => "lock",
            Step::LockOpen => "lock-open",
            Step::Read => "read",
            Step::Readdir => "readdir",
            Step::TempCreate => "temp-create",
            Step::TempWrite => "temp-write",
            Step::TempFsync => "temp-fsync",
            Step::Rename => "rename",
            Step::DirFsync => "dir-fsync",
            Step::Unlink => "unlink",
            Step::Watch => "watch",
        }
    }
}

/// Error numbers that `BLOCKSTATE_FAULT` accepts by name.
const ERRNO_NAMES: &[(&str, i32)] = &[
    ("EIO", libc::EIO),
    ("ENOSPC", libc::ENOSPC),
    ("EDQUOT", libc::EDQUOT),
    ("EACCES", libc::EACCES),
    ("EPERM", libc::EPERM),
    ("EROFS", libc::EROFS),
    ("ENOLCK", libc::ENOLCK),
    ("EMFILE", libc::EMFILE),
    ("ENOMEM", libc::ENOMEM),
];

/// Test hooks, selected by `BLOCKSTATE_FAULT` (read in `config.rs`):
///
/// - `STEP[:ERRNO]` makes the first occurrence of an I/O step fail with
///   `ERRNO` (a name such as `ENOSPC`, or a number; default `EIO`). The
///   steps are the names of [`Step`].
/// - `statfs-magic:MAGIC` pretends the state directory is on the filesystem
///   with that `statfs(2)` magic number (e.g. `0x6969`, NFS).
/// - `trace:PATH` appends `+PID` to PATH right after taking a workflow's
///   lock and `-PID` right before releasing it, and holds the lock a
///   millisecond longer, so a test can check that no two holders overlap.
///
/// Unset, the hooks cost one branch on `None` per step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    Fail { step: Step, errno: i32 },
    FsMagic(u32),
    Trace(PathBuf),
}

impl Fault {
    pub fn parse(raw: &str) -> Result<Self> {
        let (name, arg) = match raw.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (raw, None),
        };
        let bad = |what: String| {
            let steps: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
            Error::usage(format!("BLOCKSTATE_FAULT={}: {what}", shown(raw))).hint(format!(
                "it is a testing hook: unset it, or use STEP[:ERRNO] with STEP one of {}, statfs-magic:MAGIC or trace:PATH",
                steps.join(", ")
            ))
        };
        match (name, arg) {
            ("trace", Some(path)) if !path.is_empty() => Ok(Fault::Trace(PathBuf::from(path))),
            ("statfs-magic", Some(magic)) => parse_number(magic)
                .and_then(|m| u32::try_from(m).ok())
                .map(Fault::FsMagic)
                .ok_or_else(|| bad(format!("{} is not a 32-bit number", shown(magic)))),
            _ => {
                let step = Step::ALL
                    .into_iter()
                    .find(|s| s.name() == name)
                    .ok_or_else(|| bad(format!("unknown step {}", shown(name))))?;
                let errno = match arg {
                    None => libc::EIO,
                    Some(a) => ERRNO_NAMES
                        .iter()
                        .find(|(n, _)| *n == a)
                        .map(|(_, e)| *e)
                        .or_else(|| {
                            parse_number(a)
                                .and_then(|n| i32::try_from(n).ok())
                                .filter(|n| *n > 0)
                        })
                        .ok_or_else(|| bad(format!("unknown error number {}", shown(a))))?,
                };
                Ok(Fault::Fail { step, errno })
            }
        }
    }
}

fn parse_number(raw: &str) -> Option<u64> {
    match raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => raw.parse().ok(),
    }
}

/// `statfs(2)` magic numbers of network filesystems. flock(2) there either
/// locks only on the local client (CIFS/SMB, and NFS mounted with
/// `local_lock`), or is emulated with byte-range locks that a server
/// restart or a lease timeout silently drops, so it cannot be trusted to
/// exclude a writer on another machine. Readers also get no guarantee that
/// a rename is seen atomically across clients.
const NETWORK_FS: &[(u32, &str)] = &[
    (0x0000_6969, "NFS"),
    (0x0000_517B, "SMB"),
    (0xFE53_4D42, "SMB2"),
    (0xFF53_4D42, "CIFS"),
    (0x5346_414F, "AFS"),
    (0x6B41_4653, "AFS"),
    (0x7375_7245, "Coda"),
    (0x0000_564C, "NCP"),
    (0x0102_1997, "9P"),
];

/// The name of the network filesystem with this `statfs` magic, if it is
/// one.
pub fn network_fs_name(magic: u32) -> Option<&'static str> {
    NETWORK_FS
        .iter()
        .find(|(m, _)| *m == magic)
        .map(|(_, name)| *name)
}

/// The `statfs` magic number of the filesystem that holds `file`.
pub fn fs_magic(file: &File) -> io::Result<u32> {
    let mut st = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: the descriptor is open for the call's duration and `st` is
    // large enough for the struct the kernel fills in.
    let rc = unsafe { libc::fstatfs(file.as_raw_fd(), st.as_mut_ptr()) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: fstatfs succeeded, so it initialized `st`.
    let st = unsafe { st.assume_init() };
    // f_type is a signed word whose width depends on the target; the magic
    // numbers are 32-bit.
    #[allow(clippy::unnecessary_cast)]
    Ok((st.f_type as u64 & 0xFFFF_FFFF) as u32)
}

impl FileStore {
    pub fn new(dir: PathBuf, lock_timeout_ms: u64, default_ttl_secs: u64) -> Self {
        FileStore {
            dir,
            lock_timeout_ms,
            default_ttl_secs,
            fault: None,
            fired: AtomicBool::new(false),
        }
    }

    /// Install the test hook from `BLOCKSTATE_FAULT`.
    pub fn with_fault(mut self, fault: Option<Fault>) -> Self {
        self.fault = fault;
        self
    }

    /// Run every check on the state directory (and the directories above
    /// it) that a command would, creating nothing: whether it exists, or
    /// the error a command would give.
    pub fn check(&self) -> Result<bool> {
        Ok(self.open_dir()?.is_some())
    }

    pub fn state_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    /// A fresh name: 64 random bits, so no one can plant anything at it in
    /// advance (and `create_new` refuses if they did).
    fn temp_path(&self, id: &WorkflowId) -> PathBuf {
        self.dir
            .join(format!(".{id}{TEMP_MARK}{:016x}", random_u64()))
    }

    /// The state directory's path.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The fault hook: fails the first time `step` is reached, if
    /// `BLOCKSTATE_FAULT` asks for it.
    #[inline]
    pub(crate) fn hit(&self, step: Step) -> io::Result<()> {
        match &self.fault {
            Some(Fault::Fail { step: s, errno })
                if *s == step && !self.fired.swap(true, Ordering::Relaxed) =>
            {
                Err(io::Error::from_raw_os_error(*errno))
            }
            _ => Ok(()),
        }
    }

    /// The `trace:PATH` hook (see [`Fault`]).
    fn trace(&self, mark: char) {
        let Some(Fault::Trace(path)) = &self.fault else {
            return;
        };
        let line = format!("{mark}{}\n", std::process::id());
        // O_APPEND writes of one short line land whole and in order.
        if let Ok(mut f) = OpenOptions::new().append(true).create(true).open(path) {
            let _ = f.write_all(line.as_bytes());
        }
        if mark == '+' {
            // Widen the window in which an overlapping holder would show.
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// The directory, checked (with the directories above it), if it
    /// exists.
    pub(crate) fn open_dir(&self) -> Result<Option<File>> {
        match fs::symlink_metadata(&self.dir) {
            Ok(_) => {
                parents::check(&self.dir)?;
                self.check_private_dir().map(Some)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io("inspecting state directory", &self.dir, &e)),
        }
    }

    /// The directory, created if missing (mode 0700, and 0700 for every
    /// missing directory above it, whatever the umask), and checked.
    pub(crate) fn open_or_create_dir(&self) -> Result<File> {
        if let Some(dir) = self.open_dir()? {
            return Ok(dir);
        }
        // Nothing is created under a directory someone else could change.
        parents::check(&self.dir)?;
        self.hit(Step::Mkdir)
            .map_err(|e| Error::io("creating state directory", &self.dir, &e))?;
        parents::create_missing(&self.dir)
            .map_err(|e| Error::io("creating the parents of state directory", &self.dir, &e))?;
        // Another process may have won the race to create it; it is
        // checked below.
        parents::create_private(&self.dir)
            .map_err(|e| Error::io("creating state directory", &self.dir, &e))?;
        parents::check(&self.dir)?;
        self.check_private_dir()
    }

    /// Open the state directory and check that it is safe: a real directory
    /// (not a symlink), owned by us, with no access for group or others, on
    /// a local filesystem. The checks run on the opened descriptor, so the
    /// directory cannot be swapped between check and use.
    fn check_private_dir(&self) -> Result<File> {
        let dir = self.dir.as_path();
        let opened = self.hit(Step::OpenDir).and_then(|()| {
            OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
                .open(dir)
        });
        let file = match opened {
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
        let magic = match &self.fault {
            Some(Fault::FsMagic(m)) => Ok(*m),
            _ => self.hit(Step::Statfs).and_then(|()| fs_magic(&file)),
        }
        .map_err(|e| Error::io("inspecting the filesystem of state directory", dir, &e))?;
        if let Some(fs_name) = network_fs_name(magic) {
            return Err(Error::unsafe_dir(format!(
                "state directory {} is on a network filesystem ({fs_name}), where file locks cannot be trusted to keep two writers apart",
                dir.display()
            ))
            .hint("point --dir / BLOCKSTATE_DIR at a directory on a local disk or tmpfs, e.g. $XDG_RUNTIME_DIR/blockstate"));
        }
        Ok(file)
    }

    /// Take a lock, giving up `lock_timeout_ms` after `started`: the
    /// timeout covers every lock one command waits for.
    pub(crate) fn lock(
        &self,
        file: &File,
        path: &Path,
        mode: Mode,
        started: Instant,
    ) -> Result<()> {
        self.hit(Step::Lock)
            .map_err(|e| Error::io("locking", path, &e))?;
        lock::lock_within(file, path, mode, started, self.lock_timeout_ms)
    }

    fn open_lock_file(&self, path: &Path) -> Result<File> {
        let opened = self.hit(Step::LockOpen).and_then(|()| {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
                .open(path)
        });
        let file = match opened {
            Ok(f) => f,
            Err(e) => return Err(open_failed("opening lock file", path, &e)),
        };
        let meta = file
            .metadata()
            .map_err(|e| Error::io("inspecting lock file", path, &e))?;
        check_own_regular_file(path, &meta)?;
        Ok(file)
    }

    /// The bytes of a state file, checked to be a regular file of ours and
    /// within the size limit; `None` if absent.
    fn read_raw(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        let opened = self.hit(Step::Read).and_then(|()| {
            OpenOptions::new()
                .read(true)
                // O_NONBLOCK: opening a planted FIFO must not hang.
                .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
                .open(path)
        });
        let file = match opened {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(open_failed("opening state file", path, &e)),
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
            .hint(format!("it was not written by blockstate: inspect it, then delete it with `blockstate gc -w {}`", id_of(path))));
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
        Ok(Some(bytes))
    }

    /// Read and validate a state file. Absent (or expired, when `now` is
    /// given) reads as `None`.
    fn read_state(&self, path: &Path, now: Option<u64>) -> Result<Option<State>> {
        match self.read_raw(path)? {
            Some(bytes) => parse_state(&bytes, path, now),
            None => Ok(None),
        }
    }

    /// Apply `update` under the workflow's lock: the file store's one
    /// atomic read-modify-write, which every change goes through.
    fn modify(&self, id: &WorkflowId, update: &Update, now: u64) -> Result<Outcome> {
        let dir = if update.creates() {
            self.open_or_create_dir()?
        } else {
            match self.open_dir()? {
                Some(d) => d,
                // Nothing to change, and nothing to create.
                None => return Ok(Outcome::Applied(vec![None; update.ops.len()])),
            }
        };
        let started = Instant::now();
        self.lock(&dir, &self.dir, Mode::Shared, started)?;
        let lock_path = self.lock_path(id);
        let lock_file = self.open_lock_file(&lock_path)?;
        self.lock(&lock_file, &lock_path, Mode::Exclusive, started)?;
        self.trace('+');
        let result = (|| {
            let path = self.state_path(id);
            let old = self.read_raw(&path)?;
            // Expired or not: `apply` keeps an expired workflow's process
            // records.
            let current = match &old {
                Some(bytes) => parse_state(bytes, &path, None)?,
                None => None,
            };
            // (An expired one counts as absent here: its queues go.)
            let fresh = current.as_ref().is_none_or(|s| s.is_expired(now));
            let applied = update.apply(id, current, now, self.default_ttl_secs)?;
            if let Some((_, bytes)) = &applied.next {
                // A workflow created anew (it was absent or expired) starts
                // without the queues of an earlier one.
                let stale = if fresh {
                    crate::queue::file::set_aside(self, &dir, id)?
                } else {
                    None
                };
                let written = self.replace(id, &path, bytes, old.as_deref(), &dir);
                crate::queue::file::finish_aside(self, &dir, id, stale, written.is_ok());
                written?;
            }
            Ok(applied.outcome)
        })();
        self.trace('-');
        drop(lock_file);
        result
    }

    /// Put `bytes` at `path` so that after a crash the file is the old
    /// version or the new one, and so that a failed call leaves the old
    /// version (`old`, or no file) in place.
    fn replace(
        &self,
        id: &WorkflowId,
        path: &Path,
        bytes: &[u8],
        old: Option<&[u8]>,
        dir: &File,
    ) -> Result<()> {
        self.install(id, path, bytes)?;
        if let Err(e) = self.sync_dir(dir) {
            // The new file is visible but might not survive a crash. A
            // failed command must leave the state as it was, so put the old
            // version back rather than report an error over a changed file.
            let restored = match old {
                Some(old) => self.install(id, path, old).is_ok(),
                None => fs::remove_file(path).is_ok(),
            };
            let _ = dir.sync_all();
            return Err(undone(e, restored));
        }
        Ok(())
    }

    /// Write `bytes` to a new temporary file, flush it, and rename it over
    /// `path`. On failure the temporary file is removed (if it was created
    /// by us) and `path` is untouched.
    fn install(&self, id: &WorkflowId, path: &Path, bytes: &[u8]) -> Result<()> {
        self.install_via(&self.temp_path(id), path, bytes)
    }

    fn install_via(&self, temp: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
        // Created by us or not at all: a failure here must not remove
        // whatever someone else put at that name.
        let file = self.create_temp(temp)?;
        let result = self.fill(file, temp, bytes).and_then(|()| {
            self.hit(Step::Rename)
                .and_then(|()| fs::rename(temp, path))
                .map_err(|e| Error::io("replacing state file", path, &e))
        });
        if result.is_err() {
            // Best effort: gc removes it later if this fails too.
            let _ = fs::remove_file(temp);
        }
        result
    }

    /// Create `path`, which must not exist: `O_EXCL` fails on anything
    /// planted there, symlinks included, and `O_NOFOLLOW` adds a second
    /// guard.
    fn create_temp(&self, path: &Path) -> Result<File> {
        self.hit(Step::TempCreate)
            .and_then(|()| {
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
                    .open(path)
            })
            .map_err(|e| Error::io("creating temporary file", path, &e))
    }

    fn fill(&self, mut file: File, path: &Path, bytes: &[u8]) -> Result<()> {
        self.hit(Step::TempWrite)
            .and_then(|()| file.write_all(bytes))
            .map_err(|e| Error::io("writing temporary file", path, &e))?;
        self.hit(Step::TempFsync)
            .and_then(|()| file.sync_data())
            .map_err(|e| Error::io("flushing temporary file", path, &e))
    }

    fn sync_dir(&self, dir: &File) -> Result<()> {
        self.hit(Step::DirFsync)
            .and_then(|()| dir.sync_all())
            .map_err(|e| Error::io("flushing state directory", &self.dir, &e))
    }

    /// Delete a state file such that a failure at any step leaves it in
    /// place: rename it aside, flush the directory, then unlink it. The
    /// caller holds the workflow's lock or the directory lock exclusively.
    ///
    /// Whatever is at `path` goes, never what it points to: a symlink,
    /// FIFO, socket or hard link is unlinked, an empty directory removed. A
    /// directory that is not empty is refused and left in place: blockstate
    /// never creates one there, so it may hold someone's files.
    fn delete_state(&self, id: &WorkflowId, path: &Path, dir: &File) -> Result<bool> {
        match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Ok(meta) if meta.is_dir() && !is_empty_dir(path) => return Err(not_empty(path)),
            _ => {}
        }
        let aside = self.temp_path(id);
        self.hit(Step::Rename)
            .and_then(|()| fs::rename(path, &aside))
            .map_err(|e| Error::io("removing state file", path, &e))?;
        let result = self.sync_dir(dir).and_then(|()| {
            self.remove_entry(&aside)
                .map(drop)
                .map_err(|e| Error::io("removing", &aside, &e))
        });
        if let Err(e) = result {
            let restored = fs::rename(&aside, path).is_ok();
            let _ = dir.sync_all();
            return Err(undone(e, restored));
        }
        Ok(true)
    }

    /// Remove `ID.lock` if no one uses it: only possible while holding the
    /// directory lock exclusively, which excludes every writer. Best
    /// effort: a leftover lock file is harmless and the next `gc` removes
    /// it, so failing here must not turn a done deletion into an error.
    fn remove_lock_if_idle(&self, id: &WorkflowId, dir: &File) {
        if matches!(lock::try_once(dir, &self.dir, Mode::Exclusive), Ok(true))
            && !present(&self.state_path(id))
        {
            let _ = remove_entry(&self.lock_path(id));
        }
    }

    fn read_dir(&self) -> Result<Vec<fs::DirEntry>> {
        let fail = |e: io::Error| Error::io("listing state directory", &self.dir, &e);
        self.hit(Step::Readdir).map_err(fail)?;
        fs::read_dir(&self.dir)
            .map_err(fail)?
            .collect::<io::Result<Vec<_>>>()
            .map_err(fail)
    }

    /// `(ID, path)` of every `ID.json` whose name is a valid ID.
    fn state_files(&self) -> Result<Vec<(WorkflowId, PathBuf)>> {
        let mut out = Vec::new();
        for entry in self.read_dir()? {
            let name = entry.file_name();
            let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".json")) else {
                continue;
            };
            if let Ok(id) = WorkflowId::parse(stem) {
                out.push((id, entry.path()));
            }
        }
        out.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        Ok(out)
    }
}

impl Store for FileStore {
    /// An expired state file stays until `gc` removes it, so its expiry is
    /// known until then.
    fn lookup(&self, id: &WorkflowId, now: u64) -> Result<Found> {
        if self.open_dir()?.is_none() {
            return Ok(Found::Absent);
        }
        Ok(match self.read_state(&self.state_path(id), None)? {
            Some(state) if state.is_expired(now) => Found::Expired { at: state.expires },
            Some(state) => Found::Live(state),
            None => Found::Absent,
        })
    }

    fn update(&self, id: &WorkflowId, update: &Update, now: u64) -> Result<Outcome> {
        self.modify(id, update, now)
    }

    fn remove(&self, id: &WorkflowId) -> Result<()> {
        let Some(dir) = self.open_dir()? else {
            return Ok(());
        };
        let path = self.state_path(id);
        let lock_path = self.lock_path(id);
        if !present(&path) && !present(&lock_path) && !crate::queue::file::present(self, id) {
            return Ok(());
        }
        let started = Instant::now();
        self.lock(&dir, &self.dir, Mode::Shared, started)?;
        let lock_file = self.open_lock_file(&lock_path)?;
        self.lock(&lock_file, &lock_path, Mode::Exclusive, started)?;
        self.trace('+');
        // The queues go with the workflow: set aside first, put back if
        // deleting the state fails, so a failed `gc -w` changes nothing.
        let result = crate::queue::file::set_aside(self, &dir, id).and_then(|queues| {
            let deleted = self.delete_state(id, &path, &dir);
            crate::queue::file::finish_aside(self, &dir, id, queues, deleted.is_ok());
            deleted
        });
        self.trace('-');
        drop(lock_file);
        result?;
        self.remove_lock_if_idle(id, &dir);
        Ok(())
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

    /// Leftovers first (they are not state), then the selected workflows,
    /// each deleted atomically. The first I/O error stops the sweep, so a
    /// failing `gc` has removed nothing, or only whole workflows before the
    /// failure.
    fn gc(&self, scope: GcScope, now: u64) -> Result<GcReport> {
        let mut report = GcReport::default();
        let Some(dir) = self.open_dir()? else {
            return Ok(report);
        };
        self.lock(&dir, &self.dir, Mode::Exclusive, Instant::now())?;
        for entry in self.read_dir()? {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let unused_lock = name.strip_suffix(".lock").is_some_and(|stem| {
                WorkflowId::parse(stem).is_ok() && !present(&self.dir.join(format!("{stem}.json")))
            });
            let temp = name.starts_with('.') && name.contains(TEMP_MARK);
            if temp || unused_lock {
                let removed = self.remove_leftover(&entry.path(), &mut report)?;
                if temp && removed {
                    report.temp_files_removed += 1;
                }
            }
        }
        // Queues whose workflow is gone, and messages of killed pushers.
        report.temp_files_removed += crate::queue::file::sweep(self, &dir)?;
        for (id, path) in self.state_files()? {
            let doomed = match self.read_state(&path, None) {
                Ok(Some(state)) => scope.selects(&state, now),
                Ok(None) => false,
                // The file may be fine: only its reading failed.
                Err(e) if e.code == crate::error::ExitCode::Io => return Err(e),
                Err(e) => {
                    if matches!(scope, GcScope::All) {
                        true
                    } else {
                        report.skipped.push(format!("{id}: {}", e.message));
                        false
                    }
                }
            };
            if !doomed {
                continue;
            }
            // The queues go with the workflow, and come back if it stays.
            let queues = crate::queue::file::set_aside(self, &dir, &id)?;
            let deleted = self.delete_state(&id, &path, &dir);
            crate::queue::file::finish_aside(self, &dir, &id, queues, deleted.is_ok());
            match deleted {
                Ok(true) => {
                    report.workflows_removed += 1;
                    let lock_path = self.lock_path(&id);
                    if let Err(e) = remove_entry(&lock_path)
                        && e.raw_os_error() == Some(libc::ENOTEMPTY)
                    {
                        report.kept.push(with_hint(not_empty(&lock_path)));
                    }
                }
                Ok(false) => {}
                // In the way, but no reason to stop deleting the others.
                Err(e) if e.code == crate::error::ExitCode::Unsafe => {
                    report.kept.push(with_hint(e))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    fn location(&self, id: &WorkflowId) -> String {
        self.state_path(id).display().to_string()
    }

    fn describe_all(&self) -> String {
        format!("state directory {}", self.dir.display())
    }

    fn load_any(&self, id: &WorkflowId) -> Result<Option<State>> {
        if self.open_dir()?.is_none() {
            return Ok(None);
        }
        self.read_state(&self.state_path(id), None)
    }

    fn selected_with_processes(
        &self,
        scope: GcScope,
        now: u64,
    ) -> Result<Vec<(WorkflowId, State)>> {
        let mut found = Vec::new();
        if self.open_dir()?.is_none() {
            return Ok(found);
        }
        for (id, path) in self.state_files()? {
            match self.read_state(&path, None) {
                Ok(Some(state)) if !state.processes.is_empty() && scope.selects(&state, now) => {
                    found.push((id, state));
                }
                // Reading failed: stop here, as the sweep itself would.
                Err(e) if e.code == crate::error::ExitCode::Io => return Err(e),
                // Bad content is reported (or deleted) by the sweep.
                _ => {}
            }
        }
        Ok(found)
    }

    fn changes<'a>(&'a self, id: &'a WorkflowId) -> Box<dyn crate::watch::Changes + 'a> {
        Box::new(crate::watch::file::FileChanges::new(self, id))
    }

    fn queue<'a>(
        &'a self,
        id: &'a WorkflowId,
        name: &'a crate::queue::QueueName,
    ) -> Box<dyn crate::queue::Queue + 'a> {
        Box::new(crate::queue::file::FileQueue::new(self, id, name))
    }
}

impl FileStore {
    /// Remove a leftover (a temporary file, an unused lock) whatever it is;
    /// a directory that is not empty is left in place and reported.
    /// Whether something was removed.
    fn remove_leftover(&self, path: &Path, report: &mut GcReport) -> Result<bool> {
        match self.remove_entry(path) {
            Ok(removed) => Ok(removed),
            Err(e) if e.raw_os_error() == Some(libc::ENOTEMPTY) => {
                report.kept.push(with_hint(not_empty(path)));
                Ok(false)
            }
            Err(e) => Err(Error::io("removing", path, &e)),
        }
    }

    /// [`remove_entry`], through the fault hook.
    fn remove_entry(&self, path: &Path) -> io::Result<bool> {
        self.hit(Step::Unlink)?;
        remove_entry(path)
    }
}

fn parse_state(bytes: &[u8], path: &Path, now: Option<u64>) -> Result<Option<State>> {
    let state = State::from_json(bytes, &path.display().to_string(), id_of(path))?;
    Ok(match now {
        Some(now) if state.is_expired(now) => None,
        _ => Some(state),
    })
}

/// The workflow whose state file is `path` (`state_path` names it
/// `ID.json`), for hints that name the command to run.
fn id_of(path: &Path) -> &str {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
}

/// Add to a failure message whether the change it interrupted was undone.
fn undone(e: Error, restored: bool) -> Error {
    let note = if restored {
        "; the change was undone, so the stored state is as it was"
    } else {
        "; undoing the change failed too, so the state file may hold the new version"
    };
    Error {
        message: format!("{}{note}", e.message),
        ..e
    }
}

/// Whether a directory entry exists (a dangling link counts).
fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Remove the entry at `path` itself, never what it points to: unlink
/// anything but a directory, and remove a directory only if it is empty
/// (`ENOTEMPTY` otherwise). `Ok(false)` if nothing was there.
fn remove_entry(path: &Path) -> io::Result<bool> {
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        // Linux says EISDIR for unlink(2) on a directory, POSIX EPERM.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EISDIR) | Some(libc::EPERM)) => {
            match fs::symlink_metadata(path) {
                Ok(meta) if meta.is_dir() => fs::remove_dir(path).map(|()| true),
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

fn not_empty(path: &Path) -> Error {
    Error::unsafe_dir(format!(
        "{} is a directory that is not empty; blockstate never creates one there, so it leaves it in place",
        path.display()
    ))
    .hint(format!(
        "inspect it and remove it yourself (`rm -r {}`), then retry",
        path.display()
    ))
}

/// An error as one line for `gc`'s report: what, then what to do.
fn with_hint(e: Error) -> String {
    match e.hint {
        Some(hint) => format!("{}; {hint}", e.message),
        None => e.message,
    }
}

/// Opening `path` failed: an entry that is not a regular file (a symlink,
/// which O_NOFOLLOW refuses; a socket, which cannot be opened; a directory,
/// which cannot be opened for writing) was planted and is refused as such,
/// anything else is an I/O error.
fn open_failed(what: &str, path: &Path, e: &io::Error) -> Error {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => planted(path, "a symbolic link"),
        Ok(meta) if !meta.file_type().is_file() => planted(path, &not_regular(&meta)),
        _ => Error::io(what, path, e),
    }
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
    match foreign_file(meta) {
        Some(what) => Err(planted(path, &what)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ExitCode;
    use std::os::unix::fs::PermissionsExt;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn store_in(dir: &Path, fault: Option<Fault>) -> FileStore {
        FileStore::new(dir.join("state"), 1000, 3600).with_fault(fault)
    }

    fn id() -> Result<WorkflowId> {
        WorkflowId::parse("wf")
    }

    #[test]
    fn network_filesystems_are_recognized() {
        for (magic, name) in [
            (0x6969, "NFS"),
            (0x517B, "SMB"),
            (0xFE53_4D42, "SMB2"),
            (0xFF53_4D42, "CIFS"),
            (0x5346_414F, "AFS"),
            (0x0102_1997, "9P"),
        ] {
            assert_eq!(network_fs_name(magic), Some(name), "{magic:#x}");
        }
    }

    #[test]
    fn local_filesystems_are_not_network() {
        // ext4, tmpfs, btrfs, xfs, overlayfs, zfs, f2fs, FUSE (often local).
        for magic in [
            0xEF53,
            0x0102_1994,
            0x9123_683E,
            0x5846_5342,
            0x794C_7630,
            0x2FC1_2FC1,
            0xF2F5_2010,
            0x6573_5546,
        ] {
            assert_eq!(network_fs_name(magic), None, "{magic:#x}");
        }
    }

    #[test]
    fn this_machines_temp_dir_is_local() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let magic = fs_magic(&File::open(tmp.path())?)?;
        assert_eq!(network_fs_name(magic), None, "{magic:#x}");
        Ok(())
    }

    #[test]
    fn state_dir_on_nfs_is_refused() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let store = store_in(tmp.path(), Some(Fault::FsMagic(0x6969)));
        fs::create_dir(tmp.path().join("state"))?;
        fs::set_permissions(tmp.path().join("state"), fs::Permissions::from_mode(0o700))?;
        let err = store.load(&id()?, 0).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.code == ExitCode::Unsafe && e.message.contains("(NFS)")),
            "{err:?}"
        );
        Ok(())
    }

    #[test]
    fn fault_spec_parses() -> TestResult {
        assert_eq!(
            Fault::parse("temp-write:ENOSPC")?,
            Fault::Fail {
                step: Step::TempWrite,
                errno: libc::ENOSPC
            }
        );
        assert_eq!(
            Fault::parse("rename")?,
            Fault::Fail {
                step: Step::Rename,
                errno: libc::EIO
            }
        );
        assert_eq!(
            Fault::parse("dir-fsync:28")?,
            Fault::Fail {
                step: Step::DirFsync,
                errno: 28
            }
        );
        assert_eq!(Fault::parse("statfs-magic:0x6969")?, Fault::FsMagic(0x6969));
        assert_eq!(
            Fault::parse("trace:/x:y")?,
            Fault::Trace(PathBuf::from("/x:y"))
        );
        for bad in [
            "",
            "nope",
            "rename:EWHAT",
            "rename:-1",
            "statfs-magic:zz",
            "trace:",
        ] {
            assert!(Fault::parse(bad).is_err(), "{bad:?}");
        }
        for step in Step::ALL {
            assert!(Fault::parse(step.name()).is_ok(), "{}", step.name());
        }
        Ok(())
    }

    #[test]
    fn fault_fires_once() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let store = store_in(
            tmp.path(),
            Some(Fault::Fail {
                step: Step::Read,
                errno: libc::EIO,
            }),
        );
        assert!(store.hit(Step::Rename).is_ok());
        assert!(store.hit(Step::Read).is_err());
        assert!(store.hit(Step::Read).is_ok());
        Ok(())
    }

    /// Regression: a failed temporary-file creation used to run the
    /// clean-up `remove_file` on the temporary path, deleting whatever had
    /// been planted there instead of leaving it alone.
    #[test]
    fn failed_temp_create_never_removes_what_it_did_not_create() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let store = store_in(tmp.path(), None);
        let dir = store.open_or_create_dir()?;
        drop(dir);
        let victim = tmp.path().join("victim");
        fs::write(&victim, b"precious")?;
        let planted_at = tmp.path().join("state").join(".wf.tmp-planted");
        std::os::unix::fs::symlink(&victim, &planted_at)?;
        let path = tmp.path().join("state").join("wf.json");
        assert!(store.install_via(&planted_at, &path, b"{}").is_err());
        assert!(!present(&path));
        assert!(fs::symlink_metadata(&planted_at)?.file_type().is_symlink());
        assert_eq!(fs::read(&victim)?, b"precious");
        Ok(())
    }

    #[test]
    fn temp_create_refuses_planted_fifo_and_dangling_link() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let store = store_in(tmp.path(), None);
        drop(store.open_or_create_dir()?);
        let state = tmp.path().join("state");
        let fifo = state.join(".wf.tmp-fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes())?;
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(store.create_temp(&fifo).is_err());
        let dangling = state.join(".wf.tmp-dangling");
        let target = tmp.path().join("would-be-created");
        std::os::unix::fs::symlink(&target, &dangling)?;
        assert!(store.create_temp(&dangling).is_err());
        assert!(!present(&target), "O_EXCL must not create a link's target");
        Ok(())
    }

    /// Regression: a directory at `ID.lock` was reported as an I/O error
    /// ("Is a directory", exit 6, "retry") instead of a planted entry.
    #[test]
    fn directory_at_lock_path_was_reported_as_io_error() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let store = store_in(tmp.path(), None);
        drop(store.open_or_create_dir()?);
        let at = tmp.path().join("state").join("wf.lock");
        fs::create_dir(&at)?;
        let err = store.open_lock_file(&at).err();
        assert!(
            err.as_ref().is_some_and(
                |e| e.code == ExitCode::Unsafe && e.message.contains("not a regular file")
            ),
            "{err:?}"
        );
        Ok(())
    }

    /// Regression: a reader that opened the state file just before a
    /// writer renamed a new version over it saw a link count of 0 and
    /// refused the file as planted ("a file with 0 hard links"), so `load`
    /// failed now and then under concurrent writes.
    #[test]
    fn reader_refused_a_state_file_replaced_while_open() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("wf.json");
        fs::write(&path, b"old")?;
        let reader = File::open(&path)?;
        let newer = tmp.path().join(".wf.tmp-new");
        fs::write(&newer, b"new")?;
        fs::rename(&newer, &path)?;
        let meta = reader.metadata()?;
        assert_eq!(meta.nlink(), 0);
        assert!(check_own_regular_file(&path, &meta).is_ok());
        // A planted hard link is still refused.
        fs::hard_link(&path, tmp.path().join("other"))?;
        assert!(check_own_regular_file(&path, &fs::metadata(&path)?).is_err());
        Ok(())
    }

    /// Regression: when flushing the directory failed after the rename,
    /// `set` reported an error but left the new state in place.
    #[test]
    fn failed_dir_fsync_left_the_new_state_in_place() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let wf = id()?;
        let set = |k: &str| {
            Update::new(vec![crate::store::Op::Set {
                key: k.into(),
                value: "1".into(),
            }])
        };
        store_in(tmp.path(), None).update(&wf, &set("A"), 10)?;
        let path = tmp.path().join("state").join("wf.json");
        let before = fs::read(&path)?;
        let faulty = store_in(
            tmp.path(),
            Some(Fault::Fail {
                step: Step::DirFsync,
                errno: libc::EIO,
            }),
        );
        let err = faulty.update(&wf, &set("B"), 10).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.code == ExitCode::Io && e.message.contains("undone")),
            "{err:?}"
        );
        assert_eq!(fs::read(&path)?, before);
        Ok(())
    }
}
