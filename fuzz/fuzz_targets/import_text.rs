//! The importer's text cleaning on any text: OCR normalisation, the checks for unusual
//! characters, sentence ends and widths. Never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::import::text;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let (clean, _repairs) = text::normalize(raw);
    let _ = text::suspicious_chars(raw);
    let _ = text::suspicious_chars(&clean);
    let _ = text::ends_sentence(&clean);
    let _ = text::ends_open(&clean);
    let _ = text::width(&clean);
});
