//! Locales for the charset tests: every charmap glibc ships, classified
//! from its own table, compiled once with `localedef` and cached under the
//! target directory (a cold build of all of them takes about a minute of
//! CPU, GB18030 alone five seconds; a warm run none).
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

const CHARMAPS: &str = "/usr/share/i18n/charmaps";

/// One charmap file and what its table says.
#[derive(Debug, Clone)]
pub struct Charmap {
    /// The file name, without `.gz`.
    pub name: String,
    /// `<code_set_name>`: what `locale charmap` reports.
    pub code_set: String,
    /// `<mb_cur_max>` from the header (1 when absent).
    pub mb_cur_max: u32,
    /// Some character takes more than one byte.
    pub multibyte: bool,
    /// Some byte after the first of a multibyte character is ASCII (the
    /// class of GBK, Big5, Shift-JIS, GB18030...).
    pub ascii_trail: bool,
    /// Some multibyte character starts with an ASCII byte (composing
    /// charsets such as TCVN5712-1).
    pub ascii_lead: bool,
    /// Every byte 0x01..=0x7f stands for the same code point as in ASCII.
    pub ascii_identity: bool,
    /// Multibyte characters with `'` or `"` after the first byte.
    pub quote_trails: Vec<String>,
}

/// Every charmap in /usr/share/i18n/charmaps, parsed.
pub fn charmaps() -> Result<Vec<Charmap>, String> {
    let mut out = Vec::new();
    let entries = fs::read_dir(CHARMAPS).map_err(|e| format!("{CHARMAPS}: {e}"))?;
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(file) = file else { continue };
        let name = file.strip_suffix(".gz").unwrap_or(&file).to_owned();
        let text = if file.ends_with(".gz") {
            let o = Command::new("gzip")
                .arg("-dc")
                .arg(&path)
                .output()
                .map_err(|e| format!("gzip: {e}"))?;
            if !o.status.success() {
                return Err(format!("gzip -dc {}: failed", path.display()));
            }
            String::from_utf8_lossy(&o.stdout).into_owned()
        } else {
            fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?
        };
        out.push(parse(&name, &text));
    }
    Ok(out)
}

fn parse(name: &str, text: &str) -> Charmap {
    let mut map = Charmap {
        name: name.to_owned(),
        code_set: name.to_owned(),
        mb_cur_max: 1,
        multibyte: false,
        ascii_trail: false,
        ascii_lead: false,
        ascii_identity: true,
        quote_trails: Vec::new(),
    };
    let mut seen_ascii = [false; 128];
    let mut in_map = false;
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("<code_set_name>") {
            map.code_set = rest.trim().to_owned();
        }
        if let Some(rest) = line.strip_prefix("<mb_cur_max>") {
            map.mb_cur_max = rest.trim().parse().unwrap_or(1);
        }
        if line == "CHARMAP" {
            in_map = true;
            continue;
        }
        if line.starts_with("END CHARMAP") {
            in_map = false;
        }
        if !in_map || !line.starts_with("<U") {
            continue;
        }
        let mut words = line.split_whitespace();
        let (Some(sym), Some(seq)) = (words.next(), words.next()) else {
            continue;
        };
        let Some((first, span)) = code_points(sym) else {
            continue;
        };
        let Some(bytes) = byte_seq(seq) else { continue };
        let last = bytes.len() - 1;
        if bytes.len() == 1 {
            if bytes[0] > 0 && bytes[0] < 0x80 {
                // A range of single bytes maps byte b to first + (b - start).
                for k in 0..=span {
                    let b = u32::from(bytes[0]) + k;
                    if b < 0x80 {
                        seen_ascii[b as usize] = true;
                        if first + k != b {
                            map.ascii_identity = false;
                        }
                    }
                }
            }
            continue;
        }
        map.multibyte = true;
        if bytes[0] < 0x80 {
            map.ascii_lead = true;
        }
        // In a range the last byte counts up.
        let last_lo = u32::from(bytes[last]);
        let last_hi = last_lo + span;
        let trails = bytes[1..last].iter().map(|&b| (u32::from(b), u32::from(b)));
        for (lo, hi) in trails.chain([(last_lo, last_hi)]) {
            if lo < 0x80 {
                map.ascii_trail = true;
            }
            if (lo..=hi).contains(&0x22) || (lo..=hi).contains(&0x27) {
                map.quote_trails.push(format!("{sym} {seq}"));
            }
        }
    }
    if seen_ascii[1..].iter().any(|s| !s) {
        map.ascii_identity = false;
    }
    map
}

/// `<U4E00>` or `<U4E00>..<U4E0F>`: the first code point and the span.
fn code_points(sym: &str) -> Option<(u32, u32)> {
    let one = |s: &str| {
        let hex = s.strip_prefix("<U")?.strip_suffix('>')?;
        u32::from_str_radix(hex, 16).ok()
    };
    match sym.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            Some((a, b.checked_sub(a)?))
        }
        None => Some((one(sym)?, 0)),
    }
}

