//! Project root detection, without spawning git.
//!
//! Order: the root variable if it names a directory; else the top of the git
//! work tree that contains the current directory; else the current
//! directory. It never fails.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// `root_value` is the root variable's value, `pwd` is `$PWD` (both read
/// by `config`).
pub fn find(root_value: Option<&OsStr>, pwd: Option<&OsStr>) -> PathBuf {
    if let Some(value) = root_value.filter(|v| !v.is_empty()) {
        let p = PathBuf::from(value);
        if p.is_dir() {
            return p;
        }
    }
    let cwd = match std::env::current_dir() {
        Ok(c) => c,
        // The current directory was deleted: $PWD is the best we have.
        Err(_) => return PathBuf::from(pwd.unwrap_or_else(|| OsStr::new("."))),
    };
    git_top(&cwd).unwrap_or(cwd)
}

/// The nearest ancestor of `start` (itself included) holding a `.git` that
/// git would accept: a directory with a `HEAD`, or a file starting with
/// `gitdir:` (linked worktrees and submodules). `start` comes from getcwd,
/// so it is already free of symlinks, as git's answer is.
pub fn git_top(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if is_git_marker(&d.join(".git")) {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

fn is_git_marker(dotgit: &Path) -> bool {
    let Ok(meta) = fs::metadata(dotgit) else {
        return false;
    };
    if meta.is_dir() {
        return dotgit.join("HEAD").is_file();
    }
    if meta.is_file() {
        let mut head = [0u8; 8];
        return fs::File::open(dotgit)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| &head == b"gitdir: ");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_dir_and_file_markers() -> std::io::Result<()> {
        let t = tempfile::tempdir()?;
        let repo = t.path().join("repo");
        fs::create_dir_all(repo.join(".git"))?;
        fs::write(repo.join(".git/HEAD"), "ref: refs/heads/main\n")?;
        let deep = repo.join("a/b/c");
        fs::create_dir_all(&deep)?;
        assert_eq!(git_top(&deep), Some(repo.clone()));

        let wt = repo.join("a/wt");
        fs::create_dir_all(wt.join("sub"))?;
        fs::write(wt.join(".git"), "gitdir: /somewhere\n")?;
        assert_eq!(git_top(&wt.join("sub")), Some(wt));

        let bogus = t.path().join("bogus");
        fs::create_dir_all(bogus.join(".git"))?;
        fs::create_dir_all(bogus.join("x"))?;
        assert_eq!(git_top(&bogus.join("x")), None);
        Ok(())
    }
}
