//! Routing settings (C4, D6, D7), for administrators: the rules that put a new ticket in a group
//! by its form and main category, and the group that gets subscription changes.

use balie_domain::{
    Actor, CategoryId, DomainError, FormId, GroupId, RoutingRule, TicketCategory, TicketForm,
};
use balie_store::Group;

use crate::audit::Audit;
use crate::guard::require_admin;
use crate::{App, AppError};

/// Everything the routing page shows.
#[derive(Debug, Clone)]
pub struct RoutingSettings {
    pub rules: Vec<RoutingRule>,
    pub groups: Vec<Group>,
    pub forms: Vec<TicketForm>,
    pub categories: Vec<TicketCategory>,
}

/// A rule as an administrator asks for it: a missing form or category matches any; the group is
/// required, and said so by the use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewRoutingRule {
    pub form: Option<FormId>,
    pub category: Option<CategoryId>,
    pub group: Option<GroupId>,
}

impl App {
    pub async fn routing_settings(&self, actor: &Actor) -> Result<RoutingSettings, AppError> {
        require_admin(actor)?;
        let mut tx = self.store.read().await?;
        Ok(RoutingSettings {
            rules: tx.routing_rules().await?,
            groups: tx.groups().await?,
            forms: tx.ticket_forms().await?,
            categories: tx.ticket_categories().await?,
        })
    }

    /// Adds a rule after the others; a missing form or category matches any.
    pub async fn add_routing_rule(
        &self,
        actor: &Actor,
        rule: &NewRoutingRule,
    ) -> Result<balie_domain::RoutingRuleId, AppError> {
        require_admin(actor)?;
        let NewRoutingRule {
            form,
            category,
            group,
        } = *rule;
        let mut tx = self.work().await?;
        let group = group.ok_or(DomainError::on_field("error-field-required", "group"))?;
        if !tx.groups().await?.iter().any(|g| g.id == group) {
            return Err(DomainError::on_field("error-group-unknown", "group").into());
        }
        if let Some(form) = form
            && !tx.ticket_forms().await?.iter().any(|f| f.id == form)
        {
            return Err(DomainError::on_field("error-form-unknown", "form").into());
        }
        if let Some(category) = category
            && !tx
                .ticket_categories()
                .await?
                .iter()
                .any(|c| c.id == category)
        {
            return Err(DomainError::on_field("error-category-unknown", "category").into());
        }
        let id = tx.insert_routing_rule(form, category, group).await?;
        tx.audit(Some(actor.user_id()), Audit::RoutingRuleAdded { rule: id })
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn delete_routing_rule(
        &self,
        actor: &Actor,
        id: balie_domain::RoutingRuleId,
    ) -> Result<(), AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        if !tx.delete_routing_rule(id).await? {
            return Err(AppError::NotFound);
        }
        tx.audit(
            Some(actor.user_id()),
            Audit::RoutingRuleDeleted { rule: id },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Chooses the group that gets subscription-change requests (none when `None`).
    pub async fn set_billing_group(
        &self,
        actor: &Actor,
        group: Option<GroupId>,
    ) -> Result<(), AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        if let Some(group) = group
            && !tx.groups().await?.iter().any(|g| g.id == group)
        {
            return Err(DomainError::on_field("error-group-unknown", "group").into());
        }
        tx.set_billing_group(group).await?;
        tx.audit(Some(actor.user_id()), Audit::BillingGroupSet { group })
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
