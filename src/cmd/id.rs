use crate::cli::IdArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::workflow::WorkflowId;

impl Run for IdArgs {
    /// Reads no config and touches no file: an ID is pure computation.
    fn run(&self, _ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let id = if self.timestamp {
            WorkflowId::timestamp(std::time::SystemTime::now())
        } else if self.description.is_empty() {
            return Err(Error::usage("`blockstate id` needs a description or --timestamp")
                .hint("run `blockstate id \"what this workflow does\"` or `blockstate id --timestamp`"));
        } else {
            WorkflowId::from_description(&self.description.join(" "))?
        };
        out.extend_from_slice(id.as_str().as_bytes());
        out.push(b'\n');
        Ok(ExitCode::Success)
    }
}
