use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

pub struct Path;

impl Run for Path {
    /// Prints where the state is or will be; creates and reads nothing.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let id = config.workflow()?;
        out.extend_from_slice(Context::store(&config)?.location(id).as_bytes());
        out.push(b'\n');
        Ok(ExitCode::Success)
    }
}
