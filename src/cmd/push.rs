use std::io::Read;

use crate::cli::PushArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::queue::{QueueName, check_message};
use crate::store::{Op, Update};
use crate::vars::MAX_VALUE_BYTES;
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
            let value = read_stdin(&name)?;
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

fn read_stdin(queue: &QueueName) -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_VALUE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::usage(format!(
                "reading a message for queue {queue} from standard input failed: {e}"
            ))
            .hint(
                "pipe the message in, e.g. `printf '%s' \"$job\" | blockstate push --stdin QUEUE`",
            )
        })?;
    if bytes.len() > MAX_VALUE_BYTES {
        return Err(Error::usage(format!(
            "the message for queue {queue} on standard input is larger than the limit of {MAX_VALUE_BYTES} bytes (1 MiB)"
        ))
        .hint("push a path to a file instead of the content itself"));
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::usage(format!(
            "the message for queue {queue} on standard input is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .hint("messages must be UTF-8 text; encode binary data (e.g. with base64) first")
    })
}
