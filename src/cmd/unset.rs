use crate::cli::UnsetArgs;
use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

impl Run for UnsetArgs {
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        for k in &self.keys {
            crate::vars::check_key(k)?;
        }
        let config = ctx.config()?;
        let id = config.workflow()?;
        Context::store(&config)?.unset(id, &self.keys, crate::time::now_unix())?;
        Ok(ExitCode::Success)
    }
}
