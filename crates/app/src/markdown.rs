//! Markdown of knowledge-base articles (F2, D5) as HTML that is safe to put in a page. Agents
//! write Markdown; whatever it contains — raw HTML, scripts, event handlers, `javascript:` links —
//! the result holds only harmless tags, attributes and addresses (H2). Rendering first and
//! sanitising after means nothing the renderer lets through can slip past the sanitiser.

use std::collections::HashSet;

use pulldown_cmark::{Options, Parser, html};

/// Addresses a link or image may have; anything else (`javascript:`, `data:`, `vbscript:`) is
/// dropped with its attribute.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The article's Markdown as sanitised HTML.
pub fn render(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .url_schemes(HashSet::from(SCHEMES))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The article's words without markup, for search and its snippets.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{plain_text, render};

    #[test]
    fn plain_text_keeps_the_words_only() {
        let text = plain_text("# Stap 1\n\nKlik op **Opslaan**.\n\n- een\n- twee <b>drie</b>");
        assert_eq!(text, "Stap 1 Klik op Opslaan. een twee drie");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render(
            "# Wachtwoord vergeten\n\nKlik op **Wachtwoord vergeten?** en volg de [stappen](https://balie.example/help).\n\n| Rol | Mag |\n| --- | --- |\n| Beheerder | alles |\n",
        );
        assert!(html.contains("<h1>Wachtwoord vergeten</h1>"), "{html}");
        assert!(html.contains("<strong>Wachtwoord vergeten?</strong>"));
        assert!(html.contains("href=\"https://balie.example/help\""));
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
        assert!(html.contains("<table>") && html.contains("<td>Beheerder</td>"));
    }

    #[test]
    fn no_script_gets_through() {
        let hostile = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klik](javascript:alert(1))",
            "[klik](JaVaScRiPt:alert(1))",
            "<a href=\"javascript&#58;alert(1)\">klik</a>",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)><circle/></svg>",
            "<style>body{display:none}</style>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<form action=\"https://evil.example\"><input name=p></form>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "[x](  javascript:alert(1))",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        ];
        for text in hostile {
            let html = render(text).to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "javascript:",
                "vbscript:",
                "data:",
                "<iframe",
                "<svg",
                "<style",
                "<object",
                "<embed",
                "<form",
                "<input",
                "style=",
                "<meta",
            ] {
                assert!(!html.contains(bad), "{text:?} let {bad:?} through: {html}");
            }
        }
    }

    #[test]
    fn code_is_shown_not_run() {
        let html = render("```\n<script>alert(1)</script>\n```");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"));
    }
}
