//! Template filters shared by the built-in templates (and available to users' templates).

use minijinja::{Environment, Value};

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("date", date);
    env.add_filter("end_date", end_date);
    env.add_filter("md", md);
    env.add_filter("md_cell", md_cell);
    env.add_filter("truncate_chars", truncate_chars);
    env.add_filter("signed", signed);
    env.add_filter("http_url", http_url);
    env.add_filter("code_spans", code_spans);
    env.add_filter("md_code", md_code);
    env.add_filter("person_name", person_name);
    env.add_filter("counted_why", counted_why);
    // The window in which another's revert undoes a change, so the reports say the
    // number the collector used rather than a copy of it.
    env.add_global("revert_days", crate::model::refs::REVERT_DAYS);
}

/// Why an item is counted with another, in a few words for a list of items
/// (`counted_why` of the portfolio JSON: `follow-up` → "a follow-up of it",
/// [`crate::model::portfolio::CountedWhy::short`]); an unknown reason as it is.
fn counted_why(v: Value) -> String {
    let s = v.as_str().unwrap_or_default();
    serde_json::from_value::<crate::model::portfolio::CountedWhy>(serde_json::Value::from(s))
        .map_or_else(|_| s.to_string(), |why| why.short().to_string())
}

/// A link target that is safe to follow: an `http://` or `https://` URL, with spaces,
/// quotes, angle brackets and parentheses percent-encoded (so it cannot end a Markdown
/// link or an HTML attribute early). Anything else (`javascript:`, `data:`, relative
/// paths, none) gives none, so templates render the item as text:
/// `{% set u = it.url | http_url %}{% if u %}<a href="{{ u }}">…{% endif %}`.
fn http_url(v: Value) -> Value {
    let Some(s) = v.as_str() else {
        return Value::from(());
    };
    let s = s.trim();
    let scheme = s
        .split_once(':')
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    let host_follows = s
        .split_once(':')
        .is_some_and(|(_, rest)| rest.starts_with("//") && rest.len() > 2);
    if !matches!(scheme.as_deref(), Some("http" | "https")) || !host_follows {
        return Value::from(());
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            ' ' | '"' | '\'' | '<' | '>' | '(' | ')' | '`' | '\\' | '{' | '}' | '|' | '^' => {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("%{:02X}", c as u32));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Value::from(out)
}

/// `Ada Lovelace <ada@example.com>` → `Ada Lovelace`: a person as git names them, without
/// the address; text without one is unchanged.
fn person_name(v: Value) -> String {
    let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
    match crate::model::person::parse_name_email(&s) {
        (name, email) if !name.is_empty() && !email.is_empty() => name,
        _ => s,
    }
}

/// `2026-03-02T10:00:00Z` → `2026-03-02`; anything else unchanged; none → empty.
fn date(v: Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    let s = v.to_string();
    s.get(..10).map_or(s.clone(), str::to_string)
}

/// Escapes text for HTML content and quoted attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML for text with Markdown code spans (rubric goals say "run `evident note add`"):
/// the whole text is HTML-escaped first, then each `` `...` `` pair becomes `<code>`.
/// The result is marked safe because everything in it was escaped here; an unpaired
/// backtick stays as it is.
fn code_spans(v: Value) -> Value {
    let s = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        let escaped = html_escape(part);
        let paired = i % 2 == 1 && i + 1 < parts.len();
        if paired {
            out.push_str("<code>");
            out.push_str(&escaped);
            out.push_str("</code>");
        } else {
            if i % 2 == 1 {
                out.push('`');
            }
            out.push_str(&escaped);
        }
    }
    Value::from_safe_string(out)
}

/// The last day of a period whose end is exclusive (`--until 2026-06-30` is stored as
/// `2026-07-01T00:00:00Z`): the date one second before it. Not a time: as `date`.
fn end_date(v: Value) -> String {
    let s = v.as_str().map(str::to_string).unwrap_or_default();
    match chrono::DateTime::parse_from_rfc3339(&s) {
        Ok(t) => (t - chrono::Duration::seconds(1))
            .format("%Y-%m-%d")
            .to_string(),
        Err(_) => date(v),
    }
}

