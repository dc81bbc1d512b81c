use crate::cli::{Format, LoadArgs};
use crate::cmd::{Context, Run, own_path, workflow_exports};
use crate::config::WORKFLOW_VAR;
use crate::error::{Error, ExitCode, Result};

impl Run for LoadArgs {
    /// On failure `main` prints `emit::failure_line` instead, so that the
    /// caller's `eval` fails; the script is only appended once complete.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        if self.capture && matches!(self.shell, Format::Json | Format::Github) {
            return Err(Error::usage(
                "--capture needs a shell to install its exit hook in, not --shell json or github",
            )
            .hint("use --shell sh, bash, zsh or fish with --capture"));
        }
        let config = ctx.config()?;
        let (vars, stored) = workflow_exports(&config, self.existing)?;
        // The workflow ID and the project root are no secrets: masking them
        // would only blank them out of every later log line.
        let masking = self.shell == Format::GithubMask;
        let pairs: Vec<(&str, &str)> = vars
            .iter()
            .filter(|(k, _)| !masking || (k != WORKFLOW_VAR && *k != config.root_var))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let locale = crate::emit::Locale::looked_up(crate::config::ctype_locale);
        let script = crate::emit::render(self.shell, &pairs, &locale)?;
        if !self.capture {
            out.extend_from_slice(&script);
            return Ok(ExitCode::Success);
        }
        let baseline = crate::capture::Baseline::new(
            config.workflow()?,
            &crate::config::environment(),
            &vars,
            |name| stored.contains(name),
        );
        let bin = own_path();
        let hook = match self.shell {
            Format::Fish => crate::capture_script::fish(&baseline.encode(), &bin),
            _ => crate::capture_script::sh(&baseline.encode(), &bin),
        };
        out.extend_from_slice(&script);
        out.extend_from_slice(&hook);
        Ok(ExitCode::Success)
    }
}
