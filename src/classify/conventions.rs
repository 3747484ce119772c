//! Label conventions: how projects state the kind of a change in its title. Conventional
//! commits (`feat(api)!: ...`), the scientific-Python prefixes (`ENH:`, `BUG, TST:`),
//! bracket tags (`[Fix]`, `[type:feature]`, `[ENH]`), changelog words (`Fixed:`, `New:`)
//! and gitmoji (`✨`, `:bug:`).
//!
//! One reader serves both ends of the classifier: at run time a label the title states is
//! certain and decides the item's kind; when the training corpus is built, the same reader
//! gives each commit its label and removes the prefix, so the model learns from what it
//! would see in a project that writes no labels.

use std::collections::BTreeMap;

/// Type words, matched case-insensitively, and the signal each states. A word not listed
/// (`release`, `wip`, `types`, `impr`, `enhancement`, ...) states no kind we can trust.
pub const TYPE_WORDS: &[(&str, &str)] = &[
    ("feat", "feature"),
    ("feature", "feature"),
    ("features", "feature"),
    ("new", "feature"),
    ("enh", "feature"),
    ("nf", "feature"),
    ("fix", "bug-fix"),
    ("fixes", "bug-fix"),
    ("fixed", "bug-fix"),
    ("bugfix", "bug-fix"),
    ("hotfix", "bug-fix"),
    ("bug", "bug-fix"),
    ("bf", "bug-fix"),
    ("regr", "bug-fix"),
    ("docs", "documentation"),
    ("doc", "documentation"),
    ("documentation", "documentation"),
    ("refactor", "refactor"),
    ("ref", "refactor"),
    ("rf", "refactor"),
    ("cln", "refactor"),
    ("perf", "performance"),
    ("performance", "performance"),
    ("test", "testing"),
    ("tests", "testing"),
    ("tst", "testing"),
    ("build", "build"),
    ("bld", "build"),
    ("deps", "build"),
    ("upgrade", "build"),
    ("ci", "ci-cd"),
    ("chore", "chore"),
    ("maint", "chore"),
    ("mnt", "chore"),
    ("maintenance", "chore"),
    ("style", "chore"),
    ("sty", "chore"),
    ("security", "security"),
];

/// Words that mark a status, not a kind (`[MRG] ENH: ...`, `WIP, BUG: ...`): skipped.
const STATUS_WORDS: &[&str] = &["mrg", "wip"];

/// Types whose scope may name the kind of work instead: `feat(test)` is test work,
/// `fix(deps)` dependency work. `docs(...)`, `test(...)`, `perf(...)` keep their type.
const SCOPED_TYPES: &[&str] = &[
    "feat", "feature", "fix", "bugfix", "hotfix", "chore", "refactor", "style",
];

/// Scopes that name a kind of work.
pub const SCOPE_WORDS: &[(&str, &str)] = &[
    ("test", "testing"),
    ("tests", "testing"),
    ("testing", "testing"),
    ("e2e", "testing"),
    ("deps", "build"),
    ("deps-dev", "build"),
    ("dev-deps", "build"),
    ("dependencies", "build"),
    ("build", "build"),
    ("docs", "documentation"),
    ("doc", "documentation"),
    ("readme", "documentation"),
    ("ci", "ci-cd"),
];

/// Gitmoji (emoji or `:shortcode:`) and the signal each states, from the gitmoji list.
/// Emoji whose meaning spans kinds (💄 UI, 🌐 translations, 🚀 deploy, ✏️ typos, ...)
/// state none.
pub const GITMOJI: &[(&str, &str, &str)] = &[
    ("✨", "sparkles", "feature"),
    ("🐛", "bug", "bug-fix"),
    ("🚑", "ambulance", "bug-fix"),
    ("🩹", "adhesive_bandage", "bug-fix"),
    ("📝", "memo", "documentation"),
    ("💡", "bulb", "documentation"),
    ("♻", "recycle", "refactor"),
    ("🚚", "truck", "refactor"),
    ("🏗", "building_construction", "refactor"),
    ("⚡", "zap", "performance"),
    ("✅", "white_check_mark", "testing"),
    ("🧪", "test_tube", "testing"),
    ("🤡", "clown_face", "testing"),
    ("📸", "camera_flash", "testing"),
    ("⬆", "arrow_up", "build"),
    ("⬇", "arrow_down", "build"),
    ("➕", "heavy_plus_sign", "build"),
    ("➖", "heavy_minus_sign", "build"),
    ("📌", "pushpin", "build"),
    ("📦", "package", "build"),
    ("👷", "construction_worker", "ci-cd"),
    ("💚", "green_heart", "ci-cd"),
    ("🎨", "art", "chore"),
    ("🚨", "rotating_light", "chore"),
    ("🔧", "wrench", "chore"),
    ("🙈", "see_no_evil", "chore"),
    ("📄", "page_facing_up", "chore"),
    ("👥", "busts_in_silhouette", "chore"),
    ("🔖", "bookmark", "chore"),
    ("🔒", "lock", "security"),
    ("🔐", "closed_lock_with_key", "security"),
    ("🔥", "fire", "tech-debt"),
    ("⚰", "coffin", "tech-debt"),
    ("🗑", "wastebasket", "tech-debt"),
];

