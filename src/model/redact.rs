//! Redaction for a portfolio shared outside the team: repository names become
//! "repository 1", "repository 2"…, and file paths, bodies, commit metadata and links into
//! those repositories are dropped, as are the links of notes (wikis, documents: private
//! unless they are into a public repository). Titles stay: they are the claims.
//! Repositories listed as public keep their names and links.
//!
//! A name is replaced only where it stands as a whole name: not inside a longer word or
//! identifier (`widgets` in `widgets-v2`, `mywidgets`), an email address
//! (`dev@widgets.example`) or a file or host name (`widgets.toml`). Only what comes from
//! the collection is rewritten (items, initiatives, the collection, the ids the rubric's
//! sections list); the rubric's own text (statements, goals such as "`evident note add`")
//! is not repository data and stays as written.

use super::Portfolio;
use super::signals::STEPS_RULE;
use super::unseen::{UnseenKind, plural};
use serde_json::Value;
use std::collections::BTreeSet;

static PATHS_IN_REASON: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\([^()]*[/.][^()]*\)").expect("valid"));
/// A scope that is a folder path (`gopls/internal/cache`) names the repository's files.
static PATH_SCOPE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"`[^`]*[/.][^`]*`").expect("valid"));

/// A Gerrit host after its name: "Gerrit (review.example.org)".
static GERRIT_HOST: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"Gerrit \([^()]*\)").expect("valid"));

/// A grouping reason without the files or issues it names: "(hidden)".
fn hide_paths(reason: &str) -> String {
    let reason = PATHS_IN_REASON.replace_all(reason, "(hidden)");
    PATH_SCOPE
        .replace_all(&reason, "`(folder hidden)`")
        .into_owned()
}

/// Meta keys that say nothing private (states and counts).
const SAFE_META: &[&str] = &[
    "role",
    "state",
    "comment_count",
    "reviews_received",
    "suggestions",
    "first_time_contributor",
    "lines",
    "authorship",
];

