//! Private directories below the checked state directory, opened one
//! level at a time relative to an already checked descriptor (`openat`
//! with `O_NOFOLLOW`), so that a symbolic link planted anywhere in a
//! queue's tree is refused rather than followed. Every directory is
//! checked like the state directory (owned by us, no access for group or
//! others), every file like a state file (a regular file of ours with one
//! link). Created directories are 0700 and files 0600, whatever the umask.

use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// An open, checked private directory.
pub struct PrivateDir {
    file: File,
    path: PathBuf,
}

fn c_name(name: &str) -> io::Result<CString> {
    CString::new(name).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

/// Refusal of something planted where blockstate keeps its own entries.
pub fn planted(path: &Path, what: &str) -> Error {
    Error::unsafe_dir(format!(
        "{} is {what}; blockstate only uses entries it created, so it refuses to follow or use it",
        path.display()
    ))
    .hint(format!(
        "inspect and remove it (`rm -r {}`), then retry",
        path.display()
    ))
}

impl PrivateDir {
    /// Wrap a directory the caller has already opened and checked (the
    /// state directory).
    pub fn checked(file: File, path: PathBuf) -> Self {
        PrivateDir { file, path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// The subdirectory `name`, checked; created (0700) when `create`.
    /// `None` when it is absent and not to be created, or when this
    /// directory was removed while it was being created in it (a workflow
    /// created anew sets its old queues aside): the caller starts again.
    pub fn sub(&self, name: &str, create: bool) -> Result<Option<PrivateDir>> {
        let path = self.join(name);
        let c = c_name(name).map_err(|e| Error::io("opening", &path, &e))?;
        if create {
            // SAFETY: a valid directory descriptor and NUL-terminated name.
            let rc = unsafe { libc::mkdirat(self.file.as_raw_fd(), c.as_ptr(), 0o700) };
            if rc == 0 {
                // Exactly 0700 whatever the umask. The directory is ours and
                // was made an instant ago inside a private one.
                // SAFETY: as above.
                let rc = unsafe { libc::fchmodat(self.file.as_raw_fd(), c.as_ptr(), 0o700, 0) };
                if rc != 0 {
                    let e = io::Error::last_os_error();
                    if e.kind() == io::ErrorKind::NotFound {
                        return Ok(None);
                    }
                    return Err(Error::io("setting the mode of", &path, &e));
                }
            } else {
                let e = io::Error::last_os_error();
                match e.kind() {
                    io::ErrorKind::AlreadyExists => {}
                    io::ErrorKind::NotFound => return Ok(None),
                    _ => return Err(Error::io("creating directory", &path, &e)),
                }
            }
        }
        // SAFETY: as above; O_NOFOLLOW refuses a symlink at `name`.
        let fd = unsafe {
            libc::openat(
                self.file.as_raw_fd(),
                c.as_ptr(),
                libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            let e = io::Error::last_os_error();
            return match e.raw_os_error() {
                Some(libc::ENOENT) => Ok(None),
                Some(libc::ELOOP) => Err(planted(&path, "a symbolic link")),
                // O_DIRECTORY with O_NOFOLLOW says ENOTDIR for a symlink.
                Some(libc::ENOTDIR) => {
                    let link =
                        std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
                    let what = if link {
                        "a symbolic link"
                    } else {
                        "not a directory"
                    };
                    Err(planted(&path, what))
                }
                _ => Err(Error::io("opening directory", &path, &e)),
            };
        }
        // SAFETY: a fresh descriptor that nothing else owns.
        let file = unsafe { File::from_raw_fd(fd) };
        let meta = file
            .metadata()
            .map_err(|e| Error::io("inspecting directory", &path, &e))?;
        let me = crate::ownership::euid();
        if meta.uid() != me {
            return Err(planted(
                &path,
                &format!("owned by uid {}, not by you (uid {me})", meta.uid()),
            ));
        }
        if meta.mode() & 0o077 != 0 {
            return Err(Error::unsafe_dir(format!(
                "directory {} has mode {:04o}; it must not be accessible to group or others",
                path.display(),
                meta.mode() & 0o777
            ))
            .hint(format!("run `chmod 700 {}`", path.display())));
        }
        Ok(Some(PrivateDir { file, path }))
    }

    /// Create the file `name`, which must not exist (`O_EXCL` also refuses
    /// a planted symlink), mode 0600.
    pub fn create_file(&self, name: &str) -> Result<File> {
        let path = self.join(name);
        let c = c_name(name).map_err(|e| Error::io("creating", &path, &e))?;
        // SAFETY: a valid directory descriptor and NUL-terminated name.
        let fd = unsafe {
            libc::openat(
                self.file.as_raw_fd(),
                c.as_ptr(),
                libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                0o600 as libc::c_uint,
            )
        };
        if fd < 0 {
            return Err(Error::io("creating", &path, &io::Error::last_os_error()));
        }
        // SAFETY: a fresh descriptor that nothing else owns.
        let file = unsafe { File::from_raw_fd(fd) };
        set_mode(&file, 0o600).map_err(|e| Error::io("setting the mode of", &path, &e))?;
        Ok(file)
    }

    /// Open the file `name` (read-only, or read-write when `write`), and
    /// check it is a regular file of ours with at most one link. `None`
    /// when absent. `O_NONBLOCK`: a planted FIFO must not hang us.
    pub fn open_file(&self, name: &str, write: bool, create: bool) -> Result<Option<File>> {
        let path = self.join(name);
        let c = c_name(name).map_err(|e| Error::io("opening", &path, &e))?;
        let mut flags = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;
        flags |= if write { libc::O_RDWR } else { libc::O_RDONLY };
        if create {
            flags |= libc::O_CREAT;
        }
        // SAFETY: a valid directory descriptor and NUL-terminated name.
        let fd = unsafe {
            libc::openat(
                self.file.as_raw_fd(),
                c.as_ptr(),
                flags,
                0o600 as libc::c_uint,
            )
        };
        if fd < 0 {
            let e = io::Error::last_os_error();
            return match e.raw_os_error() {
                Some(libc::ENOENT) => Ok(None),
                Some(libc::ELOOP) => Err(planted(&path, "a symbolic link")),
                Some(libc::EISDIR) | Some(libc::ENXIO) => Err(planted(&path, "not a regular file")),
                _ => Err(Error::io("opening", &path, &e)),
            };
        }
        // SAFETY: a fresh descriptor that nothing else owns.
        let file = unsafe { File::from_raw_fd(fd) };
        let meta = file
            .metadata()
            .map_err(|e| Error::io("inspecting", &path, &e))?;
        if let Some(what) = crate::ownership::foreign_file(&meta) {
            return Err(planted(&path, &what));
        }
        if create && meta.mode() & 0o777 != 0o600 {
            set_mode(&file, 0o600).map_err(|e| Error::io("setting the mode of", &path, &e))?;
        }
        Ok(Some(file))
    }

    /// The names in the directory (without `.` and `..`), unsorted.
    pub fn names(&self) -> Result<Vec<String>> {
        let fail = |e: io::Error| Error::io("listing", &self.path, &e);
        // fdopendir takes the descriptor over, so give it a copy.
        // SAFETY: duplicating a descriptor we own.
        let fd = unsafe { libc::fcntl(self.file.as_raw_fd(), libc::F_DUPFD_CLOEXEC, 0) };
        if fd < 0 {
            return Err(fail(io::Error::last_os_error()));
        }
        // SAFETY: a fresh descriptor of a directory; on success DIR owns it.
        let dir = unsafe { libc::fdopendir(fd) };
        if dir.is_null() {
            let e = io::Error::last_os_error();
            // SAFETY: fdopendir failed, so the descriptor is still ours.
            unsafe { libc::close(fd) };
            return Err(fail(e));
        }
        // The copy shares the original's read position: start at the top.
        // SAFETY: a valid DIR stream.
        unsafe { libc::rewinddir(dir) };
        let mut names = Vec::new();
        let result = loop {
            // errno tells the end of the listing from an error.
            // SAFETY: resetting this thread's errno.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: a valid DIR stream; the entry is read before the
            // next readdir call.
            let entry = unsafe { libc::readdir(dir) };
            if entry.is_null() {
                let e = io::Error::last_os_error();
                break if e.raw_os_error().unwrap_or(0) == 0 {
                    Ok(())
                } else {
                    Err(fail(e))
                };
            }
            // SAFETY: d_name is NUL-terminated within the entry.
            let name = unsafe { std::ffi::CStr::from_ptr((*entry).d_name.as_ptr()) };
            let name = name.to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            names.push(String::from_utf8_lossy(name).into_owned());
        };
        // SAFETY: closes the stream and the descriptor it owns.
        unsafe { libc::closedir(dir) };
        result.map(|()| names)
    }

    /// Rename `name` here to `to_name` in `to`, atomically.
    pub fn rename(&self, name: &str, to: &PrivateDir, to_name: &str) -> io::Result<()> {
        let from = c_name(name)?;
        let target = c_name(to_name)?;
        // SAFETY: valid descriptors and NUL-terminated names.
        let rc = unsafe {
            libc::renameat(
                self.file.as_raw_fd(),
                from.as_ptr(),
                to.file.as_raw_fd(),
                target.as_ptr(),
            )
        };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Remove the file `name`.
    pub fn unlink(&self, name: &str) -> io::Result<()> {
        let c = c_name(name)?;
        // SAFETY: a valid descriptor and NUL-terminated name.
        let rc = unsafe { libc::unlinkat(self.file.as_raw_fd(), c.as_ptr(), 0) };
        if rc == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Flush the directory, so that renames into it survive a crash.
    pub fn sync(&self) -> Result<()> {
        self.file
            .sync_all()
            .map_err(|e| Error::io("flushing directory", &self.path, &e))
    }
}

fn set_mode(file: &File, mode: libc::mode_t) -> io::Result<()> {
    // SAFETY: fchmod on a descriptor we own.
    if unsafe { libc::fchmod(file.as_raw_fd(), mode) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a consumer waiting on a workflow that did not exist yet
    /// created the queue's directories; the first push created the
    /// workflow, which set those aside, and the consumer failed with
    /// "setting the mode of …/ID.queues/jobs failed: No such file or
    /// directory" (exit 6; seen once in CI, 8 producers × 8 consumers).
    /// Creating in a directory that was removed meanwhile is now `None`,
    /// which the queue answers by starting again.
    #[test]
    fn creating_in_a_removed_directory_failed_the_consumer() -> std::io::Result<()> {
        let tmp = tempfile::tempdir()?;
        let path = tmp.path().join("wf.queues");
        std::fs::create_dir(&path)?;
        let parent = PrivateDir::checked(File::open(&path)?, path.clone());
        // Set aside and removed, as a workflow created anew does.
        std::fs::remove_dir(&path)?;
        assert!(matches!(parent.sub("jobs", true), Ok(None)));
        assert!(matches!(parent.sub("jobs", false), Ok(None)));
        Ok(())
    }
}
