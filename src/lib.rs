//! blockstate: share variables between separate shell invocations.
//!
//! Data flows one way: arguments (`cli`) → workflow (`workflow`, `config`)
//! → store (`store`) → emitter (`emit`) → stdout.

pub mod capture;
pub mod capture_script;
pub mod charset;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod emit;
pub mod error;
pub mod github;
pub mod glob;
pub mod help;
pub mod hook;
pub mod lock;
pub mod ownership;
pub mod process;
pub mod queue;
pub mod residence;
pub mod root;
pub mod secrets;
pub mod store;
pub mod time;
pub mod vars;
pub mod watch;
pub mod workflow;
