//! What makes an entry in blockstate's private directories one of its
//! own files: the checks that the state files, the queue messages and the
//! process logs share. Each caller words the refusal for its own files.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};

/// The effective user ID: whom blockstate's files and directories must
/// belong to.
pub fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Why the entry `meta` describes, opened as one of blockstate's regular
/// files, is not one: not a regular file, owned by another user, or with
/// more than one hard link (someone linked another file there). `None`
/// when it is. No link at all is fine: a writer renamed a new version over
/// the file after it was opened, and a reader without a lock reads the old
/// one.
pub fn foreign_file(meta: &fs::Metadata) -> Option<String> {
    if !meta.file_type().is_file() {
        return Some(not_regular(meta));
    }
    let me = euid();
    if meta.uid() != me {
        return Some(format!(
            "owned by uid {}, not by you (uid {me})",
            meta.uid()
        ));
    }
    if meta.nlink() > 1 {
        return Some(format!("a file with {} hard links", meta.nlink()));
    }
    None
}

/// "not a regular file but a FIFO" and the like.
pub fn not_regular(meta: &fs::Metadata) -> String {
    format!("not a regular file but {}", kind(meta))
}

/// What kind of entry this is, for messages about planted entries.
pub fn kind(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a regular file"
    }
}
