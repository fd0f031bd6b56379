//! The administrators' settings: ticket forms, categories and fields, routing, and the agents
//! (`templates/agent/settings/`).

pub(crate) mod agents;
pub(crate) mod forms;
pub(crate) mod routing;
