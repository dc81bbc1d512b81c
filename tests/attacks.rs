//! Attacks on the state directory: a symlinked directory, a directory owned
//! by someone else, loose permissions, and symlinks, FIFOs, directories and
//! hard links planted where the state, lock and temporary files go. Each is
//! refused (exit status 4, a message naming the check and the fix) or
//! handled safely, and the target of every planted link is untouched.
//!
//! The tests run as root in CI, which makes them sharper: root bypasses
//! permission checks, so only blockstate's own checks stand between a
//! planted link and the file it points at.

mod common;
mod reliability;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{TestEnv, TestResult, stderr, stdout};
use reliability::{state_json, write_private};

const WF: &str = "wf-attack";
/// A uid that is not ours (`nobody` on Debian).
const OTHER_UID: u32 = 65534;

/// Every command that touches the state directory.
const COMMANDS: &[&[&str]] = &[
    &["-w", WF, "set", "A=2"],
    &["-w", WF, "set", "--stdin", "B"],
    &["-w", WF, "unset", "A"],
    &["-w", WF, "get", "A"],
    &["-w", WF, "load"],
    &["-w", WF, "list"],
    &["-w", WF, "exec", "--", "true"],
    &["workflows"],
    &["gc"],
    &["gc", "--all"],
    &["gc", "-w", WF],
];

/// Content, mode, owner and modification time of a file the attacker wants
/// us to touch. (Not the link count: removing a planted hard link lowers
/// it, as it should.)
type Print = (Vec<u8>, u32, u32, i64, i64);

fn fingerprint(path: &Path) -> Print {
    let m = fs::symlink_metadata(path);
    let bytes = fs::read(path).unwrap_or_default();
    match m {
        Ok(m) => (bytes, m.mode(), m.uid(), m.mtime(), m.mtime_nsec()),
        Err(_) => (bytes, 0, 0, 0, 0),
    }
}

/// Run a command, killing it if it hangs (a FIFO must never block us).
fn run_guarded(mut c: Command, input: &[u8]) -> Result<Output, Box<dyn std::error::Error>> {
    c.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn()?;
    if let Some(mut i) = child.stdin.take() {
        use std::io::Write;
        let _ = i.write_all(input);
    }
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            return Err("the command hung".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Ok(child.wait_with_output()?)
}

fn run(env: &TestEnv, args: &[&str]) -> Result<Output, Box<dyn std::error::Error>> {
    let mut c = env.std_cmd();
    c.args(args);
    run_guarded(c, b"x")
}

/// Assert a refusal: exit status 4, a message with `needle`, and for `load`
/// nothing on stdout but `false`.
fn assert_refused(out: &Output, args: &[&str], needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(4), "{args:?}: {err}");
    assert!(err.starts_with("blockstate: error: "), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err:?} lacks {needle:?}");
    assert!(err.contains("\nblockstate: hint: "), "{args:?}: {err}");
    if args.contains(&"load") {
        assert_eq!(stdout(out), "false\n", "{args:?}");
    } else {
        assert_eq!(stdout(out), "", "{args:?}");
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn chown(path: &Path, uid: u32) -> std::io::Result<()> {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid))
}

/// A sandbox with workflow WF stored (A=1) and a victims directory outside
/// the state directory.
fn setup() -> Result<(TestEnv, PathBuf), Box<dyn std::error::Error>> {
    let env = TestEnv::new();
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let victims = env.root().join("victims");
    fs::create_dir(&victims)?;
    fs::write(victims.join("bashrc"), "alias ls='ls --color'\n")?;
    // A victim that is itself valid state, to tempt a loader.
    fs::write(
        victims.join("state.json"),
        state_json(WF, u64::MAX, &[("EVIL", "$(touch /tmp/pwned)")]),
    )?;
    Ok((env, victims))
}

