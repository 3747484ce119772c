//! Whether a run saw everything it was asked to, decided after its outputs are written:
//! a source that failed makes the run incomplete (exit code 1, the portfolio written from
//! the rest); with `--strict` (or `strict = true`), so does anything the collection could
//! not see (every line of "What could not be seen"), for scheduled jobs that must not
//! publish a partial portfolio unnoticed.

use crate::error::{Error, Result};
use crate::model::evidence::Collection;
use crate::model::unseen::plural;

/// Ok when the collection is whole enough: no source failed, and under `strict` nothing
/// was left unseen. Else the error that says what is missing (exit code 1).
pub fn ensure_complete(collection: Option<&Collection>, strict: bool, wrote: &str) -> Result<()> {
    let Some(c) = collection else {
        return Ok(());
    };
    let failed: Vec<&str> = c.failures().map(|u| u.source.as_str()).collect();
    if !failed.is_empty() {
        return Err(Error::failed(format!(
            "the run is incomplete: {} could not be read ({}); {wrote} was written from the rest",
            plural(failed.len(), "source", "sources"),
            failed.join(", ")
        ))
        .with_hint("\"What could not be seen\" says why; fix that and run again (exit code 1: it ran, but is incomplete)"));
    }
    if strict && !c.warnings.is_empty() {
        let first = c.warnings[0].lines().next().unwrap_or_default();
        return Err(Error::failed(format!(
            "--strict: the collection could not see everything ({}; the first: {first}); {wrote} was written",
            plural(c.warnings.len(), "warning", "warnings"),
        ))
        .with_hint("\"What could not be seen\" lists them all; without --strict (and `strict = true`) they are warnings and the exit code is 0"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unseen;

    #[test]
    fn a_failed_source_is_incomplete_and_warnings_only_under_strict() {
        let mut c = Collection::default();
        assert!(ensure_complete(Some(&c), true, "the portfolio").is_ok());
        c.add_unseen(Unseen::new(
            "widgets",
            crate::model::UnseenKind::TooDeep,
            "x is too deep",
        ));
        assert!(ensure_complete(Some(&c), false, "the portfolio").is_ok());
        let e = ensure_complete(Some(&c), true, "the portfolio").unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(e.message.contains("1 warning;"), "{}", e.message);
        c.add_unseen(Unseen::failed("GitHub (github.com)", "GitHub failed"));
        let e = ensure_complete(Some(&c), false, "the portfolio").unwrap_err();
        assert!(
            e.message
                .contains("1 source could not be read (GitHub (github.com))")
        );
    }
}
