//! Where the portfolio is drawn: minijinja templates (built in, or from `--template-dir`)
//! for Markdown and HTML, and serde for JSON. Templates run in strict-undefined mode, so a
//! misspelled field is an error, not a silently empty line.

use crate::error::{Error, Result};
use crate::model::Portfolio;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::path::{Path, PathBuf};

/// What a portfolio is written as. In settings files and variables: `md` (or
/// `markdown`), `html`, `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    #[serde(rename = "md", alias = "markdown")]
    Markdown,
    #[serde(rename = "html")]
    Html,
    #[serde(rename = "json")]
    Json,
}

impl Format {
    /// The format a file name asks for, if its extension says.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The file extension output in this format is written with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Format::Markdown => "portfolio.md",
            Format::Html => "portfolio.html",
            Format::Json => unreachable!("JSON is not templated"),
        }
    }
}

/// The built-in templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("portfolio.md", include_str!("../../templates/portfolio.md")),
    (
        "portfolio.html",
        include_str!("../../templates/portfolio.html"),
    ),
    ("team.md", include_str!("../../templates/team.md")),
    ("team.html", include_str!("../../templates/team.html")),
];

pub fn render(
    portfolio: &Portfolio,
    format: Format,
    template_dir: Option<&Path>,
) -> Result<String> {
    check_template_dir(template_dir)?;
    if format == Format::Json {
        let mut s = serde_json::to_string_pretty(portfolio)
            .map_err(|e| Error::failed("could not write the portfolio as JSON").with_source(e))?;
        s.push('\n');
        return Ok(s);
    }
    let env = environment(template_dir.map(Path::to_path_buf));
    let name = format.template();
    let template = env
        .get_template(name)
        .map_err(|e| template_error(&e, template_dir))?;
    template
        .render(context(portfolio))
        .map_err(|e| template_error(&e, template_dir))
}

/// Renders the overview of `evident team` (`team.md` / `team.html`, or JSON).
pub fn render_team(
    overview: &crate::model::team::TeamOverview,
    format: Format,
    template_dir: Option<&Path>,
) -> Result<String> {
    check_template_dir(template_dir)?;
    if format == Format::Json {
        let mut s = serde_json::to_string_pretty(overview).map_err(|e| {
            Error::failed("could not write the team overview as JSON").with_source(e)
        })?;
        s.push('\n');
        return Ok(s);
    }
    let env = environment(template_dir.map(Path::to_path_buf));
    let name = match format {
        Format::Html => "team.html",
        _ => "team.md",
    };
    let template = env
        .get_template(name)
        .map_err(|e| template_error(&e, template_dir))?;
    template
        .render(minijinja::context! { t => Value::from(minijinja::value::Serde(overview)) })
        .map_err(|e| template_error(&e, template_dir))
}

/// A template folder that does not exist is a usage error: falling back to the built-in
/// templates without a word would hide the typo.
fn check_template_dir(dir: Option<&Path>) -> Result<()> {
    match dir {
        Some(d) if !d.is_dir() => Err(Error::usage(format!(
            "the template folder {} does not exist",
            d.display()
        ))
        .with_hint("check --template-dir (or `template_dir` in evident.toml); leave it out to use the built-in templates")),
        _ => Ok(()),
    }
}

fn environment(dir: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // HTML templates escape every value unless it is marked safe; only the SVG charts,
    // built (and escaped) in Rust, are. Markdown escapes with the `md` filters instead.
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".htm") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    // minijinja's HTML escaping also escapes `/`, which only makes URLs and repository
    // names hard to read in the source; `& < > " '` are all HTML needs in text and quoted
    // attributes.
    env.set_formatter(|out, state, value| {
        if *state.auto_escape() == AutoEscape::Html
            && !value.is_safe()
            && let Some(s) = value.as_str()
        {
            return out
                .write_str(&filters::html_escape(s))
                .map_err(minijinja::Error::from);
        }
        minijinja::escape_formatter(out, state, value)
    });
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_loader(move |name| {
        if let Some(dir) = &dir {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read {}", path.display()),
                    )
                    .with_source(e)
                });
            }
        }
        Ok(BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string()))
    });
    filters::register(&mut env);
    env
}

fn context(p: &Portfolio) -> Value {
    let by_id: std::collections::BTreeMap<&str, &crate::model::portfolio::Item> = p
        .items
        .iter()
        .map(|i| (i.evidence.id.as_str(), i))
        .collect();
    let initiatives: std::collections::BTreeMap<&str, &crate::model::portfolio::Initiative> =
        p.initiatives.iter().map(|i| (i.id.as_str(), i)).collect();
    minijinja::context! {
        p => Value::from(minijinja::value::Serde(p)),
        items => Value::from(minijinja::value::Serde(&by_id)),
        initiatives => Value::from(minijinja::value::Serde(&initiatives)),
        charts => charts_value(p),
        bulk => bulk_value(p),
    }
}

/// Bulk mechanical changes (`meta.bulk`), which the appendix collapses into one line:
/// `count`, `kinds` (kind → count) and `text` ("14 bulk mechanical changes (formatting:
/// 9, generated: 5), not counted as impact").
fn bulk_value(p: &Portfolio) -> Value {
    let mut kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for it in &p.items {
        if let Some(kind) = it.evidence.meta_str("bulk") {
            *kinds.entry(kind.to_string()).or_default() += 1;
        }
    }
    let count: usize = kinds.values().sum();
    let text = bulk_text(&kinds);
    minijinja::context! { count => count, kinds => kinds, text => text }
}

/// "14 bulk mechanical changes (formatting: 9, generated: 5), not counted as impact";
/// empty when there are none.
pub fn bulk_text(kinds: &std::collections::BTreeMap<String, usize>) -> String {
    let count: usize = kinds.values().sum();
    if count == 0 {
        return String::new();
    }
    let parts: Vec<String> = kinds.iter().map(|(k, n)| format!("{k}: {n}")).collect();
    format!(
        "{count} bulk mechanical change{} ({}), not counted as impact",
        if count == 1 { "" } else { "s" },
        parts.join(", ")
    )
}

/// The charts as safe strings: they are SVG built in `charts.rs`, which escapes the text
/// it puts in them, so auto-escaping must not turn them back into text.
fn charts_value(p: &Portfolio) -> Value {
    let charts = crate::render::charts::charts(p);
    minijinja::context! {
        activity => Value::from_safe_string(charts.activity),
        coverage => Value::from_safe_string(charts.coverage),
    }
}

fn template_error(e: &minijinja::Error, dir: Option<&Path>) -> Error {
    let name = e.name().unwrap_or("template");
    let location = match (dir.map(|d| d.join(name)).filter(|p| p.is_file()), e.line()) {
        (Some(path), Some(line)) => format!("{}:{line}", path.display()),
        (None, Some(line)) => format!("{name}:{line}"),
        (Some(path), None) => path.display().to_string(),
        (None, None) => name.to_string(),
    };
    let what = match e.kind() {
        minijinja::ErrorKind::SyntaxError => "template syntax error",
        minijinja::ErrorKind::UndefinedError => "template uses an undefined value",
        minijinja::ErrorKind::UnknownFilter | minijinja::ErrorKind::UnknownFunction => {
            "template uses an unknown filter or function"
        }
        _ => "template error",
    };
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    Error::config(format!("{location}: {what}: {detail}"))
        .with_hint("templates use minijinja (Jinja2) syntax; see docs/templates.md for the variables and filters")
}

pub mod charts;
pub mod filters;
pub mod identities;
