//! Redaction for a portfolio shared outside the team: repository names become
//! "repository 1", "repository 2"…, and file paths, bodies, commit metadata and links into
//! those repositories are dropped. Titles stay: they are the claims. Repositories listed as
//! public keep their names and links.

use super::Portfolio;
use serde_json::Value;
use std::collections::BTreeSet;

static PATHS_IN_REASON: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\([^()]*[/.][^()]*\)").expect("valid"));

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
            if !is_private {
                continue;
            }
            item["paths"] = Value::Array(Vec::new());
            item["body"] = Value::String(String::new());
            item["url"] = Value::Null;
            if let Some(meta) = item.get_mut("meta").and_then(Value::as_object_mut) {
                meta.retain(|k, _| SAFE_META.contains(&k.as_str()));
            }
        }
    }
    if let Some(inis) = value.get_mut("initiatives").and_then(Value::as_array_mut) {
        for ini in inis {
            // A path-overlap reason names the files: "(services/fraud/) within 14 days".
            if let Some(reason) = ini.get("reason").and_then(Value::as_str) {
                let hidden = PATHS_IN_REASON
                    .replace_all(reason, "(files hidden)")
                    .into_owned();
                ini["reason"] = Value::String(hidden);
            }
            if let Some(links) = ini.get_mut("links").and_then(Value::as_array_mut) {
                links.retain(|l| !l.as_str().is_some_and(&private));
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
        }
    }
    replace_strings(&mut value, &replacements);
    serde_json::from_value(value).expect("redaction keeps the portfolio's shape")
}

fn replace_strings(v: &mut Value, replacements: &[(String, String)]) {
    match v {
        Value::String(s) => {
            for (from, to) in replacements {
                if s.contains(from.as_str()) {
                    *s = s.replace(from.as_str(), to);
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
