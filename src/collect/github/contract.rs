//! The contract test: every GraphQL document evident sends validates against GitHub's
//! public schema (vendored in `tests/fixtures/github/schema/`, with its source and date in
//! the README there), and uses no deprecated field, argument or enum value. Refresh the
//! schema to see whether GitHub removed or deprecated something evident asks for.
//!
//! The legacy dialect (for Enterprise Servers older than `ISSUE_ADVANCED` and
//! `fullDatabaseId`) must still validate, and may use exactly one deprecated field:
//! `PullRequestReview.databaseId`, which those servers need.

use super::graphql::{Dialect, all_documents};
use apollo_compiler::executable::{Selection, SelectionSet};
use apollo_compiler::validation::Valid;
use apollo_compiler::{ExecutableDocument, Schema};
use std::path::Path;
use std::sync::OnceLock;

fn schema() -> &'static Valid<Schema> {
    static SCHEMA: OnceLock<Valid<Schema>> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/github/schema/github.graphql");
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match Schema::parse_and_validate(text, "github.graphql") {
            Ok(schema) => schema,
            Err(e) => {
                // GitHub's published schema repeats some fields of mutation inputs (241 in
                // the vendored copy); evident sends no mutation. Anything else is a problem.
                let report = e.errors.to_string();
                let other: Vec<&str> = report
                    .lines()
                    .filter(|l| l.starts_with("Error:"))
                    .filter(|l| !l.contains("duplicate definitions for the"))
                    .collect();
                assert!(
                    other.is_empty(),
                    "GitHub's schema does not validate: {other:?}"
                );
                Valid::assume_valid(e.partial)
            }
        }
    })
}

/// Every deprecated schema member a document uses, as `Type.field`, `Type.field(arg)` or
/// `Enum.VALUE`.
fn deprecated_uses(schema: &Schema, doc: &ExecutableDocument) -> Vec<String> {
    let mut out = Vec::new();
    for op in doc.operations.iter() {
        walk(schema, &op.selection_set, &mut out);
    }
    for fragment in doc.fragments.values() {
        walk(schema, &fragment.selection_set, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn walk(schema: &Schema, set: &SelectionSet, out: &mut Vec<String>) {
    for selection in &set.selections {
        match selection {
            Selection::Field(field) => {
                let def = &field.definition;
                let owner = set.ty.as_str();
                if def.directives.get("deprecated").is_some() {
                    out.push(format!("{owner}.{}", field.name));
                }
                for arg in &field.arguments {
                    let Some(arg_def) = def.arguments.iter().find(|a| a.name == arg.name) else {
                        continue;
                    };
                    if arg_def.directives.get("deprecated").is_some() {
                        out.push(format!("{owner}.{}({})", field.name, arg.name));
                    }
                    enum_values(
                        schema,
                        arg_def.ty.inner_named_type().as_str(),
                        &arg.value,
                        out,
                    );
                }
                walk(schema, &field.selection_set, out);
            }
            Selection::InlineFragment(inline) => walk(schema, &inline.selection_set, out),
            // Fragments are walked from their definitions.
            Selection::FragmentSpread(_) => {}
        }
    }
}

fn enum_values(
    schema: &Schema,
    ty: &str,
    value: &apollo_compiler::ast::Value,
    out: &mut Vec<String>,
) {
    use apollo_compiler::ast::Value;
    match value {
        Value::Enum(name) => {
            if let Some(e) = schema.get_enum(ty)
                && let Some(v) = e.values.get(name)
                && v.directives.get("deprecated").is_some()
            {
                out.push(format!("{ty}.{name}"));
            }
        }
        Value::List(items) => {
            for item in items {
                enum_values(schema, ty, item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_document_validates_against_githubs_schema_without_deprecated_fields() {
    let schema = schema();
    let mut failures = Vec::new();
    for (name, dialect, body) in all_documents() {
        let query = body["query"].as_str().expect("a query");
        let doc = match ExecutableDocument::parse_and_validate(
            schema,
            query,
            format!("{name}.graphql"),
        ) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("{name} ({dialect:?}) is not valid:\n{}", e.errors));
                continue;
            }
        };
        let allowed: &[&str] = if dialect == Dialect::CURRENT {
            &[]
        } else {
            &["PullRequestReview.databaseId"]
        };
        for used in deprecated_uses(schema, &doc) {
            if !allowed.contains(&used.as_str()) {
                failures.push(format!("{name} ({dialect:?}) uses deprecated {used}"));
            }
        }
        // Every variable the document declares is sent, and nothing else.
        let declared: Vec<String> = doc
            .operations
            .iter()
            .flat_map(|op| op.variables.iter().map(|v| v.name.to_string()))
            .collect();
        let sent: Vec<String> = body["variables"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        let mut a = declared.clone();
        let mut b = sent.clone();
        a.sort();
        b.sort();
        if a != b {
            failures.push(format!("{name}: declares {a:?} but sends {b:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_deprecated_or_unknown_field_fails_the_check() {
    let schema = schema();
    let deprecated =
        "query Q($id: ID!) { node(id: $id) { ... on PullRequestReview { databaseId } } }";
    let doc = ExecutableDocument::parse_and_validate(schema, deprecated, "q.graphql").unwrap();
    assert_eq!(
        deprecated_uses(schema, &doc),
        ["PullRequestReview.databaseId"]
    );
    let unknown =
        "query Q($id: ID!) { node(id: $id) { ... on PullRequestReview { noSuchField } } }";
    assert!(ExecutableDocument::parse_and_validate(schema, unknown, "q.graphql").is_err());
}
