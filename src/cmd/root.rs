use std::os::unix::ffi::OsStrExt;

use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

pub struct Root;

impl Run for Root {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let config = ctx.config()?;
        out.extend_from_slice(crate::root::find(&config).as_os_str().as_bytes());
        out.push(b'\n');
        Ok(ExitCode::Success)
    }
}
