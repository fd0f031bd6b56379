//! Forms that may carry files (`multipart/form-data`), with the same CSRF check as every other
//! form. A url-encoded post to the same route is read too, as a form without files. Each file is
//! read up to the configured size; a larger one is noted, not kept, so the page can say why.

use axum::extract::{FromRequest, Multipart, Request};
use balie_app::tickets::Upload;
use balie_domain::DomainError;
use serde::de::DeserializeOwned;

use super::csrf::check_token;
use crate::AppState;
use crate::cookies::Cookie;
use crate::error::WebError;

/// The fields and files of a form whose `csrf` field matched the cookie.
pub struct CsrfUpload {
    pub fields: Vec<(String, String)>,
    files: Vec<Upload>,
    /// A file was larger than the limit (or there were too many to read).
    refused: Option<&'static str>,
}

impl CsrfUpload {
    /// The text fields read into `T`, as a url-encoded form would be.
    pub fn form<T: DeserializeOwned>(&self) -> Result<T, WebError> {
        let encoded =
            serde_urlencoded::to_string(&self.fields).map_err(|_| WebError::BadRequest)?;
        serde_urlencoded::from_str(&encoded).map_err(|_| WebError::BadRequest)
    }

    /// The files, or why they were refused.
    pub fn files(&self) -> Result<Vec<Upload>, DomainError> {
        match self.refused {
            Some(key) => Err(DomainError::on_field(key, "attachments")),
            None => Ok(self.files.clone()),
        }
    }
}

fn unreadable(e: axum::extract::multipart::MultipartError) -> WebError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        WebError::PayloadTooLarge
    } else {
        WebError::BadRequest
    }
}

async fn read_multipart(
    mut multipart: Multipart,
    max_bytes: usize,
) -> Result<CsrfUpload, WebError> {
    let mut form = CsrfUpload {
        fields: vec![],
        files: vec![],
        refused: None,
    };
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        let Some(file_name) = field.file_name().map(str::to_string) else {
            let value = field.text().await.map_err(unreadable)?;
            form.fields.push((name, value));
            continue;
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > max_bytes {
                form.refused = Some("error-attachment-too-large");
                bytes.clear();
                // Read on to the end of the file without keeping it.
                while field.chunk().await.map_err(unreadable)?.is_some() {}
                break;
            }
            bytes.extend_from_slice(&chunk);
        }
        // A file input left empty arrives as a part without a name and without bytes.
        if file_name.is_empty() && bytes.is_empty() {
            continue;
        }
        if form.refused.is_none() {
            form.files.push(Upload { file_name, bytes });
        }
    }
    Ok(form)
}

impl FromRequest<AppState> for CsrfUpload {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let cookie = state
            .web
            .cookies
            .read(request.headers(), Cookie::Csrf)
            .filter(|t| balie_app::secret::looks_like_token(t));
        let multipart = request
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        let form = if multipart {
            let parts = Multipart::from_request(request, state)
                .await
                .map_err(|_| WebError::BadRequest)?;
            read_multipart(parts, state.app.config.attachment_max_bytes).await?
        } else {
            let super::CsrfForm(fields) =
                super::CsrfForm::<Vec<(String, String)>>::from_request(request, state).await?;
            return Ok(CsrfUpload {
                fields,
                files: vec![],
                refused: None,
            });
        };
        let field = form
            .fields
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        check_token(cookie.as_deref(), field)?;
        Ok(form)
    }
}
