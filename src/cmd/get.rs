use crate::cli::GetArgs;
use crate::cmd::{Context, Run, expired_text};
use crate::error::{Error, ExitCode, Result};
use crate::store::Found;

impl Run for GetArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let found = Context::store(&config)?.lookup(id, crate::time::now_unix())?;
        let why = match &found {
            Found::Live(state) => match state.vars.get(&self.key) {
                Some(value) => {
                    out.extend_from_slice(value.as_bytes());
                    out.push(b'\n');
                    return Ok(ExitCode::Success);
                }
                None => String::new(),
            },
            Found::Expired { at } => format!(" ({})", expired_text(id, *at)),
            Found::Absent => " (the workflow has no stored state)".to_owned(),
        };
        Err(Error::new(
            ExitCode::NotFound,
            format!("{} is not set in workflow {id}{why}", self.key),
        )
        .hint(format!(
            "store it with `blockstate set {}=VALUE`, or list what is stored with `blockstate list`",
            self.key
        )))
    }
}
