//! The agents' workspace (`templates/agent/`): tickets, organisations, the knowledge base and
//! the administrators' settings.

pub(crate) mod kb;
pub(crate) mod organisations;
pub(crate) mod settings;
pub(crate) mod tickets;
