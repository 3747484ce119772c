//! Review comments judged one by one on what they do: a comment *teaches* (it explains
//! why, proposes an alternative, points to a source or asks a question that leads the
//! author to the problem), is *substantive* (a real review point that does not teach:
//! a request without a why, a bug report, a bare question) or is *empty* (approval,
//! thanks, status, a nit that says nothing). A review's signals follow its comments:
//! the rules in `config/rules.toml` ask for "a comment that teaches" or "a comment with
//! substance" (the `review` condition) and count them (`review.*` in `when`).
//!
//! Every decision names its cues, like a rule: a cue is an id, a kind and a pattern, with
//! an example it matches and one it must not (tested as a table). Two small logistic
//! models weigh the cues a comment shows: one scores substance, one scores teaching. Their
//! weights and decision thresholds are data (`config/review-model.toml`), learned from the
//! labelled comments in `tests/fixtures/reviews/` with thresholds chosen for precision
//! (docs/classifier.md "Reviews" says how, and how to learn them again).

use crate::model::{Evidence, Kind};
use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// What a comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Does {
    Empty,
    Substantive,
    Teaches,
}

impl Does {
    pub fn as_str(self) -> &'static str {
        match self {
            Does::Empty => "empty",
            Does::Substantive => "substantive",
            Does::Teaches => "teaches",
        }
    }

    pub fn parse(s: &str) -> Option<Does> {
        match s {
            "empty" => Some(Does::Empty),
            "substantive" => Some(Does::Substantive),
            "teaches" => Some(Does::Teaches),
            _ => None,
        }
    }
}

/// The kinds of cue. The first four teach; a request shows substance; an empty cue
/// marks approval, thanks or status; a form cue says how the comment is written (a
/// question, an order, its length, code in it), whatever it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueKind {
    Why,
    Alternative,
    Source,
    Question,
    Request,
    Empty,
    Form,
}

impl CueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Why => "explains why",
            CueKind::Alternative => "proposes an alternative",
            CueKind::Source => "points to a source",
            CueKind::Question => "asks a leading question",
            CueKind::Request => "asks for a change",
            CueKind::Empty => "approval or status",
            CueKind::Form => "form",
        }
    }

    /// The four ways of teaching: a comment is called teaching only if it shows one.
    pub fn teaches(self) -> bool {
        matches!(
            self,
            CueKind::Why | CueKind::Alternative | CueKind::Source | CueKind::Question
        )
    }
}

/// Where a cue looks.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// The comment's own words: code blocks, quoted lines and link targets left out.
    Prose,
    /// Each sentence of the comment's own words that does not ask for information: a
    /// question that opens with "what", "why", "how" … asks for a reason ("what's the
    /// purpose of …?") and does not give one, while a proposal put as a question ("could
    /// we move it, so that …?") still gives its reason.
    Statements,
    /// Each sentence that ends in a question mark.
    Questions,
    /// Each short question (eight words at most) that holds code: the pattern says
    /// which questions do *not* count (those that ask rather than propose).
    CodeQuestions,
    /// The opening of each sentence (after "and", "but", "so", "also").
    SentenceStarts,
    /// Every sentence is a question.
    OnlyQuestions,
    /// The comment's own words are at most this many.
    AtMostWords(usize),
    /// The comment's own words are at least this many.
    AtLeastWords(usize),
    /// Code in the comment's own words: a code span or what only code looks like.
    Code,
    /// The addresses of the links in the comment.
    Links,
    /// A ```suggestion block is present.
    SuggestionBlock,
    /// A fenced code block (not a suggestion) is present.
    CodeBlock,
    /// No cue of the other kinds matched (form cues aside).
    NoOtherCue,
    /// Both cues named matched.
    Both(&'static str, &'static str),
}

/// A cue as written in the table below.
struct CueSpec {
    id: &'static str,
    kind: CueKind,
    scope: Scope,
    pattern: &'static str,
    /// A comment the cue must match, and one it must not (the table test reads both).
    example: &'static str,
    counter: &'static str,
}

