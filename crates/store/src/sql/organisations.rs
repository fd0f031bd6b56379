//! Portable SQL of organisation self-service: organisation data, contacts and roles.

macro_rules! organisations_sql {
    ($tx:ident) => {
        #[async_trait::async_trait]
        impl $crate::contract::OrganisationTx for $tx {
            async fn list_organisations(
                &mut self,
                search: &str,
                limit: i64,
            ) -> Result<Vec<$crate::Organisation>, $crate::StoreError> {
                let pattern = format!("%{}%", $crate::sql::like_escape(&search.to_lowercase()));
                let sql = format!(
                    "SELECT {ORGANISATION_COLUMNS} FROM organisations
                     WHERE LOWER(name) LIKE $1 ESCAPE '\\' ORDER BY name, id LIMIT $2"
                );
                let rows = sqlx::query(&sql)
                    .bind(pattern)
                    .bind(limit)
                    .fetch_all(&mut *self.tx)
                    .await?;
                rows.iter().map(organisation_from_row).collect()
            }

            async fn update_organisation(
                &mut self,
                id: d::OrgId,
                o: &$crate::NewOrganisation,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE organisations SET name = $2, address = $3, postcode = $4, city = $5,
                        phone = $6, email = $7 WHERE id = $1",
                )
                .bind(id.0)
                .bind(&o.name)
                .bind(&o.address)
                .bind(&o.postcode)
                .bind(&o.city)
                .bind(&o.phone)
                .bind(&o.email)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_requests_shared(&mut self, id: d::OrgId, shared: bool) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE organisations SET requests_shared = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(shared)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_subscription_plan(&mut self, id: d::OrgId, plan: &str) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query("UPDATE organisations SET subscription_plan = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(plan)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn contacts_of(&mut self, org: d::OrgId) -> Result<Vec<d::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u
                     WHERE u.org_id = $1 AND u.kind = 'contact'
                     ORDER BY LOWER(u.last_name), LOWER(u.first_name), u.id"
                );
                let rows = sqlx::query(&sql).bind(org.0).fetch_all(&mut *self.tx).await?;
                rows.iter().map(user_from_row).collect()
            }

            async fn count_beheerders(&mut self, org: d::OrgId, with_access: bool) -> Result<i64, $crate::StoreError> {
                let n = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM users
                     WHERE org_id = $1 AND kind = 'contact' AND is_beheerder = $2
                       AND ($3 = FALSE OR email IS NOT NULL)",
                )
                .bind(org.0)
                .bind(true)
                .bind(with_access)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(n)
            }

            async fn update_person(
                &mut self,
                org: d::OrgId,
                id: d::UserId,
                p: &d::PersonDetails,
                email: Option<&d::EmailAddress>,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE users SET first_name = $2, last_name = $3, gender = $4, phone = $5,
                        email = $6, updated_at = $7
                     WHERE id = $1 AND org_id = $8 AND kind = 'contact'",
                )
                .bind(id.0)
                .bind(&p.first_name)
                .bind(&p.last_name)
                .bind(p.gender.code())
                .bind(&p.phone)
                .bind(email.map(|e| e.as_str()))
                .bind(now.0)
                .bind(org.0)
                .execute(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "email"))?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_roles(
                &mut self,
                org: d::OrgId,
                id: d::UserId,
                roles: d::PortalRoles,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE users SET is_beheerder = $3, is_medewerker = $4, is_medewerker_plus = $5,
                        updated_at = $6
                     WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                )
                .bind(id.0)
                .bind(org.0)
                .bind(roles.beheerder())
                .bind(roles.medewerker())
                .bind(roles.medewerker_plus())
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn remove_portal_access(
                &mut self,
                org: d::OrgId,
                id: d::UserId,
                now: d::Timestamp,
            ) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE users SET email = NULL, password_hash = NULL, failed_sign_ins = 0,
                        blocked_at = NULL, updated_at = $3
                     WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                )
                .bind(id.0)
                .bind(org.0)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn set_following_requests(
                &mut self,
                org: d::OrgId,
                user: d::UserId,
                on: bool,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                if on {
                    sqlx::query(
                        "INSERT INTO org_request_followers (org_id, user_id, created_at)
                         VALUES ($1, $2, $3) ON CONFLICT (org_id, user_id) DO NOTHING",
                    )
                    .bind(org.0)
                    .bind(user.0)
                    .bind(now.0)
                    .execute(&mut *self.tx)
                    .await?;
                } else {
                    sqlx::query("DELETE FROM org_request_followers WHERE org_id = $1 AND user_id = $2")
                        .bind(org.0)
                        .bind(user.0)
                        .execute(&mut *self.tx)
                        .await?;
                }
                Ok(())
            }

            async fn request_followers(&mut self, org: d::OrgId) -> Result<Vec<d::UserId>, $crate::StoreError> {
                let ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT user_id FROM org_request_followers WHERE org_id = $1 ORDER BY user_id",
                )
                .bind(org.0)
                .fetch_all(&mut *self.tx)
                .await?;
                Ok(ids.into_iter().map(d::UserId).collect())
            }

            async fn unblock(&mut self, org: d::OrgId, id: d::UserId) -> Result<bool, $crate::StoreError> {
                let done = sqlx::query(
                    "UPDATE users SET blocked_at = NULL, failed_sign_ins = 0
                     WHERE id = $1 AND org_id = $2 AND kind = 'contact'",
                )
                .bind(id.0)
                .bind(org.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(done.rows_affected() == 1)
            }
        }
    };
}

pub(crate) use organisations_sql;
