use crate::cli::{InitArgs, InitShell};
use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

/// The helper scripts, compiled in so that `init` needs no file at run
/// time; the same files can be sourced directly from `shell/`.
pub const SH: &str = include_str!("../../shell/blockstate.sh");
pub const BASH: &str = include_str!("../../shell/blockstate.bash");
pub const ZSH: &str = include_str!("../../shell/blockstate.zsh");
pub const FISH: &str = include_str!("../../shell/blockstate.fish");

impl Run for InitArgs {
    /// Reads no config and touches no file: it prints a constant.
    fn run(&self, _ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let script = match self.shell {
            InitShell::Sh => SH,
            InitShell::Bash => BASH,
            InitShell::Zsh => ZSH,
            InitShell::Fish => FISH,
        };
        out.extend_from_slice(script.as_bytes());
        Ok(ExitCode::Success)
    }
}
