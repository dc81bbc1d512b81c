//! `blockstate doctor`: which state directory or store is in use, why
//! (which flag, variable, config entry or default chose it), and whether
//! it passes the checks every command makes. The one command to run when
//! a block does not find what an earlier block stored.

use std::fmt::Write as _;
use std::fs::File;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use serde::Serialize;

use crate::cli::DoctorArgs;
use crate::cmd::{Context, Run};
use crate::config::{self, Config};
use crate::error::{Error, ExitCode, Result};
use crate::store::file::{FileStore, fs_magic, network_fs_name};
use crate::store::parents;

/// `statfs(2)` magic numbers of common local filesystems, and where their
/// data rests.
const FILESYSTEMS: &[(u32, &str, Rest)] = &[
    (0x0102_1994, "tmpfs", Rest::Memory),
    (0x8584_58F6, "ramfs", Rest::Memory),
    (0x0000_EF53, "ext2/ext3/ext4", Rest::Disk),
    (0x9123_683E, "btrfs", Rest::Disk),
    (0x5846_5342, "xfs", Rest::Disk),
    (0x2FC1_2FC1, "zfs", Rest::Disk),
    (0xF2F5_2010, "f2fs", Rest::Disk),
    (0x0000_4D44, "vfat", Rest::Disk),
    (0x5346_544E, "ntfs", Rest::Disk),
    (0x0000_3434, "nilfs", Rest::Disk),
    (0x794C_7630, "overlayfs", Rest::Layered),
    (0x6573_5546, "FUSE", Rest::Unknown),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rest {
    Memory,
    Disk,
    Layered,
    Unknown,
}

#[derive(Serialize)]
struct Report {
    ok: bool,
    store: StoreReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    state_dir: Option<DirReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redis: Option<RedisReport>,
    ttl: Option<TtlReport>,
    config_file: ConfigReport,
    workflow: Option<WorkflowReport>,
    root_var: Option<RootReport>,
    shell: ShellReport,
    checks: Vec<Check>,
}

#[derive(Serialize)]
struct StoreReport {
    kind: &'static str,
    chosen_by: Option<String>,
    /// Where values rest, and for how long.
    values_rest: Option<String>,
}

#[derive(Serialize)]
struct DirReport {
    path: String,
    chosen_by: String,
    exists: bool,
    owner_uid: Option<u32>,
    mode: Option<String>,
    filesystem: Option<String>,
    in_memory: Option<bool>,
    path_to_it: Vec<StepReport>,
}

#[derive(Serialize)]
struct StepReport {
    path: String,
    link: bool,
    owner_uid: u32,
    group_gid: u32,
    mode: String,
    problem: Option<String>,
}

#[derive(Serialize)]
struct RedisReport {
    server: String,
    keys: String,
    timeout: String,
    reachable: bool,
}

#[derive(Serialize)]
struct TtlReport {
    seconds: u64,
    chosen_by: String,
}

#[derive(Serialize)]
struct ConfigReport {
    path: Option<String>,
    found: bool,
}

#[derive(Serialize)]
struct WorkflowReport {
    id: String,
    chosen_by: String,
    stored_at: String,
    stored: Option<bool>,
    keys: Option<usize>,
    expires: Option<String>,
}

#[derive(Serialize)]
struct RootReport {
    name: String,
    value: String,
    from: &'static str,
}

#[derive(Serialize)]
struct ShellReport {
    #[serde(rename = "SHELL")]
    shell: Option<String>,
    #[serde(rename = "BLOCKSTATE_WORKFLOW")]
    workflow: Option<String>,
}

#[derive(Serialize)]
struct Check {
    check: &'static str,
    ok: bool,
    detail: String,
}

/// The checks so far, and the error of the first that failed (which gives
/// the exit status).
#[derive(Default)]
struct Checks {
    list: Vec<Check>,
    first_failure: Option<Error>,
}

impl Checks {
    fn pass(&mut self, check: &'static str, detail: String) {
        self.list.push(Check {
            check,
            ok: true,
            detail,
        });
    }

    fn fail(&mut self, check: &'static str, error: Error) {
        self.list.push(Check {
            check,
            ok: false,
            detail: error.message.clone(),
        });
        self.first_failure.get_or_insert(error);
    }
}

impl Run for DoctorArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let mut checks = Checks::default();
        let shell = shell_report();
        let report = match ctx.config() {
            Ok(config) => full_report(&config, shell, &mut checks),
            Err(e) => {
                checks.fail("settings", e);
                Report {
                    ok: false,
                    store: StoreReport {
                        kind: "unknown",
                        chosen_by: None,
                        values_rest: None,
                    },
                    state_dir: None,
                    redis: None,
                    ttl: None,
                    config_file: ConfigReport {
                        path: config::config_file_path().map(|p| p.display().to_string()),
                        found: config::config_file_path().is_some_and(|p| p.exists()),
                    },
                    workflow: None,
                    root_var: None,
                    shell,
                    checks: Vec::new(),
                }
            }
        };
        let Checks {
            list,
            first_failure,
        } = checks;
        let report = Report {
            ok: first_failure.is_none(),
            checks: list,
            ..report
        };
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &report)
                .map_err(|e| Error::bad_state(format!("cannot encode JSON: {e}")))?;
            out.push(b'\n');
        } else {
            out.extend_from_slice(text(&report).as_bytes());
        }
        match first_failure {
            None => Ok(ExitCode::Success),
            Some(e) => Err(e),
        }
    }
}