pub fn redact(portfolio: &Portfolio, public: &[String]) -> Portfolio {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for i in &portfolio.items {
        names.insert(i.evidence.repo.clone());
    }
    for s in &portfolio.collection.sources {
        names.insert(s.name.clone());
    }
    for ini in &portfolio.initiatives {
        names.extend(ini.repos.iter().cloned());
    }
    // A repository that could not be read, a folder discovery could not enter: named
    // only in what could not be seen, private all the same.
    // One entry may name several repositories ("web, api").
    for u in &portfolio.collection.unseen {
        if !u.source.starts_with("GitHub") {
            names.extend(u.source.split(", ").map(str::to_string));
        }
    }
    names.retain(|n| {
        !n.is_empty() && !public.iter().any(|p| p.eq_ignore_ascii_case(n)) && n != "notes"
    });
    let aliases: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), format!("repository {}", i + 1)))
        .collect();
    // Local folders and web addresses also name repositories.
    let mut replacements: Vec<(String, String)> = aliases.clone();
    for s in &portfolio.collection.sources {
        if let Some((_, alias)) = aliases.iter().find(|(n, _)| *n == s.name) {
            replacements.push((s.path.clone(), alias.clone()));
            if let Some(w) = &s.web_url {
                replacements.push((w.clone(), alias.clone()));
            }
        }
    }
    replacements.retain(|(from, _)| from.len() > 1);
    // Longest first, so `acme/web-admin` is replaced before `acme/web`.
    replacements.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    let private = |s: &str| {
        replacements
            .iter()
            .any(|(from, _)| s.contains(from.as_str()))
    };

    let mut value = serde_json::to_value(portfolio).expect("a portfolio serialises");
    let mut dropped_links: BTreeSet<String> = BTreeSet::new();
    if let Some(items) = value.get_mut("items").and_then(Value::as_array_mut) {
        for item in items {
            let is_private = item
                .get("repo")
                .and_then(Value::as_str)
                .is_some_and(|r| names.contains(r))
                || item
                    .get("url")
                    .and_then(Value::as_str)
                    .is_some_and(&private);
            let note = item.get("kind").and_then(Value::as_str) == Some("note");
            if note {
                // A note's link (a wiki page, a document) is private unless it is into a
                // public repository.
                let public_link = item
                    .get("url")
                    .and_then(Value::as_str)
                    .is_some_and(|u| public.iter().any(|p| u.contains(&format!("/{p}"))));
                if !public_link && let Some(url) = item.get("url").and_then(Value::as_str) {
                    dropped_links.insert(url.to_string());
                    item["url"] = Value::Null;
                }
            }
            if !is_private {
                continue;
            }
            item["paths"] = Value::Array(Vec::new());
            item["body"] = Value::String(String::new());
            // Its link may be to a review page outside the forge (Gerrit): the
            // initiatives' lists of links lose it too.
            if let Some(url) = item.get("url").and_then(Value::as_str) {
                dropped_links.insert(url.to_string());
            }
            item["url"] = Value::Null;
            // Why a change is mechanical quotes the input's words ("bulk change (…)").
            if let Some(why) = item.get("mechanical").and_then(Value::as_str) {
                let own = why.split(" (").next().unwrap_or(why).to_string();
                item["mechanical"] = Value::String(own);
            }
            for m in item
                .get_mut("matches")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                // The model's deciding features name folders and files (`dir:fraud`).
                if let Some(m) = m.as_object_mut() {
                    m.remove("features");
                }
                // A rule's reason is its own fixed text, then what it quotes of the item
                // after "; " (the review comment that decided, with its words): the quote
                // goes. The steps of an initiative name its issues and grouping: they go too.
                let rule = m.get("rule").and_then(Value::as_str).unwrap_or("");
                let Some(reason) = m.get("reason").and_then(Value::as_str) else {
                    continue;
                };
                // Reasons that carry the person's words or the input's: their fixed part.
                let own = match rule {
                    "relabelled" => "relabelled by you",
                    "bulk-change" => "bulk mechanical change, not counted as impact",
                    STEPS_RULE => reason.split(", in the initiative").next().unwrap_or(""),
                    _ => reason.split("; ").next().unwrap_or(""),
                };
                m["reason"] = Value::String(own.to_string());
            }
            if let Some(meta) = item.get_mut("meta").and_then(Value::as_object_mut) {
                meta.retain(|k, _| SAFE_META.contains(&k.as_str()));
            }
        }
    }
    if let Some(inis) = value.get_mut("initiatives").and_then(Value::as_array_mut) {
        for ini in inis {
            // A path-overlap reason names the files: "(services/fraud/) within 14 days".
            if let Some(reason) = ini.get("reason").and_then(Value::as_str) {
                ini["reason"] = Value::String(hide_paths(reason));
            }
            if let Some(links) = ini.get_mut("links").and_then(Value::as_array_mut) {
                links.retain(|l| {
                    !l.as_str()
                        .is_some_and(|l| private(l) || dropped_links.contains(l))
                });
            }
        }
    }
    if let Some(sources) = value
        .pointer_mut("/collection/sources")
        .and_then(Value::as_array_mut)
    {
        for s in sources {
            if s.get("web_url")
                .and_then(Value::as_str)
                .is_some_and(&private)
            {
                s["web_url"] = Value::Null;
            }
            // A private repository's review host names it.
            let is_private = s
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| names.contains(n));
            if is_private && s.get("reviewed_on").is_some_and(Value::is_string) {
                s["reviewed_on"] = Value::String("Gerrit".into());
            }
        }
    }
    // The person's likely other emails are identities, and a name shared by someone else
    // would show that person's: a shared portfolio keeps only how many commits they hold.
    let alias_texts: Vec<(String, String)> = portfolio
        .collection
        .unseen
        .iter()
        .filter(|u| u.kind == UnseenKind::LikelyAliases)
        .map(|u| {
            let n = u.commits.unwrap_or(0);
            (
                u.message.clone(),
                format!(
                    "{} in the period {} under other emails with the person's name, likely theirs, and not counted (the emails are not shown in a shared portfolio)",
                    plural(n, "commit", "commits"),
                    if n == 1 { "is" } else { "are" }
                ),
            )
        })
        .collect();
    if let Some(sources) = value
        .pointer_mut("/collection/sources")
        .and_then(Value::as_array_mut)
    {
        for s in sources.iter_mut().filter_map(Value::as_object_mut) {
            s.remove("likely_aliases");
        }
    }
    for u in value
        .pointer_mut("/collection/unseen")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
    {
        if u.get("kind").and_then(Value::as_str) == Some("likely-aliases") {
            u.remove("ids");
        }
    }
    replace_exact(&mut value, &alias_texts);
    // What could not be seen names repositories and review hosts too.
    let private_gerrit = portfolio
        .collection
        .sources
        .iter()
        .any(|s| s.reviewed_on.is_some() && names.contains(&s.name));
    for n in value
        .get_mut("not_seen")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if private_gerrit
            && n.get("source").and_then(Value::as_str) == Some("gerrit")
            && let Some(text) = n.get("text").and_then(Value::as_str)
        {
            n["text"] = Value::String(GERRIT_HOST.replace_all(text, "Gerrit").into_owned());
        }
        replace_strings(n, &replacements);
    }
    // What came from the collection, and the item and initiative ids the rubric's
    // sections list; not the rubric's own text.
    for key in ["items", "initiatives", "collection"] {
        if let Some(v) = value.get_mut(key) {
            replace_strings(v, &replacements);
        }
    }
    for list in ["areas", "categories"] {
        for section in value
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            for ids in ["evidence", "initiatives", "unsure"] {
                if let Some(v) = section.get_mut(ids) {
                    replace_strings(v, &replacements);
                }
            }
            for statement in section
                .get_mut("statements")
                .and_then(Value::as_array_mut)
                .into_iter()
                .flatten()
            {
                if let Some(v) = statement.get_mut("evidence") {
                    replace_strings(v, &replacements);
                }
                replace_in_goal(statement, &replacements);
            }
        }
    }
    for gap in value
        .get_mut("gaps")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        replace_in_goal(gap, &replacements);
    }
    serde_json::from_value(value).expect("redaction keeps the portfolio's shape")
}

