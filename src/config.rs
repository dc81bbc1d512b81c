//! Settings: every environment variable blockstate reads is read here, and
//! merged with flags and the optional config file. Flags beat environment,
//! environment beats the file, the file beats built-in defaults.

use std::env;
use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use serde::Deserialize;

use crate::cli::GlobalArgs;
use crate::error::{Error, Result};
use crate::store::file::Fault;
use crate::workflow::{WorkflowId, shown};

pub const DEFAULT_ROOT_VAR: &str = "PROJECT_ROOT";
pub const DEFAULT_LOCK_TIMEOUT_MS: u64 = 10_000;
pub const DEFAULT_TTL_SECS: u64 = 24 * 3600;
pub const WORKFLOW_VAR: &str = "BLOCKSTATE_WORKFLOW";
pub const DEFAULT_STORE_TIMEOUT_MS: u64 = 2_000;
/// Where the exit hook of `load --capture` hands the block-start baseline
/// to `blockstate capture` (only to that one process, as a prefix
/// assignment; never exported to the block).
pub const CAPTURE_VAR: &str = "_BLOCKSTATE_CAPTURE";
/// Names whose values `list` and messages never show unless asked
/// (`--reveal`); matched without regard to case. Settings add to these.
pub const DEFAULT_SECRET_PATTERNS: &[&str] = &["*TOKEN*", "*SECRET*", "*PASSWORD*", "*_KEY"];

/// The optional `config.toml`. Unknown keys are an error, so a typo is not
/// silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    dir: Option<PathBuf>,
    root_var: Option<String>,
    lock_timeout: Option<String>,
    ttl: Option<String>,
    store: Option<String>,
    namespace: Option<String>,
    store_timeout: Option<String>,
    capture_ignore: Option<Vec<String>>,
    secret_patterns: Option<Vec<String>>,
}

/// A networked store (Redis), when a URL is configured. Nothing here is
/// parsed or checked until the store is built (`check`), so the file
/// store's start-up pays only for the `None` check, and commands that need
/// no store (`root`, `id`) never fail over these settings.
pub struct RemoteStore {
    /// As given; may hold a password, so it is never printed (see `Debug`).
    pub url: String,
    /// Which setting gave the URL.
    pub source: Source,
    pub namespace: Option<String>,
    /// `BLOCKSTATE_REDIS_PASSWORD`: used when the URL carries no password,
    /// so that the password need not appear in process lists.
    pub password: Option<String>,
    /// Connect and command timeout, unparsed.
    timeout: Option<String>,
    /// Variables that were set but are not UTF-8.
    garbled: Vec<&'static str>,
    /// An upper bound on the timeout, whatever is configured.
    limit_ms: Option<u64>,
}

impl RemoteStore {
    /// Wait at most `ms` (connecting, and each command), whatever the
    /// configured timeout: a completion must not keep a TAB waiting.
    pub fn limit_timeout(&mut self, ms: u64) {
        self.limit_ms = Some(ms);
    }

    /// Refuse what cannot be used, and return the timeout in milliseconds.
    /// A garbled variable is an error, not ignored: ignoring
    /// `BLOCKSTATE_URL` or `BLOCKSTATE_NAMESPACE` would quietly put state
    /// where the other machines cannot see it.
    pub fn check(&self) -> Result<u64> {
        let ms = self.configured_timeout()?;
        Ok(self.limit_ms.map_or(ms, |limit| ms.min(limit)))
    }

    fn configured_timeout(&self) -> Result<u64> {
        if let Some(name) = self.garbled.first() {
            return Err(Error::usage(format!("{name} is not valid UTF-8"))
                .hint(format!("set {name} to plain text, or unset it")));
        }
        let Some(raw) = &self.timeout else {
            return Ok(DEFAULT_STORE_TIMEOUT_MS);
        };
        // Zero would mean "wait forever" to the socket layer.
        match crate::time::parse_duration_ms(raw)? {
            0 => Err(Error::usage(format!(
                "store timeout {} is zero; it must be positive so that an unreachable server cannot hang a block",
                shown(raw)
            ))
            .hint("e.g. BLOCKSTATE_STORE_TIMEOUT=2s (the default) or 500ms")),
            ms => Ok(ms),
        }
    }
}

impl std::fmt::Debug for RemoteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteStore")
            .field("url", &"<redacted>")
            .field("namespace", &self.namespace)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Where a setting came from: messages that say where blockstate looked