/// The cues, in the order explanations list them. A cue only says what a comment shows;
/// how much that counts towards substance and towards teaching is the model's weight.
const CUE_SPECS: &[CueSpec] = &[
    // --- explains why -------------------------------------------------------------------
    CueSpec {
        id: "why-because",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b(because|so that|in order to|otherwise,? (it|the|this|we|you|they|there|a|an|your|that|if|every|all|any|each|no|nothing|callers?|users?)|the reason|the purpose of|this means|which means|that means|that way|(that|this)( i|')s why|to (avoid|prevent|ensure|reduce|speed (it |things )?up))\b",
        example: "Drop `-x` here, otherwise the container logs get noisy.",
        counter: "Please drop `-x` here.",
    },
    CueSpec {
        id: "why-consequence",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b((will|would|could|can|may|might|won'?t|wouldn'?t)( not)? (then |probably |likely |also )?(cause|break|fail|crash|panic|hang|leak|lock|block|overflow|deadlock|introduce|lose|be lost|confuse|mislead|hide|mask|swallow|affect)|breaking change|race condition|(is|are) (dangerous|confusing|misleading)|(will|would|might|may|does) not work)\b",
        example: "Adding the column with a default will lock the whole table.",
        counter: "This will be in the next release.",
    },
    CueSpec {
        id: "why-since",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b(since|as) (it|they|we|you|this|that|there|these|those|the)\b",
        example: "This check is unnecessary since the caller already validates it.",
        counter: "Fixed in the last commit.",
    },
    CueSpec {
        id: "why-principle",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b(idiomatic|best practice|good practice|convention|consisten(t|cy)|readab(le|ility)|cleaner|clearer|safer|flexible|expensive|efficient|performance|important|generally|usually|typically|always|never)\b",
        example: "The idiomatic way to refer to the home directory is `%h`.",
        counter: "Rename this to `home`.",
    },
    CueSpec {
        id: "why-example",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b(for example|for instance|e\.g\.|imagine|scenarios?)\b",
        example: "It fails for some inputs, for example an empty list.",
        counter: "It fails.",
    },
    CueSpec {
        id: "why-contrast",
        kind: CueKind::Why,
        scope: Scope::Statements,
        pattern: r"\b(whereas|unlike|compared to|the difference)\b",
        example: "This keeps going, whereas the early return stops the check.",
        counter: "This keeps going.",
    },
    // --- proposes an alternative ----------------------------------------------------------
    CueSpec {
        id: "alt-instead",
        kind: CueKind::Alternative,
        scope: Scope::Prose,
        pattern: r"\b(instead|rather than|in place of)\b",
        example: "Use `entry()` instead: it does a single lookup.",
        counter: "Done, thanks.",
    },
    CueSpec {
        id: "alt-you-could",
        kind: CueKind::Alternative,
        scope: Scope::Prose,
        pattern: r"\b((you|we) (could|can|might|may) (also |just |simply |directly )?(use|try|write|put|create|define|call|return|replace|pass|cache|convert)|(could|can) (simply|just) (be )?(use|write|call|return|replace)|(could|can) be (written|replaced|simplified|done) (as|with|by|using))\b|\b((you|we) (could|can|might) (just|simply)|you'?d need|you would need)( \w+){0,3} `",
        example: "You could use `Path::join` here.",
        counter: "Could you remove this line?",
    },
    CueSpec {
        id: "alt-consider",
        kind: CueKind::Alternative,
        scope: Scope::Prose,
        pattern: r"\b(consider|how about|what about|why not|alternatively|i(?:'d| would) (suggest|recommend|prefer|go with|look into)|i (suggest|recommend)|(would|might) (be|make) (better|simpler|cleaner|nicer|more sense)|would it (make sense|be better|help) to|it'?s better|better to|let'?s (use|simplify)|look into|wonder if (we|you) could)\b",
        example: "Consider a `OnceLock` for this.",
        counter: "Just minor suggestions. Looks good otherwise.",
    },
    CueSpec {
        id: "alt-use-this",
        kind: CueKind::Alternative,
        scope: Scope::Prose,
        pattern: r"(^|[.!?:;,]\s*|\b(please|just|simply|should|could|can|to|and|would)\s+)use\s+(`[^`]+`|[A-Za-z_][\w:]*::\w+|[A-Za-z_][\w.]*\(\))",
        example: "Please use `assertAlmostEqual` for floats.",
        counter: "We use `serde` in two places.",
    },
    CueSpec {
        id: "alt-this-not-that",
        kind: CueKind::Alternative,
        scope: Scope::Prose,
        pattern: r"`[^`]+`,? not `[^`]+`",
        example: "The idiomatic way is `%h`, not `$HOME`.",
        counter: "Not `$HOME`.",
    },
    CueSpec {
        id: "alt-code-question",
        kind: CueKind::Alternative,
        scope: Scope::CodeQuestions,
        pattern: r"^(?:(why|what|where|when|who|which|is|are|do|does|did|can|could|should|would|will|how|not)\b)",
        example: "std::swap?",
        counter: "Why `-slim`?",
    },
    CueSpec {
        id: "alt-suggestion-block",
        kind: CueKind::Alternative,
        scope: Scope::SuggestionBlock,
        pattern: "",
        example: "```suggestion\nlet x = 1;\n```",
        counter: "let x = 1;",
    },
    CueSpec {
        id: "alt-code-block",
        kind: CueKind::Alternative,
        scope: Scope::CodeBlock,
        pattern: "",
        example: "Something like:\n```\nif let Some(v) = map.get(k) {}\n```",
        counter: "Something like `if let`.",
    },
    // --- points to a source ------------------------------------------------------------------
    CueSpec {
        id: "source-docs-link",
        kind: CueKind::Source,
        scope: Scope::Links,
        pattern: r"(//docs?\.|/docs?/|readthedocs|developer\.mozilla|python\.org/dev/peps|peps\.python|rfc-editor|ietf\.org|man7\.org|cppreference|pkg\.go\.dev|golang\.org/(doc|pkg)|doc\.rust-lang|docs\.rs|wikipedia|stackoverflow|/blog/|//blog\.|/wiki/|gnu\.org/(prep|software)|guidelines|/guide|\.md(#|$))",
        example: "See https://docs.python.org/3/library/logging.html",
        counter: "Fixed in https://github.com/a/b/commit/abc123",
    },
    CueSpec {
        id: "source-see",
        kind: CueKind::Source,
        scope: Scope::Prose,
        pattern: r"((^|[.!?:;(]\s*)see\b|\bsee (the (docs?|documentation|manual|spec|guide|example)|link|`|\[)|\b(refer to|according to|as (described|explained|documented|shown) (in|here|there)|the (docs|documentation|manual|spec|rfc|style guide)|prior art|has a good example|more info|check out)\b|\bfrom `man\b)",
        example: "See the docs of `tokio::spawn_blocking`.",
        counter: "I see that you renamed it.",
    },
    CueSpec {
        id: "source-precedent",
        kind: CueKind::Source,
        scope: Scope::Prose,
        pattern: r"\b(like (we do )?in the|as (we do )?in the|like in the|same as in|similar to (the|what|how)|(that )?we already have|the existing \w+|consistent with|in keeping with|following the)\b",
        example: "Use the validators we already have in `user.rb`.",
        counter: "Same as above.",
    },
    CueSpec {
        id: "source-reference",
        kind: CueKind::Source,
        scope: Scope::Prose,
        pattern: r"(^|\s|\()#\d+\b",
        example: "This is the case discussed in #19319.",
        counter: "Use 2 spaces here.",
    },
    CueSpec {
        id: "source-link",
        kind: CueKind::Source,
        scope: Scope::Links,
        pattern: r".",
        example: "Here is how it is done: https://github.com/a/b/blob/main/src/lib.rs#L10",
        counter: "Here is how it is done.",
    },
    // --- asks a leading question -------------------------------------------------------------
    CueSpec {
        id: "question-leading",
        kind: CueKind::Question,
        scope: Scope::Questions,
        pattern: r"\b(what (happens|if|would)|how (would|does|will|many|much|come)|(could|would|can|will) (this|it|that) (ever |still |not )?(break|fail|race|overflow|underflow|panic|crash|leak|deadlock|block|hang|happen|be (null|nil|none|empty|zero|negative|called twice))|wouldn'?t|couldn'?t|shouldn'?t|doesn'?t|isn'?t|won'?t|aren'?t|have you (\w+ )?(tested|tried|considered|checked|run)|(is|are) (this|it|that|these) (correct|right|safe|possible|true)|did you (mean|consider|test)|is there a way|can you think|are you sure|do (the|they) \w+ match)\b",
        example: "What happens if `n` is 0 here?",
        counter: "Why is this needed?",
    },
    // --- asks for a change (substance without teaching) ----------------------------------------
    CueSpec {
        id: "request-ask",
        kind: CueKind::Request,
        scope: Scope::Prose,
        pattern: r"\b(can you|could you|would you|can we|could we|(you|we|this|it|that|these|they|which) (should|shouldn'?t|must|needs? to|has to|have to)|needs? to be|don'?t forget|make sure|let'?s|(would|it'?d) be (nice|good|great|better)|not sure (why|about|if|this|that))\b|(^|[.!?]\s+)should\b",
        example: "Could you add a changelog entry?",
        counter: "Thanks for the fix!",
    },
    CueSpec {
        // Apart from `request-ask`: "please" is as often politeness around an approval
        // ("Nice, please have a look at my note") as a request.
        id: "request-please",
        kind: CueKind::Request,
        scope: Scope::Prose,
        pattern: r"\b(please|pls|plz)\b",
        example: "Please have a look.",
        counter: "Thanks for the fix!",
    },
    CueSpec {
        id: "request-change",
        kind: CueKind::Request,
        scope: Scope::Prose,
        pattern: r"\b(remove|rename|delete|drop|move|add|change|fix|update|replace|revert|split|extract|avoid|typo|indent(ation)?|capitali[sz]ed?|missing|forgot|not needed|unnecessary|unused|redundant|wrong|incorrect|broken|breaks?|crash(es)?|panics?|hangs|leaks?|regress(ion|es)?|bug|fails?|failing|not defined|undefined|docstring|comment on|not (a|an) \w+,? but)\b",
        example: "Missing a test for the empty case.",
        counter: "Nice work on this.",
    },
    CueSpec {
        id: "request-question",
        kind: CueKind::Request,
        scope: Scope::Questions,
        pattern: r"\w",
        example: "Why is this needed?",
        counter: "This is needed.",
    },
    // --- approval, thanks, status ------------------------------------------------------------------
    CueSpec {
        id: "empty-approval",
        kind: CueKind::Empty,
        scope: Scope::Prose,
        pattern: r"(\b(lgtm|sgtm|looks? (good|great|fine|decent|ok|perfect)|ship ?it|approved?|well done|good (job|work|catch|move|stuff|point|idea)|nice( work| job| one)?|great( work| job| piece of work)?|thanks?|thank you|thx|cheers|awesome|excellent|perfect|cool|neat|epic|makes sense|sounds good|is (fine|good|correct)|works as expected|overall)\b|(^|\s)(\+1|:\+1:|👍|🎉|:tada:)(\s|$))",
        example: "LGTM, thanks!",
        counter: "Please add a test.",
    },
    CueSpec {
        id: "empty-status",
        kind: CueKind::Empty,
        scope: Scope::Prose,
        pattern: r"(?m)^\W*(done|fixed|updated|applied|addressed|resolved|rebased|agreed?|ack|yes|yep|yup|ok(ay)?|sure|noted|will do|ditto|ping|bump|same( as (above|before|previous\b.*))?|nits?|this change wasn'?t made)\W*$|^\s*/[a-z-]+",
        example: "Done",
        counter: "Done, but see my note on the lock below.",
    },
    // --- form: how the comment is written ----------------------------------------------------
    CueSpec {
        id: "form-question",
        kind: CueKind::Form,
        scope: Scope::OnlyQuestions,
        pattern: "",
        example: "Is this still needed? Who calls it?",
        counter: "This is still needed. Who calls it?",
    },
    CueSpec {
        id: "form-imperative",
        kind: CueKind::Form,
        scope: Scope::SentenceStarts,
        pattern: r"^(please,? )?(add|remove|use|move|rename|drop|delete|change|replace|make|put|keep|avoid|check|return|call|pass|extract|split|wrap|set|mark|update|fix|revert|document|handle|inline|simplify|prefer|switch|convert|apply|include|reuse|merge|sort|bump|log|raise|throw|catch|validate|skip|ignore|restore|guard|declare|define|initiali[sz]e|test|write|pull|lift|hoist|cache|store|expose|hide|mention|note|double-check)\b",
        example: "Use strncpy.",
        counter: "We use strncpy.",
    },
    CueSpec {
        id: "form-code",
        kind: CueKind::Form,
        scope: Scope::Code,
        pattern: "",
        example: "The loop calls `len()` each time.",
        counter: "The loop is slow.",
    },
    CueSpec {
        id: "form-hedge",
        kind: CueKind::Form,
        scope: Scope::Prose,
        pattern: r"\b(i think|i guess|i believe|i suppose|i feel|not sure|could be wrong|might be wrong|may be wrong|maybe|perhaps|probably|possibly|imo|imho|afaik|iirc|i wonder|it seems|seems like|not (a )?big deal|up to you)\b",
        example: "I could be wrong, but this looks fine.",
        counter: "This looks fine.",
    },
    CueSpec {
        id: "form-short",
        kind: CueKind::Form,
        scope: Scope::AtMostWords(4),
        pattern: "",
        example: "Good catch, fixed.",
        counter: "This allocation happens on every call in the loop.",
    },
    CueSpec {
        id: "form-long",
        kind: CueKind::Form,
        scope: Scope::AtLeastWords(40),
        pattern: "",
        example: "This reads the whole file into memory before it parses a single line, which is fine for the small fixtures in the tests but will hurt on the real logs, which run to several gigabytes on a busy day; a buffered reader keeps it flat.",
        counter: "This reads the whole file into memory.",
    },
    CueSpec {
        id: "form-no-cue",
        kind: CueKind::Form,
        scope: Scope::NoOtherCue,
        pattern: "",
        example: "The compiler accepts both forms.",
        counter: "Please add a test.",
    },
    CueSpec {
        id: "form-approval-please",
        kind: CueKind::Form,
        scope: Scope::Both("empty-approval", "request-please"),
        pattern: "",
        example: "Looks good, thanks! Please have a look at the failing check.",
        counter: "Please have a look at the failing check.",
    },
];

/// A compiled cue.
pub struct Cue {
    pub id: &'static str,
    pub kind: CueKind,
    pub example: &'static str,
    pub counter: &'static str,
    scope: Scope,
    regex: Option<Regex>,
}

impl Cue {
    /// Whether the teaching score reads this cue. Form cues do not: how long a comment is,
    /// or whether it holds code, is not a way of teaching (the guide's four are), and a
    /// teaching score that read them called long or code-heavy requests teaching.
    pub fn counts_for_teaching(&self) -> bool {
        self.kind != CueKind::Form
    }
}

pub static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    CUE_SPECS
        .iter()
        .map(|s| Cue {
            id: s.id,
            kind: s.kind,
            example: s.example,
            counter: s.counter,
            scope: s.scope,
            regex: (!s.pattern.is_empty()).then(|| {
                RegexBuilder::new(s.pattern)
                    .case_insensitive(true)
                    .build()
                    .expect("built-in review cue compiles")
            }),
        })
        .collect()
});

