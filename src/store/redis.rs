//! The Redis (or Valkey) store, for workflows whose blocks run on different
//! machines. Same commands, same rules, same validation as the file store.
//!
//! Layout (documented in the README): one hash per workflow at
//! `<prefix>wf:<ID>`, where the prefix is `blockstate:`, or `blockstate:N:`
//! with namespace N. The hash holds the variables and the metadata; metadata
//! field names start with `.` (`.version`, `.workflow`, `.description`,
//! `.created`, `.updated`, `.expires`), which no variable name can, so the
//! two never collide. One key per workflow means one atomic read, one EXPIRE,
//! one DEL, and no half-present workflow (a variables hash emptied by
//! `unset` would vanish from Redis and leave its metadata orphaned).
//!
//! Every write is one Lua script, which Redis runs atomically; every read is
//! a read-only script that also returns the server's clock. All times
//! (created, updated, expiry) come from that clock, so runners whose clocks
//! disagree still agree on what has expired. The key's EXPIRE makes Redis
//! itself forget an expired workflow.
//!
//! Only the synchronous API of the `redis` crate is used: one connection per
//! process, opened on first use (`path` never connects). Every call goes
//! through `with_conn`, under one [`Deadline`] per command (per workflow in
//! a sweep), so that no server, however slow, can hang a block for longer
//! than the timeout.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use redis::{
    Client, Connection, ConnectionAddr, ErrorKind, IntoConnectionInfo, RedisConnectionInfo,
    RedisError, Script, ServerErrorKind, Value,
};

use crate::config::RemoteStore;
use crate::error::{Error, ExitCode, Result};
use crate::process::record::MAX_PROCESSES;
use crate::store::deadline::Deadline;
use crate::store::redis_hash::{Delta, META, REV, parse_u64, state_from_fields};
use crate::store::{
    Found, GcReport, GcScope, Outcome, STATE_VERSION, State, Store, Update, check_version,
    not_state,
};
use crate::vars::{MAX_KEYS, MAX_STATE_BYTES};
use crate::workflow::{WorkflowId, random_u64, shown};

/// The key prefix without a namespace.
pub const PREFIX: &str = "blockstate:";
/// Redis counts expiry in seconds up to about 2^62 ms; far below that, and
/// exact in a Lua double. About 31,700 years: "never" in practice.
const MAX_TTL_SECS: u64 = 1_000_000_000_000;
/// How long Redis keeps a workflow that records processes past its
/// expiry: blockstate already treats it as expired, but `gc` can still
/// find it and stop its processes before deleting it (Redis would
/// otherwise forget the records and leave the processes running).
pub const PROCESS_KEEP_SECS: u64 = 7 * 86_400;

/// How long after a workflow's expiry its tombstone (`<prefix>gone:<ID>`,
/// a hash whose one field `expires` holds the expiry time, no value) lets
/// reads say "expired at T" instead of "absent". A hash, so that the ACL
/// the README documents (`+@hash +@keyspace +@scripting`) covers it.
pub const TOMBSTONE_SECS: u64 = 7 * 24 * 3600;

/// Reads a workflow's hash with the server's clock, refusing (without
/// copying or transferring it) a hash past the limits a state file has.
/// KEYS: the hash, its tombstone. ARGV: max fields other than process
/// records, max bytes, max process records. Returns {time, status,
/// payload}; for an absent hash, the payload is the tombstone's expiry
/// time, or an empty string.
const READ: &str = r"
local t = redis.call('TIME')
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind == 'none' then return {t[1], 'absent', redis.call('HGET', KEYS[2], 'expires') or ''} end
if kind ~= 'hash' then return {t[1], 'type', kind} end
local n = redis.call('HLEN', KEYS[1])
if n > tonumber(ARGV[1]) + tonumber(ARGV[3]) then return {t[1], 'fields', n} end
local size = 0
local procs = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  size = size + #f + redis.call('HSTRLEN', KEYS[1], f)
  if string.sub(f, 1, 6) == '.proc:' then procs = procs + 1 end
end
if n - procs > tonumber(ARGV[1]) then return {t[1], 'fields', n - procs} end
if size > tonumber(ARGV[2]) then return {t[1], 'bytes', size} end
return {t[1], 'ok', redis.call('HGETALL', KEYS[1])}
";

/// The commit of an update (see `update.rs`): apply a delta only if the
/// hash still has the revision the writer read, so that the state the
/// writer checked every limit on is exactly the state the delta turns into
/// the new one. Otherwise change nothing and say `conflict`; the writer
/// reads again and retries.
/// It also keeps the workflow's companions in step (see `watch` and
/// `queue`): it adds an entry to the change stream, which wakes `wait`
/// and `pop --wait`; it gives the stream and every queue the workflow's
/// expiry; and a workflow created anew (`replace`) starts without queues.
/// KEYS: the hash, its change stream, its set of queue names, its
/// tombstone; a queue's list is `<hash>:q:<name>`, its held messages
/// `<hash>:q:<name>:held`.
/// ARGV: expected revision (`none`: no key; `norev`: a hash without
/// `.rev`, as blockstate 0.1 wrote), new revision, `replace` or `delta`,
/// expiry (Unix seconds), this build's state version, number of fields to
/// set N, then N name/value pairs, then the names to delete. The
/// tombstone holds the workflow's expiry (`.expires`, which the
/// key's own EXPIREAT passes when the workflow records processes) and
/// outlives the key by `TOMBSTONE_SECS` (replaced by the constant's value).
const COMMIT: &str = r"
local key = KEYS[1]
local kind = redis.call('TYPE', key)['ok']
local rev = 'type'
if kind == 'none' then rev = 'none'
elseif kind == 'hash' then rev = redis.call('HGET', key, '.rev') or 'norev' end
if rev ~= ARGV[1] then return {'conflict'} end
if kind == 'hash' then
  local v = tonumber(redis.call('HGET', key, '.version'))
  if v ~= nil and v > tonumber(ARGV[5]) then return {'newer', v} end
