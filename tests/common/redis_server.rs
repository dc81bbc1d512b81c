//! A real `redis-server` for the tests: on a free loopback port and a unix
//! socket in its own temporary directory, without persistence unless a test
//! asks for it, and gone when the test process ends, however it ends.
//!
//! The server is started by a small `sh` wrapper whose standard input is a
//! pipe held by the test process. When that process exits (normally, by a
//! panic, or killed), the pipe closes, the wrapper's `read` returns and it
//! kills the server. Per-test servers are also killed on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub type BoxResult<T> = Result<T, Box<dyn std::error::Error>>;

const WRAPPER: &str = r#"
redis-server "$@" >>"$BS_REDIS_LOG" 2>&1 </dev/null &
pid=$!
echo "$pid"
read -r _ || :
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -n "${BS_REDIS_CLEANUP-}" ]; then rm -rf "$BS_REDIS_CLEANUP"; fi
"#;

pub struct RedisServer {
    pub port: u16,
    pub dir: tempfile::TempDir,
    pub socket: PathBuf,
    args: Vec<String>,
    pid: i32,
    wrapper: Option<Child>,
    /// The shared server is never dropped (it lives in a static), so its
    /// wrapper removes the directory when the test process ends.
    wrapper_cleans_up: bool,
}

impl RedisServer {
    /// Start a server with extra `redis-server` arguments (e.g.
    /// `["--requirepass", "x"]`; `{port}` is replaced by the port). Retries on another port if the chosen one
    /// was taken in the meantime.
    pub fn start(extra: &[&str]) -> BoxResult<RedisServer> {
        Self::start_with(extra, false)
    }

