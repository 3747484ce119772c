//! The portfolio JSON Schema, generated from the portfolio's types so that it cannot
//! drift from what evident writes. `schema/portfolio.schema.json` is this schema;
//! `tests/cli/render.rs` fails when the committed file differs, and rewrites it with
//! `EVIDENT_WRITE_SCHEMA=1 cargo test --test cli render::the_schema_file_is_generated`.

use super::Portfolio;
use super::portfolio::PORTFOLIO_SCHEMA;
use schemars::generate::SchemaSettings;

/// Where the schema says it lives; a change that breaks readers gets a new version here.
pub const SCHEMA_ID: &str = "https://evident.example/schema/portfolio/v1.json";

/// The JSON Schema (draft 2020-12) of the portfolio as evident writes it: every field it
/// always writes is required, and no other field is allowed.
pub fn portfolio_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Portfolio>().to_value();
    if let Some(root) = schema.as_object_mut() {
        root.insert("$id".into(), SCHEMA_ID.into());
        root.insert(
            "title".into(),
            format!("evident portfolio, schema {PORTFOLIO_SCHEMA}").into(),
        );
        root.insert(
            "description".into(),
            "What `evident classify --format json` and `evident run --format json` write and `evident report` reads: classified evidence organised by a career rubric. Generated from the types in src/model/ (see src/model/schema.rs); a change that breaks readers gets a new version and a new `$id`.".into(),
        );
    }
    schema
}

/// The schema as `schema/portfolio.schema.json` holds it.
pub fn portfolio_schema_text() -> String {
    serde_json::to_string_pretty(&portfolio_schema()).unwrap_or_default() + "\n"
}
