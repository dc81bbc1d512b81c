use std::io::Write;

use crate::cli::PopArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::queue::{Claimed, QueueName};
use crate::watch::Deadline;

impl Run for PopArgs {
    /// Unlike other commands, `pop` writes its output itself, before it
    /// deletes the message: a message is gone only once it was written
    /// out, and one that cannot be written (a closed pipe) goes back to
    /// the head of the queue.
    fn run(&self, ctx: &Context, _out: &mut Vec<u8>) -> Result<ExitCode> {
        let name = QueueName::parse(&self.queue)?;
        let wait_ms = self
            .wait
            .as_deref()
            .map(crate::time::parse_duration_ms)
            .transpose()?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let deadline = match wait_ms {
            None => Deadline::Now,
            some => Deadline::after_ms(some),
        };
        let mut queue = store.queue(id, &name);
        let Some(message) = queue.claim(deadline)? else {
            return Err(match wait_ms {
                None => Error::new(
                    ExitCode::NotFound,
                    format!("queue {name} of workflow {id} is empty"),
                )
                .hint("wait for a message with `--wait DURATION`, or see what is there with `blockstate queue ls`"),
                Some(ms) => Error::new(
                    ExitCode::TimedOut,
                    format!(
                        "no message came in queue {name} of workflow {id} within {}",
                        crate::time::human_ms(u128::from(ms))
                    ),
                )
                .hint("wait longer with --wait, or check that the producers ran"),
            });
        };
        let text = self.render(&message)?;
        let written = {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&text).and_then(|()| stdout.flush())
        };
        if let Err(e) = written {
            queue.put_back(&message)?;
            return Err(Error::new(
                ExitCode::Io,
                format!("writing message {} to standard output failed: {e}", message.id),
            )
            .hint("the message was put back at the head of the queue; pop it again with a working standard output"));
        }
        queue.ack(&message)?;
        Ok(ExitCode::Success)
    }
}

impl PopArgs {
    fn render(&self, message: &Claimed) -> Result<Vec<u8>> {
        let mut text = if self.json {
            serde_json::to_vec(&serde_json::json!({ "id": message.id, "value": message.value }))
                .map_err(|e| Error::new(ExitCode::Io, format!("cannot encode the message: {e}")))?
        } else {
            message.value.as_bytes().to_vec()
        };
        text.push(b'\n');
        Ok(text)
    }
}
