//! Template filters shared by the built-in templates (and available to users' templates).

use minijinja::{Environment, Value};

pub fn register(env: &mut Environment<'static>) {
    env.add_filter("date", date);
    env.add_filter("md", md);
    env.add_filter("md_cell", md_cell);
    env.add_filter("truncate_chars", truncate_chars);
    env.add_filter("signed", signed);
}

/// `2026-03-02T10:00:00Z` → `2026-03-02`; anything else unchanged; none → empty.
fn date(v: Value) -> String {
    if v.is_none() || v.is_undefined() {
        return String::new();
    }
    let s = v.to_string();
    s.get(..10).map_or(s.clone(), str::to_string)
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
