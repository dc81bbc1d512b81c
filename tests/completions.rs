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
    blockstate::help::command()
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect()
}

/// Regression: `blockstate <TAB>` offered `capture` and `__complete`,
/// which `--help` hides (one is run by the exit hook, the other by the
/// completion scripts themselves).
fn hidden_subcommands() -> Vec<String> {
    let hidden: Vec<String> = blockstate::help::command()
        .get_subcommands()
        .filter(|c| c.is_hide_set())
        .map(|c| c.get_name().to_owned())
        .collect();
    assert!(hidden.len() >= 2, "{hidden:?}");
    hidden
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
/// rendered from the same definition that parses the arguments, with the
/// sections a man page has: NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
/// (COMMANDS,) EXAMPLES kept line for line, EXIT STATUS, ENVIRONMENT,
/// FILES, SEE ALSO.
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, std::io::Error> {
    let mut cmd = blockstate::help::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(man_page(sub.clone(), false)?);
    }
    pages.push(man_page(cmd, true)?);
    pages.sort();
    Ok(pages)
}

/// The paragraphs of a command's closing help text: notes, and the
/// example lines (without their indentation). The exit status list is
/// left out: EXIT STATUS renders it from the same table.
fn closing_text(cmd: &clap::Command) -> (Vec<String>, Vec<String>) {
    let text = cmd
        .get_after_help()
        .map(|t| t.to_string())
        .unwrap_or_default();
    let mut notes = Vec::new();
    let mut examples = Vec::new();
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let (first, rest) = paragraph.split_once('\n').unwrap_or((paragraph, ""));
        if first == "Examples:" || first == "Example:" {
            examples.extend(
                rest.lines()
                    .map(|l| l.strip_prefix("  ").unwrap_or(l).to_owned()),
            );
        } else if first != "Exit status:" {
            notes.push(paragraph.to_owned());
        }
    }
    (notes, examples)
}

fn man_page(cmd: clap::Command, main: bool) -> Result<(String, Vec<u8>), std::io::Error> {
    use clap_mangen::roff::{Roff, bold, italic, roman};
    // Every page names the program and its version, not the subcommand.
    let man = clap_mangen::Man::new(cmd.clone())
        .source(concat!("blockstate ", env!("CARGO_PKG_VERSION")));
    let (notes, examples) = closing_text(&cmd);
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    let mut section = |render: &dyn Fn(&mut Vec<u8>) -> Result<(), std::io::Error>| {
        let mut part = Vec::new();
        render(&mut part)?;
        // Each part starts with the same preamble as the title's.
        let text = String::from_utf8_lossy(&part);
        let body = text.splitn(3, '\n').nth(2).unwrap_or_default().to_owned();
        page.extend_from_slice(body.as_bytes());
        Ok::<(), std::io::Error>(())
    };
    section(&|w| man.render_name_section(w))?;
    section(&|w| man.render_synopsis_section(w))?;
    let mut roff = Roff::new();
    roff.control("SH", ["DESCRIPTION"]);
    let about = cmd
        .get_long_about()
        .or_else(|| cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    for (i, paragraph) in about
        .split("\n\n")
        .chain(notes.iter().map(String::as_str))
        .enumerate()
    {
        if i > 0 {
            roff.control("PP", []);
        }
        // Indented lines are laid out by hand (a table): kept as they are.
        let laid_out = paragraph.lines().skip(1).any(|l| l.starts_with(' '));
        if laid_out {
            roff.control("nf", []);
        }
        for line in paragraph.lines() {
            roff.text([roman(line)]);
        }
        if laid_out {
            roff.control("fi", []);
        }
    }
    section(&|w| roff.to_writer(w))?;
    section(&|w| man.render_options_section(w))?;
    if main {
        section(&|w| man.render_subcommands_section(w))?;
    }
    // In the order of man-pages(7).
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in blockstate::help::EXIT_CODES {
        roff.control("TP", [])
            .text([bold(*code)])
            .text([roman(*meaning)]);
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in blockstate::help::ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*meaning)]);
    }
    roff.control("SH", ["FILES"]);
    for (path, meaning) in blockstate::help::FILES {
        roff.control("TP", [])
            .text([italic(*path)])
            .text([roman(*meaning)]);
    }
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        roff.control("RS", ["4"]).control("nf", []);
        for line in &examples {
            roff.text([roman(line.as_str())]);
        }
        roff.control("fi", []).control("RE", []);
    }
    roff.control("SH", ["SEE ALSO"]);
    if main {
        roff.text([roman(
            "The README and GUARANTEES.md of the blockstate sources, and the page of each command above.",
        )]);
    } else {
        roff.text([bold("blockstate"), roman("(1)")]);
    }
    section(&|w| roff.to_writer(w))?;
    Ok((man.get_filename(), page))
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

