//! Text in the encodings Chinese offices' files come in: UTF-8 (with or without a byte-order
//! mark), UTF-16 (what Excel's "Unicode text" and some Windows tools write) and GBK/GB18030
//! (what Word's "plain text", old editors and many exports write). Detected in that order:
//! a byte-order mark first, then strict UTF-8, then UTF-16 without a mark (every other byte
//! zero), then GB18030, which must decode without a single bad sequence.

/// An encoding a text file was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    /// How the encoding is called in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with a byte-order mark",
            Encoding::Utf16Le => "UTF-16 (little-endian)",
            Encoding::Utf16Be => "UTF-16 (big-endian)",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }

    /// Whether files in this encoding are what ipreport writes and reads as they are.
    pub fn is_utf8(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Utf8Bom)
    }
}

/// A decoded text and the encoding it was in.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Whether `bytes` look like UTF-16 without a byte-order mark: at least a third of the
/// bytes at one parity are zero, and none at the other (ASCII and Chinese text alike).
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let half = sample.len() / 2;
    if odd * 3 >= half && even == 0 {
        Some(Encoding::Utf16Le)
    } else if even * 3 >= half && odd == 0 {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_as(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// Decodes `bytes` in the first encoding that fits (see the module documentation); `None`
/// when none does (a binary file).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let decoded = |text: String, encoding| Decoded { text, encoding };
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return std::str::from_utf8(rest)
            .ok()
            .map(|t| decoded(t.to_string(), Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return decode_as(rest, encoding_rs::UTF_16LE).map(|t| decoded(t, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return decode_as(rest, encoding_rs::UTF_16BE).map(|t| decoded(t, Encoding::Utf16Be));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(decoded(text.to_string(), Encoding::Utf8));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        let coder = match encoding {
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            _ => encoding_rs::UTF_16BE,
        };
        if let Some(text) = decode_as(bytes, coder) {
            return Some(decoded(text, encoding));
        }
    }
    decode_as(bytes, encoding_rs::GB18030)
        // Control characters other than white space mean a binary file, not GBK text.
        .filter(|t| !t.chars().any(|c| c.is_control() && !c.is_whitespace()))
        .map(|t| decoded(t, Encoding::Gb18030))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xfe, 0xff]
            } else {
                [0xff, 0xfe]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn every_encoding_is_found_and_named() {
        let text = "指标,数值\n有效发明专利拥有量,48715\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let cases: Vec<(Vec<u8>, Encoding)> = vec![
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (
                [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(),
                Encoding::Utf8Bom,
            ),
            (utf16(text, false, true), Encoding::Utf16Le),
            (utf16(text, true, true), Encoding::Utf16Be),
            (utf16(text, false, false), Encoding::Utf16Le),
            (gbk.into_owned(), Encoding::Gb18030),
        ];
        for (bytes, encoding) in cases {
            let found = decode(&bytes).expect("decodes");
            assert_eq!(found.encoding, encoding);
            assert_eq!(found.text, text, "{}", encoding.name());
        }
    }

    #[test]
    fn binary_files_are_not_text() {
        assert!(
            decode(&[
                0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0xff
            ])
            .is_none()
        );
    }
}