end
local queues = redis.call('SMEMBERS', KEYS[3])
if ARGV[3] == 'replace' then
  redis.call('DEL', key, KEYS[3])
  for _, q in ipairs(queues) do redis.call('DEL', key .. ':q:' .. q, key .. ':q:' .. q .. ':held') end
  queues = {}
end
local n = tonumber(ARGV[6])
for i = 7, 6 + 2 * n, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
for i = 7 + 2 * n, #ARGV do redis.call('HDEL', key, ARGV[i]) end
redis.call('HSET', key, '.rev', ARGV[2])
redis.call('EXPIREAT', key, ARGV[4])
for _, q in ipairs(queues) do
  redis.call('EXPIREAT', key .. ':q:' .. q, ARGV[4])
  redis.call('EXPIREAT', key .. ':q:' .. q .. ':held', ARGV[4])
end
redis.call('EXPIREAT', KEYS[3], ARGV[4])
redis.call('XADD', KEYS[2], 'MAXLEN', '1', '*', 'rev', ARGV[2])
redis.call('EXPIREAT', KEYS[2], ARGV[4])
redis.call('HSET', KEYS[4], 'expires', redis.call('HGET', key, '.expires'))
redis.call('EXPIREAT', KEYS[4], tonumber(ARGV[4]) + TOMBSTONE_SECS)
return {'ok'}
";

/// Delete a workflow with its change stream, queues and tombstone. KEYS:
/// the hash, the stream, the set of queue names, the tombstone. Returns
/// whether the hash existed.
const REMOVE: &str = r"
local existed = redis.call('EXISTS', KEYS[1])
for _, q in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  redis.call('DEL', KEYS[1] .. ':q:' .. q, KEYS[1] .. ':q:' .. q .. ':held')
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return existed
";

/// `gc`'s delete: only if the workflow was not updated since `gc` read it,
/// so a concurrent `set` is never lost to an age-based sweep. KEYS as for
/// REMOVE. ARGV: updated, expires as read.
const DELETE_IF_UNCHANGED: &str = r"
if tonumber(redis.call('HGET', KEYS[1], '.updated')) == tonumber(ARGV[1])
  and tonumber(redis.call('HGET', KEYS[1], '.expires')) == tonumber(ARGV[2]) then
  for _, q in ipairs(redis.call('SMEMBERS', KEYS[3])) do
    redis.call('DEL', KEYS[1] .. ':q:' .. q, KEYS[1] .. ':q:' .. q .. ':held')
  end
  redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
  return redis.call('DEL', KEYS[1])
end
return 0
";

/// What [`RedisStore::read_rev`] found: the server's clock, the state and
/// its revision, and for an absent hash the expiry its tombstone holds.
type Read = (u64, Option<(State, String)>, Option<u64>);

/// Where the server is, as parsed from the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Tcp { host: String, port: u16, tls: bool },
    Unix(PathBuf),
}

/// A parsed store URL. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    pub endpoint: Endpoint,
    pub username: Option<String>,
    pub password: Option<String>,
    pub db: i64,
}

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Target")
            .field("endpoint", &self.endpoint)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("db", &self.db)
            .finish()
    }
}

impl Endpoint {
    /// How messages name the server: `host:port` or the socket path. Never
    /// the URL, which may hold a password.
    pub fn shown(&self) -> String {
        match self {
            Endpoint::Tcp { host, port, .. } if host.contains(':') => format!("[{host}]:{port}"),
            Endpoint::Tcp { host, port, .. } => format!("{host}:{port}"),
            Endpoint::Unix(path) => path.display().to_string(),
        }
    }
}

/// The URL with anything that may be a password replaced, for messages
/// about a URL that did not parse.
pub fn redact(raw: &str) -> String {
    let Some(at) = raw.rfind('@') else {
        return raw.to_owned();
    };
    let start = raw
        .find("://")
        .map(|s| s + 3)
        .filter(|&s| s <= at)
        .unwrap_or(0);
    format!("{}***{}", &raw[..start], &raw[at..])
}

fn url_error(raw: &str, why: &str) -> Error {
    Error::usage(format!("invalid store URL {}: {why}", shown(&redact(raw)))).hint(
        "use redis://[user:password@]host[:port][/db], rediss://… for TLS, or unix:///path/to/redis.sock (put the password in BLOCKSTATE_REDIS_PASSWORD to keep it out of process lists)",
    )
}