/// A cue that matched, with the words it matched on and what the model gives it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub cue: &'static str,
    pub kind: CueKind,
    pub matched: String,
    /// The cue's weight towards substance and towards teaching (log-odds).
    pub substance: f64,
    pub teaching: f64,
}

/// One of the two linear scores: an intercept, a weight per cue (a cue without one weighs
/// nothing) and the score at which the decision is made, all in log-odds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linear {
    pub intercept: f64,
    pub threshold: f64,
    pub weights: BTreeMap<String, f64>,
}

impl Linear {
    pub fn weight(&self, cue: &str) -> f64 {
        self.weights.get(cue).copied().unwrap_or(0.0)
    }
}

/// How the shipped model was learned (the file's own record; nothing reads it to decide).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Labelled comments and repositories it was learned from.
    pub comments: usize,
    pub repositories: usize,
    /// The L2 penalty on the weights.
    pub l2: f64,
    /// The precision each threshold was chosen to reach on out-of-fold scores.
    pub target_precision: f64,
    /// The command that learns it again.
    pub command: String,
}

/// The two scores a comment gets: substance (it is a real review point) and teaching.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub learned: Provenance,
    pub substance: Linear,
    pub teaching: Linear,
}

/// The built-in model, learned from the labelled comments (docs/classifier.md "Reviews").
pub const BUILTIN_MODEL: &str = include_str!("../../config/review-model.toml");

pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| toml::from_str(BUILTIN_MODEL).expect("built-in review model parses"));

/// How many weighed cues an explanation lists (the largest).
const SHOWN_TERMS: usize = 5;

/// What a comment does, and the cues that decided it.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub does: Does,
    pub hits: Vec<Hit>,
    /// The two scores (intercept plus the weights of the cues that matched) and the
    /// thresholds they were held against.
    pub substance: f64,
    pub teaching: f64,
    pub substance_at: f64,
    pub teaching_at: f64,
    /// The intercepts, for explanations.
    base: (f64, f64),
}

impl Verdict {
    /// The distinct kinds of teaching cue that count towards teaching.
    pub fn teaching_kinds(&self) -> BTreeSet<CueKind> {
        self.hits
            .iter()
            .filter(|h| h.kind.teaches() && h.teaching > 0.0)
            .map(|h| h.kind)
            .collect()
    }

    /// The score the label rests on: teaching for a teaching comment, substance otherwise.
    pub fn score(&self) -> f64 {
        match self.does {
            Does::Teaches => self.teaching,
            _ => self.substance,
        }
    }

    /// The cue that best says why the comment got its label: the teaching cue that
    /// weighs most, the cue that adds most to substance, or the one that takes most away.
    /// What the comment does (a request, an approval) is named before how it is written
    /// (a form cue), which is named only when nothing else decided.
    pub fn deciding(&self) -> Option<&Hit> {
        let by = |f: fn(&Hit) -> f64| {
            move |a: &&Hit, b: &&Hit| f(a).total_cmp(&f(b)).then(b.cue.cmp(a.cue))
        };
        let pick = |form: bool| {
            let candidates = self
                .hits
                .iter()
                .filter(|h| (h.kind == CueKind::Form) == form);
            match self.does {
                Does::Teaches => candidates
                    .filter(|h| h.kind.teaches())
                    .max_by(by(|h| h.teaching)),
                Does::Substantive => candidates
                    .filter(|h| h.substance > 0.0)
                    .max_by(by(|h| h.substance)),
                Does::Empty => candidates
                    .filter(|h| h.substance < 0.0)
                    .min_by(by(|h| h.substance)),
            }
        };
        pick(false).or_else(|| pick(true))
    }

    /// The sum behind the label, largest weights first: "teaching 2.41 >= 1.10: base
    /// -1.30, why-because +1.85, request-ask +0.31".
    pub fn weighing(&self) -> String {
        let teaching = self.does == Does::Teaches;
        let (name, score, at, base) = if teaching {
            ("teaching", self.teaching, self.teaching_at, self.base.1)
        } else {
            ("substance", self.substance, self.substance_at, self.base.0)
        };
        let mut terms: Vec<(&str, f64)> = self
            .hits
            .iter()
            .map(|h| (h.cue, if teaching { h.teaching } else { h.substance }))
            .filter(|(_, w)| *w != 0.0)
            .collect();
        terms.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0)));
        let sign = if score >= at { ">=" } else { "<" };
        let mut out = format!("{name} {score:.2} {sign} {at:.2}: base {base:+.2}");
        for (cue, w) in terms.iter().take(SHOWN_TERMS) {
            out.push_str(&format!(", {cue} {w:+.2}"));
        }
        if terms.len() > SHOWN_TERMS {
            out.push_str(&format!(", {} more", terms.len() - SHOWN_TERMS));
        }
        out
    }
}

