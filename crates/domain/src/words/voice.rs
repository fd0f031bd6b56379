//! The portal speaks to its Dutch readers as "je", the way most Dutch software does and as the
//! rest of its texts do. A text that says "u" or "uw" reads as another writer's.

/// Words of the formal form of address ("u", "uw", "alstublieft", ...).
const FORMAL: &[&str] = &["u", "uw", "uzelf", "alstublieft", "gelieve"];

/// The first word of `text` that addresses the reader formally, if there is one.
pub fn formal_address(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .find(|word| FORMAL.iter().any(|f| word.eq_ignore_ascii_case(f)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formal_words_are_found_whole_and_in_any_case() {
        assert_eq!(formal_address("Stel hier uw algemene vraag."), Some("uw"));
        assert_eq!(formal_address("Heeft u een vraag?"), Some("u"));
        assert_eq!(
            formal_address("Alstublieft, geen wachtwoorden"),
            Some("Alstublieft")
        );
        assert_eq!(formal_address("Je kunt meerdere bestanden kiezen."), None);
        assert_eq!(
            formal_address("Stel hier je vraag. Uitleg, duur, nu."),
            None
        );
        assert_eq!(formal_address("„{ $subject }” (u-bocht)"), Some("u"));
    }
}
