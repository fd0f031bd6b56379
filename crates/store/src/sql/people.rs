//! Portable SQL of the vendor, organisations, people and agent groups.

use balie_domain as d;

use super::exec::{Row, args};
use super::{ORGANISATION_COLUMNS, SqlTx, USER_COLUMNS, language};
use crate::contract::PeopleTx;
use crate::{Group, NewOrganisation, Organisation, StoreError, Unique};

pub(crate) fn user_from_row(row: &Row) -> Result<d::User, StoreError> {
    let kind: String = row.get(1)?;
    let kind = match kind.as_str() {
        "agent" => d::UserKind::Agent {
            admin: row.get(10)?,
        },
        "contact" => {
            let org: Option<d::OrgId> = row.get(2)?;
            let org =
                org.ok_or_else(|| StoreError::Corrupt("contact without organisation".into()))?;
            let roles = d::PortalRoles::new(row.get(7)?, row.get(8)?, row.get(9)?)
                .map_err(|e| StoreError::Corrupt(e.key.into()))?;
            d::UserKind::Contact { org, roles }
        }
        other => return Err(StoreError::Corrupt(format!("user kind {other}"))),
    };
    let email: Option<String> = row.get(5)?;
    let email = email
        .map(|e| d::EmailAddress::parse(&e))
        .transpose()
        .map_err(|e| StoreError::Corrupt(e.key.into()))?;
    let failed: i64 = row.get(11)?;
    let hash: Option<String> = row.get(14)?;
    let lang: String = row.get(6)?;
    let gender: Option<String> = row.get(15)?;
    Ok(d::User {
        id: row.get(0)?,
        kind,
        first_name: row.get(3)?,
        last_name: row.get(4)?,
        gender: gender.as_deref().and_then(d::Gender::from_code),
        phone: row.get(16)?,
        email,
        language: language(&lang),
        has_password: hash.is_some(),
        failed_sign_ins: u32::try_from(failed).unwrap_or(u32::MAX),
        blocked_at: row.get(12)?,
        created_at: row.get(13)?,
    })
}

pub(crate) fn organisation_from_row(row: &Row) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: row.get(0)?,
        name: row.get(1)?,
        address: row.get(2)?,
        postcode: row.get(3)?,
        city: row.get(4)?,
        phone: row.get(5)?,
        email: row.get(6)?,
        subscription_plan: row.get(7)?,
        requests_shared: row.get(8)?,
        created_at: row.get(9)?,
    })
}

