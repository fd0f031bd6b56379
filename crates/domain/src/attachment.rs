//! Files attached to a ticket's messages: the name people see, kept safe for a download header
//! and a file system, and the type a browser is told (only a few harmless ones are shown inline
//! by type; everything is downloaded).

use crate::DomainError;

/// A stored attachment; its bytes live in blob storage under `blob_key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: crate::AttachmentId,
    pub ticket: crate::TicketId,
    /// The message it came with; an internal note's files are internal too.
    pub comment: crate::CommentId,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub blob_key: String,
    pub created_at: crate::Timestamp,
}

/// An attachment to store with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub blob_key: String,
}

const MAX_NAME: usize = 150;

/// The name of an uploaded file as it is kept: without folders, control characters, quotes or
/// characters that file systems refuse, and at most 150 characters (the extension kept).
pub fn clean_file_name(raw: &str) -> Result<String, DomainError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| match c {
            c if c.is_control() => '_',
            // Invisible marks that reorder or hide text ("factuur\u{202E}fdp.exe" would read as
            // a PDF) are dropped to a visible mark too.
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => '_',
            '"' | '<' | '>' | ':' | '|' | '?' | '*' | ';' => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return Err(DomainError::on_field(
            "error-attachment-name",
            "attachments",
        ));
    }
    if cleaned.chars().count() <= MAX_NAME {
        return Ok(cleaned.to_string());
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 10 => (stem, format!(".{ext}")),
        _ => (cleaned, String::new()),
    };
    let keep = MAX_NAME - ext.chars().count();
    Ok(stem.chars().take(keep).collect::<String>() + &ext)
}

/// The type a download is served with, decided by the name's extension from a short list;
/// anything else is plain bytes. What the uploader's browser claimed is never trusted.
pub fn content_type_for(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "pdf" => "application/pdf",
        "txt" | "log" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The type a file is kept with: by its name, except that a name saying "picture" over bytes
/// that are not one is kept as plain bytes, so it is never offered as a picture.
pub fn stored_type(file_name: &str, bytes: &[u8]) -> &'static str {
    let named = content_type_for(file_name);
    if is_previewable(named) && preview_type(bytes) != Some(named) {
        "application/octet-stream"
    } else {
        named
    }
}

/// Whether a file with this stored type may be shown as a picture on the ticket page.
pub fn is_previewable(content_type: &str) -> bool {
    matches!(content_type, "image/png" | "image/jpeg" | "image/gif")
}

/// The picture type of `bytes` when they really are a PNG, JPEG or GIF, read from the file's
/// own first bytes. Only such files are ever shown inline: never SVG (which can carry script),
/// never a file whose name merely says ".png".
pub fn preview_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_pictures_are_shown_inline() {
        assert_eq!(preview_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(preview_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(preview_type(b"GIF89a..."), Some("image/gif"));
        assert_eq!(
            preview_type(b"<svg xmlns='http://www.w3.org/2000/svg'>"),
            None
        );
        assert_eq!(preview_type(b"<html><script>"), None);
        assert_eq!(preview_type(b""), None);
        assert!(is_previewable("image/png") && !is_previewable("application/pdf"));
        assert_eq!(
            stored_type("scherm.png", b"\x89PNG\r\n\x1a\n.."),
            "image/png"
        );
        assert_eq!(
            stored_type("nep.png", b"<html>"),
            "application/octet-stream"
        );
        assert_eq!(
            stored_type("foto.jpg", b"\x89PNG\r\n\x1a\n"),
            "application/octet-stream"
        );
        assert_eq!(
            stored_type("notities.txt", b"tekst"),
            "text/plain; charset=utf-8"
        );
    }

    #[test]
    fn file_names_lose_folders_and_dangerous_characters() {
        assert_eq!(
            clean_file_name("C:\\Users\\piet\\scherm.png").unwrap(),
            "scherm.png"
        );
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(clean_file_name("a\"b\r\nc.txt").unwrap(), "a_b__c.txt");
        assert_eq!(clean_file_name(".htaccess").unwrap(), "htaccess");
        assert_eq!(
            clean_file_name("factuur\u{202E}fdp.exe").unwrap(),
            "factuur_fdp.exe"
        );
        for bad in ["", "   ", "/", "dir/", "..."] {
            assert!(clean_file_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "x".repeat(400));
        let kept = clean_file_name(&long).unwrap();
        assert_eq!(kept.chars().count(), 150);
        assert!(kept.ends_with(".pdf"));
    }

    #[test]
    fn the_served_type_follows_the_extension_only() {
        assert_eq!(content_type_for("Scherm.PNG"), "image/png");
        assert_eq!(content_type_for("page.html"), "application/octet-stream");
        assert_eq!(content_type_for("image.svg"), "application/octet-stream");
        assert_eq!(
            content_type_for("geen-extensie"),
            "application/octet-stream"
        );
    }
}
