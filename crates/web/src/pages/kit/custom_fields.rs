//! The custom fields of a ticket form on the page: inputs by kind when submitting, and the
//! values next to the ticket afterwards. A nested drop-down groups "A > B" options under "A".

use balie_app::Tr;
use balie_domain::{FieldId, FieldKind, FormId, Language, TicketField};

use super::FormError;

/// One input of the form, as the template draws it.
pub struct FieldInput {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub required: bool,
    pub value: String,
    /// `(group, [(value, label)])`; one group without a name for a plain drop-down.
    pub groups: Vec<(String, Vec<(String, String)>)>,
    pub invalid: bool,
    /// The message about what was typed here, when it was refused.
    pub message: Option<String>,
}

/// The form field name of a custom field.
pub fn input_name(field: FieldId) -> String {
    format!("field-{field}")
}

/// Reads `field-<id>` pairs from a posted form.
pub fn typed_values(pairs: &[(String, String)]) -> Vec<(FieldId, String)> {
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("field-")?.parse().ok()?;
            Some((id, v.clone()))
        })
        .collect()
}

fn groups(field: &TicketField) -> Vec<(String, Vec<(String, String)>)> {
    let mut groups: Vec<(String, Vec<(String, String)>)> = vec![];
    for option in &field.options {
        let (group, label) = match (field.kind, option.split_once(" > ")) {
            (FieldKind::Nested, Some((group, label))) => (group.to_string(), label.to_string()),
            _ => (String::new(), option.clone()),
        };
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, options)) => options.push((option.clone(), label)),
            None => groups.push((group, vec![(option.clone(), label)])),
        }
    }
    groups
}

/// The inputs of `form`'s fields, filled with what was typed.
pub fn inputs(
    fields: &[TicketField],
    form: FormId,
    lang: Language,
    typed: &[(FieldId, String)],
    error: &Option<FormError>,
) -> Vec<FieldInput> {
    fields
        .iter()
        .filter(|f| f.form == form)
        .map(|f| {
            let label = f.label(lang).to_string();
            FieldInput {
                name: input_name(f.id),
                kind: f.kind.code(),
                required: f.required,
                value: typed
                    .iter()
                    .find(|(id, _)| *id == f.id)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                groups: groups(f),
                message: error
                    .as_ref()
                    .and_then(|e| e.about_custom(&label))
                    .map(|e| e.message.clone()),
                invalid: error
                    .as_ref()
                    .is_some_and(|e| e.about_custom(&label).is_some()),
                label,
            }
        })
        .collect()
}

/// A kept value as people read it: a checkbox says yes, a date reads day-month-year.
pub fn shown(tr: &Tr<'_>, kind: FieldKind, value: &str) -> String {
    match kind {
        FieldKind::Checkbox => tr.t("field-yes"),
        FieldKind::Date => match value.parse::<balie_domain::Date>() {
            Ok(d) => format!("{:02}-{:02}-{}", d.day(), d.month(), d.year()),
            Err(_) => value.to_string(),
        },
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_options_are_grouped_by_their_first_part() {
        let field = TicketField {
            id: FieldId(3),
            form: FormId(1),
            label: balie_domain::Bilingual::new("Onderdeel", "Part"),
            kind: FieldKind::Nested,
            required: false,
            options: vec![
                "Agenda > Afspraken".into(),
                "Agenda > Herinneringen".into(),
                "Declaraties > Vektis".into(),
            ],
        };
        let g = groups(&field);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].0, "Agenda");
        assert_eq!(
            g[0].1[1],
            ("Agenda > Herinneringen".into(), "Herinneringen".into())
        );
        assert_eq!(
            typed_values(&[
                ("field-3".into(), "x".into()),
                ("subject".into(), "y".into())
            ]),
            [(FieldId(3), "x".to_string())]
        );
    }
}
