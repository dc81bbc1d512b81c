//! Queues on the file store: one file per message, Maildir style, so a
//! queue can be read with `ls` and `cat`.
//!
//! ```text
//! STATE_DIR/ID.queues/NAME/seq    the last stamp handed out (and the lock for it)
//!                         tmp/    messages being written
//!                         new/    messages waiting, oldest first by name
//!                         cur/    messages claimed by a consumer (held)
//! ```
//!
//! A message's name is its stamp: nanoseconds since the epoch, 20 digits,
//! taken under the queue's lock as `max(now, last + 1)`, so names sort in
//! the order of the pushes even if the wall clock steps back. A push
//! writes the message in `tmp/`, flushes it, and renames it into `new/`; a
//! consumer claims the oldest by renaming it from `new/` to `cur/` (only
//! one rename of a name can succeed), writes it out, then deletes it.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::error::{Error, ExitCode, Result};
use crate::lock::Mode;
use crate::store::file::{FileStore, Step};
use crate::store::{Store, Update};
use crate::vars::MAX_VALUE_BYTES;
use crate::watch::{Deadline, Notifier, inotify};
use crate::workflow::{WorkflowId, random_u64};

use super::dirs::PrivateDir;
use super::{Claimed, Entry, Queue, QueueName, check_message};

const QUEUES: &str = ".queues";
/// What names a queue directory set aside for deletion: `.ID.queues-gone-HEX`.
/// Not the `.tmp-` of temporary files, whose sweep leaves a directory that
/// is not empty in place (blockstate never makes one there, so it is
/// someone else's); this one blockstate did make, whole, in its private
/// directory, and its sweep removes it whole.
const GONE_MARK: &str = ".queues-gone-";
const STAMP_DIGITS: usize = 20;

fn queues_name(id: &WorkflowId) -> String {
    format!("{id}{QUEUES}")
}

/// Whether the workflow has a queue directory.
pub fn present(store: &FileStore, id: &WorkflowId) -> bool {
    fs::symlink_metadata(store.dir().join(queues_name(id))).is_ok()
}

/// Rename the workflow's queue directory aside (to a temporary name that
/// `gc` removes if this process dies before it does), so that deleting it
/// is atomic and can be undone. `None` when there is none.
pub fn set_aside(store: &FileStore, _dir: &File, id: &WorkflowId) -> Result<Option<String>> {
    if !present(store, id) {
        return Ok(None);
    }
    let from = store.dir().join(queues_name(id));
    let aside = format!(".{id}{GONE_MARK}{:016x}", random_u64());
    store
        .hit(Step::Rename)
        .and_then(|()| fs::rename(&from, store.dir().join(&aside)))
        .map_err(|e| Error::io("removing the queues", &from, &e))?;
    Ok(Some(aside))
}

/// After [`set_aside`]: delete the queues if the change they went with was
/// `done`, else put them back. Best effort either way: a leftover is a
/// temporary name that the next `gc` removes.
pub fn finish_aside(
    store: &FileStore,
    _dir: &File,
    id: &WorkflowId,
    aside: Option<String>,
    done: bool,
) {
    let Some(aside) = aside else { return };
    let aside = store.dir().join(aside);
    if done {
        let _ = fs::remove_dir_all(&aside);
    } else {
        let _ = fs::rename(&aside, store.dir().join(queues_name(id)));
    }
}

/// `gc`'s part, under the directory's exclusive lock (so no push is
/// writing): remove the queues of workflows that have no state file, and
/// the half-written messages of killed pushers. Returns how many entries
/// it removed.
pub fn sweep(store: &FileStore, dir: &File) -> Result<usize> {
    let mut removed = 0;
    let entries = fs::read_dir(store.dir())
        .map_err(|e| Error::io("listing state directory", store.dir(), &e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if is_set_aside(name.to_str().unwrap_or_default()) {
            // Left by a deletion that was interrupted: it was going anyway.
            let path = entry.path();
            store
                .hit(Step::Unlink)
                .and_then(|()| fs::remove_dir_all(&path))
                .map_err(|e| Error::io("removing", &path, &e))?;
            removed += 1;
            continue;
        }
        let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(QUEUES)) else {
            continue;
        };
        let Ok(id) = WorkflowId::parse(stem) else {
            continue;
        };
        if !store.state_path(&id).exists() {
            let aside = set_aside(store, dir, &id)?;
            finish_aside(store, dir, &id, aside, true);
            removed += 1;
            continue;
        }
        removed += clean_tmp(store, dir, &id).unwrap_or(0);
    }
    Ok(removed)
}