/// Parse `redis://[user[:password]@]host[:port][/db]`, `rediss://…` (TLS),
/// `unix:///path/to/socket[?db=N]`; `valkey://` and `valkeys://` are
/// synonyms. Written here rather than left to the crate, so that every
/// message about a bad URL is ours and never shows the password.
pub fn parse_url(raw: &str) -> Result<Target> {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return Err(url_error(
            raw,
            "it does not start with redis://, rediss:// or unix://",
        ));
    };
    let tls = match scheme.to_ascii_lowercase().as_str() {
        "redis" | "valkey" => false,
        "rediss" | "valkeys" => true,
        "unix" | "redis+unix" | "valkey+unix" => return parse_unix(raw, rest),
        _ => {
            return Err(url_error(
                raw,
                "the scheme must be redis://, rediss:// (TLS) or unix://",
            ));
        }
    };
    if rest.contains(['?', '#']) {
        return Err(url_error(
            raw,
            "query strings and fragments are not supported",
        ));
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    let (userinfo, hostport) = match authority.rfind('@') {
        Some(i) => (Some(&authority[..i]), &authority[i + 1..]),
        None => (None, authority),
    };
    let (mut username, mut password) = (None, None);
    if let Some(info) = userinfo {
        let (user, pass) = match info.split_once(':') {
            Some((u, p)) => (u, Some(p)),
            None => (info, None),
        };
        let user =
            percent_decode(user).ok_or_else(|| url_error(raw, "bad %-escape in the user name"))?;
        username = Some(user).filter(|u| !u.is_empty());
        if let Some(p) = pass {
            let p =
                percent_decode(p).ok_or_else(|| url_error(raw, "bad %-escape in the password"))?;
            password = Some(p).filter(|p| !p.is_empty());
        }
    }
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let Some((host, after)) = v6.split_once(']') else {
            return Err(url_error(raw, "an IPv6 address must be closed with ']'"));
        };
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| url_error(raw, "expected :PORT after the IPv6 address"))?,
            ),
        };
        (host, port)
    } else {
        match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    if host.is_empty() {
        return Err(url_error(raw, "the host is missing"));
    }
    if host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(url_error(
            raw,
            "the host contains white space or control characters",
        ));
    }
    let port = match port {
        None | Some("") => 6379,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 => n,
            _ => return Err(url_error(raw, "the port must be a number from 1 to 65535")),
        },
    };
    let db = parse_db(raw, path)?;
    Ok(Target {
        endpoint: Endpoint::Tcp {
            host: host.to_owned(),
            port,
            tls,
        },
        username,
        password,
        db,
    })
}

fn parse_unix(raw: &str, rest: &str) -> Result<Target> {
    if rest.contains('#') {
        return Err(url_error(raw, "fragments are not supported"));
    }
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if !path.starts_with('/') || path.len() < 2 {
        return Err(url_error(
            raw,
            "a socket URL needs an absolute path: unix:///path/to/redis.sock",
        ));
    }
    let db = match query {
        None => 0,
        Some(q) => match q.strip_prefix("db=") {
            Some(n) => parse_db(raw, n)?,
            None => return Err(url_error(raw, "the only query a socket URL takes is ?db=N")),
        },
    };
    Ok(Target {
        endpoint: Endpoint::Unix(PathBuf::from(path)),
        username: None,
        password: None,
        db,
    })
}

