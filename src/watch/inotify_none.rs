//! Systems without inotify: every waiter uses the fallback poll.

use std::fs::File;
use std::io;

use super::Deadline;

pub const ARRIVED: u32 = 0;
pub const ANY_ENTRY: u32 = 0;

pub struct Inotify;

impl Inotify {
    pub fn new() -> io::Result<Self> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }

    pub fn add(&mut self, _dir: &File, _mask: u32, _name: Option<&str>) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }

    pub fn wait(&mut self, _deadline: Deadline) -> io::Result<bool> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}
