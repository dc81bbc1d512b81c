use std::os::unix::process::CommandExt;
use std::process::Command;

use crate::cli::ExecArgs;
use crate::cmd::{Context, Run, exported_vars};
use crate::error::{Error, ExitCode, Result};

impl Run for ExecArgs {
    /// Replaces this process with the command (execvp), so its exit status
    /// and signals reach the caller unchanged. Only returns on failure.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let vars = exported_vars(&config, self.existing)?;
        let Some((program, args)) = self.command.split_first() else {
            return Err(Error::usage("`blockstate exec` needs a command")
                .hint("blockstate exec -- CMD [ARGS]..."));
        };
        let err = Command::new(program).args(args).envs(vars).exec();
        let code = if err.kind() == std::io::ErrorKind::NotFound {
            127
        } else {
            126
        };
        Err(Error::usage(format!(
            "cannot run {}: {err}",
            std::path::Path::new(program).display()
        ))
        .hint("check the command name and that it is executable")
        .exit_status(code))
    }
}
