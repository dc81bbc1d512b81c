//! The directories above the state directory.
//!
//! The state directory's own checks run on its descriptor, but the files in
//! it are then opened by path. Whoever can replace an entry in a directory
//! on that path (rename the state directory away and put their own in its
//! place, or swap a parent for a directory of theirs) therefore decides
//! what blockstate reads into the user's shell. So every directory met on
//! the way to the state directory, symbolic links followed one by one, must
//! be one that only the user and root can change:
//!
//! - owned by the user or by root (the owner may always rename entries);
//! - not writable by others, unless the sticky bit is set (as on `/tmp`):
//!   then only an entry's owner may rename it, and the next step on the way
//!   is itself checked to be the user's or root's;
//! - not writable by its group, with the same sticky exception, unless the
//!   group has no other member than the user (a user private group, as
//!   `useradd` makes them: `~/.local` is often 0775 under `umask 002`);
//! - each symbolic link on the way owned by the user or by root.
//!
//! Missing parents are created by blockstate with mode 0700, whatever the
//! umask; existing ones are never changed.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::{self, DirBuilder, Metadata};
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::ownership::euid;

/// More symbolic links than this on one path is a loop (Linux's limit).
const MAX_LINKS: usize = 40;

const STICKY: u32 = 0o1000;

/// One step on the way to the state directory, as `doctor` shows it.
#[derive(Debug, Clone)]
pub struct Step {
    pub path: PathBuf,
    pub uid: u32,
    pub gid: u32,
    /// Permission bits, with the sticky bit.
    pub mode: u32,
    pub is_link: bool,
    /// Why it is unsafe, if it is.
    pub problem: Option<String>,
}

/// Refuse a state directory that someone other than the user (or root)
/// could replace: see the module documentation. Directories that do not
/// exist yet are not checked (blockstate creates them, privately).
pub fn check(dir: &Path) -> Result<()> {
    let me = euid();
    walk(
        dir,
        &mut |path, meta| match problem(meta, me) {
            None => Ok(()),
            Some(problem) => Err(refusal(dir, path, meta, &problem)),
        },
        &mut || {},
    )
}

/// Every step on the way to `dir`, checked, for `doctor`. Stops at the
/// first directory that does not exist, or at an error, which is returned
/// with the steps seen so far.
pub fn steps(dir: &Path) -> (Vec<Step>, Option<Error>) {
    let me = euid();
    let mut steps = Vec::new();
    let seen = std::cell::RefCell::new(Vec::new());
    let result = walk(
        dir,
        &mut |path, meta| {
            seen.borrow_mut().push(Step {
                path: path.to_path_buf(),
                uid: meta.uid(),
                gid: meta.gid(),
                mode: meta.mode() & 0o7777,
                is_link: meta.file_type().is_symlink(),
                problem: problem(meta, me),
            });
            Ok(())
        },
        &mut || seen.borrow_mut().clear(),
    );
    steps.append(&mut seen.borrow_mut());
    (steps, result.err())
}

/// Create the missing directories above `dir`, each with mode 0700
/// whatever the umask. Existing ones are left as they are.
pub fn create_missing(dir: &Path) -> io::Result<()> {
    let Some(parent) = dir.parent() else {
        return Ok(());
    };
    let missing: Vec<&Path> = parent
        .ancestors()
        .take_while(|a| !a.as_os_str().is_empty() && fs::symlink_metadata(a).is_err())
        .collect();
    for path in missing.into_iter().rev() {
        create_private(path)?;
    }
    Ok(())
}

