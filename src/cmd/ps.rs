use serde::Serialize;

use crate::cli::PsArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::process::{Here, Liveness};

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    state: &'static str,
    pid: i32,
    port: Option<u16>,
    /// Unix seconds.
    started: u64,
    /// Seconds; only while running.
    uptime_secs: Option<u64>,
    host: &'a str,
    log: &'a str,
    command: &'a [String],
}

impl Run for PsArgs {
    /// Shows the records of an expired workflow too: its processes run
    /// until `gc` stops them.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let Some(state) = store.load_any(id)? else {
            if self.json {
                out.extend_from_slice(b"[]\n");
            }
            return Ok(ExitCode::Success);
        };
        if state.processes.is_empty() {
            if self.json {
                out.extend_from_slice(b"[]\n");
            }
            return Ok(ExitCode::Success);
        }
        let here = Here::new()?;
        let now = crate::time::now_unix();
        let rows: Vec<Row> = state
            .processes
            .iter()
            .map(|(name, r)| {
                let live = here.liveness(r);
                Row {
                    name,
                    state: live.name(),
                    pid: r.pid,
                    port: r.port,
                    started: r.started,
                    uptime_secs: (live == Liveness::Running).then(|| now.saturating_sub(r.started)),
                    host: &r.host,
                    log: &r.log,
                    command: &r.command,
                }
            })
            .collect();
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &rows)
                .map_err(|e| Error::bad_state(format!("cannot encode JSON: {e}")))?;
            out.push(b'\n');
            return Ok(ExitCode::Success);
        }
        let table: Vec<[String; 8]> = rows
            .iter()
            .map(|r| {
                [
                    r.name.to_owned(),
                    r.state.to_owned(),
                    r.pid.to_string(),
                    r.port.map(|p| p.to_string()).unwrap_or_else(|| "-".into()),
                    r.uptime_secs.map(duration).unwrap_or_else(|| "-".into()),
                    escaped(r.host),
                    escaped(r.log),
                    escaped(&r.command.join(" ")),
                ]
            })
            .collect();
        let header = [
            "NAME", "STATE", "PID", "PORT", "UPTIME", "HOST", "LOG", "COMMAND",
        ];
        let mut widths = header.map(str::len);
        for row in &table {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let mut line = |cells: &[String]| {
            let mut text = String::new();
            for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
                if i + 1 == cells.len() {
                    text.push_str(cell);
                } else {
                    text.push_str(&format!("{cell:<w$}  "));
                }
            }
            out.extend_from_slice(text.trim_end().as_bytes());
            out.push(b'\n');
        };
        line(&header.map(String::from));
        for row in &table {
            line(row);
        }
        Ok(ExitCode::Success)
    }
}

/// Control characters shown escaped, so no record can drive the terminal.
fn escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// `42s`, `3m07s`, `2h05m`, `3d04h`.
fn duration(secs: u64) -> String {
    match secs {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m{:02}s", s / 60, s % 60),
        s if s < 86_400 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        s => format!("{}d{:02}h", s / 86_400, s % 86_400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(187), "3m07s");
        assert_eq!(duration(7500), "2h05m");
        assert_eq!(duration(3 * 86_400 + 4 * 3600 + 59), "3d04h");
        assert_eq!(escaped("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
    }
}
