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
    "incident",
    "code-review",
    "mentoring",
    "collaboration",
    "chore",
];
