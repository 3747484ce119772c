//! Commit messages in the encoding their commit declares. A commit made with
//! `i18n.commitEncoding = ISO-8859-1` (or any other) carries an `encoding` header, and
//! `git log` decodes its message with it; without one a message is UTF-8. Bytes that do
//! not decode become U+FFFD, as `git log` would print them as they are.

use git2::Commit;
use std::borrow::Cow;

/// The commit's message as text, decoded with its `encoding` header (borrowed when it is
/// UTF-8 already, as almost every message is).
pub fn message<'c>(commit: &'c Commit) -> Cow<'c, str> {
    let label = commit.message_encoding().ok().flatten();
    decode(commit.message_bytes(), label)
}

/// Bytes in the encoding `label` names (UTF-8 when none, or when the label is unknown).
pub fn decode<'b>(bytes: &'b [u8], label: Option<&str>) -> Cow<'b, str> {
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    if encoding == encoding_rs::UTF_8 {
        return String::from_utf8_lossy(bytes);
    }
    encoding.decode(bytes).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_by_its_label() {
        assert_eq!(
            decode(b"Caf\xe9 cr\xe8me", Some("ISO-8859-1")),
            "Café crème"
        );
        assert_eq!(decode(b"Caf\xe9", Some("latin1")), "Café");
        assert_eq!(decode("Café".as_bytes(), None), "Café");
        // Unknown labels are read as UTF-8, lossily, rather than guessed.
        assert_eq!(decode(b"Caf\xe9", Some("x-no-such")), "Caf\u{fffd}");
        assert_eq!(decode(b"\x93\xfa\x96{", Some("Shift_JIS")), "日本");
    }
}