/// also say why, and `doctor` shows it for every setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line option.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// A key of the config file.
    File(&'static str),
    /// The built-in default.
    Default,
    /// The default state directory's first choice.
    XdgRuntimeDir,
    /// Its second choice, and why the first did not apply.
    XdgStateHome(RuntimeDir),
    /// Its last choice (`~/.local/state`), why the first did not apply,
    /// and whether the home directory came from /etc/passwd.
    Home(RuntimeDir, bool),
}

/// Why `$XDG_RUNTIME_DIR` did not give the state directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuntimeDir {
    Unset,
    NotAbsolute,
    Missing(PathBuf),
}

impl std::fmt::Display for RuntimeDir {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuntimeDir::Unset => f.write_str("XDG_RUNTIME_DIR is unset"),
            RuntimeDir::NotAbsolute => f.write_str("XDG_RUNTIME_DIR is not an absolute path"),
            RuntimeDir::Missing(p) => write!(f, "XDG_RUNTIME_DIR={} does not exist", p.display()),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "the {flag} option"),
            Source::Env(var) => f.write_str(var),
            Source::File(key) => write!(f, "`{key}` in the config file"),
            Source::Default => f.write_str("the default"),
            Source::XdgRuntimeDir => f.write_str("XDG_RUNTIME_DIR"),
            Source::XdgStateHome(why) => write!(f, "XDG_STATE_HOME, since {why}"),
            Source::Home(why, false) => {
                write!(f, "HOME, since {why} and XDG_STATE_HOME is unset")
            }
            Source::Home(why, true) => write!(
                f,
                "the home directory in /etc/passwd, since {why} and XDG_STATE_HOME and HOME are unset"
            ),
        }
    }
}

/// The config file: where it is looked for, and whether it was there.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    /// `None` when no location could be made out (no HOME at all).
    pub path: Option<PathBuf>,
    pub found: bool,
}

/// Everything a command may need to know about its surroundings.
#[derive(Debug)]
pub struct Config {
    pub dir: PathBuf,
    /// Why the state directory is `dir`.
    pub dir_source: Source,
    /// The workflow, if one was named (flag, description or environment).
    workflow: Option<WorkflowId>,
    pub description: Option<String>,
    pub root_var: String,
    /// The root variable's value in our environment, if set.
    pub root_value: Option<OsString>,
    pub lock_timeout_ms: u64,
    pub default_ttl_secs: u64,
    /// `$PWD`, only used when the current directory cannot be determined.
    pub pwd: Option<OsString>,
    /// The Redis store, if `--store` / `BLOCKSTATE_URL` / `store` names one.
    pub remote: Option<RemoteStore>,
    /// `$BLOCKSTATE_FAULT`: a testing hook that makes one I/O step of the
    /// file store fail (see `store::file::Fault`). `None` in normal use.
    pub fault: Option<Fault>,
    /// Why the workflow is the one it is (when one was named), the store
    /// URL, and the TTL.
    pub workflow_source: Option<Source>,
    pub ttl_source: Source,
    pub config_file: ConfigFile,
    /// `capture_ignore` from the config file (the environment's list is
    /// read only when a capture needs it: see [`Config::capture_ignore`]).
    file_capture_ignore: Vec<String>,
    /// `secret_patterns` from the config file.
    file_secret_patterns: Vec<String>,
}