/// A comment's text taken apart: its own words, and what it quotes, links and proposes.
struct Parts {
    prose: String,
    sentences: Vec<String>,
    questions: Vec<String>,
    links: Vec<String>,
    suggestion: bool,
    code_block: bool,
    words: usize,
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s)>\]]+").expect("url regex"));
static MARKDOWN_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\([^)]*\)").expect("markdown link regex"));
static EMAIL_QUOTE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^On .{4,80} wrote:\s*$").expect("quote header regex"));

fn parts(text: &str) -> Parts {
    let mut prose = String::new();
    let mut links = Vec::new();
    let mut suggestion = false;
    let mut code_block = false;
    let mut fence: Option<usize> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let ticks = trimmed.chars().take_while(|&c| c == '`').count();
        if ticks >= 3 {
            match fence {
                Some(open) if ticks >= open && trimmed[ticks..].trim().is_empty() => fence = None,
                Some(_) => {}
                None => {
                    fence = Some(ticks);
                    if trimmed[ticks..].trim().eq_ignore_ascii_case("suggestion") {
                        suggestion = true;
                    } else {
                        code_block = true;
                    }
                }
            }
            continue;
        }
        // Fenced code, quoted text and an e-mail reply's header are not the reviewer's
        // own words (a quoted link teaches nothing).
        if fence.is_some() || trimmed.starts_with('>') || EMAIL_QUOTE_HEADER.is_match(trimmed) {
            continue;
        }
        links.extend(URL.find_iter(line).map(|m| m.as_str().to_string()));
        let line = MARKDOWN_LINK.replace_all(line, "$1 link");
        let line = URL.replace_all(&line, "link");
        prose.push_str(&line);
        prose.push('\n');
    }
    let sentences = sentences(&prose);
    let questions = sentences
        .iter()
        .filter(|s| is_question(s))
        .cloned()
        .collect();
    let words = prose
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    Parts {
        prose,
        sentences,
        questions,
        links,
        suggestion,
        code_block,
        words,
    }
}

fn is_question(sentence: &str) -> bool {
    sentence.trim_end().ends_with('?')
}

/// Sentences, cut after `.`, `!` or `?` that end a word, and at blank lines.
fn sentences(prose: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = prose.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let next = chars.get(i + 1).copied();
        let ends = matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace);
        let blank = c == '\n' && next == Some('\n');
        if ends || blank {
            if !current.trim().is_empty() {
                out.push(current.trim().to_string());
            }
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

static CODE_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`[^`]+`|::|\?=|:=|==|->|=>|\w\(|\w\.\w+\(|\w:\d|\$\(|\w_\w")
        .expect("code token regex")
});

/// A sentence without the conjunction it may open with ("And why …" asks like "Why …").
fn opening(s: &str) -> &str {
    let s = s.trim_start();
    for word in ["and ", "but ", "or ", "so ", "also "] {
        // `get`: the first bytes may cut a character ("👍 …").
        if s.len() > word.len()
            && s.get(..word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
        {
            return s[word.len()..].trim_start();
        }
    }
    s
}

/// Whether a sentence holds code: a code span or what only code looks like.
fn has_code(s: &str) -> bool {
    CODE_TOKEN.is_match(s)
}

/// A question that opens like this asks for information (a reason, a purpose, a fact).
static ASKS_FOR_INFORMATION: LazyLock<Regex> = LazyLock::new(|| {
    RegexBuilder::new(r"^\W*(what|what'?s|whats|why|how|which|who|where|when|is there|is it|is this|are there|do we|does)\b")
        .case_insensitive(true)
        .build()
        .expect("asks-for-information regex")
});

/// A link the comment asks to add ("add a link to …") is content, not a source.
static LINK_AS_CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    RegexBuilder::new(r"\b(add|put|include|insert|paste) (a |the |this )?(link|url|reference)")
        .case_insensitive(true)
        .build()
        .expect("link-as-content regex")
});

/// What a cue matched in a comment, if it did. Cues read from other cues' hits
/// (`NoOtherCue`, `Both`) are decided in `cue_hits`.
fn matches(cue: &Cue, p: &Parts) -> Option<String> {
    let first = |hay: &str| {
        cue.regex
            .as_ref()
            .and_then(|r| r.find(hay))
            .map(|m| m.as_str().trim().to_string())
    };
    match cue.scope {
        Scope::Prose => first(&p.prose),
        Scope::Statements => p
            .sentences
            .iter()
            .filter(|s| !(is_question(s) && ASKS_FOR_INFORMATION.is_match(opening(s))))
            .find_map(|s| first(s)),
        Scope::Questions => p.questions.iter().find_map(|q| first(q).map(|_| q.clone())),
        Scope::CodeQuestions => p
            .questions
            .iter()
            .find(|q| {
                q.split_whitespace().count() <= 8 && has_code(q) && first(opening(q)).is_none()
            })
            .cloned(),
        Scope::SentenceStarts => p.sentences.iter().find_map(|s| first(opening(s))),
        Scope::OnlyQuestions => (!p.sentences.is_empty()
            && p.sentences.iter().all(|s| is_question(s)))
        .then(|| p.questions.join(" ")),
        Scope::AtMostWords(n) => (p.words <= n).then(|| format!("{} words", p.words)),
        Scope::AtLeastWords(n) => (p.words >= n).then(|| format!("{} words", p.words)),
        Scope::Code => CODE_TOKEN.find(&p.prose).map(|m| m.as_str().to_string()),
        Scope::Links if LINK_AS_CONTENT.is_match(&p.prose) => None,
        Scope::Links => p.links.iter().find_map(|l| first(l).map(|_| l.clone())),
        Scope::SuggestionBlock => p.suggestion.then(|| "```suggestion".to_string()),
        Scope::CodeBlock => p.code_block.then(|| "a code block".to_string()),
        Scope::NoOtherCue | Scope::Both(..) => None,
    }
}

