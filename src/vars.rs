//! The input rules for variable names and values, and the size limits.
//!
//! The same checks run on what the user passes to `set` and on what `load`
//! reads back from a store, because a state file can be edited by hand.

use crate::error::{Error, Result};
use crate::workflow::shown;

/// Largest value, in bytes.
pub const MAX_VALUE_BYTES: usize = 1024 * 1024;
/// Largest key, in bytes.
pub const MAX_KEY_BYTES: usize = 255;
/// Most keys in one workflow.
pub const MAX_KEYS: usize = 10_000;
/// Largest serialized state, in bytes. Checked on write and before parsing
/// on read, so a huge file is refused without being loaded into memory.
pub const MAX_STATE_BYTES: u64 = 32 * 1024 * 1024;

/// Names blockstate emits itself.
pub const OWN_NAMES: &[&str] = &["BLOCKSTATE_WORKFLOW"];

/// Names that one of the supported shells treats as read-only or special
/// (assigning them fails, or changes the shell rather than storing text),
/// and names that make a loader or a later shell run foreign code.
/// Grouped by the reason; the README lists the same names.
pub const RESERVED_NAMES: &[&str] = &[
    // Loader and shell start-up hijacking.
    "BASH_ENV",
    "DYLD_INSERT_LIBRARIES",
    "DYLD_LIBRARY_PATH",
    "ENV",
    "IFS",
    "LD_AUDIT",
    "LD_LIBRARY_PATH",
    "LD_PRELOAD",
    "PROMPT_COMMAND",
    "PS4",
    "SHELLOPTS",
    "BASHOPTS",
    // bash specials.
    "BASH",
    "BASHPID",
    "BASH_ALIASES",
    "BASH_ARGC",
    "BASH_ARGV",
    "BASH_ARGV0",
    "BASH_CMDS",
    "BASH_COMMAND",
    "BASH_EXECUTION_STRING",
    "BASH_LINENO",
    "BASH_REMATCH",
    "BASH_SOURCE",
    "BASH_SUBSHELL",
    "BASH_VERSINFO",
    "BASH_VERSION",
    "COMP_WORDBREAKS",
    "DIRSTACK",
    "EPOCHREALTIME",
    "EPOCHSECONDS",
    "EUID",
    "FUNCNAME",
    "GROUPS",
    "HISTCMD",
    "LINENO",
    "OPTIND",
    "PIPESTATUS",
    "PPID",
    "RANDOM",
    "SECONDS",
    "SRANDOM",
    "UID",
    "_",
    // zsh specials (USERNAME/UID/EUID/GID/EGID assignment changes the user;
    // lower-case arrays are tied to the upper-case colon lists).
    "ARGC",
    "EGID",
    "ERRNO",
    "GID",
    "TTYIDLE",
    "USERNAME",
    "ZSH_ARGZERO",
    "ZSH_EVAL_CONTEXT",
    "ZSH_EXECUTION_STRING",
    "ZSH_NAME",
    "ZSH_PATCHLEVEL",
    "ZSH_SUBSHELL",
    "ZSH_VERSION",
    "aliases",
    "argv",
    "builtins",
    "cdpath",
    "commands",
    "dirstack",
    "epochtime",
    "fignore",
    "fpath",
    "funcfiletrace",
    "funcsourcetrace",
    "funcstack",
    "functions",
    "functrace",
    "historywords",
    "jobdirs",
    "jobstates",
    "jobtexts",
    "mailpath",
    "manpath",
    "module_path",
    "modules",
    "nameddirs",
    "options",
    "parameters",
    "patchars",
    "path",
    "pipestatus",
    "psvar",
    "reswords",
    "signals",
    "status",
    "termcap",
    "terminfo",
    "userdirs",
    "usergroups",
    "watch",
    // zsh specials that do not keep a text value: integers (COLUMNS=abc
    // reads back as 0), length-limited strings, and the zsh/parameter and
    // zsh/zle hashes. Found by tests/bad_input.rs, which asks each shell.
    "COLUMNS",
    "FUNCNEST",
    "HISTCHARS",
    "HISTSIZE",
    "KEYBOARD_HACK",
    "KEYTIMEOUT",
    "LINES",
    "LISTMAX",
    "MAILCHECK",
    "SAVEHIST",
    "TRY_BLOCK_ERROR",
    "TRY_BLOCK_INTERRUPT",
    "dis_aliases",
    "dis_builtins",
    "dis_functions",
    "dis_functions_source",
    "dis_galiases",
    "dis_patchars",
    "dis_reswords",
    "dis_saliases",
    "functions_source",
    "galiases",
    "histchars",
    "keymaps",
    "saliases",
    "widgets",
    "zsh_eval_context",
    "zsh_scheduled_events",
    // fish read-only and electric variables.
    "FISH_VERSION",
    "PWD",
    "SHLVL",
    "fish_kill_signal",
    "fish_pid",
    "fish_private_mode",
    "history",
    "hostname",
    "last_pid",
    "status_generation",
    "umask",
    "version",
    "fish_killring",
];

