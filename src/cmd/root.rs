use std::os::unix::ffi::OsStrExt;

use crate::cmd::{Context, Run};
use crate::error::{ExitCode, Result};

pub struct Root;

impl Run for Root {
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        let (root_value, pwd) = crate::config::root_lookup(ctx.global);
        let root = crate::root::find(root_value.as_deref(), pwd.as_deref());
        out.extend_from_slice(root.as_os_str().as_bytes());
        out.push(b'\n');
        Ok(ExitCode::Success)
    }
}