fn shell_report() -> ShellReport {
    let env = config::shell_env();
    let lossy = |v: Option<std::ffi::OsString>| v.map(|v| v.to_string_lossy().into_owned());
    ShellReport {
        shell: lossy(env.shell),
        workflow: lossy(env.workflow),
    }
}

fn full_report(config: &Config, shell: ShellReport, checks: &mut Checks) -> Report {
    checks.pass(
        "settings",
        match (&config.config_file.path, config.config_file.found) {
            (Some(p), true) => format!("read {}", p.display()),
            (Some(p), false) => format!("no config file at {}", p.display()),
            (None, _) => "no config file location (no home directory)".into(),
        },
    );
    let ttl_human = human_secs(config.default_ttl_secs);
    let (store, state_dir, redis) = match &config.remote {
        None => {
            let (dir, rest) = dir_report(config, checks);
            let values_rest = Some(match rest {
                Some(Rest::Memory) => format!(
                    "in memory ({}): gone at reboot, or sooner if the directory is removed (systemd empties XDG_RUNTIME_DIR at logout); each workflow expires {ttl_human} after its last `set`",
                    dir.filesystem.as_deref().unwrap_or("tmpfs")
                ),
                Some(Rest::Disk) => format!(
                    "on disk ({}), until each workflow expires {ttl_human} after its last `set` and `blockstate gc` removes its file",
                    dir.filesystem.as_deref().unwrap_or("disk")
                ),
                _ => format!(
                    "on {}: in memory or on disk, depending on what backs it; each workflow expires {ttl_human} after its last `set`",
                    dir.filesystem.as_deref().unwrap_or("an unknown filesystem")
                ),
            });
            (
                StoreReport {
                    kind: "files",
                    chosen_by: Some(
                        "no store URL is set (--store, BLOCKSTATE_URL, `store` in the config file)"
                            .into(),
                    ),
                    values_rest,
                },
                Some(dir),
                None,
            )
        }
        Some(remote) => {
            let redis = redis_report(config, checks);
            (
                StoreReport {
                    kind: "redis",
                    chosen_by: Some(remote.source.to_string()),
                    values_rest: Some(format!(
                        "in the Redis server's memory (and its persistence files, if it keeps any); each workflow's key expires {ttl_human} after its last `set`"
                    )),
                },
                None,
                redis,
            )
        }
    };
    let workflow = workflow_report(config, checks);
    Report {
        ok: true,
        store,
        state_dir,
        redis,
        ttl: Some(TtlReport {
            seconds: config.default_ttl_secs,
            chosen_by: config.ttl_source.to_string(),
        }),
        config_file: ConfigReport {
            path: config
                .config_file
                .path
                .as_ref()
                .map(|p| p.display().to_string()),
            found: config.config_file.found,
        },
        workflow,
        root_var: Some(root_report(config)),
        shell,
        checks: Vec::new(),
    }
}