#[async_trait::async_trait]
impl PeopleTx for SqlTx {
    async fn upsert_vendor(&mut self, name: &str, now: d::Timestamp) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO vendor (id, name, created_at) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            args![name, now],
        )
        .await?;
        Ok(())
    }

    async fn vendor_name(&mut self) -> Result<Option<String>, StoreError> {
        self.scalar_optional("SELECT name FROM vendor WHERE id = 1", args![])
            .await
    }

    async fn insert_organisation(
        &mut self,
        new: &NewOrganisation,
        now: d::Timestamp,
    ) -> Result<d::OrgId, StoreError> {
        self.scalar(
            "INSERT INTO organisations (name, address, postcode, city, phone, email, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            args![
                &new.name,
                &new.address,
                &new.postcode,
                &new.city,
                &new.phone,
                &new.email,
                now
            ],
        )
        .await
    }

    async fn organisation(&mut self, id: d::OrgId) -> Result<Option<Organisation>, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        let row = self.fetch_optional(&sql, args![id]).await?;
        row.as_ref().map(organisation_from_row).transpose()
    }

    async fn insert_user(
        &mut self,
        new: &d::NewUser,
        now: d::Timestamp,
    ) -> Result<d::UserId, StoreError> {
        let (kind, org, roles, admin) = match new.kind {
            d::UserKind::Contact { org, roles } => ("contact", Some(org), roles, false),
            d::UserKind::Agent { admin } => ("agent", None, d::PortalRoles::default(), admin),
        };
        self.scalar(
            "INSERT INTO users (kind, org_id, first_name, last_name, gender, email, language,
                is_beheerder, is_medewerker, is_medewerker_plus, is_admin, created_at, updated_at,
                phone)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
            args![
                kind,
                org,
                &new.first_name,
                &new.last_name,
                new.gender.map(|g| g.code()),
                &new.email,
                new.language.code(),
                roles.beheerder(),
                roles.medewerker(),
                roles.medewerker_plus(),
                admin,
                now,
                &new.phone
            ],
        )
        .await
        .map_err(|e| e.unique_as(Unique::Email))
    }

    async fn user(&mut self, id: d::UserId) -> Result<Option<d::User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
        let row = self.fetch_optional(&sql, args![id]).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn user_by_email(
        &mut self,
        email: &d::EmailAddress,
    ) -> Result<Option<d::User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
        let row = self.fetch_optional(&sql, args![email]).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn contact_in_org(
        &mut self,
        org: d::OrgId,
        id: d::UserId,
    ) -> Result<Option<d::User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u
             WHERE u.id = $1 AND u.org_id = $2 AND u.kind = 'contact'"
        );
        let row = self.fetch_optional(&sql, args![id, org]).await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn count_agents(&mut self) -> Result<i64, StoreError> {
        self.scalar("SELECT COUNT(*) FROM users WHERE kind = 'agent'", args![])
            .await
    }

    async fn password_hash(&mut self, id: d::UserId) -> Result<Option<String>, StoreError> {
        let hash: Option<Option<String>> = self
            .scalar_optional("SELECT password_hash FROM users WHERE id = $1", args![id])
            .await?;
        Ok(hash.flatten())
    }

    async fn set_password_hash(
        &mut self,
        id: d::UserId,
        hash: &str,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET password_hash = $2, failed_sign_ins = 0, blocked_at = NULL,
                updated_at = $3 WHERE id = $1",
            args![id, hash, now],
        )
        .await?;
        Ok(())
    }

    async fn record_failed_sign_in(
        &mut self,
        id: d::UserId,
        block_after: u32,
        now: d::Timestamp,
    ) -> Result<u32, StoreError> {
        let count: i64 = self
            .scalar(
                "UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                    blocked_at = CASE
                        WHEN blocked_at IS NULL AND failed_sign_ins + 1 >= CAST($2 AS BIGINT)
                        THEN CAST($3 AS BIGINT) ELSE blocked_at END
                 WHERE id = $1 RETURNING failed_sign_ins",
                args![id, i64::from(block_after), now],
            )
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    async fn clear_failed_sign_ins(&mut self, id: d::UserId) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET failed_sign_ins = 0 WHERE id = $1",
            args![id],
        )
        .await?;
        Ok(())
    }

    async fn set_language(
        &mut self,
        id: d::UserId,
        language: d::Language,
    ) -> Result<(), StoreError> {
        self.execute(
            "UPDATE users SET language = $2 WHERE id = $1",
            args![id, language.code()],
        )
        .await?;
        Ok(())
    }

    async fn insert_group(&mut self, name: &str) -> Result<d::GroupId, StoreError> {
        self.scalar(
            "INSERT INTO agent_groups (name) VALUES ($1) RETURNING id",
            args![name],
        )
        .await
        .map_err(|e| e.unique_as(Unique::GroupName))
    }

    async fn add_group_member(
        &mut self,
        group: d::GroupId,
        agent: d::UserId,
    ) -> Result<(), StoreError> {
        self.execute(
            "INSERT INTO agent_group_members (group_id, user_id) VALUES ($1, $2)
             ON CONFLICT (group_id, user_id) DO NOTHING",
            args![group, agent],
        )
        .await?;
        Ok(())
    }

    async fn set_agent_role_and_groups(
        &mut self,
        agent: d::UserId,
        admin: bool,
        groups: &[d::GroupId],
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET is_admin = $2, updated_at = $3 WHERE id = $1 AND kind = 'agent'",
                args![agent, admin, now],
            )
            .await?;
        if changed == 0 {
            return Ok(false);
        }
        self.execute(
            "DELETE FROM agent_group_members WHERE user_id = $1",
            args![agent],
        )
        .await?;
        for group in groups {
            self.add_group_member(*group, agent).await?;
        }
        Ok(true)
    }

    async fn count_admins(&mut self) -> Result<i64, StoreError> {
        self.scalar(
            "SELECT COUNT(*) FROM users WHERE kind = 'agent' AND is_admin = $1",
            args![true],
        )
        .await
    }

    async fn groups_of(&mut self, agent: d::UserId) -> Result<Vec<Group>, StoreError> {
        let rows = self
            .fetch_all(
                "SELECT g.id, g.name, g.handles_billing FROM agent_groups g
                 JOIN agent_group_members m ON m.group_id = g.id
                 WHERE m.user_id = $1 ORDER BY g.name",
                args![agent],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    handles_billing: r.get(2)?,
                })
            })
            .collect()
    }
}