/// Whether `name` is a queue directory [`set_aside`] made: `.ID` (a valid
/// workflow ID), the mark, and 16 hex digits.
fn is_set_aside(name: &str) -> bool {
    name.strip_prefix('.')
        .and_then(|n| n.split_once(GONE_MARK))
        .is_some_and(|(id, hex)| {
            WorkflowId::parse(id).is_ok()
                && hex.len() == 16
                && hex.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

fn clean_tmp(store: &FileStore, dir: &File, id: &WorkflowId) -> Result<usize> {
    let root = PrivateDir::checked(
        dir.try_clone()
            .map_err(|e| Error::io("opening", store.dir(), &e))?,
        store.dir().to_path_buf(),
    );
    let Some(queues) = root.sub(&queues_name(id), false)? else {
        return Ok(0);
    };
    let mut removed = 0;
    for q in queues.names()? {
        let Some(queue) = queues.sub(&q, false)? else {
            continue;
        };
        let Some(tmp) = queue.sub("tmp", false)? else {
            continue;
        };
        for name in tmp.names()? {
            if tmp.unlink(&name).is_ok() {
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// The open directories of one queue.
struct Dirs {
    root: PrivateDir,
    queue: PrivateDir,
    tmp: PrivateDir,
    new: PrivateDir,
    cur: PrivateDir,
}

pub struct FileQueue<'a> {
    store: &'a FileStore,
    id: &'a WorkflowId,
    name: &'a QueueName,
    notifier: Notifier,
    /// The directories a claimed message was taken from.
    claimed_in: Option<Dirs>,
}

impl<'a> FileQueue<'a> {
    pub fn new(store: &'a FileStore, id: &'a WorkflowId, name: &'a QueueName) -> Self {
        FileQueue {
            store,
            id,
            name,
            notifier: Notifier::default(),
            claimed_in: None,
        }
    }

    /// The queue's directories, each checked, created when `create`.
    /// `None` when some are missing and not to be created.
    ///
    /// Creating them races with a workflow created anew, which sets the
    /// old queues aside (a consumer waiting on a workflow that does not
    /// exist yet creates the directories it watches; the first push then
    /// creates the workflow): what vanished meanwhile is made again.
    fn dirs(&self, create: bool) -> Result<Option<Dirs>> {
        for _ in 0..8 {
            match self.try_dirs(create)? {
                None if create => continue,
                found => return Ok(found),
            }
        }
        Err(Error::new(
            ExitCode::Io,
            format!(
                "the directories of queue {} kept vanishing while they were created",
                self.name
            ),
        )
        .hint("another process keeps deleting this workflow (gc -w?); retry once it stops"))
    }

    fn try_dirs(&self, create: bool) -> Result<Option<Dirs>> {
        let dir = if create {
            self.store.open_or_create_dir()?
        } else {
            match self.store.open_dir()? {
                Some(d) => d,
                None => return Ok(None),
            }
        };
        let root = PrivateDir::checked(dir, self.store.dir().to_path_buf());
        let Some(queues) = root.sub(&queues_name(self.id), create)? else {
            return Ok(None);
        };
        let Some(queue) = queues.sub(self.name.as_str(), create)? else {
            return Ok(None);
        };
        let mut subs = Vec::with_capacity(3);
        for name in ["tmp", "new", "cur"] {
            match queue.sub(name, create)? {
                Some(d) => subs.push(d),
                None => return Ok(None),
            }
        }
        let (Some(cur), Some(new), Some(tmp)) = (subs.pop(), subs.pop(), subs.pop()) else {
            return Ok(None);
        };
        Ok(Some(Dirs {
            root,
            queue,
            tmp,
            new,
            cur,
        }))
    }

    /// Whether the workflow is live: the queues of an absent or expired
    /// workflow read as empty.
    fn live(&self) -> Result<bool> {
        Ok(self.store.load(self.id, crate::time::now_unix())?.is_some())
    }

    /// Hand out `n` stamps, under the queue's lock, each greater than the
    /// last one handed out.
    fn stamps(&self, d: &Dirs, n: usize, started: Instant) -> Result<Vec<u64>> {
        let path = d.queue.join("seq");
        let seq = d
            .queue
            .open_file("seq", true, true)?
            .ok_or_else(|| Error::new(ExitCode::Io, format!("{} vanished", path.display())))?;
        self.store.lock(&seq, &path, Mode::Exclusive, started)?;
        let mut text = String::new();
        (&seq)
            .take(64)
            .read_to_string(&mut text)
            .map_err(|e| Error::io("reading", &path, &e))?;
        let last: u64 = match text.trim() {
            "" => 0,
            t => t.parse().map_err(|_| {
                Error::bad_state(format!(
                    "{} holds {}, not the last stamp of the queue",
                    path.display(),
                    crate::workflow::shown(t)
                ))
                .hint(format!(
                    "it is not blockstate's: inspect it, then remove it (`rm {}`)",
                    path.display()
                ))
            })?,
        };
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
            .unwrap_or(0);
        let first = now.max(last.saturating_add(1));
        let stamps: Vec<u64> = (0..n as u64).map(|i| first.saturating_add(i)).collect();
        let newest = stamps.last().copied().unwrap_or(last);
        let line = format!("{newest}\n");
        seq.set_len(0)
            .and_then(|()| seq.write_all_at(line.as_bytes(), 0))
            .and_then(|()| seq.sync_data())
            .map_err(|e| Error::io("writing", &path, &e))?;
        Ok(stamps)
    }

    /// Claim the oldest waiting message, if any.
    fn try_claim(&self, d: &Dirs) -> Result<Option<Claimed>> {
        let names = self.messages(&d.new)?;
        for name in names {
            let Some(value) = self.read_message(&d.new, &name)? else {
                continue;
            };
            match d.new.rename(&name, &d.cur, &name) {
                Ok(()) => {
                    return Ok(Some(Claimed {
                        id: name.clone(),
                        value,
                        token: name,
                    }));
                }
                // Another consumer claimed it first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io("claiming", &d.new.join(&name), &e)),
            }
        }
        Ok(None)
    }

    /// A message file's text, checked like a stored value; `None` when it
    /// is gone (claimed by someone else).
    fn read_message(&self, dir: &PrivateDir, name: &str) -> Result<Option<String>> {
        let path = dir.join(name);
        let fix = || {
            format!(
                "it was not written by blockstate: inspect it, then remove it (`rm {}`) to let the queue go on",
                path.display()
            )
        };
        let Some(file) = dir.open_file(name, false, false)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        (&file)
            .take(MAX_VALUE_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("reading", &path, &e))?;
        let bad = |why: String| {
            Error::bad_state(format!(
                "message {} of queue {} {why}",
                path.display(),
                self.name
            ))
            .hint(fix())
        };
        if bytes.len() > MAX_VALUE_BYTES {
            return Err(bad(format!(
                "is larger than the limit of {MAX_VALUE_BYTES} bytes"
            )));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            bad(format!(
                "is not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        if text.as_bytes().contains(&0) {
            return Err(bad("contains a NUL byte".into()));
        }
        Ok(Some(text))
    }

    /// The message names in `dir`, oldest first. Anything else there is
    /// refused: a queue holds only what blockstate wrote.
    fn messages(&self, dir: &PrivateDir) -> Result<Vec<String>> {
        let mut names = dir.names()?;
        names.sort_unstable();
        if let Some(bad) = names.iter().find(|n| !is_stamp(n)) {
            let path = dir.join(bad);
            return Err(Error::bad_state(format!(
                "{} is not a message of queue {} (its name is not a {STAMP_DIGITS}-digit stamp)",
                path.display(),
                self.name
            ))
            .hint(format!(
                "it was not written by blockstate: inspect it, then remove it (`rm {}`) to let the queue go on",
                path.display()
            )));
        }
        Ok(names)
    }

    fn claimed_dirs(&self) -> Result<&Dirs> {
        self.claimed_in
            .as_ref()
            .ok_or_else(|| Error::new(ExitCode::Io, "no message was claimed from this queue"))
    }
}

impl Queue for FileQueue<'_> {
    fn push(&mut self, values: &[String], touch: &Update) -> Result<()> {
        for value in values {
            check_message(self.name, value)?;
        }
        self.store.update(self.id, touch, crate::time::now_unix())?;
        let d = self.dirs(true)?.ok_or_else(|| {
            Error::new(
                ExitCode::Io,
                format!("the directories of queue {} vanished", self.name),
            )
        })?;
        let started = Instant::now();
        // Shared, like every writer: a `gc` sweep (which removes what
        // killed pushers left in tmp/) waits for us.
        self.store
            .lock(d.root.file(), self.store.dir(), Mode::Shared, started)?;
        let stamps = self.stamps(&d, values.len(), started)?;
        for (stamp, value) in stamps.iter().zip(values) {
            let name = format!("{stamp:0width$}", width = STAMP_DIGITS);
            let written = write_message(&d, &name, value);
            if written.is_err() {
                let _ = d.tmp.unlink(&name);
            }
            written?;
            // Each rename is flushed before the next message: a crash never
            // keeps a later message of this push without the earlier ones.
            d.new.sync()?;
        }
        Ok(())
    }

    fn claim(&mut self, deadline: Deadline) -> Result<Option<Claimed>> {
        let waits = deadline != Deadline::Now;
        let watched = queues_name(self.id);
        loop {
            // Watch first, then look: a message that arrives after the
            // look wakes the wait below.
            let dirs = self.dirs(waits)?;
            if let Some(d) = &dirs
                && waits
                && !self.notifier.polling()
            {
                let fault = self.store.hit(Step::Watch);
                self.notifier.arm(
                    &[
                        (d.root.file(), inotify::ANY_ENTRY, Some(watched.as_str())),
                        (d.new.file(), inotify::ARRIVED, None),
                    ],
                    fault,
                );
            }
            if let Some(d) = dirs
                && self.live()?
                && let Some(claimed) = self.try_claim(&d)?
            {
                self.claimed_in = Some(d);
                return Ok(Some(claimed));
            }
            if deadline.passed() {
                return Ok(None);
            }
            self.notifier.wait(deadline)?;
        }
    }

    fn ack(&mut self, message: &Claimed) -> Result<()> {
        let d = self.claimed_dirs()?;
        match d.cur.unlink(&message.token) {
            Ok(()) => Ok(()),
            // Deleted with its workflow meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io("removing", &d.cur.join(&message.token), &e)),
        }
    }

    fn put_back(&mut self, message: &Claimed) -> Result<()> {
        let d = self.claimed_dirs()?;
        d.cur
            .rename(&message.token, &d.new, &message.token)
            .map_err(|e| Error::io("putting back", &d.cur.join(&message.token), &e))?;
        d.new.sync()
    }

    fn list(&mut self) -> Result<Vec<Entry>> {
        let mut out = Vec::new();
        if !self.live()? {
            return Ok(out);
        }
        let Some(d) = self.dirs(false)? else {
            return Ok(out);
        };
        for (dir, held) in [(&d.new, false), (&d.cur, true)] {
            for name in self.messages(dir)? {
                if let Some(value) = self.read_message(dir, &name)? {
                    out.push(Entry {
                        id: name,
                        held,
                        value,
                    });
                }
            }
        }
        Ok(out)
    }

    fn waiting(&mut self) -> Result<usize> {
        if !self.live()? {
            return Ok(0);
        }
        match self.dirs(false)? {
            Some(d) => Ok(self.messages(&d.new)?.len()),
            None => Ok(0),
        }
    }
}

fn is_stamp(name: &str) -> bool {
    name.len() == STAMP_DIGITS && name.bytes().all(|b| b.is_ascii_digit())
}

/// Write one message in tmp/, flush it, and move it into new/.
fn write_message(d: &Dirs, name: &str, value: &str) -> Result<()> {
    let path = d.tmp.join(name);
    let mut file = d.tmp.create_file(name)?;
    file.write_all(value.as_bytes())
        .and_then(|()| file.sync_data())
        .map_err(|e| Error::io("writing", &path, &e))?;
    d.tmp
        .rename(name, &d.new, name)
        .map_err(|e| Error::io("delivering", Path::new(&path), &e))
}
