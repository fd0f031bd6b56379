//! Extractors: who is asking (session, role), in which language, from where, path parameters,
//! and forms that carry a valid CSRF token.

mod client;
mod csrf;
pub(crate) mod form;
mod lang;
mod org_side;
mod path;
mod session;
mod upload;

pub use client::ClientAddr;
pub use csrf::{CsrfForm, CsrfToken, csrf_cookie};
pub use lang::Lang;
pub use org_side::OrgSide;
pub use path::Path;
pub use session::{AgentUser, ContactUser, CurrentUser, MaybeUser};
pub use upload::CsrfUpload;
