//! Downloads of ticket attachments, for contacts and for agents. The use case decides who may
//! have a file; here it is sent as a download. The one exception is the preview of a picture on
//! the ticket page: only a file whose own bytes are a PNG, JPEG or GIF is shown inline, sandboxed.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use balie_domain::{Attachment, AttachmentId};

use crate::AppState;
use crate::error::WebError;
use crate::extract::{AgentUser, ContactUser, Path};
use crate::pages::kit::number;

/// `filename=` with only safe ASCII and `filename*=` with the whole name, percent-encoded.
fn disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._-()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

fn download(attachment: Attachment, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, attachment.content_type),
            (
                header::CONTENT_DISPOSITION,
                disposition(&attachment.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// The picture itself for the ticket page's preview; anything that is not a real picture is
/// not found here (its download link still works).
fn preview(bytes: Vec<u8>) -> Result<Response, WebError> {
    let kind = balie_domain::preview_type(&bytes).ok_or(WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_DISPOSITION, "inline"),
            (header::CACHE_CONTROL, "private, max-age=300"),
            // Whatever the bytes hold, as a page they could do nothing.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; frame-ancestors 'none'; sandbox",
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn preview_for_contact(
    State(state): State<AppState>,
    contact: ContactUser,
    Path((raw, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let bytes = state
        .app
        .attachment_preview(&contact.actor(), n, AttachmentId(id))
        .await?;
    preview(bytes)
}

pub async fn preview_for_agent(
    State(state): State<AppState>,
    agent: AgentUser,
    Path((raw, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let bytes = state
        .app
        .attachment_preview(&agent.actor(), n, AttachmentId(id))
        .await?;
    preview(bytes)
}

pub async fn for_contact(
    State(state): State<AppState>,
    contact: ContactUser,
    Path((raw, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let (attachment, bytes) = state
        .app
        .attachment(&contact.actor(), n, AttachmentId(id))
        .await?;
    Ok(download(attachment, bytes))
}

pub async fn for_agent(
    State(state): State<AppState>,
    agent: AgentUser,
    Path((raw, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let n = number(&raw)?;
    let (attachment, bytes) = state
        .app
        .attachment(&agent.actor(), n, AttachmentId(id))
        .await?;
    Ok(download(attachment, bytes))
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn download_names_cannot_break_the_header() {
        assert_eq!(
            disposition("scherm afdruk.png"),
            "attachment; filename=\"scherm afdruk.png\"; filename*=UTF-8''scherm%20afdruk.png"
        );
        let odd = disposition("é\"x.txt");
        assert!(odd.starts_with("attachment; filename=\"__x.txt\""), "{odd}");
        assert!(odd.ends_with("filename*=UTF-8''%C3%A9%22x.txt"));
    }
}
