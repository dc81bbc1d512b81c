use crate::cli::{Format, LoadArgs};
use crate::cmd::{Context, Run, exported_vars};
use crate::config::WORKFLOW_VAR;
use crate::error::{ExitCode, Result};

impl Run for LoadArgs {
    /// On failure `main` prints `emit::failure_line` instead, so that the
    /// caller's `eval` fails; the script is only appended once complete.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let vars = exported_vars(&config, self.existing)?;
        // The workflow ID and the project root are no secrets: masking them
        // would only blank them out of every later log line.
        let masking = self.shell == Format::GithubMask;
        let pairs: Vec<(&str, &str)> = vars
            .iter()
            .filter(|(k, _)| !masking || (k != WORKFLOW_VAR && *k != config.root_var))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let locale = crate::emit::Locale::looked_up(crate::config::ctype_locale);
        out.extend_from_slice(&crate::emit::render(self.shell, &pairs, &locale)?);
        Ok(ExitCode::Success)
    }
}
