//! `wait` on Redis: the workflow's change stream.
//!
//! Every commit adds an entry to `<hash>:changes` (see COMMIT in
//! `store::redis`). The waiter notes the stream's last entry ID *before*
//! it reads the state, then blocks in `XREAD` for an entry after it: a
//! commit that lands after the note (even before the read) wakes it, so no
//! change is missed, and nothing polls. Keyspace notifications are not
//! used: Redis drops them for clients that are not connected at the time.
//!
//! One `XREAD` blocks for at most [`CHUNK`]; the waiter then reads the
//! state again and blocks anew. So a waiter without a timeout still
//! notices, within that time, a server that stopped answering.

use std::time::Duration;

use redis::Value;

use crate::error::Result;
use crate::store::State;
use crate::store::redis::RedisStore;

use super::{Changes, Deadline};

/// The longest single blocking read.
pub const CHUNK: Duration = Duration::from_secs(30);

pub struct RedisChanges<'a> {
    store: &'a RedisStore,
    key: String,
    stream: String,
    /// The last entry seen (`0-0`: none yet).
    cursor: String,
}

impl<'a> RedisChanges<'a> {
    pub fn new(store: &'a RedisStore, key: String) -> Self {
        RedisChanges {
            store,
            stream: RedisStore::changes_key(&key),
            key,
            cursor: "0-0".into(),
        }
    }
}

/// The ID of the stream's last entry, or `0-0` when it has none.
pub fn last_id(store: &RedisStore, stream: &str) -> Result<String> {
    let last: Vec<(String, Value)> = store.with_conn("reading", |con| {
        redis::cmd("XREVRANGE")
            .arg(stream)
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1)
            .query(con)
    })?;
    Ok(last
        .into_iter()
        .next()
        .map_or_else(|| "0-0".to_owned(), |(id, _)| id))
}

/// Block until the stream has an entry after `cursor`, for at most the
/// time left and at most [`CHUNK`]. `false` once the deadline has passed.
pub fn block(store: &RedisStore, stream: &str, cursor: &str, deadline: Deadline) -> Result<bool> {
    let block = match deadline.remaining() {
        Some(left) if left.is_zero() => return Ok(false),
        Some(left) => left.min(CHUNK),
        None => CHUNK,
    };
    // XREAD counts whole milliseconds; 0 would mean "forever".
    let ms = block.as_millis().clamp(1, u128::from(u32::MAX)) as u64;
    let _: Value = store.with_conn_blocking("waiting for a change", block, |con| {
        redis::cmd("XREAD")
            .arg("COUNT")
            .arg(1)
            .arg("BLOCK")
            .arg(ms)
            .arg("STREAMS")
            .arg(stream)
            .arg(cursor)
            .query(con)
    })?;
    Ok(true)
}

impl Changes for RedisChanges<'_> {
    fn read(&mut self) -> Result<Option<State>> {
        self.cursor = last_id(self.store, &self.stream)?;
        Ok(self.store.live(&self.key)?.1)
    }

    fn next(&mut self, deadline: Deadline) -> Result<bool> {
        block(self.store, &self.stream, &self.cursor, deadline)
    }
}