/// Which convention stated a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// `type(scope)!: subject`, `TYPE: subject`, `BUG, TST: subject`.
    TypeWord,
    /// `[Fix] subject`, `[type:feature] subject`.
    Bracket,
    Gitmoji,
}

/// What a title's label prefix says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix {
    /// The signal the prefix states; `None` when it states none or contradicts itself.
    pub label: Option<String>,
    /// The title without the prefix.
    pub subject: String,
    /// The words of the prefix as written (`feat(test)`, `✨`, `[Fix]`).
    pub written: String,
    /// Every convention that stated a label, in order, with the word and the signal.
    pub stated: Vec<(Convention, String, String)>,
    /// The prefix has a part that states no kind we trust (an unknown emoji or type word).
    pub unknown: bool,
}

impl Prefix {
    /// One line saying why the label holds, for `explain`.
    pub fn reason(&self) -> String {
        let parts: Vec<String> = self
            .stated
            .iter()
            .map(|(c, word, signal)| {
                let what = match c {
                    Convention::TypeWord => "type",
                    Convention::Bracket => "tag",
                    Convention::Gitmoji => "gitmoji",
                };
                format!("{what} `{word}` ({signal})")
            })
            .collect();
        format!("the title states its kind: {}", parts.join(", "))
    }
}

/// Per-repository readings that differ from the common ones (a project that uses 🔥 for
/// new features), as the training sources declare them.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub words: BTreeMap<String, Option<String>>,
}

/// Reads the label prefix of a title. `None` when the title has no prefix at all.
pub fn read(title: &str) -> Option<Prefix> {
    read_with(title, &Overrides::default())
}

pub fn read_with(title: &str, overrides: &Overrides) -> Option<Prefix> {
    let mut rest = title.trim_start();
    let mut stated: Vec<(Convention, String, String)> = Vec::new();
    let mut written = Vec::new();
    let mut unknown = false;
    // A title may stack conventions: `✨ feat(ui): ...`, `[MRG] ENH: ...`.
    for _ in 0..4 {
        if let Some((token, after, label)) = gitmoji(rest, overrides) {
            written.push(token.clone());
            match label {
                Some(s) => stated.push((Convention::Gitmoji, token, s)),
                None => unknown = true,
            }
            rest = after.trim_start();
            continue;
        }
        if let Some((token, after, labels, known)) = bracket(rest, overrides) {
            written.push(token.clone());
            stated.extend(
                labels
                    .into_iter()
                    .map(|s| (Convention::Bracket, token.clone(), s)),
            );
            unknown |= !known;
            rest = after.trim_start();
            continue;
        }
        if let Some((token, after, labels)) = type_words(rest, overrides) {
            written.push(token.clone());
            stated.extend(
                labels
                    .into_iter()
                    .map(|s| (Convention::TypeWord, token.clone(), s)),
            );
            rest = after.trim_start();
            continue;
        }
        break;
    }
    if written.is_empty() {
        return None;
    }
    let mut signals: Vec<&str> = stated.iter().map(|(_, _, s)| s.as_str()).collect();
    signals.dedup();
    let label = match signals.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    };
    Some(Prefix {
        label,
        subject: rest.to_string(),
        written: written.join(" "),
        stated,
        unknown,
    })
}

fn lookup_word(word: &str, overrides: &Overrides) -> Option<Option<String>> {
    let lower = word.to_lowercase();
    if let Some(o) = overrides.words.get(&lower) {
        return Some(o.clone());
    }
    TYPE_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, s)| Some(s.to_string()))
}

