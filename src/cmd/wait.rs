use crate::cli::WaitArgs;
use crate::cmd::{Context, Run};
use crate::error::{Error, ExitCode, Result};
use crate::watch::Deadline;

impl Run for WaitArgs {
    /// Read, and if the key is not there yet, sleep until the store says
    /// the workflow changed; the notification is armed before each read,
    /// so a change between the read and the sleep still wakes us.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        crate::vars::check_key(&self.key)?;
        if let Some(want) = &self.equals {
            crate::vars::check_value("the --equals value", want)?;
        }
        let timeout_ms = self
            .timeout
            .as_deref()
            .map(crate::time::parse_duration_ms)
            .transpose()?;
        let config = ctx.config()?;
        let id = config.workflow()?;
        let store = Context::store(&config)?;
        let deadline = Deadline::after_ms(timeout_ms);
        let mut changes = store.changes(id);
        loop {
            let state = changes.read()?;
            let value = state.as_ref().and_then(|s| s.vars.get(&self.key));
            if let Some(value) = value
                && self.equals.as_ref().is_none_or(|want| want == value)
            {
                out.extend_from_slice(value.as_bytes());
                out.push(b'\n');
                return Ok(ExitCode::Success);
            }
            if deadline.passed() {
                return Err(self.timed_out(id, timeout_ms.unwrap_or(0), value));
            }
            changes.next(deadline)?;
        }
    }
}

impl WaitArgs {
    fn timed_out(
        &self,
        id: &crate::workflow::WorkflowId,
        ms: u64,
        value: Option<&String>,
    ) -> Error {
        let waited = crate::time::human_ms(u128::from(ms));
        let (what, now) = match (&self.equals, value) {
            (Some(want), Some(v)) => (
                format!("{} to equal {}", self.key, crate::workflow::shown(want)),
                format!("; it holds {}", crate::workflow::shown(v)),
            ),
            (Some(want), None) => (
                format!("{} to equal {}", self.key, crate::workflow::shown(want)),
                "; it is not set".to_owned(),
            ),
            (None, _) => (format!("{} to be set", self.key), String::new()),
        };
        Error::new(
            ExitCode::TimedOut,
            format!("timed out after {waited} waiting for {what} in workflow {id}{now}"),
        )
        .hint("wait longer with --timeout, or check that the block that sets it ran (`blockstate list`)")
    }
}
