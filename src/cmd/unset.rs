use crate::cli::UnsetArgs;
use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};
use crate::store::{Op, Update};

impl Run for UnsetArgs {
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        for k in &self.keys {
            crate::vars::check_key(k)?;
        }
        let config = ctx.config()?;
        let id = config.workflow()?;
        let ops = self
            .keys
            .iter()
            .map(|k| Op::Unset { key: k.clone() })
            .collect();
        Context::store(&config)?.update(id, &Update::new(ops), crate::time::now_unix())?;
        Ok(ExitCode::Success)
    }
}