fn dir_report(config: &Config, checks: &mut Checks) -> (DirReport, Option<Rest>) {
    let dir = &config.dir;
    let store = FileStore::new(dir.clone(), config.lock_timeout_ms, config.default_ttl_secs)
        .with_fault(config.fault.clone());
    let (steps, _) = parents::steps(dir);
    let exists = match store.check() {
        Ok(true) => {
            checks.pass(
                "state directory",
                format!(
                    "{}: a private directory of yours on a local filesystem, and no one else can change the directories above it",
                    dir.display()
                ),
            );
            true
        }
        Ok(false) => {
            // Not there yet: what a first `set` would create it under must
            // pass too.
            match parents::check(dir) {
                Ok(()) => checks.pass(
                    "state directory",
                    format!(
                        "{} does not exist yet; the first `set` creates it (mode 0700)",
                        dir.display()
                    ),
                ),
                Err(e) => checks.fail("state directory", e),
            }
            false
        }
        Err(e) => {
            checks.fail("state directory", e);
            dir.exists()
        }
    };
    let meta = std::fs::symlink_metadata(dir).ok();
    // The filesystem of the directory, or of what will hold it.
    let probe = dir
        .ancestors()
        .find(|a| a.exists())
        .and_then(|a| File::open(a).ok());
    let magic = probe.and_then(|f| fs_magic(&f).ok());
    let (filesystem, rest) = match magic {
        Some(m) => match FILESYSTEMS.iter().find(|(magic, _, _)| *magic == m) {
            Some((_, name, rest)) => (Some((*name).to_owned()), Some(*rest)),
            None => match network_fs_name(m) {
                Some(name) => (Some(format!("{name} (network)")), None),
                None => (Some(format!("filesystem type {m:#x}")), Some(Rest::Unknown)),
            },
        },
        None => (None, None),
    };
    let report = DirReport {
        path: dir.display().to_string(),
        chosen_by: config.dir_source.to_string(),
        exists,
        owner_uid: meta.as_ref().map(std::os::unix::fs::MetadataExt::uid),
        mode: meta
            .as_ref()
            .map(|m| format!("{:04o}", std::os::unix::fs::MetadataExt::mode(m) & 0o7777)),
        filesystem,
        in_memory: rest.map(|r| r == Rest::Memory),
        path_to_it: steps
            .into_iter()
            .map(|s| StepReport {
                path: s.path.display().to_string(),
                link: s.is_link,
                owner_uid: s.uid,
                group_gid: s.gid,
                mode: format!("{:04o}", s.mode),
                problem: s.problem,
            })
            .collect(),
    };
    (report, rest)
}

#[cfg(feature = "redis")]
fn redis_report(config: &Config, checks: &mut Checks) -> Option<RedisReport> {
    let remote = config.remote.as_ref()?;
    let store = match crate::store::redis::RedisStore::new(
        remote,
        config.default_ttl_secs,
        config.lock_timeout_ms,
    ) {
        Ok(s) => s,
        Err(e) => {
            checks.fail("store settings", e);
            return None;
        }
    };
    let reachable = match store.ping() {
        Ok(()) => {
            checks.pass("redis", format!("{} answers", store.server()));
            true
        }
        Err(e) => {
            checks.fail("redis", e);
            false
        }
    };
    Some(RedisReport {
        server: store.server().to_owned(),
        keys: store.key_pattern(),
        timeout: crate::time::human_ms(store.timeout().as_millis()),
        reachable,
    })
}

#[cfg(not(feature = "redis"))]
fn redis_report(config: &Config, checks: &mut Checks) -> Option<RedisReport> {
    if let Err(e) = Context::store(config) {
        checks.fail("store settings", e);
    }
    None
}

fn workflow_report(config: &Config, checks: &mut Checks) -> Option<WorkflowReport> {
    let id = config.workflow_opt()?;
    let chosen_by = config
        .workflow_source
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    // Reading it is only worth it when the store itself passed.
    let store = Context::store(config).ok()?;
    let stored_at = store.describe(id);
    let mut report = WorkflowReport {
        id: id.to_string(),
        chosen_by,
        stored_at,
        stored: None,
        keys: None,
        expires: None,
    };
    if checks.first_failure.is_some() {
        return Some(report);
    }
    match store.load(id, crate::time::now_unix()) {
        Ok(Some(state)) => {
            report.stored = Some(true);
            report.keys = Some(state.vars.len());
            report.expires = Some(crate::time::rfc3339(state.expires));
            checks.pass(
                "workflow",
                format!("{id} holds {} key(s)", state.vars.len()),
            );
        }
        Ok(None) => {
            report.stored = Some(false);
            checks.pass(
                "workflow",
                format!("{id} has no stored state yet (or it expired)"),
            );
        }
        Err(e) => checks.fail("workflow", e),
    }
    Some(report)
}