/// groff and man read every page without a warning, and the main page
/// names every subcommand.
#[test]
fn man_pages_render_without_warnings() -> TestResult {
    if !require_tool("man_pages_render_without_warnings", "groff")
        || !require_tool("man_pages_render_without_warnings", "man")
    {
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
        let o = Command::new("man")
            .args(["--warnings", "-l", "-P", "cat"])
            .arg(repo_file(&format!("man/{name}")))
            .env("MANWIDTH", "80")
            .env("LC_ALL", "C.UTF-8")
            .output()?;
        assert!(
            o.status.success() && o.stderr.is_empty() && !o.stdout.is_empty(),
            "man --warnings {name}: {}",
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

/// man-pages(7) order; the pages have these (EXAMPLES where the command
/// has examples, COMMANDS on the main page).
const MAN_SECTIONS: &[&str] = &[
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "SUBCOMMANDS",
    "EXIT STATUS",
    "ENVIRONMENT",
    "FILES",
    "EXAMPLES",
    "SEE ALSO",
];

#[test]
fn man_pages_have_the_standard_sections_and_keep_examples_line_for_line() -> TestResult {
    // Regression: no EXIT STATUS, ENVIRONMENT or FILES, and the examples
    // sat in an "EXTRA" section, reflowed into one paragraph.
    if !require_tool(
        "man_pages_have_the_standard_sections_and_keep_examples_line_for_line",
        "groff",
    ) {
        return Ok(());
    }
    let cmd = blockstate::help::command();
    for (name, _) in man_pages()? {
        let path = repo_file(&format!("man/{name}"));
        let source = fs::read_to_string(&path)?;
        let sections: Vec<&str> = source
            .lines()
            .filter_map(|l| l.strip_prefix(".SH "))
            .map(|s| s.trim_matches('"'))
            .collect();
        let mut order = Vec::new();
        for s in &sections {
            let at = MAN_SECTIONS.iter().position(|m| m == s);
            assert!(at.is_some(), "{name}: non-standard section {s}");
            order.extend(at);
        }
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{name}: {sections:?}"
        );
        for needed in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "SEE ALSO",
        ] {
            assert!(
                sections.contains(&needed),
                "{name} has no {needed}: {sections:?}"
            );
        }
        // The examples of --help, each on a line of its own, as written.
        let sub = name
            .strip_prefix("blockstate-")
            .and_then(|n| n.strip_suffix(".1"));
        let command = match sub {
            Some(sub) => cmd.find_subcommand(sub).ok_or(sub)?.clone(),
            None => cmd.clone(),
        };
        let help = command
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let examples: Vec<&str> = help
            .split("\n\n")
            .filter(|p| p.starts_with("Example"))
            .flat_map(|p| p.lines().skip(1))
            .map(str::trim)
            .collect();
        assert_eq!(
            !examples.is_empty(),
            sections.contains(&"EXAMPLES"),
            "{name}"
        );
        let o = Command::new("groff")
            .args(["-man", "-Tascii", "-P-cbou", "-rLL=200n"])
            .arg(&path)
            .output()?;
        let rendered = String::from_utf8_lossy(&o.stdout);
        let lines: Vec<&str> = rendered.lines().map(str::trim).collect();
        for example in examples {
            assert!(
                lines.contains(&example),
                "{name}: {example:?} is not a line of\n{rendered}"
            );
        }
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
            && lines[0].contains(" -F _blockstate_dynamic ")
            && lines[0].ends_with(" blockstate"),
        "{out}"
    );
    for sub in subcommands() {
        assert!(
            lines.contains(&sub.as_str()),
            "bash does not offer {sub}:\n{out}"
        );
    }
    for sub in hidden_subcommands() {
        assert!(!lines.contains(&sub.as_str()), "bash offers {sub}:\n{out}");
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
    for sub in hidden_subcommands() {
        let offered = out
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{sub} ")) && l.contains(" -- "));
        assert!(!offered, "zsh offers {sub}:\n{out}");
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
    for sub in hidden_subcommands() {
        assert!(!words.contains(&sub.as_str()), "fish offers {sub}:\n{out}");
    }
    for format in ["sh", "bash", "zsh", "fish", "json", "github", "github-mask"] {
        assert!(
            words.contains(&format),
            "fish does not offer --shell {format}:\n{out}"
        );
    }
    Ok(())
}

// ---- workflow IDs and keys, from the store --------------------------------

/// A sandbox with two workflows (one with a description) and a third whose
/// state is corrupt.
fn store_with_workflows() -> Result<TestEnv, Box<dyn std::error::Error>> {
    let env = TestEnv::new();
    for args in [
        &["-w", "wf-one", "set", "ALPHA=1", "BETA=2"][..],
        &["-w", "two", "set", "GAMMA=3"],
        &["-w", "broken", "set", "X=1"],
    ] {
        env.cmd().args(args).assert().success();
    }
    // A description that is not the ID's own (`-w wf-one -d TEXT` is
    // refused as a conflict): written into the state, as older versions
    // could record it.
    let path = env.state_file("wf-one");
    let mut state: serde_json::Value = serde_json::from_slice(&fs::read(&path)?)?;
    state["description"] = "the first task".into();
    fs::write(&path, serde_json::to_vec(&state)?)?;
    fs::write(env.state_file("broken"), "{ not json")?;
    Ok(env)
}

/// bash's programmable completion, driven as readline would: COMP_WORDS as
/// bash splits the line (quotes kept, `=` apart), then the completion
/// function. `compopt` is recorded, since it only works inside a real TAB.
const BASH_DRIVER: &str = r#"
source "$FILE"
compopt() { printf 'compopt %s\n' "$*"; }
try() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    local fn
    fn=$(complete -p blockstate | sed 's/.* -F \([^ ]*\) .*/\1/')
    "$fn" blockstate "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s|' "${COMPREPLY[@]}"
    printf '\n'
}
"#;

#[test]
fn bash_completes_workflow_ids_and_keys_from_the_store() -> TestResult {
    // Regression: `-w <TAB>` and `get <TAB>` offered file names. Also the
    // names of `stop` and `logs`: the workflow's recorded processes.
    if !BASH.available("bash_completes_workflow_ids_and_keys_from_the_store") {
        return Ok(());
    }
    let env = store_with_workflows()?;
    fs::write(env.work.join("a-file"), "")?;
    // A recorded background process (one that ends at once: its record
    // stays until `stop`).
    env.cmd()
        .args(["-w", "wf-one", "spawn", "web", "--", "true"])
        .assert()
        .success();
    let file = repo_file("completions/blockstate.bash")
        .display()
        .to_string();
    // (line, completions, whether blockstate answered: then an empty
    // answer must not turn into file names, bash's `-o default`)
    let cases: &[(&str, &str, bool)] = &[
        ("try blockstate -w ''", "two|wf-one|", true),
        ("try blockstate -w wf", "wf-one|", true),
        ("try blockstate --workflow = w", "wf-one|", true),
        ("try blockstate -w wf-one get ''", "ALPHA|BETA|", true),
        ("try blockstate get -w two ''", "GAMMA|", true),
        ("try blockstate -w wf-one unset ALPHA B", "BETA|", true),
        (
            "try blockstate -w wf-one set --stdin ''",
            "ALPHA|BETA|",
            true,
        ),
        ("try blockstate -w wf-one wait ''", "ALPHA|BETA|", true),
        ("try blockstate -w wf-one stop ''", "web|", true),
        ("try blockstate -w wf-one logs w", "web|", true),
        ("try blockstate -w two stop ''", "|", true),
        // A corrupt state, or none: no candidates, and no file names.
        ("try blockstate -w broken get ''", "|", true),
        ("try blockstate -w nothing-here get ''", "|", true),
        // The static part still does the rest.
        ("try blockstate lo", "load|logs|", false),
        ("try blockstate load --shell j", "json|", false),
    ];
    for (line, want, answered) in cases {
        let o = BASH.run(&env, &format!("{BASH_DRIVER}{line}"), &[("FILE", &file)]);
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{line}: {}",
            describe(&o)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        let replies: Vec<&str> = out.lines().filter(|l| !l.starts_with("compopt ")).collect();
        assert_eq!(replies, [*want], "{line}");
        assert_eq!(
            out.contains("compopt +o default +o bashdefault"),
            *answered,
            "{line}: {out}"
        );
    }
    // The description given with -d names the workflow.
    env.cmd()
        .args(["-d", "the first task", "set", "DELTA=4"])
        .assert()
        .success();
    for line in [
        "try blockstate -d '\"the first task\"' get ''",
        "try blockstate -d \"'the first task'\" get ''",
        "try blockstate -d the\\ first\\ task get ''",
    ] {
        let o = BASH.run(&env, &format!("{BASH_DRIVER}{line}"), &[("FILE", &file)]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.lines().any(|l| l == "DELTA|"),
            "{line}: {}",
            describe(&o)
        );
    }
    Ok(())
}

#[test]
fn fish_completes_workflow_ids_and_keys_from_the_store() -> TestResult {
    if !FISH.available("fish_completes_workflow_ids_and_keys_from_the_store") {
        return Ok(());
    }
    let env = store_with_workflows()?;
    fs::write(env.work.join("a-file"), "")?;
    let file = repo_file("completions/blockstate.fish")
        .display()
        .to_string();
    let cases: &[(&str, &[&str])] = &[
        ("blockstate -w ", &["two", "wf-one\tthe first task"]),
        (
            "blockstate get --workflow=w",
            &["--workflow=wf-one\tthe first task"],
        ),
        ("blockstate -w wf-one get ", &["ALPHA", "BETA"]),
        ("blockstate -d 'the first task' get ", &[]),
        ("blockstate -w two unset ", &["GAMMA"]),
        ("blockstate -w broken get ", &[]),
        ("blockstate load --shell j", &["json\tA JSON object"]),
    ];
    for (line, want) in cases {
        let o = FISH.run(
            &env,
            &format!(
                "source \"$FILE\"; or exit 90\ncomplete -C {}\n",
                common::q(line)
            ),
            &[("FILE", &file)],
        );
        assert!(
            o.status.success() && o.stderr.is_empty(),
            "{line}: {}",
            describe(&o)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        let got: Vec<&str> = out.lines().collect();
        assert_eq!(got, *want, "{line}");
    }
    Ok(())
}

#[test]
fn zsh_completes_workflow_ids_and_keys_from_the_store() -> TestResult {
    if !ZSH.available("zsh_completes_workflow_ids_and_keys_from_the_store") {
        return Ok(());
    }
    let env = store_with_workflows()?;
    fs::write(env.work.join("a-file"), "")?;
    let dir = repo_file("completions").display().to_string();
    // An interactive zsh on a pseudo-terminal: each line is typed, TAB
    // twice, and the screen read until the expected listing (or a file
    // name, which must not appear) shows.
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
try() {
  out=
  zpty -w -n z "$1"$'\t\t'
  read_until "$2" || { print -r -- "for [$1] no $2 in: $out"; exit 92 }
  [[ $out == *a-file* ]] && { print -r -- "for [$1] file names: $out"; exit 93 }
  zpty -w -n z $'\C-u'
  print -r -- "ok: $1"
}
try 'blockstate -w ' '*wf-one*--*the first task*two*'
try 'blockstate -w wf-one get ' '*ALPHA*BETA*'
try "blockstate -d 'the first task' get " '*blockstate -d*get *'
try 'blockstate -w two unset ' '*unset GAMMA*'
try 'blockstate -w broken get ' '*get *'
try 'blockstate lo' '*load *'
zpty -d z
"#;
    let o = ZSH.run(&env, driver, &[("DIR", &dir)]);
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).lines().count(),
        6,
        "{}",
        describe(&o)
    );
    Ok(())
}

/// The command the scripts call, run as they run it: whatever goes wrong,
/// nothing on stderr, no candidates, and an answer within its deadline.
#[test]
fn complete_never_prints_errors_or_keeps_a_tab_waiting() -> TestResult {
    let env = store_with_workflows()?;
    // A "server" that accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0")?;
    let silent_url = format!("redis://127.0.0.1:{}", silent.local_addr()?.port());
    // (words after `blockstate`, environment)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (&["-w", "broken", "get", ""], &[]),
        (&["-w", "../bad", "get", ""], &[]),
        (&["get", ""], &[("BLOCKSTATE_WORKFLOW", "../bad")]),
        (
            &["-w", "wf-one", "get", ""],
            &[("BLOCKSTATE_LOCK_TIMEOUT", "soon")],
        ),
        (
            &["-w", ""],
            &[("BLOCKSTATE_URL", "unix:///nonexistent/redis.sock")],
        ),
        (
            &["-w", "x", "get", ""],
            &[("BLOCKSTATE_URL", "nonsense://")],
        ),
        (&["-w", "x", "get", ""], &[("BLOCKSTATE_URL", &silent_url)]),
        (
            &["-w", ""],
            &[
                ("BLOCKSTATE_URL", &silent_url),
                ("BLOCKSTATE_STORE_TIMEOUT", "1h"),
            ],
        ),
        (&["--dir", "/proc/self/nonexistent", "-w", ""], &[]),
    ];
    for (words, vars) in cases {
        let mut child = env
            .std_cmd()
            .args(["__complete", "--"])
            .args(*words)
            .envs(vars.iter().copied())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()?;
        // Far beyond the deadline; only a hang gets here.
        let give_up = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait()?.is_none() {
            if std::time::Instant::now() > give_up {
                child.kill()?;
                panic!("{words:?} {vars:?}: still running");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let o = child.wait_with_output()?;
        assert!(
            o.status.success() && o.stdout.is_empty() && o.stderr.is_empty(),
            "{words:?} {vars:?}: {}",
            describe(&o)
        );
    }
    // The readable workflows are still offered beside a corrupt one.
    let o = env.cmd().args(["__complete", "--", "-w", ""]).output()?;
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "two\nwf-one\tthe first task\n",
        "{}",
        describe(&o)
    );
    // A word that is not the store's: exit 1, for the static script.
    env.cmd()
        .args(["__complete", "--", "lo"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("");
    Ok(())
}

#[test]
fn fish_shows_descriptions_as_written() -> TestResult {
    // Regression: fish expanded `$GITHUB_ENV` in the description of
    // `--shell github` (clap_complete puts those in double quotes), and
    // showed "The  file format".
    if !FISH.available("fish_shows_descriptions_as_written") {
        return Ok(());
    }
    let env = TestEnv::new();
    let file = repo_file("completions/blockstate.fish")
        .display()
        .to_string();
    let cmd = blockstate::help::command();
    let mut expected: Vec<(String, String, String)> = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        expected.push(("blockstate ".into(), sub.get_name().into(), about));
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let (Some(long), true) = (arg.get_long(), arg.get_action().takes_values()) else {
                continue;
            };
            for value in arg.get_possible_values() {
                let help = value.get_help().map(|h| h.to_string()).unwrap_or_default();
                expected.push((
                    format!("blockstate {} --{long} ", sub.get_name()),
                    value.get_name().into(),
                    help,
                ));
            }
        }
    }
    assert!(expected.iter().any(|(_, v, _)| v == "github"));
    for (line, value, help) in expected {
        let o = FISH.run(
            &env,
            &format!(
                "source \"$FILE\"; or exit 90\ncomplete -C {}\n",
                common::q(&line)
            ),
            &[("FILE", &file)],
        );
        let out = String::from_utf8_lossy(&o.stdout);
        let want = format!("{value}\t{help}");
        assert!(
            out.lines().any(|l| l == want),
            "{line}: no {want:?} in\n{}",
            describe(&o)
        );
    }
    Ok(())
}
