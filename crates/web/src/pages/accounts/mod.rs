//! Signing in and out, setting and changing passwords, and the profile (`templates/accounts/`).

pub(crate) mod password;
pub(crate) mod password_request;
pub(crate) mod profile;
pub(crate) mod sign_in;
