//! Text for the terminal: control characters made visible.
//!
//! File names and texts come from many hands; an escape sequence in one (a file named
//! `\x1b]0;…`, a pasted control code) must not clear the editor's screen, retitle the window
//! or hide the lines after it. Each control character is shown as its Unicode "control
//! picture" (`␛` for ESC), one character for one, so that carets under a line stay aligned.

use std::borrow::Cow;
use std::ops::Range;

/// What `c` is shown as, if it must not reach the terminal as it is.
fn picture(c: char) -> Option<char> {
    match c {
        '\t' | '\n' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls, and the bidirectional overrides that reorder what follows them.
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every control character made visible.
pub fn visible(text: &str) -> Cow<'_, str> {
    visible_with(text, 0..0).0
}

/// Like [`visible`], also moving the byte range `range` of `text` to where it lies in the
/// result.
pub fn visible_with(text: &str, range: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    if !text.chars().any(|c| picture(c).is_some()) {
        return (Cow::Borrowed(text), range);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let (mut start, mut end) = (range.start, range.end);
    for (at, c) in text.char_indices() {
        if at == range.start {
            start = out.len();
        }
        if at == range.end {
            end = out.len();
        }
        out.push(picture(c).unwrap_or(c));
    }
    if range.start >= text.len() {
        start = out.len() - (text.len() - range.start.min(text.len()));
    }
    if range.end >= text.len() {
        end = out.len() - (text.len() - range.end.min(text.len()));
    }
    (Cow::Owned(out), start..end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(visible("plain 中文\tand tabs"), "plain 中文\tand tabs");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(visible("x\u{7f}\u{202e}y\r"), "x\u{2421}\u{fffd}y\u{240d}");
    }

    #[test]
    fn ranges_follow_the_text() {
        let text = "\u{1b}ab";
        let (shown, range) = visible_with(text, 1..3);
        assert_eq!(&shown[range], "ab");
        let (shown, range) = visible_with(text, 3..3);
        assert_eq!(range, shown.len()..shown.len());
        let (shown, range) = visible_with("ab\u{1b}", 0..3);
        assert_eq!(&shown[range], "ab\u{241b}");
    }
}