/// `type(scope)!: `, `TYPE: `, `BUG, TST: `, `DOC/TST: `. Returns the token, the rest and
/// the signals stated (a known type word must be present, else nothing is consumed).
fn type_words<'a>(text: &'a str, overrides: &Overrides) -> Option<(String, &'a str, Vec<String>)> {
    let colon = text.find(':')?;
    let head = &text[..colon];
    let after = &text[colon + 1..];
    // A prefix ends at `: ` (or `:` at the end); `http://` or `a:b` is not one.
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    if head.len() > 60 {
        return None;
    }
    let (words_part, scope) = match head.find('(') {
        Some(open) => {
            let close = head.rfind(')')?;
            if close < open || !head[close + 1..].trim_end_matches('!').trim().is_empty() {
                return None;
            }
            (&head[..open], Some(&head[open + 1..close]))
        }
        None => (head.trim_end_matches('!'), None),
    };
    let words: Vec<&str> = words_part
        .split([',', '/', '+', '&'])
        .map(str::trim)
        .collect();
    if words.is_empty()
        || words
            .iter()
            .any(|w| w.is_empty() || !w.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return None;
    }
    // Several words (`BUG, TST`) are the scientific-Python form: capitals only.
    if words.len() > 1 && words.iter().any(|w| w.chars().any(|c| c.is_lowercase())) {
        return None;
    }
    let mut signals = Vec::new();
    let mut any_known = false;
    for w in &words {
        if STATUS_WORDS.contains(&w.to_lowercase().as_str()) {
            any_known = true;
            continue;
        }
        let found = lookup_word(w, overrides)?;
        any_known = true;
        let Some(mut signal) = found else {
            continue;
        };
        if let Some(scope) = scope
            && SCOPED_TYPES.contains(&w.to_lowercase().as_str())
            && let Some(s) = scope_signal(scope)
        {
            signal = s;
        }
        signals.push(signal);
    }
    if !any_known {
        return None;
    }
    Some((head.trim().to_string(), after, signals))
}

/// The kind a scope names, when every part of it that names one agrees.
fn scope_signal(scope: &str) -> Option<String> {
    let mut found: Option<&str> = None;
    for part in scope.split([',', '/', ' ', '|']) {
        let part = part.trim().to_lowercase();
        if let Some((_, s)) = SCOPE_WORDS.iter().find(|(w, _)| *w == part) {
            if found.is_some_and(|f| f != *s) {
                return None;
            }
            found = Some(s);
        }
    }
    found.map(str::to_string)
}

/// `[Fix]`, `[type:feature]`, `[fix][broker]`, `[ENH]`, `[MRG]`. Unknown tags are not
/// consumed (React's `[DevTools]` names a component).
fn bracket<'a>(
    text: &'a str,
    overrides: &Overrides,
) -> Option<(String, &'a str, Vec<String>, bool)> {
    let inner_end = text.strip_prefix('[')?.find(']')? + 1;
    let inner = text[1..inner_end].trim();
    let word = inner
        .strip_prefix("type:")
        .or_else(|| inner.strip_prefix("Type:"))
        .unwrap_or(inner)
        .trim();
    let mut rest = &text[inner_end + 1..];
    if STATUS_WORDS.contains(&word.to_lowercase().as_str()) {
        return Some((text[..inner_end + 1].to_string(), rest, Vec::new(), true));
    }
    let found = lookup_word(word, overrides)?;
    // `[fix][broker] subject`: the second tag is the scope.
    let mut token_end = inner_end + 1;
    if let Some(next) = rest.strip_prefix('[')
        && let Some(close) = next.find(']')
        && close < 40
    {
        token_end += close + 2;
        rest = &text[token_end..];
    }
    let rest = rest.trim_start_matches([':', '-', ' ']);
    let known = found.is_some();
    Some((
        text[..token_end].to_string(),
        rest,
        found.into_iter().collect(),
        known,
    ))
}

/// A title without its leading gitmoji, if it has one (`⏪️ Revert …` → `Revert …`), read
/// as the conventions read it.
pub fn after_gitmoji(title: &str) -> &str {
    let title = title.trim_start();
    gitmoji(title, &Overrides::default()).map_or(title, |(_, rest, _)| rest.trim_start())
}

/// A leading gitmoji: an emoji (with any variation selector) or a `:shortcode:`.
fn gitmoji<'a>(text: &'a str, overrides: &Overrides) -> Option<(String, &'a str, Option<String>)> {
    if let Some(inner) = text.strip_prefix(':') {
        let end = inner.find(':')?;
        let code = &inner[..end];
        if code.is_empty()
            || !code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '+')
        {
            return None;
        }
        let token = format!(":{code}:");
        let label = if let Some(o) = overrides.words.get(&token) {
            o.clone()
        } else {
            GITMOJI
                .iter()
                .find(|(_, c, _)| *c == code)
                .map(|(_, _, s)| s.to_string())
        };
        return Some((token, &inner[end + 1..], label));
    }
    let first = text.chars().next()?;
    if !is_emoji(first) {
        return None;
    }
    // The emoji and what joins or varies it (variation selectors, ZWJ sequences).
    let mut end = first.len_utf8();
    let mut chars = text[end..].chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == '\u{FE0F}' || c == '\u{FE0E}' || c == '\u{200D}' || is_emoji(c) {
            end += c.len_utf8();
            chars.next();
        } else {
            break;
        }
    }
    let token = text[..end].to_string();
    let key = first.to_string();
    let label = if let Some(o) = overrides.words.get(&key) {
        o.clone()
    } else {
        GITMOJI
            .iter()
            .find(|(e, _, _)| *e == key)
            .map(|(_, _, s)| s.to_string())
    };
    Some((token, &text[end..], label))
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF | 0x2190..=0x21FF)
}

