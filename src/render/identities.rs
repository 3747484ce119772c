//! The identity report as text, for a terminal (`evident identities`).

use crate::model::team::{IdentityReport, SeenIdentity};
use std::fmt::Write as _;

/// The report as text, for a terminal.
pub fn identities_text(reports: &[IdentityReport], bots: &[SeenIdentity]) -> String {
    let mut out = String::new();
    let commits = |n: usize| format!("{n} commit{}", if n == 1 { "" } else { "s" });
    for r in reports {
        let _ = writeln!(out, "{}", r.person);
        let _ = writeln!(out, "  merged:");
        for m in &r.merged {
            let _ = writeln!(
                out,
                "    {}  ({}; {})",
                m.identity,
                m.via,
                commits(m.commits)
            );
        }
        if !r.likely_aliases.is_empty() {
            let _ = writeln!(
                out,
                "  likely aliases, not merged (another email with the same name, a `+tag` of an email of theirs, or a name like it on commits they committed):"
            );
            for l in &r.likely_aliases {
                let mut said = commits(l.commits);
                if l.committed > 0 {
                    said.push_str(&format!("; committed {} of others", commits(l.committed)));
                }
                let _ = writeln!(out, "    {}  ({said})", l.identity);
                let _ = writeln!(out, "      hint: {}", l.hint);
            }
        }
        out.push('\n');
    }
    if bots.is_empty() {
        let _ = writeln!(out, "bots: none seen in the period");
    } else {
        let _ = writeln!(out, "bots (left out of every portfolio):");
        for b in bots {
            let _ = writeln!(out, "  {}  ({})", b.identity, commits(b.commits));
        }
    }
    out
}