#[test]
fn symlinked_state_dir_is_refused() -> TestResult {
    let env = TestEnv::new();
    let real = env.root().join("real");
    fs::create_dir(&real)?;
    fs::set_permissions(&real, fs::Permissions::from_mode(0o700))?;
    write_private(
        &real.join(format!("{WF}.json")),
        state_json(WF, u64::MAX, &[("A", "1")]).as_bytes(),
    )?;
    symlink(&real, &env.dir)?;
    let before = env.snapshot();
    for args in COMMANDS {
        let out = run(&env, args)?;
        assert_refused(
            &out,
            args,
            "is a symbolic link; it must be a real directory",
        );
    }
    // A dangling link is not followed to create a directory either.
    fs::remove_file(&env.dir)?;
    let nowhere = env.root().join("nowhere");
    symlink(&nowhere, &env.dir)?;
    let out = run(&env, &["-w", WF, "set", "A=2"])?;
    assert_refused(&out, &["set"], "is a symbolic link");
    assert!(!nowhere.exists(), "followed a dangling link");
    fs::remove_file(&env.dir)?;
    symlink(&real, &env.dir)?;
    assert_eq!(env.snapshot(), before);
    Ok(())
}

#[test]
fn state_dir_with_loose_permissions_is_refused() -> TestResult {
    for mode in [
        0o777, 0o770, 0o707, 0o750, 0o705, 0o701, 0o720, 0o702, 0o1777,
    ] {
        let (env, _) = setup()?;
        fs::set_permissions(&env.dir, fs::Permissions::from_mode(mode))?;
        let before = env.snapshot();
        for args in COMMANDS {
            let out = run(&env, args)?;
            assert_refused(
                &out,
                args,
                &format!(
                    "has mode {:04o}; it must not be accessible to group or others",
                    mode & 0o777
                ),
            );
            assert!(stderr(&out).contains(&format!("chmod 700 {}", env.dir.display())));
        }
        assert_eq!(env.snapshot(), before, "mode {mode:o}");
    }
    Ok(())
}

#[test]
fn state_dir_owned_by_another_user_is_refused() -> TestResult {
    if !is_root() {
        eprintln!("SKIPPED: state_dir_owned_by_another_user_is_refused: needs root to chown");
        return Ok(());
    }
    let (env, _) = setup()?;
    chown(&env.dir, OTHER_UID)?;
    let before = env.snapshot();
    for args in COMMANDS {
        let out = run(&env, args)?;
        assert_refused(
            &out,
            args,
            &format!("is owned by uid {OTHER_UID}, not by you (uid 0)"),
        );
    }
    assert_eq!(env.snapshot(), before);
    Ok(())
}

/// The other direction: an unprivileged user whose state directory was
/// created by someone else (here root) with a mode that lets them in.
#[test]
fn unprivileged_user_refuses_a_dir_someone_else_created() -> TestResult {
    if !is_root() {
        eprintln!(
            "SKIPPED: unprivileged_user_refuses_a_dir_someone_else_created: needs root to switch users"
        );
        return Ok(());
    }
    let env = TestEnv::new();
    fs::set_permissions(env.root(), fs::Permissions::from_mode(0o755))?;
    fs::create_dir(&env.dir)?;
    fs::set_permissions(&env.dir, fs::Permissions::from_mode(0o755))?;
    write_private(
        &env.state_file(WF),
        state_json(WF, u64::MAX, &[("EVIL", "x")]).as_bytes(),
    )?;
    fs::set_permissions(env.state_file(WF), fs::Permissions::from_mode(0o644))?;
    let before = env.snapshot();
    for args in [
        &["-w", WF, "load"][..],
        &["-w", WF, "set", "A=1"],
        &["gc", "--all"],
    ] {
        let mut c = env.std_cmd();
        c.args(args).uid(OTHER_UID).gid(OTHER_UID);
        let out = run_guarded(c, b"")?;
        assert_refused(
            &out,
            args,
            &format!("is owned by uid 0, not by you (uid {OTHER_UID})"),
        );
    }
    assert_eq!(env.snapshot(), before);
    Ok(())
}

/// What may sit at the state file's place, and how blockstate describes it.
fn plant(
    kind: &str,
    at: &Path,
    victims: &Path,
) -> Result<(PathBuf, &'static str), Box<dyn std::error::Error>> {
    let _ = fs::remove_file(at);
    Ok(match kind {
        "symlink" => {
            let v = victims.join("bashrc");
            symlink(&v, at)?;
            (v, "is a symbolic link")
        }
        "symlink-to-state" => {
            let v = victims.join("state.json");
            symlink(&v, at)?;
            (v, "is a symbolic link")
        }
        "dangling" => {
            let v = victims.join("created-by-blockstate");
            symlink(&v, at)?;
            (v, "is a symbolic link")
        }
        "fifo" => {
            let c = std::ffi::CString::new(at.as_os_str().as_encoded_bytes())?;
            // SAFETY: a valid NUL-terminated path.
            if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
                return Err(std::io::Error::last_os_error().into());
            }
            (victims.join("bashrc"), "is not a regular file")
        }
        "directory" => {
            fs::create_dir(at)?;
            (victims.join("bashrc"), "is not a regular file")
        }
        "socket" => {
            drop(std::os::unix::net::UnixListener::bind(at)?);
            (victims.join("bashrc"), "is not a regular file but a socket")
        }
        "hardlink" => {
            let v = victims.join("bashrc");
            fs::hard_link(&v, at)?;
            (v, "a file with 2 hard links")
        }
        _ => return Err(format!("unknown plant {kind}").into()),
    })
}

