//! libFuzzer target: arbitrary bytes as a state file, through the same
//! parser and emitters `blockstate load` uses. Run with
//! `cargo +nightly fuzz run state_file fuzz/corpus/state_file fuzz/seeds/state_file`.
#![no_main]

use blockstate::cli::Format;
use blockstate::emit::render;
use blockstate::store::State;
use blockstate::vars::{check_key, check_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(state) = State::from_json(data, "fuzz", "fuzz") else {
        return;
    };
    for (k, v) in &state.vars {
        assert!(check_key(k).is_ok(), "accepted key {k:?}");
        assert!(check_value(k, v).is_ok(), "accepted value of {k}");
    }
    let pairs: Vec<(&str, &str)> = state
        .vars
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    for format in [Format::Sh, Format::Fish, Format::Json, Format::Github] {
        if let Err(e) = render(format, &pairs) {
            panic!("{format:?} refused a valid state: {e}");
        }
    }
    let again = state
        .to_json()
        .ok()
        .and_then(|b| State::from_json(&b, "again", "again").ok());
    assert_eq!(
        again.as_ref(),
        Some(&state),
        "written state does not read back"
    );
});