/// Create one directory with mode 0700 exactly: the umask can only take
/// bits away, so it is set again after creation (a umask of 0700 would
/// leave a directory no one could use). A directory someone else created
/// first is left alone; the checks that follow judge it.
pub fn create_private(path: &Path) -> io::Result<()> {
    match DirBuilder::new().mode(0o700).create(path) {
        Ok(()) => fs::set_permissions(path, fs::Permissions::from_mode(0o700)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Visit every directory and symbolic link that resolving `dir` goes
/// through, from `/` down to `dir`'s parent, following links one at a time
/// (so that the directory holding each link is visited too). `restart` is
/// called if the quick walk met a link and the full one starts over.
fn walk(
    dir: &Path,
    visit: &mut impl FnMut(&Path, &Metadata) -> Result<()>,
    restart: &mut impl FnMut(),
) -> Result<()> {
    let absolute = if dir.is_absolute() {
        std::borrow::Cow::Borrowed(dir)
    } else {
        std::borrow::Cow::Owned(
            std::path::absolute(dir)
                .map_err(|e| Error::io("finding the absolute path of state directory", dir, &e))?,
        )
    };
    let Some(parent) = absolute.parent() else {
        return Ok(());
    };
    // Every command goes through here: the common path, without a `..`,
    // is first walked without allocating, and only a link met on the way
    // needs the full walk.
    if parent
        .components()
        .all(|c| matches!(c, Component::RootDir | Component::Normal(_)))
    {
        match walk_plain(parent, visit)? {
            Plain::Link => restart(),
            Plain::Go | Plain::Done => return Ok(()),
        }
    }
    let mut pending: VecDeque<OsString> = names(parent);
    let mut current = PathBuf::from("/");
    visit(&current, &lstat(&current)?.ok_or_else(no_root)?)?;
    let mut links = 0;
    while let Some(name) = pending.pop_front() {
        if name == ".." {
            // `current` is a real directory, so its parent is the one the
            // kernel would go to.
            current.pop();
            continue;
        }
        let next = current.join(&name);
        let Some(meta) = lstat(&next)? else {
            return Ok(());
        };
        visit(&next, &meta)?;
        if meta.file_type().is_symlink() {
            links += 1;
            if links > MAX_LINKS {
                return Err(Error::unsafe_dir(format!(
                    "the path of state directory {} goes through more than {MAX_LINKS} symbolic links",
                    dir.display()
                ))
                .hint("point --dir / BLOCKSTATE_DIR at a real directory"));
            }
            let target =
                fs::read_link(&next).map_err(|e| Error::io("reading symbolic link", &next, &e))?;
            if target.is_absolute() {
                current = PathBuf::from("/");
            }
            let mut rest = names(&target);
            rest.extend(pending);
            pending = rest;
            continue;
        }
        if !meta.is_dir() {
            // Not a directory: opening the state directory reports it.
            return Ok(());
        }
        current = next;
    }
    Ok(())
}

enum Plain {
    /// Go on down.
    Go,
    /// Something is missing (or not a directory): nothing further to see.
    Done,
    /// A symbolic link: the full walk must follow it.
    Link,
}

/// Visit `path` and every directory above it, from `/` down, until one is
/// missing or a symbolic link (which is not visited).
fn walk_plain(
    path: &Path,
    visit: &mut impl FnMut(&Path, &Metadata) -> Result<()>,
) -> Result<Plain> {
    if let Some(parent) = path.parent() {
        match walk_plain(parent, visit)? {
            Plain::Go => {}
            other => return Ok(other),
        }
    }
    let Some(meta) = lstat(path)? else {
        return Ok(Plain::Done);
    };
    if meta.file_type().is_symlink() {
        return Ok(Plain::Link);
    }
    visit(path, &meta)?;
    Ok(if meta.is_dir() {
        Plain::Go
    } else {
        Plain::Done
    })
}

/// The names in `path`, `..` included, `.` and `/` left out.
fn names(path: &Path) -> VecDeque<OsString> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some(OsString::from("..")),
            _ => None,
        })
        .collect()
}

fn lstat(path: &Path) -> Result<Option<Metadata>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("inspecting", path, &e)),
    }
}

fn no_root() -> Error {
    Error::io(
        "inspecting",
        Path::new("/"),
        &io::Error::from(io::ErrorKind::NotFound),
    )
}

/// What is wrong with this step on the way, if anything.
fn problem(meta: &Metadata, me: u32) -> Option<String> {
    let (uid, mode) = (meta.uid(), meta.mode());
    if uid != 0 && uid != me {
        return Some(format!(
            "is owned by uid {uid}, who can replace what is in it"
        ));
    }
    if meta.file_type().is_symlink() {
        return None;
    }
    let sticky = mode & STICKY != 0;
    if mode & 0o002 != 0 && !sticky {
        return Some(format!(
            "has mode {:04o}: anyone can replace what is in it",
            mode & 0o7777
        ));
    }
    if mode & 0o020 != 0 && !sticky && !group_is_ours_alone(meta.gid(), me) {
        return Some(format!(
            "has mode {:04o}: every member of group {} can replace what is in it",
            mode & 0o7777,
            meta.gid()
        ));
    }
    None
}

