use crate::cli::QueueCommand;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::queue::QueueName;

impl Run for QueueCommand {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let raw = match self {
            QueueCommand::Ls(a) => &a.queue,
            QueueCommand::Len(a) => &a.queue,
        };
        let name = QueueName::parse(raw)?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let mut queue = store.queue(id, &name);
        match self {
            QueueCommand::Len(_) => {
                out.extend_from_slice(format!("{}\n", queue.waiting()?).as_bytes());
            }
            QueueCommand::Ls(args) => {
                let entries = queue.list()?;
                if args.json {
                    let list: Vec<serde_json::Value> = entries
                        .iter()
                        .map(|e| {
                            serde_json::json!({
                                "id": e.id,
                                "status": if e.held { "held" } else { "ready" },
                                "value": e.value,
                            })
                        })
                        .collect();
                    let text = serde_json::to_vec(&list).map_err(|e| {
                        Error::new(ExitCode::Io, format!("cannot encode the queue: {e}"))
                    })?;
                    out.extend_from_slice(&text);
                    out.push(b'\n');
                } else {
                    // ID, status, and the value shell-quoted when it needs
                    // it (as `list` does), one message per line.
                    for e in entries {
                        out.extend_from_slice(e.id.as_bytes());
                        out.extend_from_slice(if e.held { b" held " } else { b" ready " });
                        out.extend_from_slice(&crate::emit::sh_quote(&e.value));
                        out.push(b'\n');
                    }
                }
            }
        }
        Ok(ExitCode::Success)
    }
}
