//! Finding an item by the id a person types: the whole id, a unique prefix of it, or a
//! commit SHA prefix (`1a2b3c4d` for `git:acme/widgets:1a2b3c4d…`); and, when nothing
//! matches, the nearest ids, so a typo gets a suggestion rather than a silent no-op.

/// What an id given on the command line names among the known ones.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    One(&'a str),
    /// More than one id matches (the first few).
    Many(Vec<&'a str>),
    /// Nothing matches; the nearest ids, best first (possibly none).
    None(Vec<&'a str>),
}

/// The shortest SHA prefix taken as one (git's own minimum abbreviation).
const MIN_SHA_PREFIX: usize = 4;

/// How many ids an ambiguous or unknown lookup shows.
const SHOWN: usize = 5;

pub fn lookup<'a>(wanted: &str, known: &'a [String]) -> Lookup<'a> {
    let wanted = wanted.trim();
    if let Some(exact) = known.iter().find(|k| *k == wanted) {
        return Lookup::One(exact);
    }
    let mut matches: Vec<&str> = known
        .iter()
        .map(String::as_str)
        .filter(|k| k.starts_with(wanted) || sha_prefix(k, wanted))
        .collect();
    matches.sort_unstable();
    matches.dedup();
    match matches.len() {
        1 => Lookup::One(matches[0]),
        0 => Lookup::None(nearest(wanted, known)),
        _ => Lookup::Many(matches.into_iter().take(SHOWN).collect()),
    }
}

/// `git:repo:SHA` (or `doc:…`) whose last part starts with `wanted`.
fn sha_prefix(id: &str, wanted: &str) -> bool {
    wanted.len() >= MIN_SHA_PREFIX
        && id
            .rsplit(':')
            .next()
            .is_some_and(|last| last.starts_with(wanted))
}

/// The known ids closest to `wanted`: by edit distance to the whole id or to its last
/// part (a mistyped SHA), best first.
fn nearest<'a>(wanted: &str, known: &'a [String]) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = known
        .iter()
        .map(|k| {
            let last = k.rsplit(':').next().unwrap_or(k);
            let part = &last[..last.len().min(wanted.len().max(1))];
            let whole = strsim::normalized_damerau_levenshtein(wanted, k);
            let short = strsim::normalized_damerau_levenshtein(wanted, part);
            (whole.max(short), k.as_str())
        })
        .filter(|(score, _)| *score >= 0.5)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(SHOWN).map(|(_, k)| k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Vec<String> {
        [
            "git:acme/widgets:1a2b3c4d5e6f",
            "git:acme/widgets:1a2bffff0000",
            "git:acme/web:deadbeef0123",
            "note:2026-03-02:ran-a-session",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn whole_ids_prefixes_and_sha_prefixes_resolve() {
        let known = ids();
        assert_eq!(
            lookup("git:acme/web:deadbeef0123", &known),
            Lookup::One("git:acme/web:deadbeef0123")
        );
        assert_eq!(
            lookup("deadbeef", &known),
            Lookup::One("git:acme/web:deadbeef0123")
        );
        assert_eq!(
            lookup("note:2026-03-02", &known),
            Lookup::One("note:2026-03-02:ran-a-session")
        );
        assert_eq!(
            lookup("1a2b", &known),
            Lookup::Many(vec![
                "git:acme/widgets:1a2b3c4d5e6f",
                "git:acme/widgets:1a2bffff0000"
            ])
        );
        // Too short to be taken for a SHA.
        assert!(matches!(lookup("dea", &known), Lookup::None(_)));
    }

    #[test]
    fn an_unknown_id_gets_the_nearest_ones() {
        let known = ids();
        match lookup("deadbeaf", &known) {
            Lookup::None(near) => assert_eq!(near.first(), Some(&"git:acme/web:deadbeef0123")),
            other => panic!("{other:?}"),
        }
        assert_eq!(lookup("zzzzzzzz", &known), Lookup::None(vec![]));
    }
}