fn refusal(dir: &Path, path: &Path, meta: &Metadata, problem: &str) -> Error {
    let what = if meta.file_type().is_symlink() {
        "the symbolic link"
    } else {
        "the directory"
    };
    let fix = if meta.uid() != 0 && meta.uid() != euid() {
        "point --dir / BLOCKSTATE_DIR at a directory whose parents only you (and root) can change"
            .to_owned()
    } else if meta.mode() & 0o002 != 0 {
        format!(
            "run `chmod o-w {}` (or give it the sticky bit, `chmod +t`), or point --dir / BLOCKSTATE_DIR elsewhere",
            path.display()
        )
    } else {
        format!(
            "run `chmod g-w {}`, or point --dir / BLOCKSTATE_DIR elsewhere",
            path.display()
        )
    };
    Error::unsafe_dir(format!(
        "{what} {}, on the way to state directory {}, {problem}: they could swap the state for their own",
        path.display(),
        dir.display()
    ))
    .hint(fix)
}

/// Whether no one but the user belongs to group `gid`: nobody else has it
/// as primary group in /etc/passwd, and /etc/group lists no other member.
/// An unknown group, or unreadable files, count as shared. Read only when a
/// group-writable directory is met on the way, which is rare.
fn group_is_ours_alone(gid: u32, me: u32) -> bool {
    match (fs::read("/etc/passwd"), fs::read("/etc/group")) {
        (Ok(passwd), Ok(group)) => alone_in(&passwd, &group, gid, me),
        _ => false,
    }
}

/// [`group_is_ours_alone`] on the contents of passwd(5) and group(5).
fn alone_in(passwd: &[u8], group: &[u8], gid: u32, me: u32) -> bool {
    let (gid, me) = (gid.to_string(), me.to_string());
    let mut my_name = None;
    for fields in records(passwd) {
        let (Some(name), Some(uid), Some(primary)) = (fields.first(), fields.get(2), fields.get(3))
        else {
            continue;
        };
        if *uid == me.as_bytes() {
            my_name.get_or_insert(*name);
        } else if *primary == gid.as_bytes() {
            return false;
        }
    }
    let Some(my_name) = my_name else {
        return false;
    };
    records(group)
        .find(|fields| fields.get(2) == Some(&gid.as_bytes()))
        .is_some_and(|fields| {
            fields.get(3).is_none_or(|members| {
                members
                    .split(|&b| b == b',')
                    .all(|m| m.is_empty() || m == my_name)
            })
        })
}

