//! Portable SQL of organisation self-service: organisation data, contacts and roles.

use balie_domain as d;

use super::exec::args;
use super::people::{organisation_from_row, user_from_row};
use super::{ORGANISATION_COLUMNS, SqlTx, USER_COLUMNS, like_escape};
use crate::contract::OrganisationTx;
use crate::{NewOrganisation, Organisation, StoreError, Unique};

#[async_trait::async_trait]
impl OrganisationTx for SqlTx {
    async fn list_organisations(
        &mut self,
        search: &str,
        limit: i64,
    ) -> Result<Vec<Organisation>, StoreError> {
        let pattern = format!("%{}%", like_escape(&search.to_lowercase()));
        let sql = format!(
            "SELECT {ORGANISATION_COLUMNS} FROM organisations
             WHERE LOWER(name) LIKE $1 ESCAPE '\\' ORDER BY name, id LIMIT $2"
        );
        let rows = self.fetch_all(&sql, args![pattern, limit]).await?;
        rows.iter().map(organisation_from_row).collect()
    }

    async fn update_organisation(
        &mut self,
        id: d::OrgId,
        o: &NewOrganisation,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE organisations SET name = $2, address = $3, postcode = $4, city = $5,
                    phone = $6, email = $7 WHERE id = $1",
                args![
                    id,
                    &o.name,
                    &o.address,
                    &o.postcode,
                    &o.city,
                    &o.phone,
                    &o.email
                ],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn set_requests_shared(
        &mut self,
        id: d::OrgId,
        shared: bool,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE organisations SET requests_shared = $2 WHERE id = $1",
                args![id, shared],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn set_subscription_plan(
        &mut self,
        id: d::OrgId,
        plan: &str,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE organisations SET subscription_plan = $2 WHERE id = $1",
                args![id, plan],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn contacts_of(&mut self, org: d::OrgId) -> Result<Vec<d::User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM users u
             WHERE u.org_id = $1 AND u.kind = 'contact'
             ORDER BY LOWER(u.last_name), LOWER(u.first_name), u.id"
        );
        let rows = self.fetch_all(&sql, args![org]).await?;
        rows.iter().map(user_from_row).collect()
    }

    async fn count_beheerders(
        &mut self,
        org: d::OrgId,
        with_access: bool,
    ) -> Result<i64, StoreError> {
        self.scalar(
            "SELECT COUNT(*) FROM users
             WHERE org_id = $1 AND kind = 'contact' AND is_beheerder = $2
               AND ($3 = FALSE OR email IS NOT NULL)",
            args![org, true, with_access],
        )
        .await
    }

    async fn update_person(
        &mut self,
        org: d::OrgId,
        id: d::UserId,
        p: &d::PersonDetails,
        email: Option<&d::EmailAddress>,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET first_name = $2, last_name = $3, gender = $4, phone = $5,
                    email = $6, updated_at = $7
                 WHERE id = $1 AND org_id = $8 AND kind = 'contact'",
                args![
                    id,
                    &p.first_name,
                    &p.last_name,
                    p.gender.code(),
                    &p.phone,
                    email,
                    now,
                    org
                ],
            )
            .await
            .map_err(|e| e.unique_as(Unique::Email))?;
        Ok(changed == 1)
    }

    async fn set_roles(
        &mut self,
        org: d::OrgId,
        id: d::UserId,
        roles: d::PortalRoles,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET is_beheerder = $3, is_medewerker = $4, is_medewerker_plus = $5,
                    updated_at = $6
                 WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                args![
                    id,
                    org,
                    roles.beheerder(),
                    roles.medewerker(),
                    roles.medewerker_plus(),
                    now
                ],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn remove_portal_access(
        &mut self,
        org: d::OrgId,
        id: d::UserId,
        now: d::Timestamp,
    ) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET email = NULL, password_hash = NULL, failed_sign_ins = 0,
                    blocked_at = NULL, updated_at = $3
                 WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                args![id, org, now],
            )
            .await?;
        Ok(changed == 1)
    }

    async fn set_following_requests(
        &mut self,
        org: d::OrgId,
        user: d::UserId,
        on: bool,
        now: d::Timestamp,
    ) -> Result<(), StoreError> {
        if on {
            self.execute(
                "INSERT INTO org_request_followers (org_id, user_id, created_at)
                 VALUES ($1, $2, $3) ON CONFLICT (org_id, user_id) DO NOTHING",
                args![org, user, now],
            )
            .await?;
        } else {
            self.execute(
                "DELETE FROM org_request_followers WHERE org_id = $1 AND user_id = $2",
                args![org, user],
            )
            .await?;
        }
        Ok(())
    }

    async fn request_followers(&mut self, org: d::OrgId) -> Result<Vec<d::UserId>, StoreError> {
        self.scalars(
            "SELECT user_id FROM org_request_followers WHERE org_id = $1 ORDER BY user_id",
            args![org],
        )
        .await
    }

    async fn unblock(&mut self, org: d::OrgId, id: d::UserId) -> Result<bool, StoreError> {
        let changed = self
            .execute(
                "UPDATE users SET blocked_at = NULL, failed_sign_ins = 0
                 WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                args![id, org],
            )
            .await?;
        Ok(changed == 1)
    }
}
