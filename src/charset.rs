//! The character set the shell decodes its input in, and which byte
//! strings survive that decoding exactly.
//!
//! Why the emitter needs this: bash, zsh, ksh93, yash and fish read a
//! script as characters of the locale's charset (`LC_CTYPE`), not as bytes.
//! A value is UTF-8, but the shell may decode it as GB18030, Big5, Shift-JIS
//! and so on, where its bytes do not split into the same characters:
//!
//! - bash asks `mbrlen` where each character ends and treats a quote as
//!   syntax only if it ends a character. glibc's GB18030 decoder answers
//!   "incomplete" for a lead byte, a digit and *any* third byte (it checks
//!   the third byte only once the fourth arrives), so for `A='第1'` (UTF-8
//!   `e7 ac ac 31`) the bytes `ac 31`, the closing `'` and the newline are
//!   one "character": the quote is swallowed and the next value runs as
//!   code. EUC-TW does the same after `8e a1`..`8e b0`; in GBK, Big5 and
//!   Shift-JIS a backslash or a backquote can be the second byte of a
//!   character.
//! - yash and fish keep values as wide characters: bytes that are not valid
//!   in the charset are lost (yash) or, when several are decoded as one
//!   character and encoded back, changed (fish in Big5-HKSCS, whose glibc
//!   decoder composes and whose encoder buffers).
//!
//! Both problems vanish for a value that decodes, from the initial state,
//! into complete characters that encode back to the very same bytes, with
//! the converter back in its initial state after each one: every quote the
//! emitter writes after it then starts a character of its own, and a shell
//! that stores characters gives the same bytes back. [`Charset::round_trips`]
//! checks exactly that with the C library's own converters (`mbrtowc`,
//! `wcrtomb`) for the locale the shell will use. Values that fail the check
//! are written with ASCII-only escapes instead (see `emit`).

use std::ffi::{CStr, CString};
use std::mem::MaybeUninit;

unsafe extern "C" {
    fn mbrtowc(
        pwc: *mut libc::wchar_t,
        s: *const libc::c_char,
        n: libc::size_t,
        ps: *mut libc::mbstate_t,
    ) -> libc::size_t;
    fn wcrtomb(s: *mut libc::c_char, wc: libc::wchar_t, ps: *mut libc::mbstate_t) -> libc::size_t;
    fn mbsinit(ps: *const libc::mbstate_t) -> libc::c_int;
}

/// Longest multibyte character glibc writes (`MB_LEN_MAX`).
const MB_LEN_MAX: usize = 16;

/// The `LC_CTYPE` part of one locale, opened with `newlocale`.
pub struct Charset {
    /// The locale name as the environment gave it (`LC_ALL`, `LC_CTYPE` or
    /// `LANG`), for messages.
    locale: String,
    /// `nl_langinfo(CODESET)`, e.g. `GB18030`, `UTF-8`, `ANSI_X3.4-1968`.
    codeset: String,
    /// Every ASCII byte reads, alone and without leaving state behind, as
    /// a character that encodes back to it. Not so in TCVN5712-1, whose
    /// glibc converter holds a letter back to compose it with what
    /// follows: there bash puts stray bytes into values and can crash.
    ascii_plain: bool,
    handle: libc::locale_t,
}

