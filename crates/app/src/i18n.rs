//! Translations: every word a user reads comes from the Fluent catalogs in `locales/{nl,en}`.
//! Both catalogs must hold the same keys, and every key the code and the templates ask for by
//! name; tests fail otherwise.

use std::borrow::Cow;
use std::collections::HashMap;

use balie_domain::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The catalog files of each language, compiled into the binary.
const NL: &[&str] = &[
    include_str!("../locales/nl/common.ftl"),
    include_str!("../locales/nl/accounts.ftl"),
    include_str!("../locales/nl/mail.ftl"),
    include_str!("../locales/nl/errors.ftl"),
    include_str!("../locales/nl/billing.ftl"),
    include_str!("../locales/nl/organisation.ftl"),
    include_str!("../locales/nl/support.ftl"),
    include_str!("../locales/nl/workspace.ftl"),
    include_str!("../locales/nl/kb.ftl"),
    include_str!("../locales/nl/fields.ftl"),
];
const EN: &[&str] = &[
    include_str!("../locales/en/common.ftl"),
    include_str!("../locales/en/accounts.ftl"),
    include_str!("../locales/en/mail.ftl"),
    include_str!("../locales/en/errors.ftl"),
    include_str!("../locales/en/billing.ftl"),
    include_str!("../locales/en/organisation.ftl"),
    include_str!("../locales/en/support.ftl"),
    include_str!("../locales/en/workspace.ftl"),
    include_str!("../locales/en/kb.ftl"),
    include_str!("../locales/en/fields.ftl"),
];

pub struct Translator {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Translator")
    }
}

impl Translator {
    /// Loads both catalogs. A catalog with a syntax error is a build mistake that the tests catch,
    /// so it is reported as an error here rather than hidden.
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        for (lang, files) in [(Language::Nl, NL), (Language::En, EN)] {
            let id = lang
                .code()
                .parse()
                .map_err(|e| format!("language id {}: {e}", lang.code()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks: the texts go into HTML and plain-text e-mail as they are.
            bundle.set_use_isolating(false);
            for source in files {
                let resource = FluentResource::try_new((*source).to_string())
                    .map_err(|(_, errs)| format!("{}: {errs:?}", lang.code()))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errs| format!("{}: {errs:?}", lang.code()))?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(Translator { bundles })
    }

    /// The message `key` in `lang`, with `args` filled in. A missing key shows as the key itself
    /// (and is logged), so a slip never breaks a page.
    pub fn format(&self, lang: Language, key: &str, args: &[(&str, &str)]) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::String(Cow::Borrowed(value)));
        }
        let mut errors = vec![];
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, ?errors, "translation arguments");
        }
        text.into_owned()
    }

    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundles
            .get(&lang)
            .is_some_and(|b| b.get_message(key).is_some())
    }

    pub fn for_lang(&self, lang: Language) -> Tr<'_> {
        Tr {
            lang,
            catalog: self,
        }
    }
}

/// A translator bound to one language, handed to templates.
#[derive(Clone, Copy)]
pub struct Tr<'a> {
    pub lang: Language,
    catalog: &'a Translator,
}

impl Tr<'_> {
    pub fn t(&self, key: &str) -> String {
        self.catalog.format(self.lang, key, &[])
    }

    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.catalog.format(self.lang, key, &[(name, value)])
    }

    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.format(self.lang, key, args)
    }

    /// Whether the catalog has `key` (for keys built from a name, such as a form field's).
    pub fn has(&self, key: &str) -> bool {
        self.catalog.has(self.lang, key)
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }
}