impl Config {
    pub fn new(args: &GlobalArgs) -> Result<Self> {
        let (file, config_file) = read_file_config()?;

        let root_var = match root_var_setting(args, file.root_var) {
            Some(name) => check_root_var(name)?,
            None => DEFAULT_ROOT_VAR.to_owned(),
        };

        let lock_timeout_ms = match args
            .lock_timeout
            .clone()
            .or_else(|| env_string("BLOCKSTATE_LOCK_TIMEOUT"))
            .or(file.lock_timeout)
        {
            Some(raw) => crate::time::parse_duration_ms(&raw)?,
            None => DEFAULT_LOCK_TIMEOUT_MS,
        };

        let (ttl, ttl_source) = match env_string("BLOCKSTATE_TTL") {
            Some(raw) => (Some(raw), Source::Env("BLOCKSTATE_TTL")),
            None => (file.ttl, Source::File("ttl")),
        };
        let (default_ttl_secs, ttl_source) = match ttl {
            Some(raw) => (crate::time::parse_duration_secs(&raw)?, ttl_source),
            None => (DEFAULT_TTL_SECS, Source::Default),
        };

        let mut garbled = Vec::new();
        let url = match args.store.clone() {
            Some(url) => Some((url, Source::Flag("--store"))),
            None => match env_text("BLOCKSTATE_URL", &mut garbled) {
                Some(url) => Some((url, Source::Env("BLOCKSTATE_URL"))),
                None => file.store.map(|url| (url, Source::File("store"))),
            },
        };
        let remote = url.map(|(url, source)| RemoteStore {
            url,
            source,
            namespace: args
                .namespace
                .clone()
                .or_else(|| env_text("BLOCKSTATE_NAMESPACE", &mut garbled))
                .or(file.namespace),
            password: env_text("BLOCKSTATE_REDIS_PASSWORD", &mut garbled),
            timeout: env_text("BLOCKSTATE_STORE_TIMEOUT", &mut garbled).or(file.store_timeout),
            garbled,
            limit_ms: None,
        });

        let (dir, dir_source) = if let Some(dir) = args.dir.clone() {
            (dir, Source::Flag("--dir"))
        } else if let Some(dir) = env_path("BLOCKSTATE_DIR") {
            (dir, Source::Env("BLOCKSTATE_DIR"))
        } else if let Some(dir) = file.dir {
            (dir, Source::File("dir"))
        } else if remote.is_some() {
            // The Redis store needs no directory, so a machine without a
            // home directory must not stop it.
            default_dir().unwrap_or((PathBuf::new(), Source::Default))
        } else {
            default_dir()?
        };

        let description = args.description.clone();
        let (workflow, workflow_source) = if let Some(raw) = &args.workflow {
            let id = WorkflowId::parse(raw)?;
            if let Some(desc) = &description {
                check_same_workflow(&id, desc)?;
            }
            (Some(id), Some(Source::Flag("-w/--workflow")))
        } else if let Some(desc) = &description {
            (
                Some(WorkflowId::from_description(desc)?),
                Some(Source::Flag("-d/--description")),
            )
        } else if let Some(raw) = env::var_os(WORKFLOW_VAR).filter(|v| !v.is_empty()) {
            let raw = raw.into_string().map_err(|_| {
                Error::usage(format!("{WORKFLOW_VAR} is not valid UTF-8"))
                    .hint("unset it or set it to an ID from `blockstate id`")
            })?;
            let id = WorkflowId::parse(&raw).map_err(|e| {
                let msg = format!("{WORKFLOW_VAR}: {}", e.message);
                Error { message: msg, ..e }
            })?;
            (Some(id), Some(Source::Env(WORKFLOW_VAR)))
        } else {
            (None, None)
        };

        let fault = env_string("BLOCKSTATE_FAULT")
            .map(|raw| Fault::parse(&raw))
            .transpose()?;

        let root_value = env::var_os(&root_var);
        Ok(Config {
            dir,
            dir_source,
            workflow_source,
            ttl_source,
            config_file,
            workflow,
            description,
            root_var,
            root_value,
            lock_timeout_ms,
            default_ttl_secs,
            pwd: env::var_os("PWD"),
            remote,
            fault,
            file_capture_ignore: file.capture_ignore.unwrap_or_default(),
            file_secret_patterns: file.secret_patterns.unwrap_or_default(),
        })
    }

    /// `capture_ignore` in the config file: glob patterns of names a
    /// capture never stores (see also [`capture_ignore_env`]).
    pub fn capture_ignore_file(&self) -> &[String] {
        &self.file_capture_ignore
    }

    /// The glob patterns of secret-looking names: the defaults, plus
    /// `BLOCKSTATE_SECRET_PATTERNS` and `secret_patterns` in the config file.
    pub fn secret_patterns(&self) -> Vec<String> {
        let mut patterns: Vec<String> = DEFAULT_SECRET_PATTERNS
            .iter()
            .map(|p| (*p).to_owned())
            .collect();
        patterns.extend(pattern_list("BLOCKSTATE_SECRET_PATTERNS"));
        patterns.extend(self.file_secret_patterns.iter().cloned());
        patterns
    }

    /// The workflow the command acts on, or an error that names every way to
    /// give one.
    pub fn workflow(&self) -> Result<&WorkflowId> {
        self.workflow.as_ref().ok_or_else(|| {
            Error::usage("no workflow given").hint(
                "pass -w/--workflow ID, or -d/--description TEXT, or set BLOCKSTATE_WORKFLOW (as `eval \"$(blockstate load -w ID)\"` does)",
            )
        })
    }

    /// The workflow, if one was named.
    pub fn workflow_opt(&self) -> Option<&WorkflowId> {
        self.workflow.as_ref()
    }
}