impl Charset {
    /// Open `locale` as a shell would (`setlocale(LC_CTYPE, "")` with the
    /// same environment). A locale that does not exist leaves the shell in
    /// the C locale, and so it does here.
    pub fn open(locale: &str) -> Charset {
        let name = if locale.is_empty() { "C" } else { locale };
        let handle = CString::new(name)
            .ok()
            .map(|c| unsafe {
                libc::newlocale(libc::LC_CTYPE_MASK, c.as_ptr(), std::ptr::null_mut())
            })
            .filter(|h| !h.is_null())
            .or_else(|| {
                let h = unsafe {
                    libc::newlocale(libc::LC_CTYPE_MASK, c"C".as_ptr(), std::ptr::null_mut())
                };
                (!h.is_null()).then_some(h)
            })
            .unwrap_or(std::ptr::null_mut());
        let mut charset = Charset {
            locale: name.to_owned(),
            codeset: String::from("ANSI_X3.4-1968"),
            ascii_plain: true,
            handle,
        };
        // nl_langinfo under uselocale, not nl_langinfo_l: in a statically
        // linked glibc the latter reports the C locale's codeset.
        if let Some(codeset) = charset.with(|| {
            let p = unsafe { libc::nl_langinfo(libc::CODESET) };
            (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
        }) {
            charset.codeset = codeset;
        }
        if !charset.is_utf8() {
            charset.ascii_plain = charset.with(|| {
                (1u8..0x80).all(|b| {
                    let one = [b];
                    let mut dec = zeroed_state();
                    let mut enc = zeroed_state();
                    let mut wc: libc::wchar_t = 0;
                    let n = unsafe { mbrtowc(&mut wc, one.as_ptr().cast(), 1, dec.as_mut_ptr()) };
                    n == 1
                        && unsafe { mbsinit(dec.as_ptr()) } != 0
                        && encodes_back(wc, &one, &mut enc)
                })
            });
        }
        charset
    }

    /// See the field: in a charset where ASCII is not plain no shell can be
    /// given other bytes exactly, and `load` refuses such values.
    pub fn reads_ascii_plainly(&self) -> bool {
        self.ascii_plain
    }

    /// Whether every ASCII byte of `bytes` encodes back from the ASCII code
    /// point: fish reads ASCII bytes as ASCII whatever the charset, and
    /// writes them back through the charset's encoder, which in JOHAB has
    /// no byte for U+005C (its 0x5C is WON SIGN), so a backslash vanished.
    pub fn ascii_encodes_back(&self, bytes: &[u8]) -> bool {
        if self.is_utf8() {
            return true;
        }
        self.with(|| {
            let mut seen = [false; 128];
            bytes.iter().filter(|b| b.is_ascii() && **b != 0).all(|&b| {
                let slot = &mut seen[usize::from(b)];
                if *slot {
                    return true;
                }
                *slot = true;
                let mut enc = zeroed_state();
                encodes_back(libc::wchar_t::from(b), &[b], &mut enc)
            })
        })
    }

    /// The locale name and its charset, for messages: `zh_CN.GB18030
    /// (charset GB18030)`.
    pub fn describe(&self) -> String {
        format!("{} (charset {})", self.locale, self.codeset)
    }

    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// UTF-8: every value (always valid UTF-8) decodes into itself.
    pub fn is_utf8(&self) -> bool {
        let c = self.codeset.to_ascii_uppercase();
        c == "UTF-8" || c == "UTF8"
    }

    /// Whether `bytes`, decoded from the initial state, are complete
    /// characters each of which encodes back to the same bytes, leaving
    /// both converters in their initial state. See the module comment.
    pub fn round_trips(&self, bytes: &[u8]) -> bool {
        if bytes.is_ascii() || self.is_utf8() {
            return true;
        }
        if !self.ascii_plain {
            return false;
        }
        self.with(|| {
            let mut dec = zeroed_state();
            let mut enc = zeroed_state();
            let mut i = 0;
            while i < bytes.len() {
                let rest = &bytes[i..];
                let mut wc: libc::wchar_t = 0;
                let n =
                    unsafe { mbrtowc(&mut wc, rest.as_ptr().cast(), rest.len(), dec.as_mut_ptr()) };
                // 0 (a NUL), (size_t)-1 (invalid), -2 (incomplete) and -3
                // (a character produced from state alone) all disqualify.
                if n == 0 || n > rest.len() || unsafe { mbsinit(dec.as_ptr()) } == 0 {
                    return false;
                }
                if !encodes_back(wc, &rest[..n], &mut enc) {
                    return false;
                }
                i += n;
            }
            true
        })
    }

    /// Whether fish, given each non-ASCII byte of `bytes` as its own `\xHH`
    /// escape, gets it back exactly: fish decodes each such byte alone, and
    /// keeps one that is not a character as a raw byte; one that is must
    /// encode back to itself without leaving the encoder in a state that
    /// could change the next character.
    pub fn bytes_round_trip_alone(&self, bytes: &[u8]) -> bool {
        if self.is_utf8() {
            return true;
        }
        self.with(|| {
            let mut seen = [false; 128];
            for &b in bytes.iter().filter(|b| !b.is_ascii()) {
                let slot = &mut seen[usize::from(b - 0x80)];
                if *slot {
                    continue;
                }
                *slot = true;
                let mut dec = zeroed_state();
                let mut wc: libc::wchar_t = 0;
                let one = [b];
                let n = unsafe { mbrtowc(&mut wc, one.as_ptr().cast(), 1, dec.as_mut_ptr()) };
                if n == usize::MAX || n == usize::MAX - 1 {
                    // Not a character by itself: fish keeps the raw byte.
                    continue;
                }
                let mut enc = zeroed_state();
                if n != 1 || !encodes_back(wc, &one, &mut enc) {
                    return false;
                }
            }
            true
        })
    }

    /// Run `f` with this locale as the thread's locale.
    fn with<T>(&self, f: impl FnOnce() -> T) -> T {
        if self.handle.is_null() {
            return f();
        }
        let old = unsafe { libc::uselocale(self.handle) };
        let out = f();
        unsafe { libc::uselocale(old) };
        out
    }
}

impl Drop for Charset {
    fn drop(&mut self) {
        if !self.handle.is_null() {
            unsafe { libc::freelocale(self.handle) };
        }
    }
}

/// Whether `wc` encodes to exactly `want` with `enc` back in its initial
/// state, and is no code point fish reserves for its own use (its raw-byte
/// stand-ins U+F600..U+F6FF and its internal markers U+FDD0..U+FDEF).
fn encodes_back(wc: libc::wchar_t, want: &[u8], enc: &mut MaybeUninit<libc::mbstate_t>) -> bool {
    if (0xF600..=0xF6FF).contains(&wc) || (0xFDD0..=0xFDEF).contains(&wc) {
        return false;
    }
    let mut buf = [0u8; MB_LEN_MAX];
    let m = unsafe { wcrtomb(buf.as_mut_ptr().cast(), wc, enc.as_mut_ptr()) };
    m <= MB_LEN_MAX && buf[..m] == *want && unsafe { mbsinit(enc.as_ptr()) } != 0
}

fn zeroed_state() -> MaybeUninit<libc::mbstate_t> {
    MaybeUninit::zeroed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_ascii_need_no_check() {
        let c = Charset::open("C.UTF-8");
        assert!(c.is_utf8(), "{}", c.describe());
        assert!(c.round_trips("第1'".as_bytes()));
        let c = Charset::open("C");
        assert!(!c.is_utf8());
        assert!(c.round_trips(b"plain 'ascii' \\"));
        // Bytes above 0x7f are no characters in the C locale.
        assert!(!c.round_trips("é".as_bytes()));
        assert!(c.bytes_round_trip_alone("é".as_bytes()));
    }

    #[test]
    fn a_missing_locale_is_the_c_locale() {
        let c = Charset::open("xx_XX.NO-SUCH-CHARSET");
        assert!(c.describe().starts_with("xx_XX.NO-SUCH-CHARSET"));
        assert!(!c.is_utf8());
        assert!(!c.round_trips("é".as_bytes()));
    }
}
