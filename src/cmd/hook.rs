use crate::cli::{HookShell, HookTarget};
use crate::cmd::{Context, Run, own_path};
use crate::config::Config;
use crate::error::{Error, ExitCode, Result};
use crate::store::Update;
use crate::workflow::WorkflowId;

/// Claude Code keeps transcripts, and so resumable sessions, for 30 days
/// unless `cleanupPeriodDays` says otherwise.
pub const CLAUDE_TTL: &str = "30d";

impl Run for HookTarget {
    /// The store is updated first (the TTL), then the file: a failure
    /// leaves the file as it was.
    fn run(&self, ctx: &Context, out: &mut Vec<u8>) -> Result<ExitCode> {
        match self {
            HookTarget::ClaudeCode(args) => {
                let file = crate::config::claude_env_file().ok_or_else(|| {
                    Error::usage("CLAUDE_ENV_FILE is not set")
                        .hint("run `blockstate hook claude-code` as a Claude Code SessionStart hook, which sets it; for another host, use `blockstate hook env-file FILE`")
                })?;
                let session = crate::hook::claude_session_id(&mut std::io::stdin().lock())?;
                let description = crate::hook::claude_description(&session);
                let id = WorkflowId::from_description(&description)?;
                let ttl = args.ttl.as_deref().unwrap_or(CLAUDE_TTL);
                let ttl_secs = crate::time::parse_duration_secs(ttl)?;
                let mut global = ctx.global.clone();
                global.workflow = Some(id.as_str().to_owned());
                global.description = None;
                let config = Config::new(&global)?;
                renew(&config, &id, Some(description), Some(ttl_secs))?;
                crate::hook::install(&file, &crate::hook::block(HookShell::Sh, &id, &own_path()))?;
                // A SessionStart hook's output becomes context for the model.
                out.extend_from_slice(format!(
                    "blockstate: this session's shell state is workflow {id} (TTL {ttl}): an `export` in one Bash command is there in the next, and `unset` removes it.\n"
                ).as_bytes());
                Ok(ExitCode::Success)
            }
            HookTarget::EnvFile(args) => {
                let config = ctx.config()?;
                let id = config.workflow()?.clone();
                let ttl_secs = match &args.ttl {
                    Some(raw) => Some(crate::time::parse_duration_secs(raw)?),
                    None => None,
                };
                if ttl_secs.is_some() {
                    renew(&config, &id, config.description.clone(), ttl_secs)?;
                }
                crate::hook::install(
                    &args.file,
                    &crate::hook::block(args.shell, &id, &own_path()),
                )?;
                Ok(ExitCode::Success)
            }
        }
    }
}

/// Create or renew the workflow with its own TTL, storing no variable.
fn renew(
    config: &Config,
    id: &WorkflowId,
    description: Option<String>,
    ttl_secs: Option<u64>,
) -> Result<()> {
    let update = Update {
        ops: Vec::new(),
        description,
        ttl_secs,
    };
    Context::store(config)?.update(id, &update, crate::time::now_unix())?;
    Ok(())
}