/// The colon-separated fields of each entry of a passwd(5) or group(5)
/// file; comments and NIS `+`/`-` lines are left out.
fn records(text: &[u8]) -> impl Iterator<Item = Vec<&[u8]>> {
    text.split(|&b| b == b'\n')
        .filter(|line| !line.is_empty() && !matches!(line[0], b'#' | b'+' | b'-'))
        .map(|line| line.split(|&b| b == b':').collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

    fn mode(path: &Path, mode: u32) -> io::Result<()> {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }

    #[test]
    fn the_walk_follows_links_and_dot_dot_one_step_at_a_time() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let root = tmp.path().canonicalize()?;
        fs::create_dir_all(root.join("real/inner"))?;
        fs::create_dir(root.join("other"))?;
        symlink("../real", root.join("other/link"))?;
        let dir = root.join("other/link/inner/../inner/state");
        let (seen, err) = steps(&dir);
        assert!(err.is_none(), "{err:?}");
        let seen: Vec<PathBuf> = seen.into_iter().map(|s| s.path).collect();
        let tail: Vec<PathBuf> = seen
            .iter()
            .filter(|p| p.starts_with(&root) && **p != root)
            .cloned()
            .collect();
        assert_eq!(
            tail,
            [
                root.join("other"),
                root.join("other/link"),
                root.join("real"),
                root.join("real/inner"),
                root.join("real/inner"),
            ]
        );
        assert_eq!(seen.first(), Some(&PathBuf::from("/")));
        // Without `..` the quick walk goes first; the link it meets hands
        // over to the full walk, and nothing is seen twice.
        let (seen, err) = steps(&root.join("other/link/inner/state"));
        assert!(err.is_none(), "{err:?}");
        let tail: Vec<PathBuf> = seen
            .into_iter()
            .map(|s| s.path)
            .filter(|p| p.starts_with(&root) && *p != root)
            .collect();
        assert_eq!(
            tail,
            [
                root.join("other"),
                root.join("other/link"),
                root.join("real"),
                root.join("real/inner"),
            ]
        );
        // A plain path is walked from `/` down, each directory once.
        let (seen, _) = steps(&root.join("real/inner/state"));
        let paths: Vec<PathBuf> = seen.into_iter().map(|s| s.path).collect();
        let expected: Vec<PathBuf> = {
            let mut v: Vec<PathBuf> = root
                .join("real/inner")
                .ancestors()
                .map(Path::to_path_buf)
                .collect();
            v.reverse();
            v
        };
        assert_eq!(paths, expected);
        Ok(())
    }

    #[test]
    fn loose_parents_are_refused_and_sticky_ones_are_not() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let parent = tmp.path().join("parent");
        fs::create_dir(&parent)?;
        let dir = parent.join("state");
        for (bits, ok) in [
            (0o700, true),
            (0o755, true),
            (0o1777, true),
            (0o1770, true),
            (0o777, false),
            (0o757, false),
            (0o703, false),
        ] {
            mode(&parent, bits)?;
            assert_eq!(check(&dir).is_ok(), ok, "{bits:o}: {:?}", check(&dir).err());
        }
        mode(&parent, 0o777)?;
        let e = check(&dir).err();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.message.contains("anyone can replace")
                    && e.hint.as_deref().is_some_and(|h| h.contains("chmod o-w"))),
            "{e:?}"
        );
        Ok(())
    }

    #[test]
    fn a_loop_of_links_is_refused() -> TestResult {
        let tmp = tempfile::tempdir()?;
        symlink(tmp.path().join("b"), tmp.path().join("a"))?;
        symlink(tmp.path().join("a"), tmp.path().join("b"))?;
        let e = check(&tmp.path().join("a/state")).err();
        assert!(e.is_some_and(|e| e.message.contains("symbolic links")));
        Ok(())
    }

    #[test]
    fn missing_parents_are_created_private_whatever_the_umask() -> TestResult {
        let tmp = tempfile::tempdir()?;
        let dir = tmp.path().join("a/b/c/state");
        create_missing(&dir)?;
        for d in ["a", "a/b", "a/b/c"] {
            let m = fs::metadata(tmp.path().join(d))?.mode() & 0o7777;
            assert_eq!(m, 0o700, "{d}");
        }
        assert!(!dir.exists());
        Ok(())
    }

    #[test]
    fn a_user_private_group_is_ours_alone() {
        let passwd = b"root:x:0:0:root:/root:/bin/bash\n# x:x:1000:1000::/:/\nalice:x:1000:1000::/home/alice:/bin/sh\nbob:x:1001:1001::/home/bob:/bin/sh\ncarol:x:1002:1000::/home/carol:/bin/sh\n";
        let group =
            b"root:x:0:\nalice:x:1000:\nbob:x:1001:bob\nstaff:x:50:alice,bob\nown:x:60:alice\n";
        let without_carol: Vec<u8> = passwd
            .split(|&b| b == b'\n')
            .filter(|l| !l.starts_with(b"carol"))
            .flat_map(|l| l.iter().copied().chain([b'\n']))
            .collect();
        assert!(alone_in(passwd, group, 0, 0), "root's own group");
        assert!(
            alone_in(passwd, group, 1001, 1001),
            "bob listed in his own group"
        );
        assert!(alone_in(passwd, group, 60, 1000), "only alice is listed");
        assert!(alone_in(&without_carol, group, 1000, 1000));
        assert!(
            !alone_in(passwd, group, 1000, 1000),
            "carol's primary group"
        );
        assert!(!alone_in(passwd, group, 50, 1000), "bob is a member");
        assert!(!alone_in(passwd, group, 1001, 1000), "alice is not bob");
        assert!(!alone_in(passwd, group, 77, 1000), "unknown group");
        assert!(!alone_in(passwd, group, 1000, 4242), "unknown user");
    }
}
