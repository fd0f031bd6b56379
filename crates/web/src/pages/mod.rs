//! The HTML pages. Each page is an askama template extending `base.html`; [`Layout`] carries
//! what the frame around every page needs.

pub(crate) mod accounts;
pub(crate) mod agent;
mod assets;
pub(crate) mod billing;
mod home;
pub(crate) mod kb;
pub(crate) mod kit;
pub(crate) mod organisation;
pub(crate) mod support;

pub use accounts::password::{
    change_password, change_password_form, set_password, set_password_form,
};
pub use accounts::password_request::{
    forgot_password, forgot_password_form, register, register_form,
};
pub use accounts::profile::{profile, switch_language};
pub use accounts::sign_in::{agent_sign_in, agent_sign_in_form, sign_in, sign_in_form, sign_out};
pub use assets::{
    favicon, healthz, icon_png_192, icon_png_512, icon_svg, manifest, readyz, script, stylesheet,
};
pub use home::{agent_home, home};
