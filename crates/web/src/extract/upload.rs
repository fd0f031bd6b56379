//! Forms that may carry files (`multipart/form-data`), with the same CSRF check as every other
//! form. A url-encoded post to the same route is read too, as a form without files; any other
//! content type is refused. Text fields are checked as every form's are (see [`super::form`]).
//! Each file is read up to the configured size; a larger one is noted, not kept, so the page can
//! say why.

use axum::extract::{FromRequest, Multipart, Request};
use balie_app::tickets::{MAX_FILES, Upload};
use balie_domain::DomainError;
use serde::de::DeserializeOwned;

use super::csrf::{check_token, cookie_token};
use super::form;
use crate::AppState;
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
        form::typed(&self.fields)
    }

    /// The files (handed over, not copied), or why they were refused.
    pub fn take_files(&mut self) -> Result<Vec<Upload>, DomainError> {
        match self.refused {
            Some(key) => Err(DomainError::on_field(key, "attachments")),
            None => Ok(std::mem::take(&mut self.files)),
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

/// The largest text field a form with files may have (a description is at most 50,000
/// characters).
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Reads the parts in order. The CSRF token must come before any file (it is the form's first
/// field), so a forged post is refused before its files are read; files beyond the limit on
/// their number or size are read past, not kept.
async fn read_multipart(
    mut multipart: Multipart,
    cookie: Option<&str>,
    max_bytes: usize,
) -> Result<CsrfUpload, WebError> {
    let mut form = CsrfUpload {
        fields: vec![],
        files: vec![],
        refused: None,
    };
    let mut checked = false;
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let limit = if file_name.is_some() {
            max_bytes
        } else {
            MAX_TEXT_BYTES
        };
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if too_large || bytes.len() + chunk.len() > limit {
                too_large = true;
                continue;
            }
            bytes.extend_from_slice(&chunk);
        }
        let Some(file_name) = file_name else {
            if too_large {
                return Err(WebError::PayloadTooLarge);
            }
            if name == "csrf" {
                check_token(cookie, std::str::from_utf8(&bytes).ok())?;
                checked = true;
            }
            // A forged post is refused as forged, whatever else is wrong with it.
            let field = form::text_field(name, bytes)
                .map_err(|e| if checked { e } else { WebError::Csrf })?;
            form.fields.push(field);
            continue;
        };
        if !checked {
            return Err(WebError::Csrf);
        }
        // A file input left empty arrives as a part without a name and without bytes.
        if file_name.is_empty() && bytes.is_empty() && !too_large {
            continue;
        }
        if too_large {
            form.refused = Some("error-attachment-too-large");
        } else if form.files.len() >= MAX_FILES {
            form.refused = form.refused.or(Some("error-attachment-too-many"));
        } else if form.refused.is_none() {
            form.files.push(Upload { file_name, bytes });
        }
    }
    if !checked {
        return Err(WebError::Csrf);
    }
    if form.refused.is_some() {
        form.files.clear();
    }
    Ok(form)
}

impl FromRequest<AppState> for CsrfUpload {
    type Rejection = WebError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let encoding = form::encoding(request.headers())?;
        let cookie = cookie_token(state, request.headers());
        let form = if encoding == form::FormEncoding::Multipart {
            let parts = Multipart::from_request(request, state)
                .await
                .map_err(|_| WebError::BadRequest)?;
            read_multipart(
                parts,
                cookie.as_deref(),
                state.app.config().attachment_max_bytes,
            )
            .await?
        } else {
            // A form without files is as small as any other form, whatever this route allows.
            let body = axum::body::to_bytes(request.into_body(), MAX_TEXT_BYTES)
                .await
                .map_err(|_| WebError::PayloadTooLarge)?;
            let token = form_urlencoded::parse(&body)
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v.into_owned());
            check_token(cookie.as_deref(), token.as_deref())?;
            CsrfUpload {
                fields: form::urlencoded_fields(&body)?,
                files: vec![],
                refused: None,
            }
        };
        Ok(form)
    }
}
