//! Work queues: `push`, `pop`, `queue ls`, `queue len`.
//!
//! A queue belongs to a workflow and lives and dies with it: a push renews
//! the workflow's expiry as a `set` does (creating the workflow if needed),
//! the queues of an expired workflow read as empty, a workflow created
//! anew starts without queues, and `gc` removes them with the workflow.
//! `load` and `exec` never read them.
//!
//! Delivery, on both stores:
//! - a message is claimed by exactly one consumer (an atomic rename on the
//!   file store, an atomic move between lists on Redis);
//! - the consumer writes it to its standard output, and only then deletes
//!   it; if the write fails, the message is put back at the head of the
//!   queue;
//! - a consumer killed between its claim and that delete leaves the
//!   message *held*: it is not delivered again (at most once), and
//!   `queue ls` shows it as `held` until the workflow is deleted;
//! - messages of one producer (pushed one after another) are claimed in
//!   the order they were pushed.
//!
//! The stores: [`file`] (one file per message, Maildir style) and
//! [`redis`] (lists).

pub mod dirs;
pub mod file;
#[cfg(feature = "redis")]
pub mod redis;

use crate::error::{Error, Result};
use crate::store::Update;
use crate::watch::Deadline;
use crate::workflow::shown;

pub const MAX_NAME_LEN: usize = 128;

/// A validated queue name: `[A-Za-z0-9][A-Za-z0-9._-]{0,127}`, the rule of
/// workflow IDs. It becomes a directory name and part of a Redis key, so
/// it can hold no `/`, no `:`, and cannot be `.` or `..` or start with `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueName(String);

impl QueueName {
    pub fn parse(raw: &str) -> Result<Self> {
        let bytes = raw.as_bytes();
        let hint = "a queue name is letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. jobs or build-results";
        let Some(&first) = bytes.first() else {
            return Err(Error::usage("the queue name is empty").hint(hint));
        };
        if bytes.len() > MAX_NAME_LEN {
            return Err(Error::usage(format!(
                "queue name {} is {} bytes long; the limit is {MAX_NAME_LEN}",
                shown(raw),
                bytes.len()
            ))
            .hint(hint));
        }
        let ok_rest = bytes[1..]
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !first.is_ascii_alphanumeric() || !ok_rest {
            return Err(Error::usage(format!(
                "invalid queue name {}: a queue name must match [A-Za-z0-9][A-Za-z0-9._-]{{0,127}} (no '/', ':', spaces or control characters, no leading '.' or '-')",
                shown(raw)
            ))
            .hint(hint));
        }
        Ok(QueueName(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for QueueName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A message a consumer has claimed and not yet acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    /// The message's ID: unique in its queue, and increasing in the order
    /// of the pushes (a file name on the file store, the change stream's
    /// entry ID on Redis).
    pub id: String,
    pub value: String,
    /// What the store needs to delete or put back this message.
    pub token: String,
}

/// A message as `queue ls` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// Claimed by a consumer that has not finished with it.
    pub held: bool,
    pub value: String,
}

pub trait Queue {
    /// Add `values` at the end of the queue, in order. `touch` is the
    /// update that renews (or creates) the workflow first.
    fn push(&mut self, values: &[String], touch: &Update) -> Result<()>;
    /// Claim the oldest message, waiting for one until `deadline`. `None`:
    /// the queue stayed empty.
    fn claim(&mut self, deadline: Deadline) -> Result<Option<Claimed>>;
    /// The consumer has written the message out: delete it.
    fn ack(&mut self, message: &Claimed) -> Result<()>;
    /// The consumer could not write it out: put it back at the head.
    fn put_back(&mut self, message: &Claimed) -> Result<()>;
    /// Every message, waiting ones first in delivery order, then held ones.
    fn list(&mut self) -> Result<Vec<Entry>>;
    /// The number of messages waiting to be popped (held ones excluded).
    fn waiting(&mut self) -> Result<usize>;
}

/// The check every message gets, when pushed and when read back: the
/// rules of a variable's value (UTF-8, no NUL byte, at most 1 MiB).
pub fn check_message(queue: &QueueName, value: &str) -> Result<()> {
    use crate::vars::MAX_VALUE_BYTES;
    if value.len() > MAX_VALUE_BYTES {
        return Err(Error::usage(format!(
            "a message for queue {queue} is {} bytes; the limit is {MAX_VALUE_BYTES} bytes (1 MiB)",
            value.len()
        ))
        .hint("push a path to a file instead of the content itself"));
    }
    if value.as_bytes().contains(&0) {
        return Err(Error::usage(format!(
            "a message for queue {queue} contains a NUL byte, which no shell variable can hold"
        ))
        .hint("encode binary data (e.g. with base64) before pushing it"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_names() {
        for ok in ["jobs", "a", "Q1", "build.results_2-x", &"q".repeat(128)] {
            assert!(QueueName::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a:b",
            "-q",
            ".q",
            "a b",
            "a\nb",
            "é",
            &"q".repeat(129),
        ] {
            assert!(QueueName::parse(bad).is_err(), "{bad:?}");
        }
    }
}