fn root_report(config: &Config) -> RootReport {
    let found = crate::root::find(config.root_value.as_deref(), config.pwd.as_deref());
    let from = match &config.root_value {
        Some(v) if Path::new(v).is_dir() => "its value in the environment",
        _ => {
            "not set, so found as `blockstate root` does: the top of the git work tree, else the current directory"
        }
    };
    RootReport {
        name: config.root_var.clone(),
        value: String::from_utf8_lossy(found.as_os_str().as_bytes()).into_owned(),
        from,
    }
}

/// A TTL as people write it: `24h`, `7d`, `90m`.
fn human_secs(secs: u64) -> String {
    match secs {
        s if s >= 2 * 86_400 && s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s >= 3_600 && s % 3_600 == 0 => format!("{}h", s / 3_600),
        s if s >= 60 && s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The report for people.
fn text(r: &Report) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "store            {}", r.store.kind);
    if let Some(by) = &r.store.chosen_by {
        let _ = writeln!(t, "  chosen by      {by}");
    }
    if let Some(d) = &r.state_dir {
        let _ = writeln!(t, "state directory  {}", d.path);
        let _ = writeln!(t, "  chosen by      {}", d.chosen_by);
        match (&d.owner_uid, &d.mode) {
            (Some(uid), Some(mode)) => {
                let _ = writeln!(t, "  owner, mode    uid {uid}, {mode}");
            }
            _ => {
                let _ = writeln!(t, "  exists         no (the first `set` creates it)");
            }
        }
        if let Some(fs) = &d.filesystem {
            let _ = writeln!(t, "  filesystem     {fs}");
        }
        let _ = writeln!(t, "  on the way");
        for s in &d.path_to_it {
            let kind = if s.link { "link " } else { "" };
            let verdict = s.problem.as_deref().unwrap_or("ok");
            let _ = writeln!(
                t,
                "    {kind}{} (uid {}, gid {}, {}): {verdict}",
                s.path, s.owner_uid, s.group_gid, s.mode
            );
        }
    }
    if let Some(redis) = &r.redis {
        let _ = writeln!(
            t,
            "redis            {} ({}), timeout {}: {}",
            redis.server,
            redis.keys,
            redis.timeout,
            if redis.reachable {
                "answers"
            } else {
                "does not answer"
            }
        );
    }
    if let Some(rest) = &r.store.values_rest {
        let _ = writeln!(t, "values rest      {rest}");
    }
    if let Some(ttl) = &r.ttl {
        let _ = writeln!(
            t,
            "expiry           {} after the last `set` (from {})",
            human_secs(ttl.seconds),
            ttl.chosen_by
        );
    }
    let _ = writeln!(
        t,
        "config file      {}",
        match (&r.config_file.path, r.config_file.found) {
            (Some(p), true) => p.clone(),
            (Some(p), false) => format!("none (looked for {p})"),
            (None, _) => "none (no location: no home directory)".into(),
        }
    );
    match &r.workflow {
        Some(w) => {
            let stored = match (w.stored, w.keys) {
                (Some(true), Some(n)) => format!(
                    "{n} key(s), expires {}",
                    w.expires.as_deref().unwrap_or("?")
                ),
                (Some(false), _) => "nothing stored yet".into(),
                _ => "not read".into(),
            };
            let _ = writeln!(t, "workflow         {} (from {})", w.id, w.chosen_by);
            let _ = writeln!(t, "  stored at      {}: {stored}", w.stored_at);
        }
        None => {
            let _ = writeln!(
                t,
                "workflow         none named (-w, -d or BLOCKSTATE_WORKFLOW)"
            );
        }
    }
    if let Some(root) = &r.root_var {
        let _ = writeln!(
            t,
            "root variable    {}={} ({})",
            root.name, root.value, root.from
        );
    }
    let _ = writeln!(
        t,
        "shell            SHELL={}; BLOCKSTATE_WORKFLOW{}",
        r.shell.shell.as_deref().unwrap_or("(unset)"),
        match &r.shell.workflow {
            Some(w) => format!("={w}"),
            None => " is unset".into(),
        }
    );
    let _ = writeln!(t, "checks");
    for c in &r.checks {
        let _ = writeln!(
            t,
            "  {:<17}{}: {}",
            c.check,
            if c.ok { "ok" } else { "FAILED" },
            c.detail
        );
    }
    let _ = writeln!(
        t,
        "{}",
        if r.ok {
            "all checks passed"
        } else {
            "a check failed (see above; the error follows)"
        }
    );
    t
}