/// For each first byte, one bit per length of the reserved names that start
/// with it. `check_key` runs on every key `load` reads back, and scanning
/// the whole list for each was a fifth of the instructions of a 10,000-key
/// `load`; with this, most names are cleared by one table lookup.
const RESERVED_SHAPES: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < RESERVED_NAMES.len() {
        let name = RESERVED_NAMES[i].as_bytes();
        assert!(!name.is_empty() && name.len() < 64);
        table[name[0] as usize] |= 1 << name.len();
        i += 1;
    }
    table
};

fn is_reserved_name(key: &str) -> bool {
    let bytes = key.as_bytes();
    let shape = match bytes.first() {
        Some(&first) if bytes.len() < 64 => {
            RESERVED_SHAPES[usize::from(first)] & (1 << bytes.len())
        }
        _ => 0,
    };
    shape != 0 && RESERVED_NAMES.contains(&key)
}

/// Name prefixes that are reserved as a whole.
pub const RESERVED_PREFIXES: &[&str] = &["BASH_FUNC_"];

/// Check a variable name against every rule. The error names the key and the
/// rule it broke.
pub fn check_key(key: &str) -> Result<()> {
    let bytes = key.as_bytes();
    let valid_syntax = matches!(bytes.first(), Some(b) if b.is_ascii_alphabetic() || *b == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if !valid_syntax {
        return Err(Error::usage(format!(
            "invalid variable name {}: a name must match [A-Za-z_][A-Za-z0-9_]*",
            shown(key)
        ))
        .hint("use letters, digits and underscores, not starting with a digit, e.g. API_URL"));
    }
    if bytes.len() > MAX_KEY_BYTES {
        return Err(Error::usage(format!(
            "variable name {} is {} bytes long; the limit is {MAX_KEY_BYTES}",
            shown(key),
            bytes.len()
        ))
        .hint("use a shorter name"));
    }
    if OWN_NAMES.contains(&key) {
        return Err(Error::usage(format!(
            "variable name '{key}' is reserved: blockstate sets it itself"
        ))
        .hint("choose another name; `blockstate load` always exports BLOCKSTATE_WORKFLOW"));
    }
    if is_reserved_name(key) || RESERVED_PREFIXES.iter().any(|p| key.starts_with(p)) {
        return Err(Error::usage(format!(
            "variable name '{key}' is reserved: a supported shell treats it as read-only or special, or it could make a shell or loader run foreign code"
        ))
        .hint("choose another name (the README lists every reserved name)"));
    }
    Ok(())
}

/// Names the root variable may not take, beyond the reserved key names:
/// `load` exports the project root under that name, so each of these would
/// point the shell, the user's tools or blockstate itself somewhere else
/// (`PATH=/project` leaves the next block without commands, `HOME` moves
/// `~`, `XDG_*` and `BLOCKSTATE_*` move where the next block looks for its
/// state).
pub const ROOT_VAR_RESERVED: &[&str] = &[
    "CDPATH", "HISTFILE", "HOME", "LANG", "LANGUAGE", "LOGNAME", "MAIL", "MAILPATH", "OLDPWD",
    "PATH", "PS1", "PS2", "PS3", "SHELL", "TERM", "TMPDIR", "TZ", "USER",
];

/// Prefixes of names the root variable may not take, for the same reason.
pub const ROOT_VAR_RESERVED_PREFIXES: &[&str] = &["BLOCKSTATE_", "LC_", "XDG_"];

/// Check the name of the root variable: every rule of a key, and not a
/// name the shell or blockstate relies on for something else.
pub fn check_root_var(name: &str) -> Result<()> {
    check_key(name)?;
    if ROOT_VAR_RESERVED.contains(&name)
        || ROOT_VAR_RESERVED_PREFIXES
            .iter()
            .any(|p| name.starts_with(p))
    {
        return Err(Error::usage(format!(
            "`load` would export the project root as {name}, replacing what the shell or blockstate keeps there"
        ))
        .hint("the root variable needs a name of its own (the README lists the refused ones)"));
    }
    Ok(())
}

/// Check a value: text without NUL bytes, within the size limit.
/// Rust strings are UTF-8 already; invalid UTF-8 is refused where the bytes
/// arrive (arguments, standard input, the state file).
pub fn check_value(key: &str, value: &str) -> Result<()> {
    if value.len() > MAX_VALUE_BYTES {
        return Err(Error::usage(format!(
            "the value of {key} is {} bytes; the limit is {MAX_VALUE_BYTES} bytes (1 MiB)",
            value.len()
        ))
        .hint("store a path to a file instead of the content itself"));
    }
    if value.as_bytes().contains(&0) {
        return Err(Error::usage(format!(
            "the value of {key} contains a NUL byte, which no shell variable can hold"
        ))
        .hint("encode binary data (e.g. with base64) before storing it"));
    }
    Ok(())
}

/// One `set` stores one value per key, so a key given twice (as two
/// pairs, or as a pair and `--stdin KEY`) is refused: keeping either value
/// would silently drop the other.
pub fn check_unique(pairs: &[(String, String)], stdin_key: Option<&str>) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (key, _) in pairs {
        if !seen.insert(key.as_str()) {
            return Err(Error::usage(format!(
                "{key} is given twice in one `set`; only one of its values could be stored"
            ))
            .hint("give each key once"));
        }
    }
    if let Some(key) = stdin_key.filter(|k| seen.contains(k)) {
        return Err(Error::usage(format!(
            "{key} is given both as {key}=VALUE and with --stdin {key}; only one of the two values could be stored"
        ))
        .hint("give each key once: as KEY=VALUE, or with --stdin KEY"));
    }
    Ok(())
}

