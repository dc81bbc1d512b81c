//! Queues on Redis: one list per queue, `<hash>:q:<name>`, next to the
//! workflow's hash, and `<hash>:q:<name>:held` for the messages claimed by
//! consumers that have not finished with them. The workflow's set
//! `<hash>:queues` names its queues, so that COMMIT can keep their expiry
//! in step and `gc` can delete them.
//!
//! An element is `<ID> <message>`, where the ID is the change-stream entry
//! the push added for it: unique, and increasing in the order of the
//! pushes even if the server's clock steps back. A push adds at the head
//! (`LPUSH`), a claim takes from the tail into the held list
//! (`RPOPLPUSH`, atomic: exactly one consumer gets each element). A
//! consumer with nothing to claim blocks on the change stream, as `wait`
//! does, from the entry the claim script saw: every push adds an entry, so
//! no push is missed.

use redis::{Script, Value};

use crate::error::{Error, ExitCode, Result};
use crate::store::redis::RedisStore;
use crate::store::{Store, Update};
use crate::watch::Deadline;
use crate::workflow::WorkflowId;

use super::{Claimed, Entry, Queue, QueueName, check_message};

/// Push: only into a workflow that exists (the caller has just renewed
/// it); each message gets its ID from the change stream; the queue takes
/// the workflow's remaining lifetime. KEYS: hash, stream, queue-name set,
/// queue. ARGV: queue name, then the messages. Returns `gone` if the
/// workflow was deleted since it was renewed.
const PUSH: &str = r"
if redis.call('EXISTS', KEYS[1]) == 0 then return 'gone' end
for i = 2, #ARGV do
  local id = redis.call('XADD', KEYS[2], 'MAXLEN', '1', '*', 'push', ARGV[1])
  redis.call('LPUSH', KEYS[4], id .. ' ' .. ARGV[i])
end
redis.call('SADD', KEYS[3], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[2], ttl)
  redis.call('PEXPIRE', KEYS[3], ttl)
  redis.call('PEXPIRE', KEYS[4], ttl)
end
return 'ok'
";

/// Whether the workflow at KEYS[1] is live (present, and its recorded
/// expiry not passed by the server's clock).
const LIVE: &str = r"
local function live()
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
  local exp = tonumber(redis.call('HGET', KEYS[1], '.expires'))
  return exp == nil or exp > tonumber(redis.call('TIME')[1])
end
";

/// Claim the oldest message into the held list. KEYS: hash, stream,
/// queue, held. Returns {'msg', element} or {'empty', last stream ID}.
const CLAIM: &str = r"
local function cursor()
  local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
  if last[1] then return last[1][1] end
  return '0-0'
end
if not live() then return {'empty', cursor()} end
local m = redis.call('RPOPLPUSH', KEYS[3], KEYS[4])
if not m then return {'empty', cursor()} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[4], ttl) end
return {'msg', m}
";

/// Put a held message back at the head of the queue (unless its workflow
/// is gone). KEYS: hash, stream, queue, held. ARGV: element, whether to
/// wake waiting consumers.
const PUT_BACK: &str = r"
if redis.call('LREM', KEYS[4], 1, ARGV[1]) == 1 and redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('RPUSH', KEYS[3], ARGV[1])
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[3], ttl) end
  if ARGV[2] == '1' then redis.call('XADD', KEYS[2], 'MAXLEN', '1', '*', 'back', '1') end
end
return 1
";

/// KEYS: hash, queue, held. Returns {waiting (newest first), held}.
const LIST: &str = r"
if not live() then return {{}, {}} end
return {redis.call('LRANGE', KEYS[2], 0, -1), redis.call('LRANGE', KEYS[3], 0, -1)}
";

/// KEYS: hash, queue.
const LEN: &str = r"
if not live() then return 0 end
return redis.call('LLEN', KEYS[2])
";

pub struct RedisQueue<'a> {
    store: &'a RedisStore,
    id: &'a WorkflowId,
    name: &'a QueueName,
    hash: String,
    stream: String,
    queue: String,
    held: String,
}

impl<'a> RedisQueue<'a> {
    pub fn new(store: &'a RedisStore, id: &'a WorkflowId, name: &'a QueueName) -> Self {
        let hash = store.key(id);
        RedisQueue {
            store,
            id,
            name,
            stream: RedisStore::changes_key(&hash),
            queue: format!("{hash}:q:{name}"),
            held: format!("{hash}:q:{name}:held"),
            hash,
        }
    }

