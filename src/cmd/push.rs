use crate::cli::PushArgs;
use crate::cmd::{Context, Run, StdinText};
use crate::error::{Error, ExitCode, Result};
use crate::queue::{QueueName, check_message};
use crate::store::{Op, Update};
use crate::workflow::shown;

impl Run for PushArgs {
    /// Every message is checked before the store is touched, so a bad one
    /// anywhere pushes nothing.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let name = QueueName::parse(&self.queue)?;
        if self.values.is_empty() && !self.stdin {
            return Err(Error::usage("`blockstate push` needs at least one VALUE or --stdin")
                .hint("e.g. `blockstate push jobs \"build linux\"` or `printf '%s' \"$job\" | blockstate push --stdin jobs`"));
        }
        let mut values = Vec::with_capacity(self.values.len() + 1);
        for (i, raw) in self.values.iter().enumerate() {
            let value = raw.to_str().ok_or_else(|| {
                Error::usage(format!(
                    "message {} for queue {name} is not valid UTF-8 ({})",
                    i + 1,
                    shown(&raw.to_string_lossy())
                ))
                .hint("messages must be UTF-8 text; encode binary data (e.g. with base64) first")
            })?;
            check_message(&name, value)?;
            values.push(value.to_owned());
        }
        if self.stdin {
            let value = crate::cmd::read_stdin_text(&StdinText {
                what: &format!("the message for queue {name}"),
                example: "printf '%s' \"$job\" | blockstate push --stdin QUEUE",
                instead: "push",
                kind: "messages",
            })?;
            check_message(&name, &value)?;
            values.push(value);
        }
        let config = ctx.config()?;
        let id = config.workflow()?;
        let touch = Update {
            ops: vec![Op::Touch],
            description: config.description.clone(),
            ttl_secs: None,
        };
        let store = Context::store(&config)?;
        store.queue(id, &name).push(&values, &touch)?;
        Ok(ExitCode::Success)
    }
}
