//! Time: the clock, UTC formatting and duration parsing.
//!
//! Timestamps in state files are whole Unix seconds, which are unambiguous
//! and cheap to compare; they are formatted as RFC 3339 only for display.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::{Error, Result};

/// Seconds since the Unix epoch.
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// (year, month, day, hour, minute, second) in UTC.
/// Howard Hinnant's days-to-civil algorithm, valid for every u64 second we
/// can meet in practice.
pub fn civil_from_unix(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        ((rem % 3600) / 60) as u32,
        (rem % 60) as u32,
    )
}

/// `2026-11-21T05:51:06Z`
pub fn rfc3339(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// A duration for messages: `5s`, or `1500ms` when not whole seconds.
pub fn human_ms(ms: u128) -> String {
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}

/// Parse a duration such as `90m`, `24h`, `7d`, `1h30m`, `500ms` or a bare
/// number of seconds. Units: ms, s, m, h, d, w. Returns milliseconds.
pub fn parse_duration_ms(raw: &str) -> Result<u64> {
    let bad = || {
        Error::usage(format!(
            "invalid duration {}: expected a number with a unit, like 30s, 90m, 24h, 7d or 1h30m",
            crate::workflow::shown(raw)
        ))
        .hint("units are ms, s, m, h, d and w; a bare number means seconds")
    };
    let s = raw.trim();
    if s.is_empty() {
        return Err(bad());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .parse::<u64>()
            .ok()
            .and_then(|n| n.checked_mul(1000))
            .ok_or_else(bad);
    }
    let mut total: u64 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let factor: u64 = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "w" => 604_800_000,
            _ => return Err(bad()),
        };
        rest = &rest[unit_len..];
        total = n
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    Ok(total)
}

/// Like [`parse_duration_ms`], for settings that count whole seconds (TTLs).
/// Rounds up so that `500ms` does not become "expire immediately".
pub fn parse_duration_secs(raw: &str) -> Result<u64> {
    let ms = parse_duration_ms(raw)?;
    if ms == 0 {
        return Err(
            Error::usage(format!("duration {} is zero", crate::workflow::shown(raw)))
                .hint("give a positive duration such as 90m or 24h"),
        );
    }
    Ok(ms.div_ceil(1000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_240_266), "2026-11-21T05:51:06Z");
    }

    #[test]
    fn human_ms_prefers_seconds() {
        assert_eq!(human_ms(10_000), "10s");
        assert_eq!(human_ms(1500), "1500ms");
    }

    #[test]
    fn parses_durations() {
        let ok = |s: &str| parse_duration_ms(s).ok();
        assert_eq!(ok("90m"), Some(5_400_000));
        assert_eq!(ok("24h"), Some(86_400_000));
        assert_eq!(ok("7d"), Some(604_800_000));
        assert_eq!(ok("1h30m"), Some(5_400_000));
        assert_eq!(ok("500ms"), Some(500));
        assert_eq!(ok("2w"), Some(1_209_600_000));
        assert_eq!(ok("5"), Some(5000));
        assert_eq!(ok(" 5s "), Some(5000));
    }

    #[test]
    fn refuses_malformed_durations() {
        for s in [
            "",
            "m",
            "5x",
            "5 m",
            "-5m",
            "1.5h",
            "h5",
            "99999999999999999999d",
            "5mm",
        ] {
            assert!(parse_duration_ms(s).is_err(), "{s:?}");
        }
        assert!(parse_duration_secs("0s").is_err());
        assert_eq!(parse_duration_secs("1ms").ok(), Some(1));
    }
}
