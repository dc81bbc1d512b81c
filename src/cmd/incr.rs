use crate::cli::IncrArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::store::{Op, Outcome, Update};

impl Run for IncrArgs {
    /// One atomic update, like every write: racing `incr`s never lose a
    /// count.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let update = Update {
            ops: vec![Op::Incr {
                key: self.key.clone(),
                by: self.by,
            }],
            description: config.description.clone(),
            ttl_secs: None,
        };
        let applied = Context::store(&config)?
            .update(id, &update, crate::time::now_unix())
            .map_err(|e| {
                // The refusal quotes the stored value: not for a secret.
                let secret = crate::secrets::Secrets::new(config.secret_patterns());
                if secret.is_secret(&self.key) && e.message.contains("which is not an integer") {
                    crate::error::Error {
                        message: format!(
                            "{} does not hold an integer (its value is not shown: the name looks secret), so it cannot be incremented",
                            self.key
                        ),
                        ..e
                    }
                } else {
                    e
                }
            })?;
        match applied {
            Outcome::Applied(values) => {
                let value = values.into_iter().next().flatten().ok_or_else(|| {
                    Error::new(
                        ExitCode::Io,
                        "the store did not report the counter's new value",
                    )
                })?;
                out.extend_from_slice(value.as_bytes());
                out.push(b'\n');
                Ok(ExitCode::Success)
            }
            // An increment has no condition.
            Outcome::Conflict { key, .. } => Err(Error::new(
                ExitCode::Io,
                format!("the store refused to increment {key}"),
            )),
        }
    }
}