/// Check the number of keys in one workflow.
pub fn check_count(count: usize) -> Result<()> {
    if count > MAX_KEYS {
        return Err(Error::usage(format!(
            "the workflow would hold {count} keys; the limit is {MAX_KEYS}"
        ))
        .hint("unset keys you no longer need, or split the work into several workflows"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_reserved_name_matches_the_list() {
        for name in RESERVED_NAMES {
            assert!(is_reserved_name(name), "{name}");
            // Same first byte and length, different name.
            let mut other = name.to_string();
            other.push('X');
            assert_eq!(
                is_reserved_name(&other),
                RESERVED_NAMES.contains(&other.as_str())
            );
        }
        for name in [
            "",
            "A",
            "API_URL",
            "VAR_1",
            "BASH_FUNC",
            "path_",
            "PATH",
            &"U".repeat(70),
        ] {
            assert!(!is_reserved_name(name), "{name}");
        }
    }

    #[test]
    fn good_keys() {
        for k in [
            "A",
            "_x",
            "API_URL",
            "a1",
            "PROJECT_ROOT",
            "CLAUDE_PROJECT_DIR",
            "PATH",
        ] {
            assert!(check_key(k).is_ok(), "{k}");
        }
    }

    #[test]
    fn bad_syntax_keys() {
        for k in ["", "1A", "A-B", "A B", "A=B", "é", "A\n", "$A"] {
            let e = check_key(k).err();
            assert!(e.is_some_and(|e| e.message.contains("[A-Za-z_]")), "{k:?}");
        }
    }

    #[test]
    fn reserved_keys() {
        for k in [
            "BLOCKSTATE_WORKFLOW",
            "BASH_ENV",
            "LD_PRELOAD",
            "IFS",
            "PS4",
            "ENV",
            "BASH_FUNC_x%%",
            "BASH_FUNC_foo",
            "UID",
            "EUID",
            "PPID",
            "SHELLOPTS",
            "BASH_VERSINFO",
            "status",
            "PWD",
            "USERNAME",
            "_",
        ] {
            assert!(check_key(k).is_err(), "{k}");
        }
    }

    #[test]
    fn reserved_list_is_valid_syntax() {
        // A reserved name that could never pass the syntax check is dead
        // weight and hints at a typo.
        for k in RESERVED_NAMES {
            let ok = k.as_bytes()[0].is_ascii_alphabetic() || k.starts_with('_');
            assert!(
                ok && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{k}"
            );
        }
    }

    #[test]
    fn long_key_refused() {
        assert!(check_key(&"A".repeat(MAX_KEY_BYTES)).is_ok());
        assert!(check_key(&"A".repeat(MAX_KEY_BYTES + 1)).is_err());
    }

    #[test]
    fn values() {
        assert!(check_value("K", "").is_ok());
        assert!(check_value("K", "a'b\"c\n$(x)`y`\u{e9}").is_ok());
        assert!(check_value("K", "a\0b").is_err());
        assert!(check_value("K", &"x".repeat(MAX_VALUE_BYTES)).is_ok());
        assert!(check_value("K", &"x".repeat(MAX_VALUE_BYTES + 1)).is_err());
    }

    #[test]
    fn counts() {
        assert!(check_count(MAX_KEYS).is_ok());
        assert!(check_count(MAX_KEYS + 1).is_err());
    }
}