/// A body with the label prefixes of its lines removed (`* fix(x): ...` in a squashed
/// pull request's list of commits), so that no label word reaches the model.
pub fn strip_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for (i, line) in body.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let (bullet, text) = match trimmed.strip_prefix(['*', '-', '+']) {
            Some(t) => (&trimmed[..1], t.trim_start()),
            None => ("", trimmed),
        };
        match read(text) {
            Some(p) if !p.stated.is_empty() => {
                out.push_str(indent);
                out.push_str(bullet);
                if !bullet.is_empty() {
                    out.push(' ');
                }
                out.push_str(&p.subject);
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(t: &str) -> Option<String> {
        read(t).and_then(|p| p.label)
    }

    #[test]
    fn conventional_types_read_with_their_scope() {
        assert_eq!(label("feat(api): add paging").as_deref(), Some("feature"));
        assert_eq!(
            label("feat(test): cover paging").as_deref(),
            Some("testing")
        );
        assert_eq!(label("fix(test): flaky retry").as_deref(), Some("testing"));
        assert_eq!(label("fix(deps): bump serde").as_deref(), Some("build"));
        assert_eq!(label("chore(deps-dev): bump x").as_deref(), Some("build"));
        assert_eq!(
            label("docs(api): explain paging").as_deref(),
            Some("documentation")
        );
        assert_eq!(
            label("docs(test): explain fixtures").as_deref(),
            Some("documentation")
        );
        assert_eq!(
            label("perf(test): faster runner").as_deref(),
            Some("performance")
        );
        assert_eq!(label("feat!: drop v1").as_deref(), Some("feature"));
        assert_eq!(label("refactor(core)!: split").as_deref(), Some("refactor"));
        assert_eq!(read("feat(api): add paging").unwrap().subject, "add paging");
    }

    #[test]
    fn other_conventions() {
        assert_eq!(label("ENH: add nan_policy").as_deref(), Some("feature"));
        assert_eq!(label("BUG, TST: fix and test").as_deref(), None);
        assert_eq!(label("DOC/DOC: twice").as_deref(), Some("documentation"));
        assert_eq!(label("[MRG] ENH: thing").as_deref(), Some("feature"));
        assert_eq!(label("MRG, BUG: thing").as_deref(), Some("bug-fix"));
        assert_eq!(label("[Fix] crash").as_deref(), Some("bug-fix"));
        assert_eq!(label("[type:feature] add").as_deref(), Some("feature"));
        assert_eq!(label("[fix][broker] npe").as_deref(), Some("bug-fix"));
        assert_eq!(read("[fix][broker] npe").unwrap().subject, "npe");
        assert_eq!(label("Fixed: crash on start").as_deref(), Some("bug-fix"));
        assert_eq!(label("✨ Add CSV export").as_deref(), Some("feature"));
        assert_eq!(label("⬆️ Bump serde").as_deref(), Some("build"));
        assert_eq!(label(":bug: fix it").as_deref(), Some("bug-fix"));
        assert_eq!(label("✨ feat(ui): add").as_deref(), Some("feature"));
        assert_eq!(label("🐛 feat: what").as_deref(), None);
        assert_eq!(read("✨ Add CSV").unwrap().subject, "Add CSV");
    }

    #[test]
    fn no_label_where_none_is_stated() {
        assert!(read("Add CSV export").is_none());
        assert!(read("parser: handle empty input").is_none());
        assert!(read("[DevTools] show hooks").is_none());
        assert!(read("see http://x").is_none());
        assert_eq!(label("release: v1.2"), None);
        let p = read("💄 restyle the button").unwrap();
        assert!(p.label.is_none() && p.unknown);
    }

    #[test]
    fn overrides_change_a_reading() {
        let mut o = Overrides::default();
        o.words.insert("🔥".into(), Some("feature".into()));
        assert_eq!(
            read_with("🔥 feat: add", &o)
                .and_then(|p| p.label)
                .as_deref(),
            Some("feature")
        );
    }

    #[test]
    fn body_lines_lose_their_prefixes() {
        assert_eq!(
            strip_body("Squashed:\n* fix(x): one\n- feat: two\nplain: text"),
            "Squashed:\n* one\n- two\nplain: text"
        );
    }
}
