//! The executor every area of the store runs its SQL through: statements with a list of bound
//! values, answered with rows of the store's own values. It hides which backend's connection a
//! transaction holds, so each query is written, type-checked and compiled once.

use balie_domain as d;
use sqlx::{Column as _, Row as _, TypeInfo as _, ValueRef as _};

use crate::StoreError;

/// A value bound to a placeholder, in placeholder order. A null keeps its type: PostgreSQL
/// checks a bound value's type against the column or expression it meets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    Bool(bool),
    NullInt,
    NullText,
    NullBool,
}

/// What can be bound as an [`Arg`]; an `Option` of it binds a null of the same type.
pub(crate) trait ToArg {
    fn to_arg(self) -> Arg;
    /// The null of this type.
    fn null() -> Arg;
}

impl ToArg for Arg {
    fn to_arg(self) -> Arg {
        self
    }
    fn null() -> Arg {
        Arg::NullText
    }
}

impl ToArg for i64 {
    fn to_arg(self) -> Arg {
        Arg::Int(self)
    }
    fn null() -> Arg {
        Arg::NullInt
    }
}

impl ToArg for bool {
    fn to_arg(self) -> Arg {
        Arg::Bool(self)
    }
    fn null() -> Arg {
        Arg::NullBool
    }
}

impl ToArg for String {
    fn to_arg(self) -> Arg {
        Arg::Text(self)
    }
    fn null() -> Arg {
        Arg::NullText
    }
}

impl ToArg for &str {
    fn to_arg(self) -> Arg {
        Arg::Text(self.to_owned())
    }
    fn null() -> Arg {
        Arg::NullText
    }
}

impl ToArg for d::EmailAddress {
    fn to_arg(self) -> Arg {
        Arg::Text(self.as_str().to_owned())
    }
    fn null() -> Arg {
        Arg::NullText
    }
}

/// A borrowed value binds as its copy (`&o.name`, `&new.requester_email`).
impl<T: ToArg + Clone> ToArg for &T {
    fn to_arg(self) -> Arg {
        self.clone().to_arg()
    }
    fn null() -> Arg {
        T::null()
    }
}

impl<T: ToArg> ToArg for Option<T> {
    fn to_arg(self) -> Arg {
        match self {
            Some(v) => v.to_arg(),
            None => T::null(),
        }
    }
    fn null() -> Arg {
        T::null()
    }
}

/// The domain's numbers bind as the integers they wrap.
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(self) -> Arg {
                Arg::Int(self.0)
            }
            fn null() -> Arg {
                Arg::NullInt
            }
        }
        impl FromValue for $t {
            fn from_value(v: &Value) -> Result<Self, StoreError> {
                i64::from_value(v).map(Self)
            }
        }
    )*};
}

int_arg!(
    d::OrgId,
    d::UserId,
    d::GroupId,
    d::TicketId,
    d::CommentId,
    d::AttachmentId,
    d::FormId,
    d::CategoryId,
    d::FieldId,
    d::InvoiceId,
    d::LicenceId,
    d::SubscriptionRequestId,
    d::RoutingRuleId,
    d::MailId,
    d::KbCategoryId,
    d::KbSectionId,
    d::ArticleId,
    d::KbCommentId,
    d::Timestamp,
    d::TicketNumber,
    d::Money
);

/// The values bound to a statement, in placeholder order: `args![id, &o.name, now]`.
macro_rules! args {
    ($($v:expr),* $(,)?) => {
        vec![$($crate::sql::exec::ToArg::to_arg($v)),*]
    };
}
pub(crate) use args;

/// A value read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Float(f64),
    Text(String),
    Bool(bool),
    Bytes(Vec<u8>),
}

/// What a [`Value`] can be read as.
pub(crate) trait FromValue: Sized {
    fn from_value(v: &Value) -> Result<Self, StoreError>;
}

fn mismatch(v: &Value, wanted: &str) -> StoreError {
    StoreError::Corrupt(format!("expected {wanted}, read {v:?}"))
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Int(i) => Ok(*i),
            _ => Err(mismatch(v, "an integer")),
        }
    }
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Float(f) => Ok(*f),
            // An aggregate of integers may come back as an integer.
            Value::Int(i) => Ok(*i as f64),
            _ => Err(mismatch(v, "a number")),
        }
    }
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Bool(b) => Ok(*b),
            // SQLite keeps booleans as 0 and 1.
            Value::Int(i) => Ok(*i != 0),
            _ => Err(mismatch(v, "a boolean")),
        }
    }
}

