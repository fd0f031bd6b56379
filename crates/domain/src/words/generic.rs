//! Words that fill a help desk's subjects whatever they are about: that something is a problem,
//! a question or an error message, that it does not work, that a setting must change, and the
//! small words the stop list keeps for search. Articles that only share such words with a
//! subject are not about it, so they must not make an article a suggestion; they still count
//! a little when the meaningful words match as well. Search itself keeps finding them.

use super::Stems;
use crate::Language;

/// What kind of message it is, and how it greets or asks.
const DUTCH_MESSAGE: &str = "\
    probleem problemen vraag vragen vraagje fout fouten foutmelding foutmeldingen foutcode \
    foutcodes melding meldingen error errors issue klacht hulp help graag dringend spoed urgent \
    hallo beste goedemorgen goedemiddag bedankt dank info informatie verzoek";
/// The software itself: every article is about it.
const DUTCH_SOFTWARE: &str = "\
    portaal systeem software programma applicatie app pagina scherm knop website site online";
/// Verbs any request may have, and how often or again.
const DUTCH_VERBS: &str = "\
    werkt werken werkte lukt lukken lukte kan kun kunt kunnen krijg krijgt krijgen zie ziet zien \
    doe doet doen gaat gaan wil wilt willen moet moeten wordt worden heb hebt heeft hebben ben \
    bent zijn was staat staan komt komen maken aanmaken aanpassen wijzigen veranderen toevoegen \
    verwijderen instellen ingesteld instelling instellingen gebruiken vinden openen zoeken lezen \
    sturen versturen opnieuw nieuw nieuwe weer steeds meer";
/// Small words the stop list leaves in.
const DUTCH_SMALL: &str = "\
    tot via als ook nog wel geen al maar dan door over uit na per sinds waarom wanneer waar welke \
    wie we wij ons onze jullie ze zij hij me mij zo nu even iets niets alle elke andere vandaag \
    gisteren";
const ENGLISH_WORDS: &str = "\
    problem problems question questions error errors issue issues message help please urgent hello \
    hi thanks request portal system software application app page screen button website site \
    online work works working worked can cannot can't doesn't don't get gets getting see do does \
    doing go goes want need set setting settings change add remove delete create make use find \
    open new again still no from about after when why where which who we our me am are was be been \
    has have had will would should could there here up out some any all every just only also";
const DUTCH: &[&str] = &[DUTCH_MESSAGE, DUTCH_SOFTWARE, DUTCH_VERBS, DUTCH_SMALL];
const ENGLISH: &[&str] = &[ENGLISH_WORDS];

/// The stems of the help desk's generic words in `lang`, sorted, each once.
pub fn generic_terms(lang: Language) -> Vec<String> {
    let words = match lang {
        Language::Nl => DUTCH,
        Language::En => ENGLISH,
    };
    let mut stems = Stems::every_word(lang);
    let mut found: Vec<String> = words
        .iter()
        .flat_map(|list| list.split_whitespace())
        .flat_map(|w| stems.terms(w))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::terms;

    fn generic(word: &str, lang: Language) -> bool {
        let stems = generic_terms(lang);
        terms(word, lang)
            .iter()
            .all(|t| stems.binary_search(t).is_ok())
    }

    #[test]
    fn word_forms_of_the_generic_words_are_generic_too() {
        for word in [
            "Foutmelding",
            "foutmeldingen",
            "problemen",
            "instellingen",
            "Portaal",
        ] {
            assert!(generic(word, Language::Nl), "{word}");
        }
        for word in ["Problems", "errors", "settings"] {
            assert!(generic(word, Language::En), "{word}");
        }
    }

    #[test]
    fn the_words_a_subject_is_about_are_not() {
        for word in [
            "wachtwoord",
            "declaratie",
            "zorgmail",
            "verwijsbrief",
            "agenda",
            "sjabloon",
        ] {
            assert!(!generic(word, Language::Nl), "{word}");
        }
        for word in ["password", "claims", "reminder"] {
            assert!(!generic(word, Language::En), "{word}");
        }
    }
}