/// Escapes text from repositories for Markdown inline use, so a title cannot inject
/// links, HTML or formatting.
fn md(v: Value) -> String {
    let s = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Like `md`, but paired `` `code spans` `` stay code (their content is literal in
/// Markdown, so it needs no escaping). For rubric text such as goals, which name
/// commands. `md_code(cell=true)` also escapes `|` inside code spans, for table cells.
fn md_code(v: Value, kwargs: minijinja::value::Kwargs) -> Result<String, minijinja::Error> {
    let cell: bool = kwargs.get::<Option<bool>>("cell")?.unwrap_or(false);
    kwargs.assert_all_used()?;
    let s = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && i + 1 < parts.len() && !part.is_empty() {
            out.push('`');
            for c in part.chars() {
                match c {
                    '\n' | '\r' => out.push(' '),
                    '|' if cell => out.push_str("\\|"),
                    c => out.push(c),
                }
            }
            out.push('`');
        } else {
            if i % 2 == 1 {
                out.push_str("\\`");
            }
            out.push_str(&md(Value::from(*part)));
        }
    }
    Ok(if cell { out.trim().to_string() } else { out })
}

/// Like `md`, for a table cell: also one line.
fn md_cell(v: Value) -> String {
    md(v).trim().to_string()
}

fn truncate_chars(v: Value, n: usize) -> String {
    let s = v
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string());
    if s.chars().count() > n {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    } else {
        s
    }
}

/// `+12` / `−3` style numbers.
fn signed(v: Value, sign: &str) -> String {
    format!("{sign}{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Option<String> {
        let v = http_url(Value::from(s));
        v.as_str().map(str::to_string)
    }

    #[test]
    fn code_spans_escape_everything_else() {
        let html = |s: &str| code_spans(Value::from(s)).to_string();
        assert_eq!(
            html("record it with `evident note add --signal mentoring`."),
            "record it with <code>evident note add --signal mentoring</code>."
        );
        assert_eq!(
            html("<b>x</b> `<i>` & `odd"),
            "&lt;b&gt;x&lt;/b&gt; <code>&lt;i&gt;</code> &amp; `odd"
        );
        assert!(code_spans(Value::from("a")).is_safe());
    }

    fn render(template: &str, text: &str) -> String {
        let mut env = Environment::new();
        register(&mut env);
        env.render_str(template, minijinja::context! { t => text })
            .unwrap()
    }

    #[test]
    fn md_code_keeps_code_spans_and_escapes_the_rest() {
        assert_eq!(
            render(
                "{{ t | md_code }}",
                "run `evident note add --signal x_y` *now* [1]"
            ),
            "run `evident note add --signal x_y` \\*now\\* \\[1\\]"
        );
        assert_eq!(
            render("{{ t | md_code(cell=true) }}", "a `x | y` | b `odd"),
            "a `x \\| y` \\| b \\`odd"
        );
    }

    #[test]
    fn a_person_is_named_without_their_address() {
        assert_eq!(person_name(Value::from("Ada L <ada@x.org>")), "Ada L");
        assert_eq!(person_name(Value::from("xenul")), "xenul");
        assert_eq!(person_name(Value::from(" <a@x>")), " <a@x>");
    }

    #[test]
    fn end_date_is_the_last_day_of_an_exclusive_end() {
        assert_eq!(end_date(Value::from("2026-07-01T00:00:00Z")), "2026-06-30");
        assert_eq!(end_date(Value::from("2026-11-23T12:00:00Z")), "2026-11-23");
        assert_eq!(end_date(Value::from("2026-11-23")), "2026-11-23");
        assert_eq!(end_date(Value::from(())), "");
    }

    #[test]
    fn only_http_and_https_urls_become_links() {
        assert_eq!(
            url("https://github.com/acme/web/pull/42").as_deref(),
            Some("https://github.com/acme/web/pull/42")
        );
        assert_eq!(
            url("HTTP://example.com/a").as_deref(),
            Some("HTTP://example.com/a")
        );
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "/relative/path",
            "//example.com/x",
            "https:",
            "http:/x",
            "",
        ] {
            assert_eq!(url(bad), None, "{bad}");
        }
        assert!(http_url(Value::from(())).is_none());
        assert!(http_url(Value::from(3)).is_none());
    }

    #[test]
    fn urls_cannot_break_out_of_a_link() {
        assert_eq!(
            url("https://x.example/a b\"c'd<e>(f)").as_deref(),
            Some("https://x.example/a%20b%22c%27d%3Ce%3E%28f%29")
        );
        assert_eq!(
            url("https://x.example/\nz").as_deref(),
            Some("https://x.example/z")
        );
    }
}
