// Start-up is the product: `no_main` skips std's runtime set-up, whose
// largest part is reading /proc/self/maps (via pthread_getattr_np) to place
// a stack-overflow guard for the main thread. That was about 10% of the
// instructions of a whole `load`. `start` below redoes the two parts of
// that set-up that matter here. Test builds keep std's harness `main`.
#![cfg_attr(not(test), no_main)]

use std::io::{self, Write};
use std::process::exit;

use blockstate::cli::{Command, Format};
use blockstate::cmd::{Context, Run};
use blockstate::emit::failure_line;

/// The C entry point. std's argument and environment access work without
/// std's `main` on Linux (glibc hands them to std's init hook).
#[cfg(not(test))]
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    start();
    run()
}

/// What std's runtime would have done before `main` that blockstate relies
/// on:
/// - file descriptors 0, 1 and 2 are open (on /dev/null if they were
///   closed), so that a state file opened later can never become "standard
///   output" and receive the output;
/// - SIGPIPE is ignored, so a closed pipe is a `BrokenPipe` error that
///   `print_stdout` turns into a quiet exit 0. std still restores the
///   default disposition for the program `exec` runs.
#[cfg_attr(test, allow(dead_code))]
fn start() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: `fds` is a valid array of three pollfd structures for the
    // duration of the call; a zero timeout never blocks.
    let polled = unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) };
    if polled == -1 {
        // poll itself failed (e.g. EINTR, ENOMEM): check each fd instead.
        for pfd in &mut fds {
            // SAFETY: F_GETFD on any integer is harmless.
            if unsafe { libc::fcntl(pfd.fd, libc::F_GETFD) } == -1 {
                pfd.revents = libc::POLLNVAL;
            }
        }
    }
    for pfd in fds {
        if pfd.revents & libc::POLLNVAL != 0 {
            // SAFETY: a NUL-terminated path literal; open returns the lowest
            // free descriptor, which is the closed one being filled.
            let fd = unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
            if fd == -1 {
                // Without a safe standard descriptor, running could write
                // the output into a state file: refuse, as std does.
                // SAFETY: abort never returns and is always safe to call.
                unsafe { libc::abort() };
            }
        }
    }
    // SAFETY: setting a signal's disposition to SIG_IGN has no
    // preconditions.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
}

#[cfg_attr(test, allow(dead_code))]
fn run() -> ! {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let parsed = match blockstate::cli::parse_fast(args.get(1..).unwrap_or_default()) {
        Some(cli) => Ok(cli),
        None => blockstate::cli::parse_with_clap(&args),
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // `eval "$(blockstate load --shell nope)"` must fail, not eval an
            // empty string successfully.
            if e.use_stderr() && looks_like_shell_load(args.get(1..).unwrap_or_default()) {
                print_stdout(failure_line(Format::Sh).as_bytes());
            }
            e.exit();
        }
    };
    if let Command::Load(args) = &cli.command {
        // Should a store's deadline end the process mid-command, `eval`
        // must still fail.
        blockstate::store::deadline::set_abort_stdout(failure_line(args.shell));
    }
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
/// for json, github or github-mask, whose consumers are not `eval`).
/// Takes the arguments as `OsString`s: an argument that is not UTF-8 is
/// exactly when clap refuses a command line.
fn looks_like_shell_load(args: &[std::ffi::OsString]) -> bool {
    args.iter().any(|a| a == "load")
        && !args.iter().any(|a| {
            ["json", "github", "github-mask"]
                .iter()
                .any(|f| a == *f || a.to_str().and_then(|a| a.strip_prefix("--shell=")) == Some(f))
        })
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
