//! Completions and man pages: generated from the clap definition,
//! committed, and checked here for freshness; the completions are loaded in
//! real shells and must offer the subcommands.
//!
//! After changing the CLI, regenerate the committed files with
//! `BLOCKSTATE_REGENERATE=1 cargo test --test completions`.

mod common;
mod shellkit;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use blockstate::cli::Cli;
use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use common::{TestEnv, TestResult, require_tool};
use shellkit::{BASH, FISH, ZSH, describe};

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn regenerate() -> bool {
    std::env::var_os("BLOCKSTATE_REGENERATE").is_some_and(|v| v == "1")
}

/// Compare a committed file with what is generated now, or rewrite it when
/// regenerating. Returns a description of the difference.
fn check_fresh(path: &Path, now: &[u8]) -> Result<Option<String>, std::io::Error> {
    if regenerate() {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, now)?;
        return Ok(None);
    }
    match fs::read(path) {
        Ok(committed) if committed == now => Ok(None),
        Ok(_) => Ok(Some(format!("{} is stale", path.display()))),
        Err(e) => Ok(Some(format!("{} cannot be read: {e}", path.display()))),
    }
}

fn subcommands() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

#[test]
fn completions_are_fresh() -> TestResult {
    let env = TestEnv::new();
    let mut stale = Vec::new();
    for shell in SHELLS {
        let o = env
            .cmd()
            .args(["completions", &shell.to_string()])
            .output()?;
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "completions {shell}: {}",
            describe(&o)
        );
        assert!(!o.stdout.is_empty(), "completions {shell} printed nothing");
        let path = repo_file(&format!("completions/{}", shell.file_name("blockstate")));
        stale.extend(check_fresh(&path, &o.stdout)?);
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: BLOCKSTATE_REGENERATE=1 cargo test --test completions",
        stale.join("\n")
    );
    Ok(())
}

/// `blockstate.1` and one page per subcommand (`blockstate-set.1`, ...),
/// rendered from the same definition that parses the arguments.
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    fn collect(
        cmd: clap::Command,
        pages: &mut Vec<(String, Vec<u8>)>,
    ) -> Result<(), std::io::Error> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned() {
            collect(sub, pages)?;
        }
        // Every page names the program and its version, not the subcommand.
        let man =
            clap_mangen::Man::new(cmd).source(concat!("blockstate ", env!("CARGO_PKG_VERSION")));
        let mut page = Vec::new();
        man.render(&mut page)?;
        pages.push((man.get_filename(), page));
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(cmd, &mut pages)?;
    pages.sort();
    Ok(pages)
}

#[test]
fn man_pages_are_fresh() -> TestResult {
    let pages = man_pages()?;
    let mut stale = Vec::new();
    for (name, page) in &pages {
        stale.extend(check_fresh(&repo_file(&format!("man/{name}")), page)?);
    }
    // A page for a subcommand that no longer exists is stale too.
    for entry in fs::read_dir(repo_file("man"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !pages.iter().any(|(n, _)| *n == name) {
            if regenerate() {
                fs::remove_file(repo_file(&format!("man/{name}")))?;
            } else {
                stale.push(format!("man/{name} is not generated any more"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: BLOCKSTATE_REGENERATE=1 cargo test --test completions",
        stale.join("\n")
    );
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"blockstate.1") && names.contains(&"blockstate-init.1"),
        "{names:?}"
    );
    Ok(())
}

/// groff reads every page without a warning, and the main page names every
/// subcommand.
#[test]
fn man_pages_render_without_warnings() -> TestResult {
    if !require_tool("man_pages_render_without_warnings", "groff") {
        return Ok(());
    }
    for (name, _) in man_pages()? {
        let o = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(repo_file(&format!("man/{name}")))
            .output()?;
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "groff {name}: {}",
            describe(&o)
        );
    }
    let o = Command::new("groff")
        .args(["-man", "-Tutf8"])
        .arg(repo_file("man/blockstate.1"))
        .output()?;
    let text = String::from_utf8_lossy(&o.stdout);
    for sub in subcommands() {
        assert!(
            text.contains(&format!("blockstate-{sub}(1)")),
            "blockstate.1 does not name {sub}:\n{text}"
        );
    }
    Ok(())
}

#[test]
fn bash_completion_loads_and_offers_subcommands() -> TestResult {
    if !BASH.available("bash_completion_loads_and_offers_subcommands") {
        return Ok(());
    }
    let env = TestEnv::new();
    let file = repo_file("completions/blockstate.bash")
        .display()
        .to_string();
    // What bash's programmable completion does on `blockstate <TAB>`.
    let script = "source \"$FILE\"\n\
        complete -p blockstate\n\
        COMP_WORDS=(blockstate '')\n\
        COMP_CWORD=1\n\
        COMP_LINE='blockstate '\n\
        COMP_POINT=${#COMP_LINE}\n\
        _blockstate blockstate '' blockstate\n\
        printf '%s\\n' \"${COMPREPLY[@]}\"\n\
        COMP_WORDS=(blockstate load --shell '')\n\
        COMP_CWORD=3\n\
        COMP_LINE='blockstate load --shell '\n\
        COMP_POINT=${#COMP_LINE}\n\
        _blockstate blockstate '' --shell\n\
        printf 'shell:%s\\n' \"${COMPREPLY[@]}\"\n";
    let o = BASH.run(&env, script, &[("FILE", &file)]);
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}",
        describe(&o)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("complete ")
            && lines[0].contains(" -F _blockstate ")
            && lines[0].ends_with(" blockstate"),
        "{out}"
    );
    for sub in subcommands() {
        assert!(
            lines.contains(&sub.as_str()),
            "bash does not offer {sub}:\n{out}"
        );
    }
    for format in ["sh", "bash", "zsh", "fish", "json", "github", "github-mask"] {
        assert!(
            lines.contains(&format!("shell:{format}").as_str()),
            "bash does not offer --shell {format}:\n{out}"
        );
    }
    Ok(())
}

