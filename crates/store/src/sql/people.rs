//! Portable SQL of the vendor, organisations, people and agent groups.

macro_rules! people_sql {
    ($tx:ident) => {
        fn user_from_row<R: sqlx::Row>(row: &R) -> Result<d::User, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            let kind: String = row.try_get(1)?;
            let kind = match kind.as_str() {
                "agent" => d::UserKind::Agent {
                    admin: row.try_get(10)?,
                },
                "contact" => {
                    let org: Option<i64> = row.try_get(2)?;
                    let org = org.ok_or_else(|| {
                        $crate::StoreError::Corrupt("contact without organisation".into())
                    })?;
                    let roles = d::PortalRoles::new(row.try_get(7)?, row.try_get(8)?, row.try_get(9)?)
                        .map_err(|e| $crate::StoreError::Corrupt(e.key.into()))?;
                    d::UserKind::Contact {
                        org: d::OrgId(org),
                        roles,
                    }
                }
                other => return Err($crate::StoreError::Corrupt(format!("user kind {other}"))),
            };
            let email: Option<String> = row.try_get(5)?;
            let email = email
                .map(|e| d::EmailAddress::parse(&e))
                .transpose()
                .map_err(|e| $crate::StoreError::Corrupt(e.key.into()))?;
            let failed: i64 = row.try_get(11)?;
            let blocked: Option<i64> = row.try_get(12)?;
            let hash: Option<String> = row.try_get(14)?;
            let lang: String = row.try_get(6)?;
            let gender: Option<String> = row.try_get(15)?;
            Ok(d::User {
                id: d::UserId(row.try_get(0)?),
                kind,
                first_name: row.try_get(3)?,
                last_name: row.try_get(4)?,
                gender: gender.as_deref().and_then(d::Gender::from_code),
                phone: row.try_get(16)?,
                email,
                language: language(&lang),
                has_password: hash.is_some(),
                failed_sign_ins: u32::try_from(failed).unwrap_or(u32::MAX),
                blocked_at: blocked.map(d::Timestamp),
                created_at: d::Timestamp(row.try_get(13)?),
            })
        }

        fn organisation_from_row<R: sqlx::Row>(row: &R) -> Result<$crate::Organisation, $crate::StoreError>
        where
            for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            for<'r> bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
            usize: sqlx::ColumnIndex<R>,
        {
            Ok($crate::Organisation {
                id: d::OrgId(row.try_get(0)?),
                name: row.try_get(1)?,
                address: row.try_get(2)?,
                postcode: row.try_get(3)?,
                city: row.try_get(4)?,
                phone: row.try_get(5)?,
                email: row.try_get(6)?,
                subscription_plan: row.try_get(7)?,
                requests_shared: row.try_get(8)?,
                created_at: d::Timestamp(row.try_get(9)?),
            })
        }

        #[async_trait::async_trait]
        impl $crate::contract::PeopleTx for $tx {
            async fn upsert_vendor(&mut self, name: &str, now: d::Timestamp) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO vendor (id, name, created_at) VALUES (1, $1, $2)
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                )
                .bind(name)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn vendor_name(&mut self) -> Result<Option<String>, $crate::StoreError> {
                let name = sqlx::query_scalar("SELECT name FROM vendor WHERE id = 1")
                    .fetch_optional(&mut *self.tx)
                    .await?;
                Ok(name)
            }

            async fn insert_organisation(
                &mut self,
                new: &$crate::NewOrganisation,
                now: d::Timestamp,
            ) -> Result<d::OrgId, $crate::StoreError> {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organisations (name, address, postcode, city, phone, email, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&new.name)
                .bind(&new.address)
                .bind(&new.postcode)
                .bind(&new.city)
                .bind(&new.phone)
                .bind(&new.email)
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(d::OrgId(id))
            }

            async fn organisation(
                &mut self,
                id: d::OrgId,
            ) -> Result<Option<$crate::Organisation>, $crate::StoreError> {
                let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
                let row = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *self.tx).await?;
                row.as_ref().map(organisation_from_row).transpose()
            }

            async fn insert_user(
                &mut self,
                new: &d::NewUser,
                now: d::Timestamp,
            ) -> Result<d::UserId, $crate::StoreError> {
                let (kind, org, roles, admin) = match new.kind {
                    d::UserKind::Contact { org, roles } => ("contact", Some(org.0), roles, false),
                    d::UserKind::Agent { admin } => ("agent", None, d::PortalRoles::default(), admin),
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (kind, org_id, first_name, last_name, gender, email, language,
                        is_beheerder, is_medewerker, is_medewerker_plus, is_admin, created_at, updated_at,
                        phone)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
                )
                .bind(kind)
                .bind(org)
                .bind(&new.first_name)
                .bind(&new.last_name)
                .bind(new.gender.map(|g| g.code()))
                .bind(new.email.as_ref().map(|e| e.as_str()))
                .bind(new.language.code())
                .bind(roles.beheerder())
                .bind(roles.medewerker())
                .bind(roles.medewerker_plus())
                .bind(admin)
                .bind(now.0)
                .bind(&new.phone)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(|e| $crate::StoreError::unique_as(e, "email"))?;
                Ok(d::UserId(id))
            }

            async fn user(&mut self, id: d::UserId) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
                let row = sqlx::query(&sql).bind(id.0).fetch_optional(&mut *self.tx).await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn user_by_email(
                &mut self,
                email: &d::EmailAddress,
            ) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1");
                let row = sqlx::query(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn contact_in_org(
                &mut self,
                org: d::OrgId,
                id: d::UserId,
            ) -> Result<Option<d::User>, $crate::StoreError> {
                let sql = format!(
                    "SELECT {USER_COLUMNS} FROM users u
                     WHERE u.id = $1 AND u.org_id = $2 AND u.kind = 'contact'"
                );
                let row = sqlx::query(&sql)
                    .bind(id.0)
                    .bind(org.0)
                    .fetch_optional(&mut *self.tx)
                    .await?;
                row.as_ref().map(user_from_row).transpose()
            }

            async fn count_agents(&mut self) -> Result<i64, $crate::StoreError> {
                let n = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE kind = 'agent'")
                    .fetch_one(&mut *self.tx)
                    .await?;
                Ok(n)
            }

            async fn password_hash(&mut self, id: d::UserId) -> Result<Option<String>, $crate::StoreError> {
                let hash: Option<Option<String>> =
                    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                        .bind(id.0)
                        .fetch_optional(&mut *self.tx)
                        .await?;
                Ok(hash.flatten())
            }

            async fn set_password_hash(
                &mut self,
                id: d::UserId,
                hash: &str,
                now: d::Timestamp,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "UPDATE users SET password_hash = $2, failed_sign_ins = 0, blocked_at = NULL,
                        updated_at = $3 WHERE id = $1",
                )
                .bind(id.0)
                .bind(hash)
                .bind(now.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn record_failed_sign_in(
                &mut self,
                id: d::UserId,
                block_after: u32,
                now: d::Timestamp,
            ) -> Result<u32, $crate::StoreError> {
                let count: i64 = sqlx::query_scalar(
                    "UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
                        blocked_at = CASE
                            WHEN blocked_at IS NULL AND failed_sign_ins + 1 >= CAST($2 AS BIGINT)
                            THEN CAST($3 AS BIGINT) ELSE blocked_at END
                     WHERE id = $1 RETURNING failed_sign_ins",
                )
                .bind(id.0)
                .bind(i64::from(block_after))
                .bind(now.0)
                .fetch_one(&mut *self.tx)
                .await?;
                Ok(u32::try_from(count).unwrap_or(u32::MAX))
            }

            async fn clear_failed_sign_ins(&mut self, id: d::UserId) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE users SET failed_sign_ins = 0 WHERE id = $1")
                    .bind(id.0)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn set_language(
                &mut self,
                id: d::UserId,
                language: d::Language,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query("UPDATE users SET language = $2 WHERE id = $1")
                    .bind(id.0)
                    .bind(language.code())
                    .execute(&mut *self.tx)
                    .await?;
                Ok(())
            }

            async fn insert_group(&mut self, name: &str) -> Result<d::GroupId, $crate::StoreError> {
                let id: i64 = sqlx::query_scalar("INSERT INTO agent_groups (name) VALUES ($1) RETURNING id")
                    .bind(name)
                    .fetch_one(&mut *self.tx)
                    .await
                    .map_err(|e| $crate::StoreError::unique_as(e, "group name"))?;
                Ok(d::GroupId(id))
            }

            async fn add_group_member(
                &mut self,
                group: d::GroupId,
                agent: d::UserId,
            ) -> Result<(), $crate::StoreError> {
                sqlx::query(
                    "INSERT INTO agent_group_members (group_id, user_id) VALUES ($1, $2)
                     ON CONFLICT (group_id, user_id) DO NOTHING",
                )
                .bind(group.0)
                .bind(agent.0)
                .execute(&mut *self.tx)
                .await?;
                Ok(())
            }

            async fn groups_of(&mut self, agent: d::UserId) -> Result<Vec<$crate::Group>, $crate::StoreError> {
                let rows = sqlx::query(
                    "SELECT g.id, g.name, g.handles_billing FROM agent_groups g
                     JOIN agent_group_members m ON m.group_id = g.id
                     WHERE m.user_id = $1 ORDER BY g.name",
                )
                .bind(agent.0)
                .fetch_all(&mut *self.tx)
                .await?;
                rows.iter()
                    .map(|r| Ok($crate::Group {
                        id: d::GroupId(r.try_get(0)?),
                        name: r.try_get(1)?,
                        handles_billing: r.try_get(2)?,
                    }))
                    .collect()
            }
        }
    };
}

pub(crate) use people_sql;