/// `/x81/x30` to bytes.
fn byte_seq(seq: &str) -> Option<Vec<u8>> {
    let parts: Vec<&str> = seq.split("/x").skip(1).collect();
    if parts.is_empty() {
        return None;
    }
    parts
        .iter()
        .map(|h| u8::from_str_radix(h, 16).ok())
        .collect()
}

/// Where compiled locales are cached: one directory per glibc version.
pub fn cache_dir() -> PathBuf {
    let version = Command::new("localedef")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout).lines().next().map(|l| {
                l.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect::<String>()
            })
        })
        .unwrap_or_else(|| "unknown".into());
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("locales")
        .join(version)
}

static BUILD: Mutex<()> = Mutex::new(());

/// Compile a locale for each charmap in `names` (named after the charmap,
/// from the C locale's sources) into the cache, two at a time; returns the
/// directory to use as LOCPATH. A charmap localedef refuses is left out
/// (see [`usable`]).
pub fn build(names: &[String]) -> Result<PathBuf, String> {
    let dir = cache_dir();
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let _guard = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let todo: Vec<&String> = names.iter().filter(|n| !dir.join(n).exists()).collect();
    let next = Mutex::new(todo.into_iter());
    let failed = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let Some(name) = next.lock().ok().and_then(|mut it| it.next()) else {
                        return;
                    };
                    if let Err(e) = build_one(&dir, name)
                        && let Ok(mut f) = failed.lock()
                    {
                        f.push(e);
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap_or_default();
    if let Some(e) = failed.iter().find(|e| e.starts_with("cannot run")) {
        return Err(e.clone());
    }
    Ok(dir)
}

/// Build into a private directory, then rename: a concurrent test binary
/// building the same locale never sees half of one.
fn build_one(dir: &Path, name: &str) -> Result<(), String> {
    let tmp = tempfile::Builder::new()
        .prefix(".build-")
        .tempdir_in(dir)
        .map_err(|e| format!("cannot run localedef: {e}"))?;
    let target = tmp.path().join(name);
    let o = Command::new("localedef")
        .args(["-c", "--no-warnings=ascii", "-i", "C", "-f", name])
        .arg(&target)
        .output()
        .map_err(|e| format!("cannot run localedef: {e}"))?;
    if !target.exists() {
        return Err(format!(
            "localedef -f {name}: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    // Losing the race to another builder is fine: the other copy is whole.
    let _ = fs::rename(&target, dir.join(name));
    Ok(())
}

/// The charset `locale charmap` reports for `name` under `locpath`: the
/// locale is really in effect only if it is `name` itself.
pub fn codeset(locpath: &Path, name: &str) -> Option<String> {
    let o = Command::new("locale")
        .arg("charmap")
        .env_clear()
        .env("LOCPATH", locpath)
        .env("LC_ALL", name)
        .output()
        .ok()?;
    if !o.status.success() || !o.stderr.is_empty() {
        return None;
    }
    Some(String::from_utf8_lossy(&o.stdout).trim().to_owned())
}

/// Whether the locale compiled for `map` loads and reports its charset.
/// Whether the C library's converter for `code_set` joins an ASCII
/// letter with the byte after it: its table alone does not say so. glibc's
/// CP1258 converter, for one, composes `a` and a combining grave (0xCC)
/// into `à`, so it holds every ASCII letter back until it sees the next
/// byte, and shells decoding in that charset do not read ASCII plainly.
/// Asked of the converter itself, through iconv(1): each byte above 0x7f
/// after `a`, against the byte alone, one line each.
pub fn ascii_composes(code_set: &str) -> bool {
    let convert = |input: &[u8]| -> Option<Vec<u8>> {
        use std::io::Write;
        let mut child = Command::new("iconv")
            .args(["-c", "-f", code_set, "-t", "UTF-8"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .ok()?;
        child.stdin.take()?.write_all(input).ok()?;
        Some(child.wait_with_output().ok()?.stdout)
    };
    let mut after_a = Vec::new();
    let mut alone = Vec::new();
    for b in 0x80..=0xffu8 {
        after_a.extend_from_slice(&[b'a', b, b'\n']);
        alone.extend_from_slice(&[b, b'\n']);
    }
    let (Some(after_a), Some(alone)) = (convert(&after_a), convert(&alone)) else {
        return false;
    };
    // 128 lines each (and the empty rest after the last newline).
    let after_a: Vec<&[u8]> = after_a.split(|&c| c == b'\n').take(128).collect();
    let alone: Vec<&[u8]> = alone.split(|&c| c == b'\n').take(128).collect();
    after_a.len() != alone.len()
        || after_a
            .iter()
            .zip(&alone)
            .any(|(joined, single)| joined.strip_prefix(b"a") != Some(*single))
}

pub fn usable(locpath: &Path, map: &Charmap) -> bool {
    locpath.join(&map.name).exists()
        && codeset(locpath, &map.name).as_deref() == Some(map.code_set.as_str())
}