/// The cues a comment shows, in table order, each with what it matched (weights not yet
/// given: see `decide`).
pub fn cue_hits(text: &str) -> Vec<Hit> {
    let p = parts(text);
    let mut hits: Vec<Hit> = Vec::new();
    let hit = |cue: &Cue, matched: String| Hit {
        cue: cue.id,
        kind: cue.kind,
        matched,
        substance: 0.0,
        teaching: 0.0,
    };
    for cue in CUES.iter() {
        // A docs link already counts as a source; the generic link cue would count it twice.
        if cue.id == "source-link" && hits.iter().any(|h| h.cue == "source-docs-link") {
            continue;
        }
        if let Some(matched) = matches(cue, &p) {
            hits.push(hit(cue, matched));
        }
    }
    for cue in CUES.iter() {
        let matched = match cue.scope {
            Scope::NoOtherCue => (!hits.iter().any(|h| h.kind != CueKind::Form))
                .then(|| "no cue of substance, teaching or approval".to_string()),
            Scope::Both(a, b) => {
                let found = |id: &str| hits.iter().find(|h| h.cue == id).map(|h| h.matched.clone());
                found(a).zip(found(b)).map(|(x, y)| format!("{x} … {y}"))
            }
            _ => None,
        };
        if let Some(matched) = matched {
            hits.push(hit(cue, matched));
        }
    }
    hits
}

/// Weighs a comment's cues with a model and decides what the comment does. A comment
/// teaches when its teaching score reaches the threshold *and* it shows one of the four
/// ways of teaching with a positive weight (length or form alone never teach); otherwise
/// it has substance when its substance score reaches that threshold; otherwise it is empty.
pub fn decide(model: &Model, mut hits: Vec<Hit>) -> Verdict {
    for h in &mut hits {
        h.substance = model.substance.weight(h.cue);
        h.teaching = model.teaching.weight(h.cue);
    }
    let substance = model.substance.intercept + hits.iter().map(|h| h.substance).sum::<f64>();
    let teaching = model.teaching.intercept + hits.iter().map(|h| h.teaching).sum::<f64>();
    let shows_a_way = hits.iter().any(|h| h.kind.teaches() && h.teaching > 0.0);
    let does = if teaching >= model.teaching.threshold && shows_a_way {
        Does::Teaches
    } else if substance >= model.substance.threshold {
        Does::Substantive
    } else {
        Does::Empty
    };
    Verdict {
        does,
        hits,
        substance,
        teaching,
        substance_at: model.substance.threshold,
        teaching_at: model.teaching.threshold,
        base: (model.substance.intercept, model.teaching.intercept),
    }
}

/// Judges one comment with the built-in model.
pub fn judge(text: &str) -> Verdict {
    decide(&MODEL, cue_hits(text))
}

/// Where in a review a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The review's own text.
    Body,
    /// An inline comment, 0-based.
    Comment(usize),
}

/// One judged comment of a review.
#[derive(Debug, Clone)]
pub struct Judged {
    pub place: Place,
    pub text: String,
    pub verdict: Verdict,
}

/// A review's comments, each judged.
#[derive(Debug, Clone, Default)]
pub struct ReviewJudgement {
    pub comments: Vec<Judged>,
    /// Inline comments the review has (GitHub's count; some may not have been fetched).
    pub inline_count: usize,
}

impl ReviewJudgement {
    fn count(&self, at_least: Does) -> usize {
        self.comments
            .iter()
            .filter(|c| c.verdict.does >= at_least)
            .count()
    }

    /// Comments that teach.
    pub fn teaching(&self) -> usize {
        self.count(Does::Teaches)
    }

    /// Comments with substance (teaching ones included).
    pub fn substance(&self) -> usize {
        self.count(Does::Substantive)
    }

    /// Comments that say nothing a reviewer would count.
    pub fn empty(&self) -> usize {
        self.comments.len() - self.substance()
    }

    /// The most kinds of teaching cue any one teaching comment shows.
    pub fn best_teaching_kinds(&self) -> usize {
        self.comments
            .iter()
            .filter(|c| c.verdict.does == Does::Teaches)
            .map(|c| c.verdict.teaching_kinds().len())
            .max()
            .unwrap_or(0)
    }

    /// The comment that best shows the review does at least `need`: the highest score.
    pub fn decisive(&self, need: Does) -> Option<&Judged> {
        self.comments
            .iter()
            .filter(|c| c.verdict.does >= need)
            .max_by(|a, b| {
                (a.verdict.does.cmp(&b.verdict.does))
                    .then(a.verdict.score().total_cmp(&b.verdict.score()))
                    .then(b.index().cmp(&a.index()))
            })
    }

    /// What the review comes to, for `explain`: "of 3 texts: 2 teach, 0 more with
    /// substance, 1 empty".
    pub fn summary(&self) -> String {
        let n = self.comments.len();
        format!(
            "of {n} text{}: {} teach, {} more with substance, {} empty",
            if n == 1 { "" } else { "s" },
            self.teaching(),
            self.substance() - self.teaching(),
            self.empty()
        )
    }
}

impl Judged {
    fn index(&self) -> usize {
        match self.place {
            Place::Body => 0,
            Place::Comment(i) => i + 1,
        }
    }

    /// "comment 2 \"Consider `entry()` here…\"": where the comment is and how it starts.
    pub fn describe(&self, inline_count: usize) -> String {
        let excerpt = excerpt_of(&self.text, 60);
        let place = match self.place {
            Place::Body => "the review's text".to_string(),
            Place::Comment(i) => format!("comment {} of {}", i + 1, inline_count.max(i + 1)),
        };
        let cue = self
            .verdict
            .deciding()
            .map(|h| {
                format!(
                    "cue {}, {}: \"{}\"; ",
                    h.cue,
                    h.kind.as_str(),
                    excerpt_of(&h.matched, 40)
                )
            })
            .unwrap_or_default();
        format!(
            "{place} \"{excerpt}\" {} ({cue}{})",
            self.verdict.does.as_str(),
            self.verdict.weighing()
        )
    }
}

