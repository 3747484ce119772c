//! Inline SVG charts for the HTML portfolio.

use crate::model::Portfolio;
use serde::Serialize;

#[derive(Debug, Default, Serialize)]
pub struct Charts {
    /// Activity over time per competency area.
    pub activity: String,
    /// Competency coverage: evidence per statement.
    pub coverage: String,
}

pub fn charts(_p: &Portfolio) -> Charts {
    Charts::default()
}
