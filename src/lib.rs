//! blockstate: share variables between separate shell invocations.
//!
//! Data flows one way: arguments (`cli`) → workflow (`workflow`, `config`)
//! → store (`store`) → emitter (`emit`) → stdout.

pub mod cli;
pub mod cmd;
pub mod config;
pub mod emit;
pub mod error;
pub mod lock;
pub mod queue;
pub mod root;
pub mod store;
pub mod time;
pub mod vars;
pub mod watch;
pub mod workflow;
