//! "Agents" under "Instellingen" (D1): the vendor's people who answer, with their role and
//! groups, and inviting a new one. Only administrators manage agents; the first administrator
//! comes from `balie admin create` or the first start.

use balie_domain::{
    Actor, DomainError, EmailAddress, GroupId, Language, NewUser, User, UserId, UserKind,
};
use balie_store::Group;

use super::invite::Invitation;
use crate::audit::Audit;
use crate::guard::require_admin;
use crate::{App, AppError};

/// An agent as the list shows them: the account and the groups they work in.
#[derive(Debug, Clone)]
pub struct AgentSummary {
    pub user: User,
    pub groups: Vec<Group>,
    /// When they last signed in, if ever.
    pub last_sign_in: Option<balie_domain::Timestamp>,
}

/// Every agent, by name, and the groups an invitation can put a new one in.
#[derive(Debug, Clone)]
pub struct AgentsOverview {
    pub agents: Vec<AgentSummary>,
    pub groups: Vec<Group>,
}

/// A new agent as the invitation form gives them.
#[derive(Debug, Clone, Default)]
pub struct NewAgent {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub admin: bool,
    pub groups: Vec<GroupId>,
    pub language: Language,
}

const MAX_NAME: usize = 100;

fn name(value: &str, field: &'static str) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::on_field("error-field-required", field));
    }
    if value.chars().count() > MAX_NAME {
        return Err(DomainError::on_field("error-field-too-long", field));
    }
    Ok(value.to_string())
}

impl App {
    /// Every group's id and name, for the command line that names groups.
    pub async fn group_names(&self) -> Result<Vec<(GroupId, String)>, AppError> {
        let mut tx = self.store.read().await?;
        Ok(tx
            .groups()
            .await?
            .into_iter()
            .map(|g| (g.id, g.name))
            .collect())
    }

    /// The agents and groups, for an administrator.
    pub async fn agents_overview(&self, actor: &Actor) -> Result<AgentsOverview, AppError> {
        require_admin(actor)?;
        let mut tx = self.store.read().await?;
        let groups = tx.groups().await?;
        let memberships = tx.group_memberships().await?;
        let agents = tx.agents().await?;
        let ids: Vec<UserId> = agents.iter().map(|a| a.id).collect();
        let signed_in = tx.last_sign_ins(&ids).await?;
        let agents = agents
            .into_iter()
            .map(|user| AgentSummary {
                last_sign_in: signed_in
                    .iter()
                    .find(|(u, _)| *u == user.id)
                    .map(|(_, at)| *at),
                groups: groups
                    .iter()
                    .filter(|g| memberships.contains(&(g.id, user.id)))
                    .cloned()
                    .collect(),
                user,
            })
            .collect();
        Ok(AgentsOverview { agents, groups })
    }

    /// Invites a new agent: the account, their groups, and the invitation with its one-time
    /// link to set a password (as for contacts, A1). `by` is the administrator who asks; `None`
    /// is the command line, which is trusted as `balie admin create` is.
    pub async fn invite_agent(
        &self,
        by: Option<&Actor>,
        new: &NewAgent,
    ) -> Result<Invitation, AppError> {
        if let Some(actor) = by {
            require_admin(actor)?;
        }
        let first = name(&new.first_name, "first_name");
        let last = name(&new.last_name, "last_name");
        let email = EmailAddress::parse(&new.email);
        let (first_name, last_name, email) = match (first, last, email) {
            (Ok(f), Ok(l), Ok(e)) => (f, l, e),
            (f, l, e) => {
                let errors = [f.err(), l.err(), e.err()].into_iter().flatten();
                let refused = DomainError::all_of(errors);
                return Err(refused.map_or(AppError::NotFound, AppError::Invalid));
            }
        };
        let mut tx = self.work().await?;
        let known = tx.groups().await?;
        if new.groups.iter().any(|g| !known.iter().any(|k| k.id == *g)) {
            return Err(DomainError::on_field("error-group-unknown", "groups").into());
        }
        let person = NewUser {
            kind: UserKind::Agent { admin: new.admin },
            first_name,
            last_name,
            gender: None,
            phone: String::new(),
            email: Some(email),
            language: new.language,
        };
        let id = tx.insert_user(&person, self.now()).await?;
        let mut groups = new.groups.clone();
        groups.sort();
        groups.dedup();
        for group in groups {
            tx.add_group_member(group, id).await?;
        }
        let user = tx.user(id).await?.ok_or(AppError::NotFound)?;
        let link = self.queue_invitation(&mut tx, &user).await?;
        let audit = Audit::AgentCreated {
            user: id,
            admin: new.admin,
        };
        tx.audit(by.map(Actor::user_id), audit).await?;
        tx.commit().await?;
        Ok(Invitation { user, link })
    }
}

impl App {
    /// One agent with their groups, and every group, for the administrator's edit page.
    pub async fn agent_for_admin(
        &self,
        actor: &Actor,
        agent: UserId,
    ) -> Result<(AgentSummary, Vec<Group>), AppError> {
        let overview = self.agents_overview(actor).await?;
        let found = overview.agents.into_iter().find(|a| a.user.id == agent);
        Ok((found.ok_or(AppError::NotFound)?, overview.groups))
    }

    /// Makes `agent` an administrator or not, in exactly `groups`. The last administrator
    /// stays one: without them nobody could manage the help desk any more.
    pub async fn update_agent(
        &self,
        actor: &Actor,
        agent: UserId,
        admin: bool,
        groups: &[GroupId],
    ) -> Result<(), AppError> {
        require_admin(actor)?;
        let mut tx = self.work().await?;
        let person = tx.user(agent).await?.ok_or(AppError::NotFound)?;
        let UserKind::Agent { admin: was_admin } = person.kind else {
            return Err(AppError::NotFound);
        };
        let known = tx.groups().await?;
        if groups.iter().any(|g| !known.iter().any(|k| k.id == *g)) {
            return Err(DomainError::on_field("error-group-unknown", "groups").into());
        }
        if was_admin && !admin && tx.count_admins().await? <= 1 {
            return Err(DomainError::on_field("error-last-admin", "role").into());
        }
        let mut groups = groups.to_vec();
        groups.sort();
        groups.dedup();
        tx.set_agent_role_and_groups(agent, admin, &groups, self.now())
            .await?;
        let audit = Audit::AgentUpdated {
            agent,
            admin,
            groups: groups.len(),
        };
        tx.audit(Some(actor.user_id()), audit).await?;
        tx.commit().await?;
        Ok(())
    }
}