/// `-w ID -d TEXT` together must name one workflow: `-d` also records TEXT
/// as the description, and recording it on a workflow TEXT does not select
/// would leave a description that leads elsewhere.
fn check_same_workflow(id: &WorkflowId, description: &str) -> Result<()> {
    let of_description = WorkflowId::from_description(description)?;
    if of_description == *id {
        return Ok(());
    }
    Err(Error::usage(format!(
        "-w {id} and -d {} name different workflows: the ID of that description is {of_description}",
        shown(description)
    ))
    .hint("give only one of them: -d TEXT alone selects the workflow of TEXT (and records TEXT), -w ID alone selects ID"))
}

/// What `doctor` shows of the shell's environment: `$SHELL`, and
/// `$BLOCKSTATE_WORKFLOW` as it is (it may be invalid).
pub struct ShellEnv {
    pub shell: Option<OsString>,
    pub workflow: Option<OsString>,
}

pub fn shell_env() -> ShellEnv {
    ShellEnv {
        shell: env::var_os("SHELL").filter(|v| !v.is_empty()),
        workflow: env::var_os(WORKFLOW_VAR).filter(|v| !v.is_empty()),
    }
}

/// What `blockstate root` needs: the root variable's value and `$PWD`.
///
/// `root` never fails: an unrelated bad setting (a lock timeout, a store
/// URL, an unreadable config file) does not concern it, and an invalid root
/// variable name falls back to PROJECT_ROOT. Each problem is reported as a
/// warning on stderr, so it is not silent either.
pub fn root_lookup(args: &GlobalArgs) -> (Option<OsString>, Option<OsString>) {
    let warn = |e: &Error| {
        let _ = writeln!(
            std::io::stderr().lock(),
            "blockstate: warning: {}; using {DEFAULT_ROOT_VAR}",
            e.message
        );
    };
    let from_file = match read_file_config() {
        Ok((file, _)) => file.root_var,
        Err(e) => {
            if args.root_var.is_none() && env_string("BLOCKSTATE_ROOT_VAR").is_none() {
                warn(&e);
            }
            None
        }
    };
    let name = match root_var_setting(args, from_file) {
        Some(name) => check_root_var(name).unwrap_or_else(|e| {
            warn(&e);
            DEFAULT_ROOT_VAR.to_owned()
        }),
        None => DEFAULT_ROOT_VAR.to_owned(),
    };
    (env::var_os(name), env::var_os("PWD"))
}