fn parse_db(raw: &str, text: &str) -> Result<i64> {
    if text.is_empty() {
        return Ok(0);
    }
    match text.parse::<i64>() {
        Ok(n) if n >= 0 && text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(url_error(
            raw,
            "the database after the host must be a number, e.g. /0",
        )),
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The key prefix of a namespace: `blockstate:` or `blockstate:N:`.
pub fn prefix(namespace: Option<&str>) -> Result<String> {
    match namespace {
        None => Ok(PREFIX.to_owned()),
        Some(n) => {
            // The same rule as workflow IDs: no ':' (so that no namespace's
            // keys can look like another's), nothing a glob treats as special.
            // The ID's message, said of a namespace ("invalid namespace
            // 'a b': a namespace must match ...").
            WorkflowId::parse(n).map_err(|e| Error {
                message: e
                    .message
                    .replace("workflow ID", "namespace")
                    .replace("an ID must", "a namespace must"),
                hint: Some("a namespace is letters, digits, '.', '_' and '-', like a workflow ID, e.g. --namespace ci-team".into()),
                ..e
            })?;
            Ok(format!("{PREFIX}{n}:"))
        }
    }
}

pub struct RedisStore {
    target: Target,
    /// `host:port` or the socket path, for messages.
    server: String,
    prefix: String,
    timeout: Duration,
    /// How long an update keeps retrying while other writers win (the
    /// counterpart of the file store's lock timeout, and set by it).
    contention: Duration,
    /// Shared by every call of one command: see `with_conn`.
    deadline: Deadline,
    default_ttl_secs: u64,
    conn: RefCell<Option<Connection>>,
}

impl RedisStore {
    /// Checks the URL and namespace; does not connect.
    pub fn new(remote: &RemoteStore, default_ttl_secs: u64, lock_timeout_ms: u64) -> Result<Self> {
        let timeout_ms = remote.check()?;
        let mut target = parse_url(&remote.url)?;
        if target.password.is_none() {
            target.password = remote.password.clone();
        }
        Ok(RedisStore {
            server: target.endpoint.shown(),
            prefix: prefix(remote.namespace.as_deref())?,
            target,
            timeout: Duration::from_millis(timeout_ms),
            contention: Duration::from_millis(lock_timeout_ms),
            deadline: Deadline::new(Duration::from_millis(timeout_ms)),
            default_ttl_secs,
            conn: RefCell::new(None),
        })
    }

    /// Whether the server answers (PING), within the timeout.
    pub fn ping(&self) -> Result<()> {
        let _: String = self.with_conn("checking the connection", |con| {
            redis::cmd("PING").query(con)
        })?;
        Ok(())
    }

    /// `host:port` or the socket path.
    pub fn server(&self) -> &str {
        &self.server
    }

    /// The pattern of this namespace's workflow keys.
    pub fn key_pattern(&self) -> String {
        format!("{}wf:*", self.prefix)
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn key(&self, id: &WorkflowId) -> String {
        format!("{}wf:{id}", self.prefix)
    }

    /// The workflow's change stream (see COMMIT), next to its hash.
    pub fn changes_key(hash: &str) -> String {
        format!("{hash}:changes")
    }

    /// The set of the workflow's queue names.
    pub fn queues_key(hash: &str) -> String {
        format!("{hash}:queues")
    }

    pub(crate) fn what(&self, key: &str) -> String {
        format!("Redis key {key} on {}", self.server)
    }

    /// The hint for an unusable workflow at `key` (as made by `key`).
    fn fix(&self, key: &str) -> String {
        let id = key
            .strip_prefix(&self.prefix)
            .and_then(|k| k.strip_prefix("wf:"))
            .unwrap_or(key);
        format!(
            "inspect it with `redis-cli HGETALL {key}`, then delete it with `blockstate gc -w {id}` to start the workflow afresh"
        )
    }

    /// Connect (looking up the host, with TLS if asked), within `left`.
    fn connect(&self, left: Duration) -> Result<Connection> {
        let addr = match &self.target.endpoint {
            Endpoint::Tcp {
                host,
                port,
                tls: false,
            } => ConnectionAddr::Tcp(host.clone(), *port),
            Endpoint::Tcp {
                host,
                port,
                tls: true,
            } => {
                // Only one provider is compiled in; installing it explicitly
                // keeps rustls from guessing. An error means one is already
                // installed, which is as good.
                let _ = rustls::crypto::ring::default_provider().install_default();
                ConnectionAddr::TcpTls {
                    host: host.clone(),
                    port: *port,
                    insecure: false,
                    tls_params: None,
                }
            }
            Endpoint::Unix(path) => ConnectionAddr::Unix(path.clone()),
        };
        // No CLIENT SETINFO: it would cost bytes on every connection for
        // nothing blockstate needs.
        let mut settings = RedisConnectionInfo::default()
            .set_db(self.target.db)
            .set_skip_set_lib_name();
        if let Some(user) = &self.target.username {
            settings = settings.set_username(user);
        }
        if let Some(password) = &self.target.password {
            settings = settings.set_password(password);
        }
        let info = addr
            .into_connection_info()
            .map_err(|e| self.error(&e, "connecting"))?
            .set_redis_settings(settings);
        Client::open(info)
            .and_then(|client| client.get_connection_with_timeout(left))
            .map_err(|e| self.error(&e, "connecting"))
    }

    /// Run `f` on the connection, opening it on first use: the one way to
    /// talk to Redis. Connecting and every call draw on the command's
    /// deadline: each call's socket timeouts are set to the time left, and
    /// the deadline's alarm ends the command when a call outlasts it (a
    /// server that trickles its reply byte by byte, a host-name lookup that
    /// hangs). A loop of calls (a retry) therefore ends at the deadline too.
    ///
    /// A server that has just restarted answers LOADING until its data is
    /// back in memory; such a command was not run, so it is retried until
    /// the deadline rather than failing a block over a few milliseconds.
    pub(crate) fn with_conn<T>(
        &self,
        doing: &str,
        mut f: impl FnMut(&mut Connection) -> redis::RedisResult<T>,
    ) -> Result<T> {
        let mut slot = self.conn.borrow_mut();
        if slot.is_none() {
            let connecting = self.timed_out("connecting");
            let con = self
                .deadline
                .run(&connecting, |left| self.connect(left))
                .ok_or(connecting)??;
            *slot = Some(con);
        }
        let Some(con) = slot.as_mut() else {
            return Err(Error::new(ExitCode::Io, "no Redis connection"));
        };
        let expired = self.timed_out(doing);
        loop {
            let result = self.deadline.run(&expired, |left| {
                con.set_read_timeout(Some(left))?;
                con.set_write_timeout(Some(left))?;
                f(con)
            });
            match result {
                None => return Err(expired),
                Some(Ok(v)) => return Ok(v),
                Some(Err(e)) if e.kind() == ErrorKind::Server(ServerErrorKind::BusyLoading) => {
                    match self.deadline.remaining() {
                        Some(left) => std::thread::sleep(left.min(Duration::from_millis(25))),
                        None => return Err(self.error(&e, doing)),
                    }
                }
                Some(Err(e)) => {
                    // A connection that failed mid-command is not reused.
                    if e.is_io_error() {
                        *slot = None;
                    }
                    return Err(self.error(&e, doing));
                }
            }
        }
    }

    /// The error of a command that ran out of time while `doing`.
    fn timed_out(&self, doing: &str) -> Error {
        Error::new(
            ExitCode::Io,
            format!(
                "Redis at {} did not answer within {} ({doing})",
                self.server,
                crate::time::human_ms(self.timeout.as_millis())
            ),
        )
        .hint("check that the server is up and reachable; raise BLOCKSTATE_STORE_TIMEOUT (or store_timeout in config.toml) if the link is just slow")
    }

    /// [`Self::with_conn`] for a command that blocks on the server for up
    /// to `block` (`XREAD BLOCK`). Connecting keeps the usual deadline;
    /// the command itself gets `block` plus the store timeout, so the wait
    /// is not cut short by the budget meant for quick answers, and a
    /// server that stops answering is still noticed. The commands after it
    /// get a fresh usual budget.
    pub(crate) fn with_conn_blocking<T>(
        &self,
        doing: &str,
        block: Duration,
        f: impl FnMut(&mut Connection) -> redis::RedisResult<T>,
    ) -> Result<T> {
        self.with_conn("connecting", |_| Ok(()))?;
        self.deadline.renew_for(block.saturating_add(self.timeout));
        let result = self.with_conn(doing, f);
        self.deadline.renew();
        result
    }

    /// A clear message for every way talking to Redis can fail. It names
    /// the server by host:port or socket path, never by URL.
    fn error(&self, e: &RedisError, doing: &str) -> Error {
        let server = &self.server;
        let code = e.code().unwrap_or_default();
        if e.is_timeout() {
            return self.timed_out(doing);
        }
        if e.is_connection_refusal() {
            let what = match &self.target.endpoint {
                Endpoint::Unix(_) => "no server is listening on that socket",
                Endpoint::Tcp { .. } => "connection refused",
            };
            return Error::new(
                ExitCode::Io,
                format!("cannot connect to Redis at {server}: {what}"),
            )
            .hint("start the server, or fix the address in --store / BLOCKSTATE_URL");
        }
        if e.kind() == ErrorKind::AuthenticationFailed || code == "WRONGPASS" {
            return Error::new(
                ExitCode::Io,
                format!("Redis at {server} refused the credentials (wrong user name or password)"),
            )
            .hint("check BLOCKSTATE_REDIS_PASSWORD, or the user and password in the store URL");
        }
        if code == "NOAUTH" {
            return Error::new(
                ExitCode::Io,
                format!("Redis at {server} requires a password"),
            )
            .hint("set BLOCKSTATE_REDIS_PASSWORD (it stays out of process lists), or put it in the store URL");
        }
        if e.kind() == ErrorKind::Server(ServerErrorKind::BusyLoading) {
            return Error::new(
                ExitCode::Io,
                format!(
                    "Redis at {server} was still loading its data after a restart, for longer than {}",
                    crate::time::human_ms(self.timeout.as_millis())
                ),
            )
            .hint("retry in a moment; raise BLOCKSTATE_STORE_TIMEOUT (or store_timeout in config.toml) to wait longer");
        }
        if code == "NOPERM" {
            return Error::new(
                ExitCode::Io,
                format!("Redis at {server} does not allow this user to do that ({doing}): {e}"),
            )
            .hint("the user needs blockstate's keys and the hash, keyspace and scripting commands, e.g. ACL SETUSER NAME ~blockstate:* +@hash +@keyspace +@scripting +time +ping");
        }
        if e.is_io_error() {
            let msg = if doing == "connecting" {
                format!("cannot connect to Redis at {server}: {e}")
            } else {
                format!("lost the connection to Redis at {server} ({doing}): {e}")
            };
            return Error::new(ExitCode::Io, msg)
                .hint("check that the server is up and reachable (for rediss://, that its certificate is trusted: SSL_CERT_FILE can name a CA file), then retry");
        }
        Error::new(
            ExitCode::Io,
            format!("Redis at {server} failed ({doing}): {e}"),
        )
        .hint("check the server's state and logs (a read-only replica, memory limits or a missing command give this), then retry")
    }

    /// The state at `key` with the server's clock, validated like a state
    /// file. `None` when absent. Expiry is the caller's business.
    fn read(&self, key: &str) -> Result<(u64, Option<State>)> {
        let (now, found, _) = self.read_rev(key)?;
        Ok((now, found.map(|(state, _)| state)))
    }

    /// The tombstone key of the workflow at `key`.
    fn tombstone(&self, key: &str) -> String {
        let id = key
            .strip_prefix(self.prefix.as_str())
            .and_then(|rest| rest.strip_prefix("wf:"))
            .unwrap_or(key);
        format!("{}gone:{id}", self.prefix)
    }

    /// [`Self::read`], with the revision to commit against: `none` when the
    /// key is absent, `norev` for a hash without one (as 0.1 wrote).
    /// The third item: for an absent hash, the expiry its tombstone holds.
    fn read_rev(&self, key: &str) -> Result<Read> {
        let tombstone = self.tombstone(key);
        let reply: Value = self.with_conn("reading", |con| {
            Script::new(READ)
                .key(key)
                .key(&tombstone)
                .arg(MAX_KEYS + META.len())
                .arg(MAX_STATE_BYTES)
                .arg(MAX_PROCESSES)
                .invoke(con)
        })?;
        let items = array(&reply);
        let now = items
            .first()
            .and_then(number)
            .ok_or_else(|| self.odd_reply())?;
        let status = items.get(1).and_then(text).unwrap_or_default();
        let payload = items.get(2);
        let what = self.what(key);
        match status {
            b"absent" => {
                let gone = payload
                    .and_then(text)
                    .and_then(|t| std::str::from_utf8(t).ok())
                    .and_then(|t| t.parse::<u64>().ok());
                Ok((now, None, gone))
            }
            b"type" => {
                let kind = payload.and_then(text).unwrap_or_default();
                Err(not_state(
                    &what,
                    &format!(
                        "it is a Redis {}, not a hash",
                        String::from_utf8_lossy(kind)
                    ),
                    &self.fix(key),
                ))
            }
            b"fields" => Err(Error::bad_state(format!(
                "{what} has {} fields; a workflow holds at most {MAX_KEYS} keys",
                payload.and_then(number).unwrap_or(0)
            ))
            .hint(self.fix(key))),
            b"bytes" => Err(Error::bad_state(format!(
                "{what} holds {} bytes; the limit is {MAX_STATE_BYTES} bytes",
                payload.and_then(number).unwrap_or(0)
            ))
            .hint(self.fix(key))),
            b"ok" => {
                let flat = payload.map(array).unwrap_or_default();
                let mut fields = Vec::with_capacity(flat.len() / 2);
                let mut rev = "norev".to_owned();
                for pair in flat.chunks(2) {
                    match (pair.first().and_then(text), pair.get(1).and_then(text)) {
                        (Some(f), Some(v)) if f == REV.as_bytes() => {
                            rev = String::from_utf8_lossy(v).into_owned();
                        }
                        (Some(f), Some(v)) => fields.push((f, v)),
                        _ => return Err(self.odd_reply()),
                    }
                }
                let state = state_from_fields(&fields, &what, &self.fix(key))?;
                Ok((now, Some((state, rev)), None))
            }
            _ => Err(self.odd_reply()),
        }
    }

    /// The live state, or `None` when absent or expired.
    pub(crate) fn live(&self, key: &str) -> Result<(u64, Option<State>)> {
        let (now, state) = self.read(key)?;
        Ok((now, state.filter(|s| !s.is_expired(now))))
    }

    pub(crate) fn odd_reply(&self) -> Error {
        Error::new(
            ExitCode::Io,
            format!("Redis at {} gave an unexpected reply", self.server),
        )
        .hint("blockstate needs Redis 5 or later (or Valkey); check what is listening there")
    }

    /// Commit `delta` if the hash still has revision `expected`. `false`
    /// when another writer got there first.
    fn commit(&self, key: &str, expected: &str, delta: &Delta, expires: u64) -> Result<bool> {
        let tombstone = self.tombstone(key);
        let commit = COMMIT.replace("TOMBSTONE_SECS", &TOMBSTONE_SECS.to_string());
        let reply: Value = self.with_conn("writing", |con| {
            let script = Script::new(&commit);
            let mut call = script.key(key);
            call.key(Self::changes_key(key))
                .key(Self::queues_key(key))
                .key(&tombstone);
            call.arg(expected)
                .arg(format!("{:016x}", random_u64()))
                .arg(if delta.replace { "replace" } else { "delta" })
                .arg(expires)
                .arg(STATE_VERSION)
                .arg(delta.set.len());
            for (name, value) in &delta.set {
                call.arg(name.as_ref()).arg(value.as_ref());
            }
            for name in &delta.delete {
                call.arg(name.as_ref());
            }
            call.invoke(con)
        })?;
        let items = array(&reply);
        match items.first().and_then(text).unwrap_or_default() {
            b"ok" => Ok(true),
            b"conflict" => Ok(false),
            b"newer" => check_version(
                items.get(1).and_then(number).unwrap_or(u64::MAX),
                &self.what(key),
                &self.fix(key),
            )
            .map(|()| false),
            _ => Err(self.odd_reply()),
        }
    }

    /// Every `(ID, key)` in this namespace, by SCAN (never KEYS, which
    /// blocks the server). Keys whose suffix is not a valid ID belong to
    /// someone else (or to a namespace whose name starts like ours) and are
    /// left alone.
    fn scan(&self) -> Result<Vec<(String, String)>> {
        let pattern = format!("{}wf:*", self.prefix);
        let mut found = BTreeSet::new();
        let mut cursor: u64 = 0;
        loop {
            // A sweep may meet any number of workflows: each page of the
            // listing, like each workflow after it, gets the whole timeout.
            self.deadline.renew();
            let (next, batch): (u64, Vec<Vec<u8>>) =
                self.with_conn("listing workflows", |con| {
                    redis::cmd("SCAN")
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(&pattern)
                        .arg("COUNT")
                        .arg(1000)
                        .query(con)
                })?;
            for raw in batch {
                let Ok(key) = String::from_utf8(raw) else {
                    continue;
                };
                let Some(id) = key.strip_prefix(&pattern[..pattern.len() - 1]) else {
                    continue;
                };
                if WorkflowId::parse(id).is_ok() {
                    found.insert((id.to_owned(), key.clone()));
                }
            }
            cursor = next;
            if cursor == 0 {
                break;
            }
        }
        Ok(found.into_iter().collect())
    }
}

impl Store for RedisStore {
    /// `now` is ignored: the server's clock decides expiry. Redis forgets
    /// the hash at its expiry; its tombstone says when that was, for
    /// `TOMBSTONE_SECS` more.
    fn lookup(&self, id: &WorkflowId, _now: u64) -> Result<Found> {
        let (now, found, gone) = self.read_rev(&self.key(id))?;
        Ok(match (found, gone) {
            (Some((state, _)), _) if state.is_expired(now) => Found::Expired { at: state.expires },
            (Some((state, _)), _) => Found::Live(state),
            (None, Some(at)) if at <= now => Found::Expired { at },
            (None, _) => Found::Absent,
        })
    }

    /// Optimistic concurrency: read the state and its revision, apply the
    /// update, commit the difference if the revision has not moved, else
    /// read again. Each round some writer's commit succeeds, so the loop
    /// ends; a writer that keeps losing gives up after the lock timeout, as
    /// a file store writer waiting for the lock would (but not before its
    /// third try: one slow round on a huge state is not contention). The
    /// short random pause after a lost round spreads out writers that
    /// would otherwise collide again in step.
    fn update(&self, id: &WorkflowId, update: &Update, _now: u64) -> Result<Outcome> {
        let key = self.key(id);
        let started = Instant::now();
        let mut lost = 0u32;
        loop {
            let (now, found, _) = self.read_rev(&key)?;
            let (stored, expected) = match found {
                Some((state, rev)) => (Some(state), rev),
                None => (None, "none".to_owned()),
            };
            let live = stored.clone().filter(|s| !s.is_expired(now));
            // Expired or not: `apply` keeps an expired workflow's process
            // records. The delta is against the live state, so an expired
            // hash is replaced whole.
            let applied = update.apply(id, stored, now, self.default_ttl_secs)?;
            let Some((next, _)) = &applied.next else {
                return Ok(applied.outcome);
            };
            let delta = Delta::between(live.as_ref(), next);
            let keep = if next.processes.is_empty() {
                next.expires
            } else {
                next.expires.saturating_add(PROCESS_KEEP_SECS)
            };
            // Redis refuses an expiry past about 2^62 ms.
            let expires = keep.min(now.saturating_add(MAX_TTL_SECS));
            if self.commit(&key, &expected, &delta, expires)? {
                return Ok(applied.outcome);
            }
            lost += 1;
            // The store timeout bounds each round trip, not a wait for
            // other writers: that is the lock timeout's.
            self.deadline.renew();
            if lost >= 3 && started.elapsed() >= self.contention {
                return Err(Error::new(
                    ExitCode::LockTimeout,
                    format!(
                        "{} changed {lost} times while blockstate tried to update it, for longer than {}",
                        self.what(&key),
                        crate::time::human_ms(self.contention.as_millis())
                    ),
                )
                .hint("other writers keep updating this workflow: retry, or raise --lock-timeout / BLOCKSTATE_LOCK_TIMEOUT"));
            }
            let pause = random_u64() % (1u64 << lost.min(4));
            std::thread::sleep(Duration::from_millis(pause));
        }
    }

    /// A deleted workflow reads as absent, not expired: the tombstone goes
    /// too.
    fn remove(&self, id: &WorkflowId) -> Result<()> {
        self.delete(&self.key(id))?;
        Ok(())
    }

    fn workflows(&self, _now: u64) -> Result<(Vec<State>, Vec<Error>)> {
        let mut found = Vec::new();
        let mut errors = Vec::new();
        for (id, key) in self.scan()? {
            self.deadline.renew();
            match self.live(&key) {
                Ok((_, Some(state))) => found.push(state),
                Ok((_, None)) => {}
                // Connection trouble is not about one workflow: give up.
                Err(e) if e.code == ExitCode::Io => return Err(e),
                Err(e) => errors.push(Error {
                    message: format!("workflow {id}: {}", e.message),
                    ..e
                }),
            }
        }
        found.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.workflow.cmp(&b.workflow)));
        Ok((found, errors))
    }

    /// Redis expires workflows by itself, so plain `gc` usually finds
    /// nothing; it still sweeps states whose recorded expiry has passed (a
    /// hand-written hash without a TTL, say). There are no temporary files.
    fn gc(&self, scope: GcScope, _now: u64) -> Result<GcReport> {
        let mut report = GcReport::default();
        for (id, key) in self.scan()? {
            self.deadline.renew();
            if matches!(scope, GcScope::All) {
                report.workflows_removed += usize::from(self.delete(&key)?);
                continue;
            }
            let (now, state) = match self.read(&key) {
                Ok((now, Some(state))) => (now, state),
                Ok((_, None)) => continue,
                Err(e) if e.code == ExitCode::Io => return Err(e),
                Err(e) => {
                    report.skipped.push(format!("{id}: {}", e.message));
                    continue;
                }
            };
            if scope.selects(&state, now) {
                let tombstone = self.tombstone(&key);
                let n: i64 = self.with_conn("deleting", |con| {
                    Script::new(DELETE_IF_UNCHANGED)
                        .key(&key)
                        .key(Self::changes_key(&key))
                        .key(Self::queues_key(&key))
                        .key(&tombstone)
                        .arg(state.updated)
                        .arg(state.expires)
                        .invoke(con)
                })?;
                report.workflows_removed += usize::from(n > 0);
            }
        }
        Ok(report)
    }

    fn location(&self, id: &WorkflowId) -> String {
        self.key(id)
    }

    fn describe(&self, id: &WorkflowId) -> String {
        self.what(&self.key(id))
    }

    fn describe_all(&self) -> String {
        format!("Redis keys {}wf:* on {}", self.prefix, self.server)
    }

    fn load_any(&self, id: &WorkflowId) -> Result<Option<State>> {
        Ok(self.read(&self.key(id))?.1)
    }

    fn selected_with_processes(
        &self,
        scope: GcScope,
        _now: u64,
    ) -> Result<Vec<(WorkflowId, State)>> {
        let mut found = Vec::new();
        for (id, key) in self.scan()? {
            match self.read(&key) {
                Ok((now, Some(state)))
                    if !state.processes.is_empty() && scope.selects(&state, now) =>
                {
                    found.push((WorkflowId::parse(&id)?, state));
                }
                Err(e) if e.code == ExitCode::Io => return Err(e),
                // A hash that cannot be read is reported by the sweep itself.
                _ => {}
            }
        }
        Ok(found)
    }

    /// The server, database and namespace, hashed: two stores on one
    /// machine never share a log file.
    fn log_tag(&self) -> Option<String> {
        use sha2::{Digest, Sha256};
        let who = format!("{}\n{}\n{}", self.server, self.target.db, self.prefix);
        Some(hex::encode(&Sha256::digest(who.as_bytes())[..6]))
    }

    fn changes<'a>(&'a self, id: &'a WorkflowId) -> Box<dyn crate::watch::Changes + 'a> {
        Box::new(crate::watch::redis::RedisChanges::new(self, self.key(id)))
    }

    fn queue<'a>(
        &'a self,
        id: &'a WorkflowId,
        name: &'a crate::queue::QueueName,
    ) -> Box<dyn crate::queue::Queue + 'a> {
        Box::new(crate::queue::redis::RedisQueue::new(self, id, name))
    }
}

