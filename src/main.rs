use std::io::{self, Write};
use std::process::exit;

use clap::Parser;

use blockstate::cli::{Cli, Command, Format};
use blockstate::cmd::{Context, Run};
use blockstate::emit::failure_line;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `eval "$(blockstate load --shell nope)"` must fail, not eval an
            // empty string successfully.
            if e.use_stderr() && looks_like_shell_load() {
                print_stdout(failure_line(Format::Sh).as_bytes());
            }
            e.exit();
        }
    };
    let ctx = Context {
        global: &cli.global,
    };
    let mut out = Vec::new();
    let result = cli.command.run(&ctx, &mut out);
    match result {
        Ok(code) => {
            print_stdout(&out);
            exit(code as i32);
        }
        Err(e) => {
            if let Command::Load(args) = &cli.command {
                out.clear();
                out.extend_from_slice(failure_line(args.shell).as_bytes());
            }
            print_stdout(&out);
            let _ = writeln!(io::stderr().lock(), "{e}");
            exit(e.status());
        }
    }
}

/// Whether a command line that clap refused was a `load` for a shell (not
/// for json or github, whose consumers are not `eval`).
fn looks_like_shell_load() -> bool {
    // args_os: `env::args` panics on an argument that is not UTF-8, which
    // is exactly when clap refuses the command line.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    args.iter().any(|a| a == "load")
        && !args
            .iter()
            .any(|a| a == "json" || a == "github" || a == "--shell=json" || a == "--shell=github")
}

/// Write all of stdout at once. A closed pipe (`blockstate list | head -1`)
/// is not an error worth reporting: exit quietly with success, as
/// ripgrep does.
fn print_stdout(bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            exit(0);
        }
        let _ = writeln!(
            io::stderr().lock(),
            "blockstate: error: writing to standard output failed: {e}"
        );
        exit(blockstate::error::ExitCode::Io as i32);
    }
}
