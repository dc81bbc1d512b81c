use crate::cli::GetArgs;
use crate::cmd::{Context, ELSEWHERE_HINT, Run, looked_in};
use crate::error::{Error, ExitCode, Result};

impl Run for GetArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let state = store.load(id, crate::time::now_unix())?;
        if let Some(value) = state.as_ref().and_then(|s| s.vars.get(&self.key)) {
            out.extend_from_slice(value.as_bytes());
            out.push(b'\n');
            return Ok(ExitCode::Success);
        }
        let (message, hint) = match state {
            Some(_) => (
                format!(
                    "{} is not set in workflow {id} ({})",
                    self.key,
                    store.describe(id)
                ),
                format!(
                    "store it with `blockstate set {}=VALUE`, or list what is stored with `blockstate list`",
                    self.key
                ),
            ),
            None => (
                format!(
                    "{} is not set in workflow {id}: the workflow has no stored state at {}",
                    self.key,
                    looked_in(&config, &store.describe(id))
                ),
                format!(
                    "store it with `blockstate set {}=VALUE`; {ELSEWHERE_HINT}",
                    self.key
                ),
            ),
        };
        Err(Error::new(ExitCode::NotFound, message).hint(hint))
    }
}