impl RedisStore {
    /// Delete the workflow at `key` with its companions, its tombstone
    /// too (a deleted workflow reads as absent, not expired); whether it
    /// existed.
    fn delete(&self, key: &str) -> Result<bool> {
        let tombstone = self.tombstone(key);
        let n: i64 = self.with_conn("deleting", |con| {
            Script::new(REMOVE)
                .key(key)
                .key(Self::changes_key(key))
                .key(Self::queues_key(key))
                .key(&tombstone)
                .invoke(con)
        })?;
        Ok(n > 0)
    }
}

fn array(v: &Value) -> &[Value] {
    match v {
        Value::Array(items) => items,
        _ => &[],
    }
}

fn text(v: &Value) -> Option<&[u8]> {
    match v {
        Value::BulkString(b) => Some(b),
        Value::SimpleString(s) => Some(s.as_bytes()),
        _ => None,
    }
}

fn number(v: &Value) -> Option<u64> {
    match v {
        Value::Int(n) => u64::try_from(*n).ok(),
        other => text(other).and_then(parse_u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tcp(host: &str, port: u16, tls: bool) -> Endpoint {
        Endpoint::Tcp {
            host: host.into(),
            port,
            tls,
        }
    }

    #[test]
    fn urls_parse() {
        type Case<'a> = (&'a str, Endpoint, Option<&'a str>, Option<&'a str>, i64);
        let cases: &[Case] = &[
            (
                "redis://localhost",
                tcp("localhost", 6379, false),
                None,
                None,
                0,
            ),
            (
                "redis://127.0.0.1:6380/2",
                tcp("127.0.0.1", 6380, false),
                None,
                None,
                2,
            ),
            (
                "redis://:s%40cret@h:1/",
                tcp("h", 1, false),
                None,
                Some("s@cret"),
                0,
            ),
            (
                "redis://me:pw@h",
                tcp("h", 6379, false),
                Some("me"),
                Some("pw"),
                0,
            ),
            (
                "rediss://cache.example.test:6380",
                tcp("cache.example.test", 6380, true),
                None,
                None,
                0,
            ),
            (
                "valkeys://[::1]:7000/3",
                tcp("::1", 7000, true),
                None,
                None,
                3,
            ),
            ("REDIS://H", tcp("H", 6379, false), None, None, 0),
            (
                "unix:///run/redis/redis.sock",
                Endpoint::Unix("/run/redis/redis.sock".into()),
                None,
                None,
                0,
            ),
            (
                "unix:///tmp/r.sock?db=4",
                Endpoint::Unix("/tmp/r.sock".into()),
                None,
                None,
                4,
            ),
        ];
        for (url, endpoint, user, pass, db) in cases {
            let t = parse_url(url);
            let t = match t {
                Ok(t) => t,
                Err(e) => panic!("{url}: {e}"),
            };
            assert_eq!(&t.endpoint, endpoint, "{url}");
            assert_eq!(t.username.as_deref(), *user, "{url}");
            assert_eq!(t.password.as_deref(), *pass, "{url}");
            assert_eq!(t.db, *db, "{url}");
        }
    }

    #[test]
    fn bad_urls_are_refused_without_showing_the_password() {
        for url in [
            "localhost:6379",
            "http://h",
            "redis://",
            "redis://:hunter2@",
            "redis://:hunter2@h:99999",
            "redis://:hunter2@h:0",
            "redis://:hunter2@h/x",
            "redis://:hunter2@h/-1",
            "redis://:hunter2@h?protocol=resp3",
            "redis://:hunter2@[::1",
            "redis://:hunter2%zz@h",
            "unix://relative.sock",
            "unix:///s.sock?pass=hunter2",
        ] {
            let e = match parse_url(url) {
                Ok(t) => panic!("{url} parsed as {t:?}"),
                Err(e) => e,
            };
            assert_eq!(e.code, ExitCode::Usage, "{url}");
            let text = e.to_string();
            assert!(text.contains("invalid store URL"), "{text}");
            if !url.contains("pass=") {
                assert!(!text.contains("hunter2"), "{url}: {text}");
            }
        }
    }

    #[test]
    fn redaction() {
        assert_eq!(redact("redis://u:p@h:1/0"), "redis://***@h:1/0");
        assert_eq!(redact("redis://h:1"), "redis://h:1");
        assert_eq!(redact("u:p@h"), "***@h");
        assert_eq!(redact("u:p@redis://h"), "***@redis://h");
        assert_eq!(redact("redis://:p@ss@h"), "redis://***@h");
        assert!(!format!("{:?}", parse_url("redis://u:hunter2@h").ok()).contains("hunter2"));
    }

    #[test]
    fn namespaces_become_prefixes() {
        assert_eq!(prefix(None).ok().as_deref(), Some("blockstate:"));
        assert_eq!(
            prefix(Some("ci-1")).ok().as_deref(),
            Some("blockstate:ci-1:")
        );
        for bad in ["", "a:b", "a*", "..", "-x", "a b"] {
            let e = prefix(Some(bad)).err();
            assert!(
                e.as_ref().is_some_and(|e| e.message.contains("namespace")),
                "{bad}: {e:?}"
            );
        }
    }
}
