//! Secret-looking names: their values are shown by `load`, `get` and
//! `exec` (that is what they are for), but never by `list`, messages or
//! reports unless asked with `--reveal`.
//!
//! A name is secret-looking when it matches, without regard to case, one
//! of the default patterns (`*TOKEN*`, `*SECRET*`, `*PASSWORD*`, `*_KEY`)
//! or one added by `BLOCKSTATE_SECRET_PATTERNS` / `secret_patterns`.

/// What stands in for a hidden value in `list`. Unambiguous: a real value
/// holding `<` is always printed shell-quoted.
pub const HIDDEN: &str = "<hidden>";

/// The secret patterns in force.
pub struct Secrets {
    patterns: Vec<String>,
}

impl Secrets {
    pub fn new(patterns: Vec<String>) -> Self {
        Secrets { patterns }
    }

    pub fn is_secret(&self, name: &str) -> bool {
        crate::glob::any(&self.patterns, name, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_patterns() {
        let s = Secrets::new(
            crate::config::DEFAULT_SECRET_PATTERNS
                .iter()
                .map(|p| (*p).to_owned())
                .collect(),
        );
        for name in [
            "GITHUB_TOKEN",
            "api_token",
            "DB_PASSWORD",
            "CLIENT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "OPENAI_API_KEY",
        ] {
            assert!(s.is_secret(name), "{name}");
        }
        for name in ["API_URL", "KEYBOARD", "PLAN", "MONKEY"] {
            assert!(!s.is_secret(name), "{name}");
        }
    }
}