const PLANTS: &[&str] = &[
    "symlink",
    "symlink-to-state",
    "dangling",
    "fifo",
    "socket",
    "directory",
    "hardlink",
];

#[test]
fn links_and_fifos_planted_at_the_state_file_are_refused() -> TestResult {
    for kind in PLANTS {
        let (env, victims) = setup()?;
        let at = env.state_file(WF);
        let (victim, says) = plant(kind, &at, &victims)?;
        let victim_before = fingerprint(&victim);
        let victims_before = snapshot_dir(&victims);
        // Every command that reads or writes this workflow refuses.
        for args in [
            &["-w", WF, "set", "A=2"][..],
            &["-w", WF, "set", "--stdin", "B"],
            &["-w", WF, "unset", "A"],
            &["-w", WF, "get", "A"],
            &["-w", WF, "load"],
            &["-w", WF, "list"],
        ] {
            let out = run(&env, args)?;
            assert_refused(&out, args, says);
            assert!(
                stderr(&out).contains(&at.display().to_string()),
                "{kind}: names the path"
            );
        }
        // workflows reports it without following it; gc leaves it alone.
        let out = run(&env, &["workflows"])?;
        assert!(stderr(&out).contains(says), "{kind}: {}", stderr(&out));
        let out = run(&env, &["gc"])?;
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(fs::symlink_metadata(&at).is_ok(), "{kind}: gc removed it");
        assert_eq!(
            fingerprint(&victim),
            victim_before,
            "{kind}: victim touched"
        );
        assert_eq!(
            snapshot_dir(&victims),
            victims_before,
            "{kind}: victims touched"
        );
        // Deleting the workflow removes the planted entry itself, never
        // what it points at.
        let out = run(&env, &["gc", "-w", WF])?;
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(fs::symlink_metadata(&at).is_err(), "{kind}: still there");
        assert_eq!(
            fingerprint(&victim),
            victim_before,
            "{kind}: victim touched"
        );
        assert_eq!(
            snapshot_dir(&victims),
            victims_before,
            "{kind}: victims touched"
        );
    }
    Ok(())
}

#[test]
fn links_and_fifos_planted_at_the_lock_file_are_refused() -> TestResult {
    for kind in PLANTS {
        let (env, victims) = setup()?;
        let at = env.dir.join(format!("{WF}.lock"));
        let (victim, says) = plant(kind, &at, &victims)?;
        let victim_before = fingerprint(&victim);
        let victims_before = snapshot_dir(&victims);
        let state_before = fs::read(env.state_file(WF))?;
        for args in [
            &["-w", WF, "set", "A=2"][..],
            &["-w", WF, "unset", "A"],
            &["gc", "-w", WF],
        ] {
            let out = run(&env, args)?;
            assert_refused(&out, args, says);
        }
        // Readers take no lock, so they are not affected.
        let out = run(&env, &["-w", WF, "get", "A"])?;
        assert_eq!(stdout(&out), "1\n", "{kind}");
        assert_eq!(fs::read(env.state_file(WF))?, state_before, "{kind}");
        assert_eq!(
            fingerprint(&victim),
            victim_before,
            "{kind}: victim touched"
        );
        assert_eq!(
            snapshot_dir(&victims),
            victims_before,
            "{kind}: victims touched"
        );
    }
    Ok(())
}