#[test]
fn zsh_completion_loads_with_compinit_and_offers_subcommands() -> TestResult {
    if !ZSH.available("zsh_completion_loads_with_compinit_and_offers_subcommands") {
        return Ok(());
    }
    let env = TestEnv::new();
    let dir = repo_file("completions").display().to_string();
    // Loading: compinit finds _blockstate through $fpath, without errors.
    let o = ZSH.run(
        &env,
        "fpath=(\"$DIR\" $fpath)\nautoload -Uz compinit && compinit -u -D\nprint -r -- \"$_comps[blockstate]\"\n",
        &[("DIR", &dir)],
    );
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}",
        describe(&o)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), "_blockstate\n");

    // Offering: an interactive zsh on a pseudo-terminal, asked to complete
    // `blockstate <TAB>`, lists the subcommands.
    // zsh lists the matches sorted.
    let mut names = subcommands();
    names.sort();
    let names = names.join(" ");
    let driver = r#"
zmodload zsh/zpty || exit 90
zpty z 'PS1="> " TERM=dumb zsh -f -i'
read_until() {
  local chunk pattern=$1
  integer i
  for (( i = 0; i < 200; i++ )); do
    if zpty -r -t z chunk; then
      out+=$chunk
      [[ $out == ${~pattern} ]] && return 0
    else
      sleep 0.05
    fi
  done
  return 1
}
out=
zpty -w z "fpath=(${(q)DIR} \$fpath); autoload -Uz compinit; compinit -u -D; print READY"
read_until '*READY*' || { print -r -- "no prompt: $out"; exit 91 }
out=
zpty -w -n z $'blockstate \t'
want=(${=NAMES})
pattern='*'
for w in $want; do pattern+="${w} *"; done
read_until "$pattern" || { print -r -- "incomplete listing: $out"; exit 92 }
zpty -d z
print -r -- "$out"
"#;
    let o = ZSH.run(&env, driver, &[("DIR", &dir), ("NAMES", &names)]);
    assert!(o.status.success(), "{}", describe(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for sub in subcommands() {
        let described = out
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{sub} ")) && l.contains(" -- "));
        assert!(described, "zsh does not offer {sub}:\n{out}");
    }
    Ok(())
}

#[test]
fn fish_completion_loads_and_offers_subcommands() -> TestResult {
    if !FISH.available("fish_completion_loads_and_offers_subcommands") {
        return Ok(());
    }
    let env = TestEnv::new();
    let file = repo_file("completions/blockstate.fish")
        .display()
        .to_string();
    let o = FISH.run(
        &env,
        "source \"$FILE\"; or exit 90\ncomplete -C 'blockstate '\ncomplete -C 'blockstate load --shell '\n",
        &[("FILE", &file)],
    );
    assert!(
        o.status.success() && o.stderr.is_empty(),
        "{}",
        describe(&o)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let words: Vec<&str> = out
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    for sub in subcommands() {
        assert!(
            words.contains(&sub.as_str()),
            "fish does not offer {sub}:\n{out}"
        );
    }
    for format in ["sh", "bash", "zsh", "fish", "json", "github", "github-mask"] {
        assert!(
            words.contains(&format),
            "fish does not offer --shell {format}:\n{out}"
        );
    }
    Ok(())
}