/// The root variable's name as configured: flag, else environment, else
/// the config file's `root_var`. Unchecked.
/// The locale whose charset the calling shell decodes its input in, as
/// `setlocale(LC_CTYPE, "")` picks it: the first non-empty of `LC_ALL`,
/// `LC_CTYPE` and `LANG`, else the C locale (`""`). `load` quotes values for
/// it (see `charset`).
pub fn ctype_locale() -> String {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| env::var_os(name).filter(|v| !v.is_empty()))
        .map(|v| v.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn root_var_setting(args: &GlobalArgs, from_file: Option<String>) -> Option<String> {
    args.root_var
        .clone()
        .or_else(|| env_string("BLOCKSTATE_ROOT_VAR"))
        .or(from_file)
}

/// The whole environment, as the bytes the process received: what a block
/// exported, for `load --capture` (its start) and `capture` (its end), and
/// what `spawn` passes on to its command.
pub fn environment() -> Vec<(OsString, OsString)> {
    env::vars_os().collect()
}

/// `BLOCKSTATE_CAPTURE_IGNORE`: glob patterns of names a capture never
/// stores, separated by commas, colons or white space. Read apart from the
/// config file, so that a capture whose only changes are ignored ones
/// opens no file at all.
pub fn capture_ignore_env() -> Vec<String> {
    pattern_list("BLOCKSTATE_CAPTURE_IGNORE")
}

/// The block-start baseline the exit hook hands to `blockstate capture`.
pub fn capture_baseline() -> Option<OsString> {
    env::var_os(CAPTURE_VAR)
}

/// The exported variables the exit hook had to leave out of `capture`'s
/// environment because they were too large for it (comma-separated).
pub fn capture_skipped() -> Vec<String> {
    env::var("_BLOCKSTATE_CAPTURE_SKIP")
        .map(|raw| {
            raw.split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The variable in which `load` lists the `NAME_PID`, `NAME_PORT` and
/// `NAME_LOG` variables it exported for background processes.
pub const PROCESS_VARS: &str = "BLOCKSTATE_PROCESS_VARS";

/// What the last `load` of this block listed in [`PROCESS_VARS`]: names
/// that describe processes, which a capture never stores (the process may
/// have been stopped in the block since).
pub fn loaded_process_vars() -> Vec<String> {
    env::var("BLOCKSTATE_PROCESS_VARS")
        .map(|raw| {
            raw.split(' ')
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// `$CLAUDE_ENV_FILE`: the file Claude Code sources before each Bash
/// command, named to its SessionStart hooks.
pub fn claude_env_file() -> Option<PathBuf> {
    env_path("CLAUDE_ENV_FILE")
}

/// A list of patterns from one variable, split at commas, colons and white
/// space (no variable name can hold any of them).
fn pattern_list(name: &str) -> Vec<String> {
    env::var(name)
        .map(|raw| {
            raw.split(|c: char| c == ',' || c == ':' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn env_string(name: &str) -> Option<String> {
    env::var(name).ok().filter(|v| !v.is_empty())
}

fn env_path(name: &str) -> Option<PathBuf> {
    env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// A variable's text; one that is set but not UTF-8 is noted in `garbled`
/// (and given lossily), to be refused when it is used.
fn env_text(name: &'static str, garbled: &mut Vec<&'static str>) -> Option<String> {
    let raw = env::var_os(name).filter(|v| !v.is_empty())?;
    Some(raw.into_string().unwrap_or_else(|raw| {
        garbled.push(name);
        raw.to_string_lossy().into_owned()
    }))
}

fn check_root_var(name: String) -> Result<String> {
    crate::vars::check_root_var(&name).map_err(|e| {
        Error::usage(format!(
            "invalid root variable {}: {}",
            shown(&name),
            e.message
        ))
        .hint("give it a name of its own, such as PROJECT_ROOT or CLAUDE_PROJECT_DIR (the README lists the refused names)")
    })?;
    Ok(name)
}

/// `$BLOCKSTATE_CONFIG`, else `$XDG_CONFIG_HOME/blockstate/config.toml`,
/// else `~/.config/blockstate/config.toml`.
fn config_path() -> Option<PathBuf> {
    if let Some(p) = env_path("BLOCKSTATE_CONFIG") {
        return Some(p);
    }
    let base = absolute_env("XDG_CONFIG_HOME").or_else(|| home().map(|h| h.join(".config")))?;
    Some(base.join("blockstate").join("config.toml"))
}

/// Where the config file is looked for (it need not exist).
pub fn config_file_path() -> Option<PathBuf> {
    config_path()
}

/// Reading a missing file costs one failed `open`; nothing is parsed.
fn read_file_config() -> Result<(FileConfig, ConfigFile)> {
    let Some(path) = config_path() else {
        return Ok((
            FileConfig::default(),
            ConfigFile {
                path: None,
                found: false,
            },
        ));
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((
                FileConfig::default(),
                ConfigFile {
                    path: Some(path),
                    found: false,
                },
            ));
        }
        Err(e) => {
            return Err(
                Error::io("reading config file", &path, &e).hint("fix or remove the config file")
            );
        }
    };
    let parsed = toml::from_str(&text).map_err(|e| {
        Error::usage(format!(
            "config file {} is invalid: {}",
            path.display(),
            e.message()
        ))
        .hint("valid keys are dir, root_var, lock_timeout, ttl, store, namespace, store_timeout, capture_ignore and secret_patterns, e.g. ttl = \"7d\" or capture_ignore = [\"AWS_*\"]")
    })?;
    Ok((
        parsed,
        ConfigFile {
            path: Some(path),
            found: true,
        },
    ))
}

/// An environment variable that holds an absolute path (the XDG spec says
/// relative values are to be ignored).
fn absolute_env(name: &str) -> Option<PathBuf> {
    env_path(name).filter(|p| p.is_absolute())
}

fn home() -> Option<PathBuf> {
    absolute_env("HOME").or_else(home_from_passwd)
}

/// The home directory from `/etc/passwd`, for environments that start with
/// nothing (`env -i`).
///
/// Read directly rather than through `getpwuid_r`: the release build is
/// statically linked for start-up speed, and a static glibc serves
/// `getpwuid_r` for other sources than files (LDAP, sssd, systemd) only by
/// loading the system's NSS modules at run time, which works only while the
/// system's glibc is the exact version blockstate was built with. A user
/// found only there gets the clear "set BLOCKSTATE_DIR" error instead.
fn home_from_passwd() -> Option<PathBuf> {
    let passwd = std::fs::read("/etc/passwd").ok()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    home_in_passwd(&passwd, uid)
}

/// The home directory of the first entry for `uid` in the contents of a
/// passwd(5) file: `name:password:UID:GID:GECOS:directory:shell`.
fn home_in_passwd(passwd: &[u8], uid: libc::uid_t) -> Option<PathBuf> {
    let uid = uid.to_string();
    passwd.split(|&b| b == b'\n').find_map(|line| {
        let mut fields = line.split(|&b| b == b':');
        let name = fields.next()?;
        // `+`/`-` lines are NIS compat entries, `#` a comment: not users.
        if name.is_empty() || matches!(name[0], b'+' | b'-' | b'#') {
            return None;
        }
        let (_password, entry_uid, _gid, _gecos, dir) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        if entry_uid != uid.as_bytes() {
            return None;
        }
        let path = PathBuf::from(OsStr::from_bytes(dir));
        path.is_absolute().then_some(path)
    })
}

/// `$XDG_RUNTIME_DIR/blockstate` (a per-user tmpfs on systemd machines),
/// else `$XDG_STATE_HOME/blockstate`, else `~/.local/state/blockstate`.
/// Never a name in a shared /tmp. A set but missing XDG_RUNTIME_DIR (common
/// after `su` or in containers) is skipped rather than created, because
/// only the login manager can create it with the right owner.
fn default_dir() -> Result<(PathBuf, Source)> {
    let runtime = match env_path("XDG_RUNTIME_DIR") {
        None => RuntimeDir::Unset,
        Some(run) if !run.is_absolute() => RuntimeDir::NotAbsolute,
        Some(run) if run.is_dir() => return Ok((run.join("blockstate"), Source::XdgRuntimeDir)),
        Some(run) => RuntimeDir::Missing(run),
    };
    if let Some(state) = absolute_env("XDG_STATE_HOME") {
        return Ok((state.join("blockstate"), Source::XdgStateHome(runtime)));
    }
    let from_env = absolute_env("HOME");
    let from_passwd = from_env.is_none();
    match from_env.or_else(home_from_passwd) {
        Some(h) => Ok((
            h.join(".local").join("state").join("blockstate"),
            Source::Home(runtime, from_passwd),
        )),
        None => Err(Error::unsafe_dir(
            "cannot choose a private state directory: XDG_RUNTIME_DIR, XDG_STATE_HOME and HOME are unset and the user has no home directory",
        )
        .hint("set BLOCKSTATE_DIR (or pass --dir) to a directory only you can access")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_in_passwd_finds_the_first_entry_of_the_uid() {
        let passwd = b"\
root:x:0:0:root:/root:/bin/bash
# a comment:x:1000:1000::/nope:/bin/sh
+nis:x:1000:1000::/nope:/bin/sh
short:x:1000
alice:x:1000:1000:Alice A.,,,:/home/alice:/bin/bash
alias:x:1000:1000::/home/other:/bin/bash
rel:x:1001:1001::relative/home:/bin/sh
bob:x:10000:10000::/home/bob:/usr/sbin/nologin";
        assert_eq!(home_in_passwd(passwd, 0), Some(PathBuf::from("/root")));
        assert_eq!(
            home_in_passwd(passwd, 1000),
            Some(PathBuf::from("/home/alice"))
        );
        assert_eq!(
            home_in_passwd(passwd, 10000),
            Some(PathBuf::from("/home/bob"))
        );
        assert_eq!(home_in_passwd(passwd, 100), None);
        assert_eq!(home_in_passwd(passwd, 1001), None);
        assert_eq!(home_in_passwd(b"", 0), None);
    }

    #[test]
    fn home_from_passwd_agrees_with_getent() -> std::result::Result<(), Box<dyn std::error::Error>>
    {
        // SAFETY: geteuid has no preconditions.
        let uid = unsafe { libc::geteuid() }.to_string();
        let out = std::process::Command::new("getent")
            .args(["passwd", &uid])
            .output()?;
        let entry = String::from_utf8(out.stdout)?;
        let entry = entry.trim_end();
        let files = std::fs::read_to_string("/etc/passwd")?;
        // Users from other sources (LDAP, sssd) are deliberately not found.
        let expected = if files.lines().any(|l| l == entry) {
            entry.split(':').nth(5).map(PathBuf::from)
        } else {
            None
        };
        assert_eq!(home_from_passwd(), expected, "getent: {entry:?}");
        Ok(())
    }
}