/// A foreign-owned file at the state or lock path (root only: chown).
#[test]
fn files_owned_by_another_user_are_refused() -> TestResult {
    if !is_root() {
        eprintln!("SKIPPED: files_owned_by_another_user_are_refused: needs root to chown");
        return Ok(());
    }
    for name in [format!("{WF}.json"), format!("{WF}.lock")] {
        let (env, _) = setup()?;
        let at = env.dir.join(&name);
        chown(&at, OTHER_UID)?;
        let before = env.snapshot();
        let out = run(&env, &["-w", WF, "set", "A=2"])?;
        assert_refused(
            &out,
            &["set"],
            &format!("owned by uid {OTHER_UID}, not by you"),
        );
        assert_eq!(env.snapshot(), before, "{name}");
    }
    // A hard link to someone else's file is refused on ownership first.
    let (env, victims) = setup()?;
    let victim = victims.join("theirs");
    fs::write(&victim, "their secret\n")?;
    chown(&victim, OTHER_UID)?;
    fs::remove_file(env.state_file(WF))?;
    fs::hard_link(&victim, env.state_file(WF))?;
    let before = fingerprint(&victim);
    for args in [&["-w", WF, "set", "A=2"][..], &["-w", WF, "load"]] {
        let out = run(&env, args)?;
        assert_refused(&out, args, &format!("owned by uid {OTHER_UID}"));
    }
    assert_eq!(fingerprint(&victim), before);
    Ok(())
}

/// Regression: a directory at `ID.json` made `gc -w ID` exit 6 with "Is a
/// directory" and the hint "retry", and every later `gc --all` failed the
/// same way, so nothing could be cleaned up any more.
#[test]
fn directory_planted_at_the_state_file_made_gc_fail_for_good() -> TestResult {
    let (env, _) = setup()?;
    env.cmd()
        .args(["-w", "wf-other", "set", "K=v"])
        .assert()
        .success();
    let at = env.state_file(WF);
    fs::remove_file(&at)?;
    fs::create_dir(&at)?;
    // Empty: `gc -w` removes it, as it removes any entry planted there.
    let out = run(&env, &["gc", "-w", WF])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::symlink_metadata(&at).is_err(), "still there");
    // Holding files: refused clearly and left as it is, never emptied.
    fs::create_dir(&at)?;
    fs::write(at.join("notes.txt"), "mine")?;
    let out = run(&env, &["gc", "-w", WF])?;
    assert_refused(&out, &["gc", "-w", WF], "is a directory that is not empty");
    assert!(
        stderr(&out).contains(&format!("rm -r {}", at.display())),
        "{}",
        stderr(&out)
    );
    // `gc --all` deletes every workflow it can, says what it left, and
    // keeps working.
    for _ in 0..2 {
        let out = run(&env, &["gc", "--all"])?;
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("blockstate: warning: ")
                && stderr(&out).contains("is a directory that is not empty"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!env.state_file("wf-other").exists());
    assert_eq!(fs::read(at.join("notes.txt"))?, b"mine");
    Ok(())
}

/// Every kind of entry at every name blockstate uses (`ID.json`, `ID.lock`,
/// a temporary name), under every form of `gc`: the entry itself is
/// removed or left, as documented, never what it points at; a directory
/// holding files is never emptied; and no form fails over it with an I/O
/// error.
#[test]
fn every_form_of_gc_handles_every_entry_planted_at_its_names() -> TestResult {
    let temp = format!(".{WF}.tmp-00000000deadbeef");
    let forms: [&[&str]; 3] = [&["gc", "-w", WF], &["gc"], &["gc", "--all"]];
    let mut kinds: Vec<&str> = PLANTS.to_vec();
    kinds.push("full-directory");
    let mut checked = 0;
    for place in ["state", "lock", "temp"] {
        for kind in &kinds {
            for form in forms {
                let (env, victims) = setup()?;
                env.cmd()
                    .args(["-w", "wf-other", "set", "K=v"])
                    .assert()
                    .success();
                let at = match place {
                    "state" => env.state_file(WF),
                    "lock" => env.dir.join(format!("{WF}.lock")),
                    _ => env.dir.join(&temp),
                };
                let victim = if *kind == "full-directory" {
                    let _ = fs::remove_file(&at);
                    fs::create_dir(&at)?;
                    fs::write(at.join("notes.txt"), "mine")?;
                    symlink(victims.join("bashrc"), at.join("link"))?;
                    victims.join("bashrc")
                } else {
                    plant(kind, &at, &victims)?.0
                };
                let victim_before = fingerprint(&victim);
                let victims_before = snapshot_dir(&victims);
                let out = run(&env, form)?;
                let what = format!("{kind} at {place}, {form:?}");
                let err = stderr(&out);
                let full = *kind == "full-directory";
                let all = form.contains(&"--all");
                let named = form.contains(&"-w");
                // (exit status, whether the entry is still there)
                let (code, stays) = match place {
                    "state" if named => (if full { 4 } else { 0 }, full),
                    "state" => (0, full || !all),
                    "lock" if named => (4, true),
                    "lock" => (0, full || !all),
                    _ if named => (0, true),
                    _ => (0, full),
                };
                assert_eq!(out.status.code(), Some(code), "{what}: {err}");
                assert_eq!(fs::symlink_metadata(&at).is_ok(), stays, "{what}: {err}");
                assert!(
                    !err.contains("Is a directory") && !err.contains("No such device"),
                    "{what}: {err}"
                );
                if code == 4 {
                    assert_refused(&out, form, "");
                }
                // A sweep that would have removed it says what it left.
                if full && !named && (place == "temp" || all) {
                    assert!(
                        err.contains("is a directory that is not empty"),
                        "{what}: {err}"
                    );
                }
                if full {
                    assert_eq!(fs::read(at.join("notes.txt"))?, b"mine", "{what}");
                    assert!(
                        fs::symlink_metadata(at.join("link"))?
                            .file_type()
                            .is_symlink(),
                        "{what}"
                    );
                }
                // --all goes on with the other workflows whatever it met.
                assert_eq!(env.state_file("wf-other").exists(), !all, "{what}: {err}");
                assert_eq!(
                    fingerprint(&victim),
                    victim_before,
                    "{what}: victim touched"
                );
                assert_eq!(
                    snapshot_dir(&victims),
                    victims_before,
                    "{what}: victims touched"
                );
                checked += 1;
            }
        }
    }
    eprintln!("FIGURES attacks: {checked} planted entries under gc checked");
    Ok(())
}