/// `text` with every whole occurrence of `from` replaced by `to` (see the module doc).
fn replace_whole(text: &str, from: &str, to: &str) -> Option<String> {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut changed = false;
    for (i, _) in text.match_indices(from) {
        if i < last {
            continue;
        }
        let before = text[..i].chars().next_back();
        let mut after = text[i + from.len()..].chars();
        let next = after.next();
        let next2 = after.next();
        let starts = before.is_none_or(|c| !word(c) && c != '@' && c != '.');
        let ends = match next {
            None => true,
            Some('.') => next2.is_none_or(|c| !c.is_alphanumeric()),
            Some(c) => !word(c) && c != '@',
        };
        if starts && ends {
            out.push_str(&text[last..i]);
            out.push_str(to);
            last = i + from.len();
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// A goal says where was looked ("Nothing yet in acme/widgets", "…, all in acme/api"):
/// those names go; the rubric's advice after them stays as written, even where a
/// repository's name is an ordinary word ("code", "design").
fn replace_in_goal(section: &mut Value, replacements: &[(String, String)]) {
    let Some(mut goal) = section
        .get("goal")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return;
    };
    for (from, to) in replacements {
        for place in ["yet in ", "all in "] {
            if let Some(replaced) =
                replace_whole(&goal, &format!("{place}{from}"), &format!("{place}{to}"))
            {
                goal = replaced;
            }
        }
    }
    section["goal"] = Value::String(goal);
}

/// Every string equal to one of `texts`' first halves replaced by its second.
fn replace_exact(v: &mut Value, texts: &[(String, String)]) {
    match v {
        Value::String(s) => {
            if let Some((_, to)) = texts.iter().find(|(from, _)| from == s) {
                *s = to.clone();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_exact(x, texts)),
        Value::Object(o) => o.values_mut().for_each(|x| replace_exact(x, texts)),
        _ => {}
    }
}

fn replace_strings(v: &mut Value, replacements: &[(String, String)]) {
    match v {
        Value::String(s) => {
            for (from, to) in replacements {
                if s.contains(from.as_str())
                    && let Some(replaced) = replace_whole(s, from, to)
                {
                    *s = replaced;
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_strings(x, replacements)),
        Value::Object(o) => o
            .values_mut()
            .for_each(|x| replace_strings(x, replacements)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::replace_whole;

    #[test]
    fn only_whole_names_are_replaced() {
        let r = |t: &str| replace_whole(t, "widgets", "repository 1");
        assert_eq!(
            r("Fix widgets crash").as_deref(),
            Some("Fix repository 1 crash")
        );
        assert_eq!(
            r("acme/widgets:1a2b").as_deref(),
            Some("acme/repository 1:1a2b")
        );
        assert_eq!(r("in widgets.").as_deref(), Some("in repository 1."));
        assert_eq!(
            r("widgets's domain").as_deref(),
            Some("repository 1's domain")
        );
        for kept in [
            "mywidgets",
            "widgets-v2",
            "old_widgets",
            "dev@widgets.example",
            "widgets@example.com",
            "widgets.toml",
        ] {
            assert_eq!(r(kept), None, "{kept}");
        }
    }
}
