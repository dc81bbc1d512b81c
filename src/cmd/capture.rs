use std::io::Write;

use crate::capture::{Baseline, Change};
use crate::cmd::{Context, Run};
use crate::config::Config;
use crate::error::{Error, ExitCode, Result};
use crate::store::{Op, Update};

/// `blockstate capture`, run by the exit hook of `load --capture`.
pub struct Capture;

impl Run for Capture {
    /// A block that changed nothing reads its environment, finds no change
    /// and exits: no config file, no store. Otherwise one update holds the
    /// whole delta (so two blocks changing different variables both keep
    /// their changes), with the workflow's own TTL.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let raw = crate::config::capture_baseline().ok_or_else(|| {
            Error::usage(format!(
                "`blockstate capture` found no baseline in {}",
                crate::config::CAPTURE_VAR
            ))
            .hint("it is run by the exit hook that `eval \"$(blockstate load --capture)\"` installs; to store variables yourself, use `blockstate set`")
        })?;
        let baseline = Baseline::decode(&raw)?;
        let skipped = crate::config::capture_skipped();
        let mut changes = baseline.changes(&crate::config::environment());
        if !skipped.is_empty() {
            let mut err = std::io::stderr().lock();
            for name in &skipped {
                let _ = writeln!(
                    err,
                    "blockstate: capture: the value of {name} is larger than Linux lets one environment variable be (128 KiB); it was not stored (store a path to a file instead)"
                );
            }
            // Not in this environment because too large, not unset.
            changes.retain(|c| !skipped.iter().any(|s| s == c.name()));
        }
        // The variables a `load` in this block exported for background
        // processes (one it stopped since included): never the block's.
        let derived = crate::config::loaded_process_vars();
        changes.retain(|c| !derived.iter().any(|d| d == c.name()));
        let ignore_env = crate::config::capture_ignore_env();
        changes.retain(|c| !crate::glob::any(&ignore_env, c.name(), false));
        if changes.is_empty() {
            return Ok(ExitCode::Success);
        }
        // The workflow is the one loaded, whatever the block did to
        // BLOCKSTATE_WORKFLOW since.
        let mut global = ctx.global.clone();
        global.workflow = Some(baseline.workflow.as_str().to_owned());
        global.description = None;
        let config = Config::new(&global)?;
        let ignore = config.capture_ignore_file();
        let mut ops = Vec::with_capacity(changes.len());
        let mut err = std::io::stderr().lock();
        for change in changes {
            if crate::glob::any(ignore, change.name(), false) {
                continue;
            }
            match change {
                Change::Set(key, value) => match value.into_string() {
                    Ok(value) => match crate::vars::check_value(&key, &value) {
                        Ok(()) => ops.push(Op::Capture { key, value }),
                        Err(e) => {
                            let _ = writeln!(
                                err,
                                "blockstate: capture: {}; it was not stored (store a path to a file instead)",
                                e.message
                            );
                        }
                    },
                    Err(_) => {
                        let _ = writeln!(
                            err,
                            "blockstate: capture: the value of {key} is not valid UTF-8; it was not stored (encode binary data, e.g. with base64)"
                        );
                    }
                },
                Change::Unset(key) => ops.push(Op::Unset { key }),
            }
        }
        if ops.is_empty() {
            return Ok(ExitCode::Success);
        }
        Context::store(&config)?.update(
            &baseline.workflow,
            &Update::new(ops),
            crate::time::now_unix(),
        )?;
        Ok(ExitCode::Success)
    }
}