    fn start_with(extra: &[&str], wrapper_cleans_up: bool) -> BoxResult<RedisServer> {
        let mut last = String::new();
        for _ in 0..5 {
            let dir = tempfile::Builder::new().prefix("bs-redis-").tempdir()?;
            let socket = dir.path().join("redis.sock");
            let port = free_port()?;
            let mut args: Vec<String> = [
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--unixsocket",
                &socket.display().to_string(),
                "--unixsocketperm",
                "700",
                "--dir",
                &dir.path().display().to_string(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect();
            // Later arguments win, so a test can turn persistence back on.
            // `{port}` stands for the chosen port (e.g. for --tls-port).
            args.extend(extra.iter().map(|s| s.replace("{port}", &port.to_string())));
            let mut server = RedisServer {
                port,
                dir,
                socket,
                args,
                pid: 0,
                wrapper: None,
                wrapper_cleans_up,
            };
            // On failure the server is dropped, which kills what started.
            match server.spawn() {
                Ok(()) => return Ok(server),
                Err(e) => last = e.to_string(),
            }
        }
        Err(format!("redis-server did not start: {last}").into())
    }

    /// Launch the server (again, on the same port and directory) and wait
    /// until it answers.
    fn spawn(&mut self) -> BoxResult<()> {
        let log = self.dir.path().join("redis.log");
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(WRAPPER)
            .arg("sh")
            .args(&self.args)
            .env("BS_REDIS_LOG", &log)
            .envs(
                self.wrapper_cleans_up
                    .then(|| ("BS_REDIS_CLEANUP", self.dir.path().as_os_str())),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut line = String::new();
        if let Some(out) = child.stdout.take() {
            BufReader::new(out).read_line(&mut line)?;
        }
        self.pid = line.trim().parse()?;
        self.wrapper = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.answers() {
                return Ok(());
            }
            if !self.alive() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        Err(format!(
            "redis-server on port {} is not answering; log:\n{log}",
            self.port
        )
        .into())
    }

    /// Whether our server answers on its unix socket (unique to this
    /// directory, so a stranger on the same port cannot be mistaken for it).
    fn answers(&self) -> bool {
        let Ok(mut s) = UnixStream::connect(&self.socket) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
        if s.write_all(b"PING\r\n").is_err() {
            return false;
        }
        let mut buf = [0u8; 64];
        match s.read(&mut buf) {
            // +PONG, or -NOAUTH from a server that wants a password.
            Ok(n) if n > 0 => buf[0] == b'+' || buf[..n].starts_with(b"-NOAUTH"),
            _ => false,
        }
    }

    fn alive(&self) -> bool {
        // SAFETY: kill with signal 0 only checks that the process exists.
        self.pid > 0 && unsafe { libc::kill(self.pid, 0) } == 0
    }

    fn signal(&self, sig: i32) {
        if self.pid > 0 {
            // SAFETY: sending a signal to a process we started.
            unsafe {
                libc::kill(self.pid, sig);
            }
        }
    }

    /// The server stops answering but keeps its connections (a hung host).
    pub fn freeze(&self) {
        self.signal(libc::SIGSTOP);
    }

    pub fn thaw(&self) {
        self.signal(libc::SIGCONT);
    }

    /// Kill the server at once (like a crash): what it kept is what it had
    /// written to its append-only file.
    pub fn kill(&mut self) {
        self.signal(libc::SIGCONT);
        self.signal(libc::SIGKILL);
        if let Some(mut w) = self.wrapper.take() {
            drop(w.stdin.take());
            let _ = w.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.pid = 0;
    }

    /// Start it again on the same port and directory.
    pub fn restart(&mut self) -> BoxResult<()> {
        self.kill();
        self.spawn()
    }

    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    pub fn socket_url(&self) -> String {
        format!("unix://{}", self.socket.display())
    }

    /// A direct connection, for planting and inspecting raw data.
    pub fn client(&self) -> BoxResult<redis::Connection> {
        self.client_with_password(None)
    }

    pub fn client_with_password(&self, password: Option<&str>) -> BoxResult<redis::Connection> {
        use redis::IntoConnectionInfo;
        let mut settings = redis::RedisConnectionInfo::default();
        if let Some(p) = password {
            settings = settings.set_password(p);
        }
        let info = redis::ConnectionAddr::Unix(self.socket.clone())
            .into_connection_info()?
            .set_redis_settings(settings);
        Ok(redis::Client::open(info)?.get_connection_with_timeout(Duration::from_secs(5))?)
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A port nobody listens on right now.
pub fn free_port() -> BoxResult<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Whether something accepts connections on the port.
pub fn listening(port: u16) -> bool {
    TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        Duration::from_millis(200),
    )
    .is_ok()
}

static SHARED: OnceLock<Result<RedisServer, String>> = OnceLock::new();

/// One server for the whole test binary (tests keep apart by namespace).
/// `None` when redis-server is not installed (reported as skipped, or a
/// failure under CI).
pub fn shared(test: &str) -> Option<&'static RedisServer> {
    if !super::require_tool(test, "redis-server") {
        return None;
    }
    match SHARED.get_or_init(|| RedisServer::start_with(&[], true).map_err(|e| e.to_string())) {
        Ok(s) => Some(s),
        Err(e) => panic!("{test}: {e}"),
    }
}

/// Every key under `prefix`, with its type, content and absolute expiry
/// time, to assert that a failed command changed nothing.
pub fn dump(con: &mut redis::Connection, prefix: &str) -> BoxResult<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut cursor: u64 = 0;
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(format!("{prefix}*"))
            .arg("COUNT")
            .arg(1000)
            .query(con)?;
        keys.extend(batch);
        cursor = next;
        if cursor == 0 {
            break;
        }
    }
    keys.sort();
    keys.dedup();
    let mut out = String::new();
    for k in keys {
        let kind: String = redis::cmd("TYPE").arg(&k).query(con)?;
        let content = if kind == "hash" {
            let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = redis::cmd("HGETALL").arg(&k).query(con)?;
            pairs.sort();
            format!("{pairs:?}")
        } else {
            let v: Option<Vec<u8>> = redis::cmd("DUMP").arg(&k).query(con)?;
            format!("{v:?}")
        };
        let expires: i64 = redis::cmd("EXPIRETIME").arg(&k).query(con)?;
        out.push_str(&format!("{k} {kind} {expires} {content}\n"));
    }
    Ok(out)
}
