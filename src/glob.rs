//! Glob patterns over variable names (`*` any run, `?` one character), for
//! the capture ignore list and the secret patterns.

/// Whether `name` matches `pattern`. `fold_case` compares ASCII letters
/// without regard to case (names are ASCII).
pub fn matches(pattern: &str, name: &str, fold_case: bool) -> bool {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    let same = |a: u8, b: u8| {
        if fold_case {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    // Iterative matching with one back-tracking point: linear in practice,
    // never exponential.
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some(b'*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == b'?' || same(c, n[ni]) => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == b'*')
}

/// Whether `name` matches any of `patterns`.
pub fn any(patterns: &[String], name: &str, fold_case: bool) -> bool {
    patterns.iter().any(|p| matches(p, name, fold_case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        for (p, n, want) in [
            ("*TOKEN*", "GITHUB_TOKEN", true),
            ("*TOKEN*", "TOKEN", true),
            ("*TOKEN*", "TOKENS_USED", true),
            ("*TOKEN*", "TOKE", false),
            ("*_KEY", "API_KEY", true),
            ("*_KEY", "API_KEYS", false),
            ("*_KEY", "KEY", false),
            ("AWS_*", "AWS_REGION", true),
            ("AWS_*", "XAWS_REGION", false),
            ("A?C", "ABC", true),
            ("A?C", "AC", false),
            ("*", "", true),
            ("", "", true),
            ("", "A", false),
            ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("TMP", "TMP", true),
        ] {
            assert_eq!(matches(p, n, false), want, "{p} {n}");
        }
        assert!(matches("*token*", "GITHUB_TOKEN", true));
        assert!(!matches("*token*", "GITHUB_TOKEN", false));
    }
}
