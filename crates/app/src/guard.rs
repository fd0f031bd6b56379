//! Who may use the vendor's own use cases, those not scoped to one organisation: any agent, or
//! only administrators (who shape forms, routing and the knowledge base's categories).

use balie_domain::Actor;

use crate::AppError;
use crate::error::Only;

pub(crate) fn require_agent(actor: &Actor) -> Result<(), AppError> {
    if actor.is_agent() {
        Ok(())
    } else {
        Err(AppError::Forbidden(Only::Agents))
    }
}

pub(crate) fn require_admin(actor: &Actor) -> Result<(), AppError> {
    match actor {
        Actor::Agent { admin: true, .. } => Ok(()),
        _ => Err(AppError::Forbidden(Only::Administrators)),
    }
}
