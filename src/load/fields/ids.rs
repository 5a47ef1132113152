//! Ids: what they may be made of (they become folder names and URLs), and a valid spelling to
//! suggest for an invalid one.

/// The longest id: ids become folder names, and a published site is often copied to Windows
/// machines, whose paths are limited.
pub const MAX_ID_LEN: usize = 100;

/// Whether `id` is a valid id: `[a-z0-9][a-z0-9-]*`, at most [`MAX_ID_LEN`] long, and not a
/// Windows device name (a folder `con/` or `nul/` cannot be created or copied there).
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.len() <= MAX_ID_LEN
        && !is_windows_device_name(id)
}

/// `con`, `prn`, `aux`, `nul`, `com1`–`com9` and `lpt1`–`lpt9`.
fn is_windows_device_name(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || (id.len() == 4
            && (id.starts_with("com") || id.starts_with("lpt"))
            && matches!(id.as_bytes()[3], b'1'..=b'9'))
}

/// A valid spelling close to an invalid id (`Trade Secret_1` → `trade-secret-1`).
pub fn suggest_id(id: &str) -> Option<String> {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty() && is_valid_id(&out)).then_some(out)
}

pub fn invalid_id_help(id: &str) -> String {
    if is_windows_device_name(id) {
        return format!(
            "`{id}` is a device name on Windows, where the published site may be copied: \
             choose another id, e.g. `{id}-1`"
        );
    }
    if id.len() > MAX_ID_LEN {
        return format!(
            "ids are at most {MAX_ID_LEN} characters long (this one has {}): shorten it",
            id.len()
        );
    }
    match suggest_id(id) {
        Some(s) => format!(
            "ids use lowercase ASCII letters, digits and `-`, starting with a letter or digit: \
             write `{s}`"
        ),
        None => "ids use lowercase ASCII letters, digits and `-`, starting with a letter or digit \
                 (pinyin or an English word work well)"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_rules() {
        assert!(is_valid_id("decision-2022"));
        assert!(is_valid_id("01-coordination"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Trade_Secret"));
        assert!(!is_valid_id(""));
        for bad in [
            "..", "a/b", "a\\b", "/etc", "a\0b", "con", "nul", "com1", "lpt9",
        ] {
            assert!(!is_valid_id(bad), "{bad:?}");
            assert!(!invalid_id_help(bad).is_empty());
        }
        assert!(is_valid_id("com10") && is_valid_id("console") && is_valid_id("com"));
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
        assert!(invalid_id_help(&"a".repeat(MAX_ID_LEN + 1)).contains("at most"));
        assert!(invalid_id_help("con").contains("Windows"));
        assert_eq!(
            suggest_id("Trade Secret_1").as_deref(),
            Some("trade-secret-1")
        );
        assert_eq!(suggest_id("知识产权"), None);
    }
}
