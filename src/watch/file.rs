//! `wait` on the file store: inotify on the state directory, for the
//! workflow's `ID.json` (which every update replaces by rename).

use crate::error::Result;
use crate::store::State;
use crate::store::file::{FileStore, Step};
use crate::workflow::WorkflowId;

use super::{Changes, Deadline, Notifier, inotify};

pub struct FileChanges<'a> {
    store: &'a FileStore,
    id: &'a WorkflowId,
    name: String,
    notifier: Notifier,
}

impl<'a> FileChanges<'a> {
    pub fn new(store: &'a FileStore, id: &'a WorkflowId) -> Self {
        FileChanges {
            store,
            id,
            name: format!("{id}.json"),
            notifier: Notifier::default(),
        }
    }
}

impl Changes for FileChanges<'_> {
    /// The watch is made afresh before every read, on the directory as it
    /// is now: should the state directory have been removed and created
    /// again, the new one is watched. It is created if missing (a waiter
    /// may start before the workflow's first write), with the same checks
    /// as for any write.
    fn read(&mut self) -> Result<Option<State>> {
        if !self.notifier.polling() {
            let dir = self.store.open_or_create_dir()?;
            let fault = self.store.hit(Step::Watch);
            self.notifier
                .arm(&[(&dir, inotify::ARRIVED, Some(self.name.as_str()))], fault);
        }
        crate::store::Store::load(self.store, self.id, crate::time::now_unix())
    }

    fn next(&mut self, deadline: Deadline) -> Result<bool> {
        self.notifier.wait(deadline)
    }
}
