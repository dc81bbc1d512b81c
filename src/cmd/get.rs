use crate::cli::GetArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};

impl Run for GetArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let state = Context::store(&config)?.load(id, crate::time::now_unix())?;
        match state.as_ref().and_then(|s| s.vars.get(&self.key)) {
            Some(value) => {
                out.extend_from_slice(value.as_bytes());
                out.push(b'\n');
                Ok(ExitCode::Success)
            }
            None => Err(Error::new(
                ExitCode::NotFound,
                format!(
                    "{} is not set in workflow {id}{}",
                    self.key,
                    if state.is_none() { " (the workflow has no stored state)" } else { "" }
                ),
            )
            .hint(format!("store it with `blockstate set {}=VALUE`, or list what is stored with `blockstate list`", self.key))),
        }
    }
}
