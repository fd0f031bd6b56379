//! How a posted form becomes fields: only a form's own content types are read, every name and
//! value must be UTF-8, and every value must be text (no NUL or other control characters; see
//! `balie_domain::text`). A refused value is named by its field, so the person is told which
//! field to fix, and nothing of the form reaches a handler.

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use balie_domain::text::{TEXT_REFUSED_KEY, check_text};
use serde::de::DeserializeOwned;

use crate::error::WebError;

/// The two ways a browser posts a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormEncoding {
    UrlEncoded,
    Multipart,
}

/// The form's encoding from its `Content-Type`; anything else (`text/plain`, JSON, none) is
/// refused with 415 before its body is read.
pub(crate) fn encoding(headers: &HeaderMap) -> Result<FormEncoding, WebError> {
    let essence = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    match essence.as_deref() {
        Some("application/x-www-form-urlencoded") => Ok(FormEncoding::UrlEncoded),
        Some("multipart/form-data") => Ok(FormEncoding::Multipart),
        _ => Err(WebError::UnsupportedMediaType),
    }
}

/// The refusal of `field`'s value.
pub(crate) fn refused(field: &str) -> WebError {
    WebError::TextRefused {
        field: field.to_string(),
    }
}

/// One field as read from the wire: its value must be UTF-8 and text.
pub(crate) fn text_field(name: String, value: Vec<u8>) -> Result<(String, String), WebError> {
    let Ok(value) = String::from_utf8(value) else {
        return Err(refused(&name));
    };
    check_text(&value).map_err(|_| refused(&name))?;
    Ok((name, value))
}

/// Decodes one `application/x-www-form-urlencoded` component strictly: `+` is a space, `%XX` a
/// byte, and the bytes must be UTF-8 (a browser sends nothing else; a lossy decoding would
/// store U+FFFD in place of what was meant).
fn decode(component: &[u8]) -> Vec<u8> {
    let plus_as_space: Vec<u8> = component
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_encoding::percent_decode(&plus_as_space).collect()
}

/// The fields of a url-encoded body, in order, each checked by [`text_field`].
pub(crate) fn urlencoded_fields(body: &[u8]) -> Result<Vec<(String, String)>, WebError> {
    let mut fields = vec![];
    for pair in body.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[..0]),
        };
        let name = String::from_utf8(decode(name)).map_err(|_| WebError::BadRequest)?;
        fields.push(text_field(name, decode(value))?);
    }
    Ok(fields)
}

/// Reads checked fields into the form's type. Its text fields are `Line` or `Text`; when one
/// refuses its value, the field is named by its path in the form (or, for a form that reads its
/// own fields, in the message after the key: `error-text-refused:subject`).
pub(crate) fn typed<T: DeserializeOwned>(fields: &[(String, String)]) -> Result<T, WebError> {
    let encoded = serde_urlencoded::to_string(fields).map_err(|_| WebError::BadRequest)?;
    let reader = serde_urlencoded::Deserializer::new(form_urlencoded::parse(encoded.as_bytes()));
    serde_path_to_error::deserialize(reader).map_err(|e| {
        let message = e.inner().to_string();
        match message.strip_prefix(TEXT_REFUSED_KEY) {
            Some("") => refused(&e.path().to_string()),
            Some(named) => refused(named.trim_start_matches(':')),
            None => WebError::BadRequest,
        }
    })
}

/// The message a form type that reads its own fields gives for a refused `field`.
pub(crate) fn refusal_message(field: &str) -> String {
    format!("{TEXT_REFUSED_KEY}:{field}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use balie_domain::{Line, Text};

    #[derive(serde::Deserialize, Debug)]
    struct Sample {
        subject: Line,
        #[serde(default)]
        body: Text,
    }

    fn field_of(e: WebError) -> String {
        match e {
            WebError::TextRefused { field } => field,
            other => format!("not refused: {other:?}"),
        }
    }

    #[test]
    fn url_encoded_values_are_decoded_strictly() {
        let fields = urlencoded_fields(b"csrf=abc&subject=Zo%C3%AB+en+%26&empty=&flag").unwrap();
        assert_eq!(
            fields,
            [
                ("csrf".to_string(), "abc".to_string()),
                ("subject".into(), "Zoë en &".into()),
                ("empty".into(), String::new()),
                ("flag".into(), String::new()),
            ]
        );
        let raw_bytes = b"first_name=\xff\xfe&last_name=J";
        assert_eq!(
            field_of(urlencoded_fields(raw_bytes).unwrap_err()),
            "first_name"
        );
        assert_eq!(field_of(urlencoded_fields(b"x=%FF%FE").unwrap_err()), "x");
        assert_eq!(
            field_of(urlencoded_fields(b"body=a%00b").unwrap_err()),
            "body"
        );
        assert!(urlencoded_fields(b"body=a%0D%0Ab%09c").is_ok());
    }

    #[test]
    fn a_refused_typed_field_is_named() {
        let ok: Sample = typed(&[
            ("subject".into(), "Printer".into()),
            ("body".into(), "a\r\nb".into()),
        ])
        .unwrap();
        assert_eq!((ok.subject.as_str(), ok.body.as_str()), ("Printer", "a\nb"));
        let e = typed::<Sample>(&[("subject".into(), "a\nb".into())]).unwrap_err();
        assert_eq!(field_of(e), "subject");
        assert!(matches!(
            typed::<Sample>(&[("body".into(), "x".into())]),
            Err(WebError::BadRequest)
        ));
    }

    #[test]
    fn only_form_content_types_are_read() {
        let mut headers = HeaderMap::new();
        assert!(matches!(
            encoding(&headers),
            Err(WebError::UnsupportedMediaType)
        ));
        for (ct, expected) in [
            (
                "application/x-www-form-urlencoded",
                Some(FormEncoding::UrlEncoded),
            ),
            (
                "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
                Some(FormEncoding::UrlEncoded),
            ),
            (
                "multipart/form-data; boundary=x",
                Some(FormEncoding::Multipart),
            ),
            ("text/plain", None),
            ("application/json", None),
        ] {
            headers.insert(CONTENT_TYPE, ct.parse().unwrap());
            assert_eq!(encoding(&headers).ok(), expected, "{ct}");
        }
    }
}