impl FromValue for String {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Text(s) => Ok(s.clone()),
            _ => Err(mismatch(v, "a text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Bytes(b) => Ok(b.clone()),
            _ => Err(mismatch(v, "bytes")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Result<Self, StoreError> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v).map(Some),
        }
    }
}

/// A row read by the executor: its values in column order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row(Vec<Value>);

impl Row {
    /// Column `i` read as `T`.
    pub(crate) fn get<T: FromValue>(&self, i: usize) -> Result<T, StoreError> {
        let v = self
            .0
            .get(i)
            .ok_or_else(|| StoreError::Corrupt(format!("no column {i}")))?;
        T::from_value(v)
    }

    pub(crate) fn from_sqlite(row: &sqlx::sqlite::SqliteRow) -> Result<Row, StoreError> {
        let mut values = Vec::with_capacity(row.len());
        for i in 0..row.len() {
            let raw = row.try_get_raw(i)?;
            // SQLite's types belong to values, not columns: read what this one holds.
            let kind = raw.type_info().name().to_owned();
            let value = match kind.as_str() {
                _ if raw.is_null() => Value::Null,
                "INTEGER" | "INT" | "BIGINT" | "BOOLEAN" => Value::Int(row.try_get_unchecked(i)?),
                "REAL" => Value::Float(row.try_get_unchecked(i)?),
                "TEXT" => Value::Text(row.try_get_unchecked(i)?),
                "BLOB" => Value::Bytes(row.try_get_unchecked(i)?),
                other => return Err(StoreError::Corrupt(format!("SQLite value of type {other}"))),
            };
            values.push(value);
        }
        Ok(Row(values))
    }

    pub(crate) fn from_postgres(row: &sqlx::postgres::PgRow) -> Result<Row, StoreError> {
        let mut values = Vec::with_capacity(row.len());
        for (i, column) in row.columns().iter().enumerate() {
            if row.try_get_raw(i)?.is_null() {
                values.push(Value::Null);
                continue;
            }
            let value = match column.type_info().name() {
                "INT8" => Value::Int(row.try_get(i)?),
                "INT4" => Value::Int(row.try_get::<i32, _>(i)?.into()),
                "INT2" => Value::Int(row.try_get::<i16, _>(i)?.into()),
                "FLOAT8" => Value::Float(row.try_get(i)?),
                "FLOAT4" => Value::Float(row.try_get::<f32, _>(i)?.into()),
                "BOOL" => Value::Bool(row.try_get(i)?),
                "TEXT" | "VARCHAR" | "NAME" | "BPCHAR" => Value::Text(row.try_get(i)?),
                "BYTEA" => Value::Bytes(row.try_get(i)?),
                "VOID" => Value::Null,
                other => {
                    return Err(StoreError::Corrupt(format!(
                        "PostgreSQL column of type {other}"
                    )));
                }
            };
            values.push(value);
        }
        Ok(Row(values))
    }
}

/// `q` with `args` bound in placeholder order, on either backend.
pub(crate) fn bind_all<'q, DB>(
    mut q: sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>,
    args: Vec<Arg>,
) -> sqlx::query::Query<'q, DB, <DB as sqlx::Database>::Arguments<'q>>
where
    DB: sqlx::Database,
    Option<i64>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<String>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    Option<bool>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    for a in args {
        q = match a {
            Arg::Int(v) => q.bind(Some(v)),
            Arg::Text(v) => q.bind(Some(v)),
            Arg::Bool(v) => q.bind(Some(v)),
            Arg::NullInt => q.bind(None::<i64>),
            Arg::NullText => q.bind(None::<String>),
            Arg::NullBool => q.bind(None::<bool>),
        };
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_value_binds_a_null_of_its_type() {
        assert_eq!(
            args![None::<i64>, None::<&str>, Some(true)],
            vec![Arg::NullInt, Arg::NullText, Arg::Bool(true)]
        );
        assert_eq!(
            args![Some(d::UserId(4)), &Some("a".to_string())],
            vec![Arg::Int(4), Arg::Text("a".into())]
        );
    }

    #[test]
    fn sqlite_booleans_read_as_booleans() {
        let row = Row(vec![Value::Int(1), Value::Int(0), Value::Null]);
        assert!(row.get::<bool>(0).unwrap());
        assert!(!row.get::<bool>(1).unwrap());
        assert_eq!(row.get::<Option<bool>>(2).unwrap(), None);
        assert!(row.get::<String>(0).is_err());
        assert!(row.get::<i64>(3).is_err());
    }
}
