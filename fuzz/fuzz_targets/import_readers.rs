//! The importer's file readers on any bytes, chosen by the bytes as `import` would by the
//! file name: a PDF (`%PDF`), a Word file (a zip, `PK`), else text (the binary check and
//! the decoder). Never panics; stays within the readers' limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shanshui::import::{input, pdf};

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF") {
        if let Ok(read) = pdf::read(data, input::Budget::standard()) {
            assert!(read.text.len() <= input::limits::TEXT_BYTES * 4);
        }
    } else if data.starts_with(b"PK") {
        let _ = input::docx(data, input::Budget::standard());
    } else if input::not_text(data).is_none() {
        let _ = input::decode(data);
    }
});