/// Temporary files get a fresh name with 64 random bits, created with
/// O_CREAT|O_EXCL|O_NOFOLLOW, so nothing can be planted at the name in
/// advance, and if something were, creation would fail rather than follow
/// it (unit tests in src/store/file.rs plant at a known name). Here an
/// attacker floods the directory with links at temp-like names: writes are
/// unaffected, no target is touched, and gc removes the links themselves.
#[test]
fn links_planted_at_temporary_names_are_harmless() -> TestResult {
    let (env, victims) = setup()?;
    let victim = victims.join("bashrc");
    let before = fingerprint(&victim);
    for i in 0..500u64 {
        let name = format!(".{WF}.tmp-{:016x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        symlink(&victim, env.dir.join(name))?;
    }
    for i in 0..20 {
        let out = run(&env, &["-w", WF, "set", &format!("K{i}=v")])?;
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(fingerprint(&victim), before);
    let out = run(&env, &["gc"])?;
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("500 temporary file(s)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fingerprint(&victim), before);
    let out = run(&env, &["-w", WF, "get", "K19"])?;
    assert_eq!(stdout(&out), "v\n");
    Ok(())
}

/// Every file blockstate creates is private, whatever the umask.
#[test]
fn created_files_are_private_under_a_permissive_umask() -> TestResult {
    let env = TestEnv::new();
    let script = format!(
        "umask 000; \"$BS\" -w {WF} set A=1 && \"$BS\" -w {WF} set B=2 && stat -c '%a %n' {d} {d}/*",
        d = common::q(&env.dir.display().to_string())
    );
    let out = env.shell(&["sh"], &script);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let modes: Vec<&str> = text.lines().filter_map(|l| l.split(' ').next()).collect();
    assert_eq!(modes, ["700", "600", "600"], "{text}");
    Ok(())
}

/// The sandbox's environment without BLOCKSTATE_DIR, so that blockstate
/// picks its default location under the sandbox's HOME.
fn default_location_env(env: &TestEnv) -> Vec<(String, String)> {
    env.base_env()
        .into_iter()
        .filter(|(k, _)| k != "BLOCKSTATE_DIR")
        .collect()
}

/// Regression: under `umask 000` the missing parents of the default state
/// directory (`~/.local`, `~/.local/state`) were created 0777, so another
/// user could rename the state directory away (the victim's next `get`
/// found nothing) or plant programs in `~/.local/bin`. Now every directory
/// blockstate creates is 0700 whatever the umask, and the attacker (uid
/// 65534, run as root here) is stopped.
#[test]
fn umask_000_made_the_default_locations_parents_world_writable() -> TestResult {
    for umask in ["000", "002", "007", "022", "027", "077"] {
        let env = TestEnv::new();
        // The sandbox itself is private; let the other user reach HOME.
        fs::set_permissions(env.root(), fs::Permissions::from_mode(0o755))?;
        let home = env.home.display().to_string();
        let script = format!(
            "umask {umask}; \"$BS\" -w {WF} set A=1 && \"$BS\" -w {WF} set B=2 && cd {h} && stat -c '%a %n' .local .local/state .local/state/blockstate .local/state/blockstate/*",
            h = common::q(&home)
        );
        let out = Command::new("sh")
            .args(["-c", &script])
            .env_clear()
            .envs(default_location_env(&env))
            .env("BS", common::bin())
            .current_dir(&env.work)
            .output()?;
        assert!(out.status.success(), "umask {umask}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            format!(
                "700 .local\n700 .local/state\n700 .local/state/blockstate\n600 .local/state/blockstate/{WF}.json\n600 .local/state/blockstate/{WF}.lock\n"
            ),
            "umask {umask}"
        );
        if !is_root() {
            eprintln!(
                "SKIPPED: umask_000_made_the_default_locations_parents_world_writable (umask {umask}): the attack as uid 65534 needs root"
            );
            continue;
        }
        let state = env.home.join(".local/state/blockstate");
        for attack in [
            format!(
                "mv {} {}.moved",
                common::q(&state.display().to_string()),
                common::q(&state.display().to_string())
            ),
            format!("mkdir {}/.local/bin", common::q(&home)),
        ] {
            let mut c = Command::new("sh");
            c.args(["-c", &attack]).uid(OTHER_UID).gid(OTHER_UID);
            let out = run_guarded(c, b"")?;
            assert!(!out.status.success(), "umask {umask}: {attack} worked");
        }
        let out = Command::new(common::bin())
            .args(["-w", WF, "get", "A"])
            .env_clear()
            .envs(default_location_env(&env))
            .current_dir(&env.work)
            .output()?;
        assert_eq!(stdout(&out), "1\n", "umask {umask}: {}", stderr(&out));
    }
    Ok(())
}

/// Directories that exist are never changed, tighter or looser.
#[test]
fn existing_parents_keep_their_modes() -> TestResult {
    let env = TestEnv::new();
    fs::create_dir(env.home.join(".local"))?;
    fs::set_permissions(env.home.join(".local"), fs::Permissions::from_mode(0o755))?;
    fs::create_dir(env.home.join(".local/state"))?;
    fs::set_permissions(
        env.home.join(".local/state"),
        fs::Permissions::from_mode(0o751),
    )?;
    let out = Command::new("sh")
        .args(["-c", &format!("umask 000; \"$BS\" -w {WF} set A=1")])
        .env_clear()
        .envs(default_location_env(&env))
        .env("BS", common::bin())
        .current_dir(&env.work)
        .output()?;
    assert!(out.status.success(), "{}", stderr(&out));
    let mode =
        |p: &str| -> std::io::Result<u32> { Ok(fs::metadata(env.home.join(p))?.mode() & 0o7777) };
    assert_eq!(mode(".local")?, 0o755);
    assert_eq!(mode(".local/state")?, 0o751);
    assert_eq!(mode(".local/state/blockstate")?, 0o700);
    Ok(())
}

/// A sandbox whose state directory is `<root>/parent/state`, with `parent`
/// made by the test.
fn env_under(parent: &str) -> Result<(TestEnv, PathBuf), Box<dyn std::error::Error>> {
    let mut env = TestEnv::new();
    let parent = env.root().join(parent);
    fs::create_dir_all(&parent)?;
    env.dir = parent.join("state");
    Ok((env, parent))
}

/// Every command refuses a state directory (existing or about to be
/// created) that someone else could swap through a directory above it:
/// writable by others or by a group with other members (without the sticky
/// bit), owned by another user, or reached through a link they own. `/tmp`
/// style sticky directories, and links and directories of the user's or
/// root's, are fine.
#[test]
fn state_dir_under_a_directory_others_can_change_is_refused() -> TestResult {
    type Setup = fn(&Path) -> std::io::Result<()>;
    let chmod = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m));
    let mut cases: Vec<(&str, Setup, Option<&str>)> = vec![
        (
            "world-writable",
            |p| fs::set_permissions(p, fs::Permissions::from_mode(0o777)),
            Some("anyone can replace what is in it"),
        ),
        (
            "others-writable",
            |p| fs::set_permissions(p, fs::Permissions::from_mode(0o703)),
            Some("chmod o-w"),
        ),
        (
            "sticky and world-writable, like /tmp",
            |p| fs::set_permissions(p, fs::Permissions::from_mode(0o1777)),
            None,
        ),
        (
            "private",
            |p| fs::set_permissions(p, fs::Permissions::from_mode(0o700)),
            None,
        ),
        (
            "readable by all",
            |p| fs::set_permissions(p, fs::Permissions::from_mode(0o755)),
            None,
        ),
    ];
    if is_root() {
        cases.push((
            "group-writable, group with other members",
            |p| {
                std::os::unix::fs::chown(p, None, Some(OTHER_UID))?;
                fs::set_permissions(p, fs::Permissions::from_mode(0o770))
            },
            Some("chmod g-w"),
        ));
        cases.push((
            "owned by another user",
            |p| {
                std::os::unix::fs::chown(p, Some(OTHER_UID), None)?;
                fs::set_permissions(p, fs::Permissions::from_mode(0o755))
            },
            Some("is owned by uid 65534"),
        ));
    }
    for (what, setup, refused) in cases {
        for existing in [true, false] {
            let (env, parent) = env_under("parent")?;
            if existing {
                env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
            }
            setup(&parent)?;
            let before = env.snapshot();
            let commands: &[&[&str]] = if existing {
                COMMANDS
            } else {
                &[
                    &["-w", WF, "set", "A=2"],
                    &["-w", WF, "set", "--stdin", "B"],
                ]
            };
            for args in commands {
                let out = run(&env, args)?;
                match refused {
                    Some(says) => {
                        assert_refused(&out, args, says);
                        assert!(
                            stderr(&out).contains(&format!(
                                "the directory {}, on the way to state directory",
                                parent.display()
                            )),
                            "{what}: {}",
                            stderr(&out)
                        );
                    }
                    None => assert!(
                        out.status.success() || args.contains(&"get"),
                        "{what}, {args:?}: {}",
                        stderr(&out)
                    ),
                }
            }
            if refused.is_some() {
                assert_eq!(env.snapshot(), before, "{what}");
                assert_eq!(env.dir.exists(), existing, "{what}");
            }
            chmod(&parent, 0o700)?;
        }
    }
    // A loose directory further up is found too.
    let (env, parent) = env_under("grand/parent")?;
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    let grand = parent.parent().ok_or("no grandparent")?;
    chmod(grand, 0o777)?;
    let out = run(&env, &["-w", WF, "load"])?;
    assert_refused(
        &out,
        &["load"],
        &format!("the directory {}, on the way", grand.display()),
    );
    chmod(grand, 0o700)?;
    // Links are followed: to a private directory, fine; to a place under a
    // loose directory, refused, naming that directory.
    let (mut env, parent) = env_under("real")?;
    chmod(&parent, 0o700)?;
    let loose = env.root().join("loose");
    fs::create_dir_all(loose.join("inner"))?;
    chmod(&loose, 0o777)?;
    symlink(&parent, env.root().join("link"))?;
    env.dir = env.root().join("link/state");
    env.cmd().args(["-w", WF, "set", "A=1"]).assert().success();
    fs::remove_file(env.root().join("link"))?;
    symlink(loose.join("inner"), env.root().join("link"))?;
    let out = run(&env, &["-w", WF, "set", "A=2"])?;
    assert_refused(
        &out,
        &["set"],
        &format!("the directory {}, on the way", loose.display()),
    );
    if is_root() {
        // A link someone else owns, in a sticky directory: they may repoint it.
        let sticky = env.root().join("sticky");
        fs::create_dir(&sticky)?;
        chmod(&sticky, 0o1777)?;
        symlink(&parent, sticky.join("link"))?;
        std::os::unix::fs::lchown(sticky.join("link"), Some(OTHER_UID), Some(OTHER_UID))?;
        env.dir = sticky.join("link/state");
        let out = run(&env, &["-w", WF, "get", "A"])?;
        assert_refused(
            &out,
            &["get"],
            &format!("the symbolic link {}", sticky.join("link").display()),
        );
    }
    Ok(())
}

fn snapshot_dir(dir: &Path) -> Vec<(String, Print)> {
    let mut out: Vec<_> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fingerprint(&e.path()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}
