//! blockstate: share variables between separate shell invocations.
//!
//! Data flows one way: arguments (`cli`) → workflow (`workflow`, `config`)
//! → store (`store`) → emitter (`emit`) → stdout.

pub mod charset;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod emit;
pub mod error;
pub mod github;
pub mod help;
pub mod lock;
pub mod root;
pub mod store;
pub mod time;
pub mod vars;
pub mod workflow;
