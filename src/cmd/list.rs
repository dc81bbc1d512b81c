use crate::cli::Format;
use crate::cli::ListArgs;
use crate::cmd::{Context, Run, live_or_note};
use crate::emit::{Locale, render};
use crate::error::{ExitCode, Result};
use crate::secrets::{HIDDEN, Secrets};

impl Run for ListArgs {
    /// Values of secret-looking names are hidden unless `--reveal`: `list`
    /// is for looking, and what is looked at ends up in terminals, logs
    /// and transcripts. `get` and `load` still give them exactly.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let state = live_or_note(id, store.lookup(id, crate::time::now_unix())?);
        if self.existing && state.is_none() {
            return Err(crate::cmd::no_stored_state(&config, store.as_ref(), id));
        }
        let secrets = Secrets::new(if self.reveal {
            Vec::new()
        } else {
            config.secret_patterns()
        });
        let vars: Vec<(&str, &str)> = state
            .as_ref()
            .map(|s| {
                s.vars
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        if self.json {
            // A hidden value is null: no real value is.
            let map: serde_json::Map<String, serde_json::Value> = vars
                .iter()
                .map(|(k, v)| {
                    let value = if secrets.is_secret(k) {
                        serde_json::Value::Null
                    } else {
                        serde_json::Value::String((*v).to_owned())
                    };
                    ((*k).to_owned(), value)
                })
                .collect();
            if map.values().all(|v| !v.is_null()) {
                out.extend_from_slice(&render(Format::Json, &vars, &Locale::named(""))?);
            } else {
                serde_json::to_writer(&mut *out, &map).map_err(|e| {
                    crate::error::Error::bad_state(format!("cannot encode JSON: {e}"))
                })?;
                out.push(b'\n');
            }
        } else {
            // KEY=value, the value shell-quoted only when it needs it, so
            // that multi-line values stay unambiguous.
            for (k, v) in vars {
                out.extend_from_slice(k.as_bytes());
                out.push(b'=');
                if secrets.is_secret(k) {
                    out.extend_from_slice(HIDDEN.as_bytes());
                } else {
                    out.extend_from_slice(&crate::emit::sh_quote(v));
                }
                out.push(b'\n');
            }
        }
        Ok(ExitCode::Success)
    }
}
