//! The signal vocabulary: what rules may say about an item (DESIGN.md "Signals").

/// The signal vocabulary of DESIGN.md, in display order. A rubric may add its own.
pub const SIGNALS: &[&str] = &[
    "feature",
    "bug-fix",
    "refactor",
    "tech-debt",
    "performance",
    "security",
    "testing",
    "documentation",
    "design-doc",
    "build",
    "ci-cd",
    // A broken or failing pipeline made to pass again: evident's addition to DESIGN.md's
    // vocabulary, since any CI change had counted as unblocking delivery.
    "pipeline-fix",
    "incident",
    "code-review",
    "mentoring",
    "collaboration",
    "chore",
];

/// The signal of work delivered in steps, which evident gives itself from the initiatives
/// (see `classify::initiatives::mark_steps`), and the rule id that says so.
pub const INCREMENTAL: &str = "incremental";
pub const STEPS_RULE: &str = "initiative-steps";

/// The kinds of item that can carry a signal, whichever rules are in use: what a kind of
/// work can be seen in, and what only reviews or notes can show. A signal a rubric adds
/// can come from anywhere its own rules say, so every kind (a statement's `kinds` says
/// more).
pub fn kinds_for_signal(signal: &str) -> &'static [super::Kind] {
    use super::Kind::*;
    match signal {
        "code-review" => &[Review, Note],
        "mentoring" => &[Review, PullRequest, Issue, DesignDoc, Commit, Note],
        "design-doc" => &[DesignDoc, Commit, PullRequest, Issue, Note],
        "collaboration" => &super::Kind::ALL,
        s if SIGNALS.contains(&s) => &[Commit, PullRequest, Issue, Note],
        _ => &super::Kind::ALL,
    }
}
