//! Where stored values rest, and for how long: for `blockstate doctor` and
//! anyone who wonders where an exported token went. (`load --capture`
//! stores what a block exports, tokens included: that is what the next
//! block needs, so the user should know where it lies.)

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::config::Config;

/// tmpfs and ramfs magic numbers (statfs(2)).
const TMPFS_MAGIC: i64 = 0x0102_1994;
const RAMFS_MAGIC: i64 = 0x8584_58f6;

/// What kind of place holds the values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A RAM-backed filesystem: nothing reaches a disk (but swap).
    Ram,
    /// A disk (or a filesystem whose type was not recognized as RAM).
    Disk,
    /// A Redis server.
    Redis,
}

/// Where values rest and for how long, in one paragraph, and the kind of
/// place.
pub fn describe(config: &Config) -> (Place, String) {
    let ttl = crate::time::human_ms(u128::from(config.default_ttl_secs) * 1000);
    let life = format!(
        "each workflow is kept for its TTL after its last update ({ttl} unless `set --ttl` or the hook gave it another one), then reads as expired"
    );
    if config.remote.is_some() {
        return (
            Place::Redis,
            format!(
                "values rest in Redis, in the server's memory and in whatever persistence it keeps (RDB snapshots, AOF); {life}, and Redis deletes it; a tombstone holding only the expiry time stays 7 days more"
            ),
        );
    }
    let dir = config.dir.display();
    if on_ram(&config.dir) {
        (
            Place::Ram,
            format!(
                "values rest in {dir}, on a RAM-backed filesystem (tmpfs): they never reach a disk (unless the system swaps) and are gone at reboot, and at logout for $XDG_RUNTIME_DIR; {life}, and `blockstate gc` removes it"
            ),
        )
    } else {
        (
            Place::Disk,
            format!(
                "values rest in {dir}, on disk, in plain JSON files readable only by you (0600 in a 0700 directory); {life}, and stay on disk until `blockstate gc` removes it (set BLOCKSTATE_DIR to a tmpfs such as $XDG_RUNTIME_DIR to keep them off the disk)"
            ),
        )
    }
}

/// Whether `dir` (or, before it exists, its nearest existing ancestor) is
/// on tmpfs or ramfs.
fn on_ram(dir: &Path) -> bool {
    let mut path = Some(dir);
    while let Some(p) = path {
        if let Some(magic) = fs_magic(p) {
            return magic == TMPFS_MAGIC || magic == RAMFS_MAGIC;
        }
        path = p.parent();
    }
    false
}

fn fs_magic(path: &Path) -> Option<i64> {
    let c = CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: an all-zero statfs is a valid value to be overwritten.
    let mut buf: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a NUL-terminated path and `buf` a valid statfs.
    let rc = unsafe { libc::statfs(c.as_ptr(), &mut buf) };
    #[allow(clippy::unnecessary_cast)]
    (rc == 0).then_some(buf.f_type as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_shm_is_ram_and_a_missing_child_takes_its_parent() {
        if Path::new("/dev/shm").is_dir() {
            assert!(on_ram(Path::new("/dev/shm/blockstate-none/deeper")));
        }
    }
}
