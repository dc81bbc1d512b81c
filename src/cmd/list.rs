use crate::cli::Format;
use crate::cli::ListArgs;
use crate::cmd::{Context, Run};
use crate::emit::{Locale, render};
use crate::error::{ExitCode, Result};

impl Run for ListArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let state = store.load(id, crate::time::now_unix())?;
        if self.existing && state.is_none() {
            return Err(crate::cmd::no_stored_state(&config, store.as_ref(), id));
        }
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
            out.extend_from_slice(&render(Format::Json, &vars, &Locale::named(""))?);
        } else {
            // KEY=value, the value shell-quoted only when it needs it, so
            // that multi-line values stay unambiguous.
            for (k, v) in vars {
                out.extend_from_slice(k.as_bytes());
                out.push(b'=');
                out.extend_from_slice(&crate::emit::sh_quote(v));
                out.push(b'\n');
            }
        }
        Ok(ExitCode::Success)
    }
}
