//! Render: the portfolio as the person may show it (redacted when asked), in the format
//! asked for; and the last portfolio kept for `explain`.

use crate::config::Config;
use crate::error::Result;
use crate::model::Portfolio;
use crate::render::{self, Format};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The file in the store where `run` keeps its last portfolio.
pub const LAST_PORTFOLIO: &str = "last-portfolio.json";

/// The `format` setting, else the output file's extension, else Markdown.
pub fn output_format(format: Option<Format>, output: Option<&Path>) -> Format {
    format
        .or_else(|| output.and_then(Format::from_path))
        .unwrap_or(Format::Markdown)
}

/// The portfolio as it may be shown: redacted when asked, showing the names of the
/// configured `public_repos` only.
pub fn shareable<'a>(
    config: &Config,
    portfolio: &'a Portfolio,
    redact: bool,
) -> Cow<'a, Portfolio> {
    if redact {
        let public = config.public_repos.clone().unwrap_or_default();
        Cow::Owned(crate::model::redact::redact(portfolio, &public))
    } else {
        Cow::Borrowed(portfolio)
    }
}

/// The portfolio as text: shareable, in `format`, with the templates of `template_dir`.
pub fn portfolio_text(
    config: &Config,
    portfolio: &Portfolio,
    redact: bool,
    format: Format,
    template_dir: Option<&Path>,
) -> Result<String> {
    render::render(&shareable(config, portfolio, redact), format, template_dir)
}

/// Where the last portfolio is kept, in the store folder `store`.
pub fn last_portfolio_path(store: &Path) -> PathBuf {
    store.join(LAST_PORTFOLIO)
}

/// Keeps the portfolio for `evident explain`; failing to is only worth a note.
pub fn remember(store: Option<&Path>, portfolio: &Portfolio) {
    let Some(dir) = store else { return };
    let saved = serde_json::to_vec(portfolio)
        .ok()
        .map(|bytes| crate::store::write_atomic(&last_portfolio_path(dir), &bytes));
    if let Some(Err(e)) = saved {
        tracing::debug!("could not keep the portfolio for `explain`: {}", e.message);
    }
}
