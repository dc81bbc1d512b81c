use crate::cli::CompletionsArgs;
use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

impl Run for CompletionsArgs {
    /// Generated from the same clap definition that parses the arguments,
    /// so the completions cannot drift from the commands.
    fn run(&self, _ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        clap_complete::generate(self.shell, &mut crate::help::command(), "blockstate", out);
        Ok(ExitCode::Success)
    }
}
