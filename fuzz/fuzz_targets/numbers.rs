//! The number formatter on any value, and the zh/en number lint on any pair of texts.
#![no_main]

use ipreport::lint::numbers::{compare_markdown, extract_en, extract_zh, fast_path_is_sound};
use ipreport::lint::typography::check_chinese;
use ipreport::render::number::{format_number, with_unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() >= 10 {
        let value = f64::from_le_bytes(data[..8].try_into().expect("eight bytes"));
        let decimals = (data[8] < 7).then_some(data[8]);
        let text = format_number(value, decimals, data[9] & 1 == 1);
        let _ = with_unit(&text, "万件", true);
        let _ = with_unit(&text, "%", false);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The two halves, split at a `|` if there is one, as the Chinese and English texts.
    let (zh, en) = text.split_once('|').unwrap_or((text, text));
    let _ = extract_zh(zh);
    let _ = extract_en(en);
    // The fast path never hides two numbers that differ (English text is read by English
    // rules, so Chinese in it is not what the lint is for).
    if !en.chars().any(ipreport::render::is_han) {
        assert!(fast_path_is_sound(zh, en), "fast path unsound on {zh:?} / {en:?}");
    }
    for (z, e, _) in compare_markdown(zh, en) {
        assert!(z.end <= zh.len() && e.end <= en.len());
    }
    let _ = check_chinese(zh);
});
