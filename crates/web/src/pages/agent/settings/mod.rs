//! The administrators' settings: ticket forms, categories and fields, and routing
//! (`templates/agent/settings/`).

pub(crate) mod forms;
pub(crate) mod routing;