    /// Split and check an element: `<stream ID> <message>`.
    fn parse(&self, raw: &[u8], key: &str) -> Result<(String, String)> {
        let bad = |why: &str| {
            Error::bad_state(format!(
                "{} holds an element that is not a blockstate message: {why}",
                self.store.what(key)
            ))
            .hint(format!(
                "inspect it with `redis-cli LRANGE {key} 0 -1`, and remove it (LREM) to let the queue go on"
            ))
        };
        let text = std::str::from_utf8(raw).map_err(|e| {
            bad(&format!(
                "not valid UTF-8 (first bad byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        let Some((id, value)) = text.split_once(' ') else {
            return Err(bad("no message ID"));
        };
        let well_formed = id.split_once('-').is_some_and(|(ms, seq)| {
            !ms.is_empty()
                && !seq.is_empty()
                && ms.bytes().all(|b| b.is_ascii_digit())
                && seq.bytes().all(|b| b.is_ascii_digit())
        });
        if !well_formed {
            return Err(bad("no message ID"));
        }
        check_message(self.name, value).map_err(|e| bad(&e.message))?;
        Ok((id.to_owned(), value.to_owned()))
    }

    fn script(&self, body: &str) -> Script {
        Script::new(&format!("{LIVE}\n{body}"))
    }
}

fn bytes(v: &Value) -> Option<&[u8]> {
    match v {
        Value::BulkString(b) => Some(b),
        Value::SimpleString(s) => Some(s.as_bytes()),
        _ => None,
    }
}

fn items(v: &Value) -> &[Value] {
    match v {
        Value::Array(items) => items,
        _ => &[],
    }
}

impl Queue for RedisQueue<'_> {
    fn push(&mut self, values: &[String], touch: &Update) -> Result<()> {
        for value in values {
            check_message(self.name, value)?;
        }
        // A `gc -w` between the renewal and the push deletes the workflow:
        // renew it again rather than push into nothing.
        for _ in 0..10 {
            self.store.update(self.id, touch, crate::time::now_unix())?;
            let reply: String = self.store.with_conn("pushing", |con| {
                let script = Script::new(PUSH);
                let mut call = script.key(&self.hash);
                call.key(&self.stream)
                    .key(RedisStore::queues_key(&self.hash))
                    .key(&self.queue)
                    .arg(self.name.as_str());
                for value in values {
                    call.arg(value.as_str());
                }
                call.invoke(con)
            })?;
            match reply.as_str() {
                "ok" => return Ok(()),
                "gone" => continue,
                _ => return Err(self.store.odd_reply()),
            }
        }
        Err(Error::new(
            ExitCode::LockTimeout,
            format!(
                "workflow {} was deleted again and again while blockstate pushed into it",
                self.id
            ),
        )
        .hint("something keeps running `blockstate gc` on this workflow; retry once it stops"))
    }

    fn claim(&mut self, deadline: Deadline) -> Result<Option<Claimed>> {
        loop {
            let reply: Value = self.store.with_conn("claiming a message", |con| {
                self.script(CLAIM)
                    .key(&self.hash)
                    .key(&self.stream)
                    .key(&self.queue)
                    .key(&self.held)
                    .invoke(con)
            })?;
            let parts = items(&reply);
            let status = parts.first().and_then(bytes).unwrap_or_default();
            let payload = parts.get(1).and_then(bytes).unwrap_or_default();
            match status {
                b"msg" => {
                    let element = String::from_utf8_lossy(payload).into_owned();
                    return match self.parse(payload, &self.queue) {
                        Ok((id, value)) => Ok(Some(Claimed {
                            id,
                            value,
                            token: element,
                        })),
                        Err(e) => {
                            // Not ours to deliver: back where it was, and
                            // nothing else changes (no wake-up).
                            let _: Value = self.store.with_conn("putting back", |con| {
                                Script::new(PUT_BACK)
                                    .key(&self.hash)
                                    .key(&self.stream)
                                    .key(&self.queue)
                                    .key(&self.held)
                                    .arg(payload)
                                    .arg("0")
                                    .invoke(con)
                            })?;
                            Err(e)
                        }
                    };
                }
                b"empty" => {
                    let cursor = String::from_utf8_lossy(payload).into_owned();
                    if deadline.passed() {
                        return Ok(None);
                    }
                    if !crate::watch::redis::block(self.store, &self.stream, &cursor, deadline)? {
                        // The deadline passed: one last look.
                        continue;
                    }
                }
                _ => return Err(self.store.odd_reply()),
            }
        }
    }

    fn ack(&mut self, message: &Claimed) -> Result<()> {
        let _: i64 = self
            .store
            .with_conn("removing a delivered message", |con| {
                redis::cmd("LREM")
                    .arg(&self.held)
                    .arg(1)
                    .arg(&message.token)
                    .query(con)
            })?;
        Ok(())
    }

    fn put_back(&mut self, message: &Claimed) -> Result<()> {
        let _: Value = self.store.with_conn("putting back", |con| {
            Script::new(PUT_BACK)
                .key(&self.hash)
                .key(&self.stream)
                .key(&self.queue)
                .key(&self.held)
                .arg(&message.token)
                .arg("1")
                .invoke(con)
        })?;
        Ok(())
    }

    fn list(&mut self) -> Result<Vec<Entry>> {
        let reply: Value = self.store.with_conn("listing a queue", |con| {
            self.script(LIST)
                .key(&self.hash)
                .key(&self.queue)
                .key(&self.held)
                .invoke(con)
        })?;
        let parts = items(&reply);
        let mut out = Vec::new();
        for (part, held, key) in [
            (parts.first(), false, &self.queue),
            (parts.get(1), true, &self.held),
        ] {
            // LPUSH puts the newest first: reverse for delivery order.
            for raw in items(part.unwrap_or(&Value::Nil)).iter().rev() {
                let raw = bytes(raw).ok_or_else(|| self.store.odd_reply())?;
                let (id, value) = self.parse(raw, key)?;
                out.push(Entry { id, held, value });
            }
        }
        Ok(out)
    }

    fn waiting(&mut self) -> Result<usize> {
        let n: i64 = self.store.with_conn("counting a queue", |con| {
            self.script(LEN)
                .key(&self.hash)
                .key(&self.queue)
                .invoke(con)
        })?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