fn excerpt_of(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The texts of a review: its own text, then each inline comment. The collector writes
/// the body as the review's text followed by each comment after a `---` line, and the
/// comments again in `meta.comments`; the review's own text is what precedes them.
/// Evidence written by hand may have only a body: it is judged as one comment.
pub fn texts(e: &Evidence) -> Vec<(Place, String)> {
    let comments: Vec<String> = e
        .meta
        .get("comments")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let suffix: String = comments.iter().map(|c| format!("\n\n---\n\n{c}")).collect();
    let body = e.body.strip_suffix(&suffix).unwrap_or(&e.body);
    let mut out = Vec::new();
    if !body.trim().is_empty() {
        out.push((Place::Body, body.to_string()));
    }
    out.extend(
        comments
            .into_iter()
            .enumerate()
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(i, c)| (Place::Comment(i), c)),
    );
    out
}

/// Judges every comment of a review. `None` for an item that is not a review.
pub fn judge_review(e: &Evidence) -> Option<ReviewJudgement> {
    if e.kind != Kind::Review {
        return None;
    }
    let comments: Vec<Judged> = texts(e)
        .into_iter()
        .map(|(place, text)| Judged {
            place,
            verdict: judge(&text),
            text,
        })
        .collect();
    let seen = comments
        .iter()
        .filter(|c| matches!(c.place, Place::Comment(_)))
        .count();
    let inline_count = (e.meta_u64("comment_count").unwrap_or(0) as usize).max(seen);
    Some(ReviewJudgement {
        comments,
        inline_count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every cue matches its example and not its counter-example.
    #[test]
    fn each_cue_matches_its_example_and_not_its_counter_example() {
        let shows = |text: &str, id: &str| cue_hits(text).iter().any(|h| h.cue == id);
        for cue in CUES.iter() {
            assert!(
                shows(cue.example, cue.id),
                "cue {} does not match its example {:?}",
                cue.id,
                cue.example
            );
            assert!(
                !shows(cue.counter, cue.id),
                "cue {} matches its counter-example {:?}",
                cue.id,
                cue.counter
            );
        }
    }

    /// docs/classifier.md lists every cue with the weights the shipped model gives it.
    #[test]
    fn the_documentation_lists_every_cue_with_its_weights() {
        let doc = include_str!("../../docs/classifier.md");
        for cue in CUES.iter() {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", cue.id)))
                .unwrap_or_else(|| panic!("docs/classifier.md lacks cue {}", cue.id));
            let teaching = MODEL
                .teaching
                .weights
                .get(cue.id)
                .map_or("—".to_string(), |w| format!("{w:+.2}"));
            let weights = format!(" | {:+.2} | {teaching} | ", MODEL.substance.weight(cue.id));
            assert!(row.contains(&weights), "{row:?} lacks {weights:?}");
        }
    }

    #[test]
    fn cue_ids_are_unique() {
        let ids: BTreeSet<&str> = CUES.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), CUES.len());
    }

    /// The shipped model weighs every cue for substance, and every cue but the form cues
    /// for teaching; it names no cue that does not exist.
    #[test]
    fn the_model_weighs_exactly_the_cues() {
        let ids: BTreeSet<&str> = CUES.iter().map(|c| c.id).collect();
        fn named(l: &Linear) -> BTreeSet<&str> {
            l.weights.keys().map(String::as_str).collect()
        }
        assert_eq!(named(&MODEL.substance), ids);
        let teaching: BTreeSet<&str> = CUES
            .iter()
            .filter(|c| c.counts_for_teaching())
            .map(|c| c.id)
            .collect();
        assert_eq!(named(&MODEL.teaching), teaching);
        assert!(MODEL.learned.comments >= 400, "{:?}", MODEL.learned);
        assert!(MODEL.learned.command.contains("review_train"));
    }

    /// The learned weights say what the guide says, in sign: each of the four ways of
    /// teaching counts towards teaching, approval and status count against substance.
    #[test]
    fn the_learned_weights_point_the_guides_way() {
        for cue in CUES.iter().filter(|c| c.kind.teaches()) {
            assert!(MODEL.teaching.weight(cue.id) > 0.0, "{}", cue.id);
        }
        for id in [
            "empty-approval",
            "empty-status",
            "form-no-cue",
            "form-short",
        ] {
            assert!(MODEL.substance.weight(id) < 0.0, "{id}");
        }
    }

    fn does(text: &str) -> Does {
        judge(text).does
    }

    #[test]
    fn comments_are_judged_on_what_they_do() {
        let table = [
            // teaches
            (
                "Don't hold the lock across the await: otherwise every request waits.",
                Does::Teaches,
            ),
            (
                "Consider `HashMap::entry` here instead of `contains_key` then `insert`.",
                Does::Teaches,
            ),
            (
                "See https://docs.rs/tokio/latest/tokio/task/fn.spawn_blocking.html",
                Does::Teaches,
            ),
            ("What happens if `items` is empty here?", Does::Teaches),
            ("std::swap?", Does::Teaches),
            // substantive
            ("Please add a test for the empty case.", Does::Substantive),
            ("Why is this needed?", Does::Substantive),
            ("This breaks on Windows.", Does::Substantive),
            (
                "```suggestion\nlet total = sum(&items);\n```",
                Does::Substantive,
            ),
            ("I'd alias it to `corev1`.", Does::Substantive),
            // empty
            ("LGTM", Does::Empty),
            ("Thanks! 👍", Does::Empty),
            ("Done", Does::Empty),
            ("nit", Does::Empty),
            ("Same as above.", Does::Empty),
            ("/lgtm\n/approve", Does::Empty),
            ("Good move.", Does::Empty),
            ("Looks good to me, nice work on the tests!", Does::Empty),
        ];
        for (text, want) in table {
            assert_eq!(does(text), want, "{text:?}: {:?}", judge(text).hits);
        }
    }

    #[test]
    fn quoted_text_and_code_are_not_the_reviewers_words() {
        // A quoted "because" does not explain anything; the reply is an acknowledgement.
        assert_eq!(
            does("> this is slow because of the lock\n\nAgreed, thanks"),
            Does::Empty
        );
        // Words inside a code block are code, not prose.
        let v = judge("```\n// use instead because otherwise\n```");
        assert!(
            v.hits.iter().all(|h| h.kind != CueKind::Why),
            "{:?}",
            v.hits
        );
        // A link the comment asks to add is content, not a source to learn from.
        assert_eq!(
            does("here we can add a link to: https://example.com/guide/setup.md"),
            Does::Substantive
        );
    }

    #[test]
    fn form_alone_never_teaches() {
        // Long, with code, no way of teaching: at most substance.
        let text = "This function is called from `parse_config()` and from `reload()`, and both \
                    of them hold the registry handle at that point; the new branch adds a third \
                    call site in `watch()`, which runs on its own thread and keeps the handle \
                    for the whole lifetime of the watcher.";
        let v = judge(text);
        assert!(v.hits.iter().any(|h| h.cue == "form-long"), "{:?}", v.hits);
        assert!(v.teaching_kinds().is_empty(), "{:?}", v.hits);
        assert_ne!(v.does, Does::Teaches);
        // A model whose threshold any comment reaches still needs a way of teaching.
        let mut lenient = MODEL.clone();
        lenient.teaching.threshold = f64::NEG_INFINITY;
        assert_ne!(decide(&lenient, cue_hits(text)).does, Does::Teaches);
        assert_eq!(
            decide(&lenient, cue_hits("Use `entry()` instead.")).does,
            Does::Teaches
        );
    }

    #[test]
    fn a_question_that_asks_for_a_reason_gives_none() {
        let v = judge("What's the purpose of this check? Why the reason field?");
        assert!(
            v.hits.iter().all(|h| h.kind != CueKind::Why),
            "{:?}",
            v.hits
        );
        assert_ne!(v.does, Does::Teaches);
        // The same words as a statement explain.
        let v = judge("The purpose of this check is to stop a second writer.");
        assert!(
            v.hits.iter().any(|h| h.cue == "why-because"),
            "{:?}",
            v.hits
        );
        // A proposal put as a question keeps its reason.
        let v = judge("Could we move it into its own module, so that the controller only parses?");
        assert!(
            v.hits.iter().any(|h| h.cue == "why-because"),
            "{:?}",
            v.hits
        );
    }

    #[test]
    fn the_decision_is_the_weighed_sum_and_says_so() {
        let v =
            judge("Please don't hold the lock across the await: otherwise every request waits.");
        let sum = MODEL.teaching.intercept + v.hits.iter().map(|h| h.teaching).sum::<f64>();
        assert!((v.teaching - sum).abs() < 1e-9);
        assert_eq!(v.does, Does::Teaches);
        let weighing = v.weighing();
        assert!(
            weighing.starts_with(&format!(
                "teaching {:.2} >= {:.2}: base {:+.2}, ",
                v.teaching, MODEL.teaching.threshold, MODEL.teaching.intercept
            )),
            "{weighing}"
        );
        assert!(weighing.contains("why-because +"), "{weighing}");
        // An approval says what took it under the substance threshold.
        let v = judge("LGTM");
        assert_eq!(v.does, Does::Empty);
        assert_eq!(v.deciding().map(|h| h.cue), Some("empty-approval"));
        assert!(v.weighing().starts_with("substance "), "{}", v.weighing());
        assert!(v.weighing().contains(" < "), "{}", v.weighing());
    }

    fn review(body: &str, comments: &[&str]) -> Evidence {
        let mut e = Evidence::new("gh:review:1", Kind::Review, "Review of a/b#1: x");
        e.body = body.to_string();
        for c in comments {
            e.body.push_str("\n\n---\n\n");
            e.body.push_str(c);
        }
        e.meta.insert("comments".into(), json!(comments));
        e.meta.insert("comment_count".into(), json!(comments.len()));
        e
    }

    #[test]
    fn a_review_is_its_text_then_its_comments() {
        let e = review(
            "Two notes.",
            &["Use `?` instead of unwrap.", "LGTM otherwise"],
        );
        let t = texts(&e);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0], (Place::Body, "Two notes.".to_string()));
        assert_eq!(t[1].0, Place::Comment(0));
        assert_eq!(t[2], (Place::Comment(1), "LGTM otherwise".to_string()));
        // Without review text, the comments alone.
        assert_eq!(texts(&review("", &["x"])).len(), 1);
        // Evidence written by hand, with a body only: one text.
        let mut hand = Evidence::new("r", Kind::Review, "Review");
        hand.body = "Consider a `match` here instead.".into();
        assert_eq!(texts(&hand), [(Place::Body, hand.body.clone())]);
        // Not a review: nothing to judge.
        assert!(judge_review(&Evidence::new("c", Kind::Commit, "Fix")).is_none());
    }

    #[test]
    fn a_review_counts_and_names_its_comments() {
        let e = review(
            "Thanks!",
            &[
                "nit: rename `cfg`",
                "If `n` is 0 this divides by zero: what happens then?",
            ],
        );
        let j = judge_review(&e).unwrap();
        assert_eq!((j.teaching(), j.substance(), j.empty()), (1, 2, 1));
        let decisive = j.decisive(Does::Teaches).unwrap();
        assert_eq!(decisive.place, Place::Comment(1));
        let described = decisive.describe(j.inline_count);
        assert!(
            described.starts_with("comment 2 of 2 \"If `n` is 0"),
            "{described}"
        );
        assert!(
            described.contains("teaches (cue question-leading"),
            "{described}"
        );
        assert_eq!(
            j.summary(),
            "of 3 texts: 1 teach, 1 more with substance, 1 empty"
        );
        // GitHub said 5 comments, 2 were fetched: the count says so.
        let mut e = e;
        e.meta.insert("comment_count".into(), json!(5));
        let j = judge_review(&e).unwrap();
        assert!(
            j.decisive(Does::Teaches)
                .unwrap()
                .describe(j.inline_count)
                .starts_with("comment 2 of 5")
        );
    }
}
