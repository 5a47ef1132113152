//! Files saved as GBK or UTF-16 rewritten as UTF-8, the original kept as `<name>.<enc>~`.

use std::path::Path;

use super::FixOptions;
use crate::diagnostics::{Code, Diagnostic};
use crate::encoding::{Encoding, decode};

/// The name the original of a converted file is kept under: beside it, ending in `~`, so that
/// the loader never reads it as content.
pub fn backup_name(display: &str, encoding: Encoding) -> String {
    let tag = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => "utf16",
        Encoding::Gb18030 => "gbk",
        Encoding::Utf8 | Encoding::Utf8Bom => "orig",
    };
    format!("{display}.{tag}~")
}

/// Converts one file when it is not UTF-8; says what it did.
pub fn fix(path: &Path, shown: &str, options: FixOptions) -> Result<Option<String>, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::global(Code::ReadFailed, format!("cannot read {shown}: {e}")))?;
    let Some(decoded) = decode(&bytes) else {
        return Ok(Some(
            "is not text in UTF-8, GBK or UTF-16: left as it is".to_string(),
        ));
    };
    if decoded.encoding.is_utf8() {
        return Ok(None);
    }
    let backup = backup_name(shown, decoded.encoding);
    let said = format!(
        "{} → UTF-8 (the original is kept as {backup})",
        decoded.encoding.name()
    );
    if options.dry_run {
        return Ok(Some(said));
    }
    super::replace_keeping_original(path, &backup, &bytes, &decoded.text)?;
    Ok(Some(said))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gbk_file_becomes_utf8_with_its_original_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("report.zh.md");
        let (gbk, _, _) = encoding_rs::GBK.encode("知识产权保护");
        std::fs::write(&path, &gbk).unwrap();
        let said = fix(&path, "report.zh.md", FixOptions::default())
            .unwrap()
            .unwrap();
        assert!(said.starts_with("GBK/GB18030 → UTF-8"), "{said}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "知识产权保护");
        assert_eq!(
            std::fs::read(tmp.path().join("report.zh.md.gbk~")).unwrap(),
            gbk.into_owned()
        );
        // Already UTF-8: nothing to do.
        assert_eq!(
            fix(&path, "report.zh.md", FixOptions::default()).unwrap(),
            None
        );
    }
}