/// The message keys one catalog defines (for the equal-keys test and the template check).
pub fn keys(lang: Language) -> Vec<String> {
    let files = match lang {
        Language::Nl => NL,
        Language::En => EN,
    };
    let mut keys: Vec<String> = files
        .iter()
        .flat_map(|f| f.lines())
        .filter_map(|line| {
            let (key, _) = line.split_once('=')?;
            let key = key.trim_end();
            let ok = !key.is_empty()
                && !line.starts_with([' ', '#', '.', '-'])
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| key.to_string())
        })
        .collect();
    keys.sort();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_load_and_hold_the_same_keys() {
        let tr = Translator::load().unwrap();
        let nl = keys(Language::Nl);
        let en = keys(Language::En);
        let only_nl: Vec<_> = nl.iter().filter(|k| !en.contains(k)).collect();
        let only_en: Vec<_> = en.iter().filter(|k| !nl.contains(k)).collect();
        assert!(
            only_nl.is_empty() && only_en.is_empty(),
            "nl only: {only_nl:?}, en only: {only_en:?}"
        );
        for key in &nl {
            assert!(
                tr.has(Language::Nl, key) && tr.has(Language::En, key),
                "{key}"
            );
        }
        let mut dedup = nl.clone();
        dedup.dedup();
        assert_eq!(dedup.len(), nl.len(), "a key is defined twice");
    }

    /// The keys written out where a text is asked for: `t("key")`, `t1("key", ...)` and
    /// `t_args("key", ...)` in Rust and in the templates, and `format(lang, "key", ...)`.
    fn keys_used_in(text: &str) -> Vec<String> {
        let mut found = vec![];
        for call in ["t(\"", "t1(\"", "t_args(\"", "format("] {
            let mut rest = text;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + call.len()..];
                // `t(` must be the name itself, not the end of another (`split(`, `start(`).
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let literal = if call == "format(" {
                    // The language comes first: `format(lang, "key", ...)`.
                    let Some((_, after)) = rest.split_once(',') else {
                        continue;
                    };
                    let Some(after) = after.trim_start().strip_prefix('"') else {
                        continue;
                    };
                    after
                } else {
                    rest
                };
                let key: String = literal.chars().take_while(|&c| c != '"').collect();
                let is_key = key.contains('-')
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_key {
                    found.push(key);
                }
            }
        }
        found
    }

    /// Every Rust file and template of the crates, with its path.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut todo = vec![crates];
        let mut files = vec![];
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    todo.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "rs" || e == "html" || e == "txt")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((path, text));
                }
            }
        }
        files
    }

    #[test]
    fn every_key_the_code_and_templates_ask_for_is_in_both_catalogs() {
        let (nl, en) = (keys(Language::Nl), keys(Language::En));
        let mut asked = 0;
        let mut missing = vec![];
        for (path, text) in sources() {
            // This file's own examples of missing keys are not asked for.
            if path.ends_with("i18n.rs") {
                continue;
            }
            for key in keys_used_in(&text) {
                asked += 1;
                if !nl.contains(&key) || !en.contains(&key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(missing.is_empty(), "not in both catalogs: {missing:#?}");
        // The scan itself works: it finds the hundreds of keys the pages ask for.
        assert!(asked > 300, "only {asked} keys found");
    }

    #[test]
    fn every_dutch_text_addresses_the_reader_as_je() {
        let mut formal = vec![];
        for line in NL.iter().flat_map(|f| f.lines()) {
            let Some((key, text)) = line.split_once(" = ") else {
                continue;
            };
            if let Some(word) = balie_domain::words::formal_address(text) {
                formal.push(format!("{key}: „{word}”"));
            }
        }
        assert!(
            formal.is_empty(),
            "u-form in the Dutch catalogue: {formal:#?}"
        );
    }

    #[test]
    fn the_key_scan_reads_each_way_of_asking() {
        let text = r#"{{ t("kb-intro") }} tr.t1("mail-x", "n", v) tr.t_args("a-b", &[])
            tr.format(lang, "mail-invitation-subject", &[]) split("a-b") t("Not a key")"#;
        assert_eq!(
            keys_used_in(text),
            ["kb-intro", "mail-x", "a-b", "mail-invitation-subject"]
        );
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let tr = Translator::load().unwrap();
        let text = tr.format(
            Language::Nl,
            "mail-invitation-subject",
            &[("portal", "Zorgsoft")],
        );
        assert_eq!(text, "Uitnodiging voor Zorgsoft");
        assert_eq!(tr.format(Language::En, "no-such-key", &[]), "no-such-key");
    }
}
