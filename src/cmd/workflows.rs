use std::io::Write;

use serde::Serialize;

use crate::cli::WorkflowsArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::time::rfc3339;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    description: Option<&'a str>,
    keys: usize,
    created: u64,
    updated: u64,
    expires: u64,
}

impl Run for WorkflowsArgs {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        let store = Context::store(&config)?;
        let (states, errors) = store.workflows(crate::time::now_unix())?;
        let rows: Vec<Row> = states
            .iter()
            .map(|s| Row {
                id: &s.workflow,
                description: s.description.as_deref(),
                keys: s.vars.len(),
                created: s.created,
                updated: s.updated,
                expires: s.expires,
            })
            .collect();
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &rows)
                .map_err(|e| Error::bad_state(format!("cannot encode JSON: {e}")))?;
            out.push(b'\n');
        } else if rows.is_empty() && errors.is_empty() {
            // Nothing to list: say where that is, as a block that sees
            // other settings looks elsewhere.
            let _ = writeln!(
                std::io::stderr().lock(),
                "blockstate: no stored workflows in {}",
                crate::cmd::looked_in(&config, &store.describe_all())
            );
        } else if !rows.is_empty() {
            let w = rows.iter().map(|r| r.id.len()).max().unwrap_or(2).max(2);
            let _ = writeln!(
                out,
                "{:<w$}  {:>5}  {:<20}  {:<20}  DESCRIPTION",
                "ID", "KEYS", "UPDATED", "EXPIRES"
            );
            for r in &rows {
                let desc = r
                    .description
                    .map(crate::workflow::shown)
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{:<w$}  {:>5}  {:<20}  {:<20}  {desc}",
                    r.id,
                    r.keys,
                    rfc3339(r.updated),
                    rfc3339(r.expires)
                );
            }
        }
        if !errors.is_empty() {
            // The readable workflows are still listed; the exit status says
            // that something could not be read.
            let mut err = std::io::stderr().lock();
            for e in &errors {
                let _ = writeln!(err, "{e}");
            }
            return Err(Error::bad_state(format!(
                "{} stored workflow(s) could not be read (see above)",
                errors.len()
            ))
            .hint(
                "inspect each, then delete it with the `blockstate gc -w` command its hint names",
            ));
        }
        Ok(ExitCode::Success)
    }
}
