use std::ffi::OsString;

use crate::cli::SetArgs;
use crate::cmd::{Context, Run, StdinText};
use crate::error::{Error, ExitCode, Result};
use crate::store::{Op, Outcome, Update};
use crate::vars::{check_key, check_value};
use crate::workflow::shown;

impl Run for SetArgs {
    /// Every pair is validated before the store is touched, so a bad pair
    /// anywhere leaves the stored state as it was.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        if self.pairs.is_empty() && self.stdin.is_none() {
            return Err(Error::usage("`blockstate set` needs at least one KEY=VALUE pair or --stdin KEY")
                .hint("e.g. `blockstate set API_URL=https://example.test` or `printf '%s' \"$text\" | blockstate set --stdin TEXT`"));
        }
        let mut vars = Vec::with_capacity(self.pairs.len() + 1);
        for (i, raw) in self.pairs.iter().enumerate() {
            vars.push(parse_pair(i + 1, raw)?);
        }
        crate::vars::check_unique(&vars, self.stdin.as_deref())?;
        if let Some(key) = &self.stdin {
            check_key(key)?;
            let value = crate::cmd::read_stdin_text(&StdinText {
                what: &format!("the value of {key}"),
                example: "printf '%s' \"$v\" | blockstate set --stdin KEY",
                instead: "store",
                kind: "values",
            })?;
            check_value(key, &value)?;
            vars.push((key.clone(), value));
        }
        if let Some(old) = &self.if_equals {
            if vars.len() != 1 {
                return Err(Error::usage(format!(
                    "--if-equals compares one key, but {} were given",
                    vars.len()
                ))
                .hint("give exactly one KEY=VALUE (or --stdin KEY) with --if-equals"));
            }
            check_value("the --if-equals value", old)?;
        }
        let config = ctx.config()?;
        let ttl_secs = match &self.ttl {
            Some(raw) => Some(crate::time::parse_duration_secs(raw)?),
            None => None,
        };
        let id = config.workflow()?;
        let ops = vars
            .into_iter()
            .map(|(key, value)| self.op(key, value))
            .collect();
        let update = Update {
            ops,
            description: config.description.clone(),
            ttl_secs,
        };
        match Context::store(&config)?.update(id, &update, crate::time::now_unix())? {
            Outcome::Applied(_) => Ok(ExitCode::Success),
            Outcome::Conflict { current, .. } => {
                // The value that won, as `get` prints it; nothing when the
                // key is absent (a compare-and-set on a missing key).
                if let Some(value) = current {
                    out.extend_from_slice(value.as_bytes());
                    out.push(b'\n');
                }
                Ok(ExitCode::Conflict)
            }
        }
    }
}

impl SetArgs {
    fn op(&self, key: String, value: String) -> Op {
        if self.append {
            Op::Append {
                key,
                value,
                sep: self.sep.clone().unwrap_or_else(|| "\n".to_owned()),
            }
        } else if self.if_absent {
            Op::SetIfAbsent { key, value }
        } else if let Some(old) = &self.if_equals {
            Op::SetIfEquals {
                key,
                old: old.clone(),
                value,
            }
        } else {
            Op::Set { key, value }
        }
    }
}

fn parse_pair(position: usize, raw: &OsString) -> Result<(String, String)> {
    let Some(text) = raw.to_str() else {
        return Err(Error::usage(format!(
            "argument {position} of `set` is not valid UTF-8 ({})",
            shown(&raw.to_string_lossy())
        ))
        .hint("values must be UTF-8 text; encode binary data (e.g. with base64) first"));
    };
    let Some((key, value)) = text.split_once('=') else {
        return Err(Error::usage(format!(
            "argument {position} of `set` is {}, which is not KEY=VALUE",
            shown(text)
        ))
        .hint(
            "write KEY=VALUE (quote the whole pair in the shell), or use --stdin KEY for the value",
        ));
    };
    check_key(key)?;
    check_value(key, value)?;
    Ok((key.to_owned(), value.to_owned()))
}
