use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

impl Run for CompletionsArgs {
    /// Generated from the same clap definition that parses the arguments,
    /// so the completions cannot drift from the commands.
    fn run(&self, _ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        clap_complete::generate(self.shell, &mut Cli::command(), "blockstate", out);
        Ok(ExitCode::Success)
    }
}
