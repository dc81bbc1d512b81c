use crate::cli::LoadArgs;
use crate::cmd::{Context, Run, exported_vars};
use crate::error::{ExitCode, Result};

impl Run for LoadArgs {
    /// On failure `main` prints `emit::failure_line` instead, so that the
    /// caller's `eval` fails; the script is only appended once complete.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let vars = exported_vars(&config)?;
        let pairs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let locale = crate::emit::Locale::looked_up(crate::config::ctype_locale);
        out.extend_from_slice(&crate::emit::render(self.shell, &pairs, &locale)?);
        Ok(ExitCode::Success)
    }
}
