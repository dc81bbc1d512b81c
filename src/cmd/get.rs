use crate::cli::GetArgs;
use crate::cmd::{Context, ELSEWHERE_HINT, Run, expired_text, looked_in};
use crate::error::{Error, ExitCode, Result};
use crate::store::Found;

impl Run for GetArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let found = store.lookup(id, crate::time::now_unix())?;
        let (message, hint) = match &found {
            Found::Live(state) => match state.vars.get(&self.key) {
                Some(value) => {
                    out.extend_from_slice(value.as_bytes());
                    out.push(b'\n');
                    return Ok(ExitCode::Success);
                }
                None => (
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
            },
            Found::Expired { at } => (
                format!(
                    "{} is not set in workflow {id}: {} ({})",
                    self.key,
                    expired_text(id, *at),
                    store.describe(id)
                ),
                format!("store it with `blockstate set {}=VALUE`", self.key),
            ),
            Found::Absent => (
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
