//! The rubric's verdict on real-shaped histories: what git records of reviews and help
//! (trailers, bors merges, merges and landings of others' changes), "not measured"
//! against "none", what could not be seen, the links the portfolio promises, and
//! initiatives built from pull requests (merge commits, bors merges, squash suffixes).

use crate::common::*;
use git2::{Oid, Repository, Signature, Time};
use serde_json::{Value, json};

const CAROL: (&str, &str) = ("Carol Contributor", "carol@example.com");
const BORS: (&str, &str) = ("bors", "bors@rust-lang.org");
const GITHUB: (&str, &str) = ("GitHub", "noreply@github.com");
const PERSON: &str = "Alice Example <alice@example.com>";
const DEPENDABOT: (&str, &str) = (
    "dependabot[bot]",
    "49699333+dependabot[bot]@users.noreply.github.com",
);
/// A GitHub Actions workflow, as it commits and tags.
const WORKFLOW: (&str, &str) = (
    "github-actions[bot]",
    "41898282+github-actions[bot]@users.noreply.github.com",
);

/// A commit whose tree is its first parent's with one top-level file written, by
/// `author`, committed by `committer`; no ref moves.
fn make(
    repo: &Repository,
    author: (&str, &str),
    committer: (&str, &str),
    date: &str,
    message: &str,
    parents: &[Oid],
) -> Oid {
    make_committed(repo, author, committer, (date, date), message, parents)
}

/// An annotated tag `name` ("Release NAME") on `target`, made by `who` at `date`.
fn annotated_tag(repo: &Repository, name: &str, who: (&str, &str), date: &str, target: Oid) {
    let tagger = Signature::new(who.0, who.1, &Time::new(epoch(date), 0)).unwrap();
    let object = repo.find_object(target, None).unwrap();
    repo.tag(name, &object, &tagger, &format!("Release {name}"), false)
        .unwrap();
}

/// [`make`] with the author date and the commit date apart.
fn make_committed(
    repo: &Repository,
    author: (&str, &str),
    committer: (&str, &str),
    (date, committed): (&str, &str),
    message: &str,
    parents: &[Oid],
) -> Oid {
    let base = parents
        .first()
        .map(|p| repo.find_commit(*p).unwrap().tree().unwrap());
    let mut builder = repo.treebuilder(base.as_ref()).unwrap();
    let name = format!("f{}.txt", message.len() + parents.len() * 1000 + date.len());
    let blob = repo.blob(message.as_bytes()).unwrap();
    builder.insert(&name, blob, 0o100644).unwrap();
    let tree = repo.find_tree(builder.write().unwrap()).unwrap();
    let when = Time::new(epoch(date), 0);
    let a = Signature::new(author.0, author.1, &when).unwrap();
    let c = Signature::new(committer.0, committer.1, &Time::new(epoch(committed), 0)).unwrap();
    let parents: Vec<git2::Commit> = parents
        .iter()
        .map(|p| repo.find_commit(*p).unwrap())
        .collect();
    let refs: Vec<&git2::Commit> = parents.iter().collect();
    repo.commit(None, &a, &c, message, &tree, &refs).unwrap()
}

/// Alice's commit on `parent` writing `files` (top-level names), with its author and
/// commit times apart: a push (the same time), or a patch applied or rebased later.
fn commit_files(
    repo: &Repository,
    parent: Oid,
    (date, committed): (&str, &str),
    message: &str,
    files: &[(&str, &str)],
) -> Oid {
    let tree = repo.find_commit(parent).unwrap().tree().unwrap();
    let mut builder = repo.treebuilder(Some(&tree)).unwrap();
    for (path, text) in files {
        let blob = repo.blob(text.as_bytes()).unwrap();
        builder.insert(path, blob, 0o100644).unwrap();
    }
    let tree = repo.find_tree(builder.write().unwrap()).unwrap();
    let a = Signature::new(ALICE.0, ALICE.1, &Time::new(epoch(date), 0)).unwrap();
    let c = Signature::new(ALICE.0, ALICE.1, &Time::new(epoch(committed), 0)).unwrap();
    let p = repo.find_commit(parent).unwrap();
    repo.commit(None, &a, &c, message, &tree, &[&p]).unwrap()
}

/// Asserts that each item of these titles is counted on its own, with no other.
fn assert_stands_alone(p: &Value, titles: &[&str]) {
    for title in titles {
        let it = item_titled(p, title);
        assert!(it["counted_with"].is_null(), "{title}: {it}");
    }
}

/// Points `main` and HEAD at `tip`.
fn finish(repo: &Repository, tip: Oid) {
    repo.reference("refs/heads/main", tip, true, "fixture")
        .unwrap();
    repo.set_head("refs/heads/main").unwrap();
}

/// A history in which Alice reviews, mentors, tests, lands and merges others' work, has
/// her own pull requests merged by bors, and squash-merges one.
fn reviewed_history(sb: &Sandbox) -> Repo {
    let r = sb.repo("project");
    let repo = &r.repo;
    let mut main = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-05T10:00:00Z",
        "Initial commit",
        &[],
    );
    let mut on_main = |author, committer, date, message: &str| {
        main = make(repo, author, committer, date, message, &[main]);
        main
    };
    on_main(
        BOB,
        BOB,
        "2026-02-01T10:00:00Z",
        "parser: handle empty input\n\nReviewed-by: Alice Example <ALICE@Example.com>\n",
    );
    on_main(
        BOB,
        BOB,
        "2026-02-02T10:00:00Z",
        "docs: explain the cache\n\nMentored-by: Alice Example <alice@example.com>\nHelped-by: Alice Example\n",
    );
    on_main(
        BOB,
        BOB,
        "2026-02-03T10:00:00Z",
        "cache: fix eviction\n\nTested-by: Alice Example <alice@example.com>\nReported-by: Alice Example <alice@example.com>\n",
    );
    on_main(
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "feat: own work\n\nReviewed-by: Alice Example <alice@example.com>\nCo-authored-by: Alice Example <alice@old.example>\n",
    );
    on_main(
        BOB,
        BOB,
        "2026-02-05T10:00:00Z",
        "refactor: paired on this\n\nCo-authored-by: Alice Example <alice@example.com>\nReviewed-by: Alice Example <alice@example.com>\n",
    );
    on_main(
        CAROL,
        ALICE,
        "2026-02-06T10:00:00Z",
        "globset: add a flag\n\nCloses #31\n",
    );
    on_main(
        CAROL,
        ALICE,
        "2026-02-07T10:00:00Z",
        "fix: backport\n\n(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)\n",
    );
    let base = main;
    // Alice's own pull request, merged by bors: her login is learned from it.
    let a1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-01T10:00:00Z",
        "search: index documents",
        &[base],
    );
    let a2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-02T10:00:00Z",
        "search: test the index",
        &[a1],
    );
    let m5 = make(
        repo,
        BORS,
        BORS,
        "2026-03-03T10:00:00Z",
        "Auto merge of #5 - alice-ex:search, r=bobby\n\nAdd search indexing\n\nIndexes documents.",
        &[base, a2],
    );
    // Bob's pull request, approved by Alice.
    let b1 = make(
        repo,
        BOB,
        BOB,
        "2026-03-04T10:00:00Z",
        "Fix the thing",
        &[m5],
    );
    let m7 = make(
        repo,
        BORS,
        BORS,
        "2026-03-05T10:00:00Z",
        "Auto merge of #7 - bobby:fix, r=alice-ex\n\nFix the thing",
        &[m5, b1],
    );
    // Alice approving her own pull request: no review.
    let a3 = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-06T10:00:00Z",
        "Tiny fix",
        &[m7],
    );
    let m8 = make(
        repo,
        BORS,
        BORS,
        "2026-03-07T10:00:00Z",
        "Auto merge of #8 - alice-ex:tiny, r=alice-ex\n\nTiny",
        &[m7, a3],
    );
    // Bob's pull request merged by Alice on GitHub (GitHub commits the merge).
    let b2 = make(repo, BOB, BOB, "2026-03-08T10:00:00Z", "Topic work", &[m8]);
    let m9 = make(
        repo,
        ALICE,
        GITHUB,
        "2026-03-09T10:00:00Z",
        "Merge pull request #9 from bobby/topic\n\nBob's topic",
        &[m8, b2],
    );
    let squash = make(
        repo,
        ALICE,
        GITHUB,
        "2026-03-10T10:00:00Z",
        "Add gift cards (#13)",
        &[m9],
    );
    finish(repo, squash);
    r
}

/// What `evident identities` prints for alice@example.com over the first half of 2026.
fn identities_text(sb: &Sandbox, repo: &std::path::Path) -> String {
    let out = sb
        .evident()
        .args(["identities", "--repo"])
        .arg(repo)
        .args(["--author", "alice@example.com"])
        .args(["--since", "2026-01-01", "--until", "2026-06-30"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn portfolio(sb: &Sandbox, repo: &std::path::Path, extra: &[&str]) -> Value {
    portfolio_of(sb, repo, PERSON, extra)
}

/// The JSON portfolio of `author` over the first half of 2026.
fn portfolio_of(sb: &Sandbox, repo: &std::path::Path, author: &str, extra: &[&str]) -> Value {
    json_stdout(
        sb.evident()
            .args(["run", "--repo"])
            .arg(repo)
            .args([
                "--author",
                author,
                "--since",
                "2026-01-01",
                "--until",
                "2026-06-30",
            ])
            .args(["--format", "json", "--no-store"])
            .args(extra),
    )
}

fn by_id<'a>(p: &'a Value, prefix: &str) -> Vec<&'a Value> {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"].as_str().unwrap().starts_with(prefix))
        .collect()
}

fn statement<'a>(p: &'a Value, id: &str) -> &'a Value {
    p["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["statements"].as_array().unwrap())
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("no statement {id}"))
}

#[test]
fn git_records_reviews_help_and_reports_on_others_changes() {
    let sb = Sandbox::new();
    let r = reviewed_history(&sb);
    let p = portfolio(&sb, &r.path, &[]);
    // A `Reported-by:` record is an issue, but no issue tracker was read: what only
    // issues (and pull requests) can show is still not measured, not "none".
    for id in [
        "customer-success/customer-needs",
        "culture-and-leadership/collaborates",
    ] {
        assert_eq!(statement(&p, id)["strength"], "not_measured", "{id}");
    }
    let mut recorded: Vec<(String, String, Vec<String>)> = by_id(&p, "git-re")
        .into_iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_string(),
                i["title"].as_str().unwrap().to_string(),
                i["meta"]["roles"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    recorded.sort();
    let want = |kind: &str, title: &str, roles: &[&str]| {
        (
            kind.to_string(),
            title.to_string(),
            roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        recorded,
        vec![
            want(
                "issue",
                "Reported the problem Bob Builder's change fixes: cache: fix eviction",
                &["reporter"]
            ),
            want(
                "review",
                "Landed Carol Contributor's change: globset: add a flag",
                &["lander"]
            ),
            want(
                "review",
                "Mentored Bob Builder on their change: docs: explain the cache",
                &["mentor", "helper"]
            ),
            want(
                "review",
                "Merged bobby's pull request #9: Bob's topic",
                &["merger"]
            ),
            want(
                "review",
                "Reviewed Bob Builder's change: parser: handle empty input",
                &["reviewer"]
            ),
            want(
                "review",
                "Reviewed bobby's pull request #7: Fix the thing",
                &["reviewer"]
            ),
            want(
                "review",
                "Tested Bob Builder's change: cache: fix eviction",
                &["tester"]
            ),
        ],
        "the self-review, the self-approval (#8), the co-authored commit and the cherry-pick record nothing"
    );
    // Each record names the trailer or merge that shows it, and its commit.
    let approved = by_id(&p, "git-review:")
        .into_iter()
        .find(|i| i["title"].as_str().unwrap().contains("#7"))
        .unwrap();
    assert_eq!(approved["meta"]["how"][0], "r=alice-ex in the merge of #7");
    assert_eq!(approved["meta"]["source"], "git");
    assert_eq!(approved["signals"], serde_json::json!(["code-review"]));
    let id = approved["id"].as_str().unwrap();
    assert_eq!(
        id,
        format!(
            "git-review:project:{}",
            approved["meta"]["sha"].as_str().unwrap()
        )
    );
    // The co-authored commit is hers as co-author, not a review.
    let co: Vec<&Value> = by_id(&p, "git:project:")
        .into_iter()
        .filter(|i| i["meta"]["role"] == "co-author")
        .collect();
    assert_eq!(co.len(), 1);
    assert_eq!(co[0]["title"], "refactor: paired on this");
    assert!(
        co[0]["signals"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("collaboration"))
    );
    // Her own commit naming herself (another address) as co-author shows no collaboration.
    let own = by_id(&p, "git:project:")
        .into_iter()
        .find(|i| i["title"] == "feat: own work")
        .unwrap();
    assert!(
        !own["signals"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("collaboration")),
        "{own:#}"
    );
    // Reviews given: reviewing, testing, landing, approving, merging; not help or mentoring.
    assert_eq!(p["totals"]["reviews_given"], 5);
    assert_eq!(
        p["totals"]["commits"], 6,
        "like git log --author: merges left out"
    );
    let bar = statement(&p, "culture-and-leadership/raises-the-bar");
    assert_eq!(bar["count"], 4, "{bar:#}");
    assert_eq!(
        bar["strength"], "none",
        "measured: this history records reviews"
    );
    let mentoring = statement(&p, "teaching-and-mentoring/levels-up-others");
    assert_eq!(mentoring["count"], 1);
    let source = &p["collection"]["sources"][0];
    assert_eq!(
        source["kinds"],
        serde_json::json!(["commit", "design_doc", "recorded_review"])
    );
    // `explain` says why a recorded review counts.
    let out = sb
        .evident()
        .args(["explain", id, "--input"])
        .arg(write_json(&sb, "p.json", &p))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("git-recorded-review"), "{text}");
}

fn write_json(sb: &Sandbox, name: &str, v: &Value) -> std::path::PathBuf {
    sb.write(name, &serde_json::to_string(v).unwrap())
}

#[test]
fn initiatives_come_from_merged_pull_requests_and_squash_suffixes() {
    let sb = Sandbox::new();
    let r = reviewed_history(&sb);
    let p = portfolio(&sb, &r.path, &[]);
    let mut found: Vec<(String, String, usize)> = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["reason"].as_str().unwrap().to_string(),
                i["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            (
                "Add gift cards".into(),
                "pull request #13 (1 commit)".into(),
                1
            ),
            (
                "Add search indexing".into(),
                "pull request #5 (2 commits)".into(),
                2
            ),
            ("Tiny".into(), "pull request #8 (1 commit)".into(), 1),
        ]
    );
    let search = by_id(&p, "git:project:")
        .into_iter()
        .find(|i| i["title"] == "search: index documents")
        .unwrap();
    assert_eq!(search["meta"]["pr_number"], 5);
    assert_eq!(search["meta"]["pr_title"], "Add search indexing");
}

#[test]
fn github_style_merge_commits_group_their_branch() {
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let c1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "wip: coupon model with a typpo",
        &[base],
    );
    let c2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "test: coupons",
        &[c1],
    );
    let c3 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Wire coupons into checkout",
        &[c2],
    );
    let side = make(repo, BOB, BOB, "2026-02-04T11:00:00Z", "Unrelated", &[base]);
    let merge = make(
        repo,
        BOB,
        BOB,
        "2026-02-05T10:00:00Z",
        "Merge pull request #12 from alice/coupons\n\nAdd coupons to checkout",
        &[side, c3],
    );
    finish(repo, merge);
    let p = portfolio(&sb, &r.path, &[]);
    let inits = p["initiatives"].as_array().unwrap();
    assert_eq!(inits.len(), 1, "{inits:#?}");
    assert_eq!(inits[0]["name"], "Add coupons to checkout");
    assert_eq!(inits[0]["reason"], "pull request #12 (3 commits)");
    assert_eq!(inits[0]["items"].as_array().unwrap().len(), 3);
    // Bob merged Alice's pull request: nothing recorded for her.
    assert!(by_id(&p, "git-review").is_empty());
}

/// Alice's own commits in a repository with no remote, where nobody records reviews.
fn plain_history(sb: &Sandbox, remote: Option<&str>) -> Repo {
    let r = sb.repo("plain");
    if let Some(url) = remote {
        r.remote(url);
    }
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "feat: add search",
        &[Change::Write("src/search.rs", "pub fn search() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "deps: update everything",
        &[
            Change::Write("Cargo.toml", "[dependencies]\nserde = \"1\"\n"),
            Change::Write("Cargo.lock", "serde 1.0.1\n"),
        ],
    );
    r
}

#[test]
fn not_measured_is_not_none_and_every_format_says_what_was_not_seen() {
    let sb = Sandbox::new();
    let r = plain_history(&sb, None);
    let p = portfolio(&sb, &r.path, &[]);
    let bar = statement(&p, "culture-and-leadership/raises-the-bar");
    assert_eq!(bar["strength"], "not_measured");
    assert_eq!(bar["goal"], "");
    assert!(
        bar["measure"].as_str().unwrap().contains("`--github`"),
        "{bar:#}"
    );
    assert!(
        !p["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["statement"] == "culture-and-leadership/raises-the-bar"),
        "not measured is no gap"
    );
    let sources: Vec<&str> = p["not_seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["github", "notes", "links"]);
    // The dependency bump is housekeeping: no new technology, no delivery pipeline.
    let deps = by_id(&p, "git:plain:")
        .into_iter()
        .find(|i| i["title"] == "deps: update everything")
        .unwrap();
    assert_eq!(
        deps["statements"],
        serde_json::json!(["culture-and-leadership/unglamorous-work"])
    );
    assert_eq!(
        statement(&p, "domain-expertise/adapts-to-new-technology")["strength"],
        "not_measured"
    );

    let md = report(&sb, &p, "md");
    assert!(md.contains("## What could not be seen"), "{md}");
    assert!(
        md.contains("**github**: Pull requests, reviews and issues on GitHub were not collected"),
        "{md}"
    );
    assert!(md.contains("`plain` has no web address"), "{md}");
    assert!(
        md.contains("so claims name the\nitem that proves them by its id"),
        "{md}"
    );
    assert!(!md.contains("Every claim links"), "{md}");
    assert!(
        md.contains("| **not measured** | To measure it, collect reviews with `--github`"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(html.contains("<h2 id=\"unseen-h\">What could not be seen</h2>"));
    assert!(
        html.contains("<strong>github</strong>: Pull requests, reviews and issues"),
        "{html}"
    );
    assert!(html.contains("badge-not_measured"), "{html}");
    assert!(html.contains("not measured</span>"), "{html}");
    assert!(!html.contains("Every claim links"));
}

#[test]
fn an_area_with_items_below_every_threshold_says_none_without_contradicting_its_count() {
    let sb = Sandbox::new();
    let r = plain_history(&sb, None);
    let p = portfolio(&sb, &r.path, &[]);
    // The dependency bump is the one item of the unglamorous work, which is some from 3.
    let work = statement(&p, "culture-and-leadership/unglamorous-work");
    assert_eq!(work["strength"], "none");
    assert_eq!(work["count"], 1);
    assert_eq!(work["thresholds"]["some"], 3);
    let area = p["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "culture-and-leadership")
        .unwrap();
    assert_eq!(area["strength"], "none");
    assert_eq!(area["count"], 1);

    let md = report(&sb, &p, "md");
    // The column is the strength the legend defines; the count beside it is of items.
    assert!(
        md.contains("| Competency | Strength | Items | Statements with items |"),
        "{md}"
    );
    assert!(
        md.contains("Culture and Leadership | none | 1 | 1 of "),
        "{md}"
    );
    assert!(
        md.contains("*some* when any\nreaches *some* (its first threshold), else *none*: items below a statement's first\nthreshold are counted under Items but leave it at *none*."),
        "{md}"
    );
    assert!(!md.contains("when any has\nevidence"), "{md}");
    // The statement lists its item under its strength, not as "Evidence: none".
    assert!(
        md.contains("Strength: **none** (1 item; *some* from 3)."),
        "{md}"
    );
    assert!(!md.contains("Evidence: **none**"), "{md}");
    let html = report(&sb, &p, "html");
    assert!(
        html.contains("<th scope=\"col\">Strength</th><th scope=\"col\" class=\"num\">Items</th><th scope=\"col\" class=\"num\">Statements with items</th>"),
        "{html}"
    );
    assert!(
        html.contains("<em>some</em> when any reaches <em>some</em> (its first threshold)"),
        "{html}"
    );
    assert!(!html.contains("when any has evidence"), "{html}");
}

#[test]
fn with_a_web_address_the_portfolio_promises_links_and_misses_no_links() {
    let sb = Sandbox::new();
    let r = plain_history(&sb, Some("https://github.com/acme/plain.git"));
    let p = portfolio(&sb, &r.path, &[]);
    let sources: Vec<&str> = p["not_seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["github", "notes"]);
    let md = report(&sb, &p, "md");
    assert!(md.contains("Every claim links to the item that"), "{md}");
}

#[test]
fn nothing_missed_is_said_too() {
    let sb = Sandbox::new();
    // Evidence of every kind, from a collection that declares it saw all of them.
    let ev = serde_json::json!({
        "schema": 1,
        "collection": {
            "person": "alice@example.com", "since": "2026-01-01T00:00:00Z",
            "until": "2026-06-30T00:00:00Z",
            "sources": [
                {"name": "acme/api", "path": "/src/api", "items": 1,
                 "web_url": "https://github.com/acme/api", "kinds": ["commit", "design_doc"]},
                {"name": "github.com: alice", "path": "https://github.com", "items": 1,
                 "kinds": ["pull_request", "review", "issue"]},
                {"name": "notes", "path": "/notes.toml", "items": 1, "kinds": ["note"]}
            ],
            "warnings": []
        },
        "evidence": [{"id": "git:acme/api:1", "kind": "commit", "title": "feat: add search",
                      "repo": "acme/api", "url": "https://github.com/acme/api/commit/1",
                      "timestamp": "2026-02-01T10:00:00Z"}]
    });
    let input = write_json(&sb, "evidence.json", &ev);
    let p = json_stdout(
        sb.evident()
            .args(["classify", "--format", "json", "--input"])
            .arg(&input),
    );
    assert_eq!(p["not_seen"], serde_json::json!([]));
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("## What could not be seen\n\nNothing was missed"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(html.contains("Nothing was missed"), "{html}");
}

fn report(sb: &Sandbox, p: &Value, format: &str) -> String {
    let input = write_json(sb, &format!("portfolio-{format}.json"), p);
    let out = sb
        .evident()
        .args(["report", "--format", format, "--input"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn rubric_check_refuses_a_statement_nothing_could_show_and_show_names_the_sources() {
    let sb = Sandbox::new();
    sb.write(
        "rubric.toml",
        "name = \"Mine\"\n\n[[area]]\nid = \"craft\"\nname = \"Craft\"\n\n[[area.statement]]\nid = \"reviews\"\ntext = \"I review.\"\nsignals = [\"code-review\"]\nkinds = [\"commit\"]\n",
    );
    let out = sb
        .evident()
        .args(["rubric", "check", "rubric.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "rubric.toml:7: statement `craft/reviews`: no item can ever be evidence for it"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("hint: "), "{stderr}");
    let shown = sb.evident().args(["rubric", "show"]).output().unwrap();
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("shown by: review, note (not measured when none of these is collected)"),
        "{text}"
    );
}

#[test]
fn a_category_nothing_collected_could_show_is_not_measured_not_empty() {
    let sb = Sandbox::new();
    let r = plain_history(&sb, None);
    // A rubric whose incidents come from notes only: a git-only run cannot show them.
    let rubric =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/rubric.toml"))
            .unwrap()
            .replace(
                "title = \"Incidents you resolved\"\nsignals = [\"incident\"]",
                "title = \"Incidents you resolved\"\nsignals = [\"incident\"]\nkinds = [\"note\"]",
            );
    assert!(
        rubric.contains("kinds = [\"note\"]"),
        "the rubric changed: update this test"
    );
    let path = sb.path().join("notes-only-incidents.toml");
    std::fs::write(&path, rubric).unwrap();
    let p = portfolio(&sb, &r.path, &["--rubric", path.to_str().unwrap()]);
    let category = |id: &str| {
        p["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let incidents = category("incidents-resolved");
    assert_eq!(incidents["measured"], false, "{incidents:#}");
    assert_eq!(
        incidents["measure"],
        "To measure it, record what git cannot see with `evident note add \"TEXT\" --signal incident`."
    );
    assert_eq!(category("tech-debt")["measured"], true);
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("### Incidents you resolved\n\nNot measured: nothing collected could show it. To measure it, record"),
        "{md}"
    );
    assert!(
        md.contains("### Tech debt you cleaned up\n\nNothing yet."),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains(
            "<p class=\"empty\">Not measured: nothing collected could show it. To measure it"
        ),
        "{html}"
    );
}

/// A store keeps results for one period and reuses them for another only when both hold
/// the same commits; merges count there too, since the walk reads every merge for the
/// reviews git records (even without `--include-merges`).
#[test]
fn kept_results_are_not_reused_for_a_period_a_merge_falls_outside() {
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let a1 = make(repo, ALICE, ALICE, "2026-01-03T10:00:00Z", "Add cart", &[]);
    let a2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-10T10:00:00Z",
        "Add checkout",
        &[a1],
    );
    let b1 = make(repo, BOB, BOB, "2026-01-12T10:00:00Z", "Add coupons", &[a2]);
    let m = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-10T10:00:00Z",
        "Merge pull request #1 from bob/coupons\n\nCoupons",
        &[a2, b1],
    );
    finish(repo, m);
    let ids = |until: &str, store: &[&str]| -> Vec<String> {
        let v = json_stdout(
            sb.evident()
                .args(["collect", "--repo"])
                .arg(&r.path)
                .args(["--author", "alice@example.com", "--no-design-docs"])
                .args(["--since", "2026-01-01", "--until", until])
                .args(store),
        );
        let mut ids: Vec<String> = v["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    let february = ids("2026-02-28", &["--store", "kept"]);
    assert!(
        february.iter().any(|id| id.starts_with("git-review:")),
        "the merge of Bob's pull request is a review in February: {february:?}"
    );
    let january_kept = ids("2026-01-31", &["--store", "kept"]);
    let january_fresh = ids("2026-01-31", &["--no-store"]);
    assert_eq!(january_kept, january_fresh);
    assert!(
        january_kept.iter().all(|id| !id.starts_with("git-review:")),
        "{january_kept:?}"
    );
}

#[test]
fn work_the_person_only_co_authored_is_named_as_such_and_not_led_by_them() {
    let sb = Sandbox::new();
    let r = sb.repo("editor");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    // Bob's feature, squash-merged on GitHub with Alice's suggestions folded in.
    let bobs = make(
        repo,
        BOB,
        GITHUB,
        "2026-02-02T10:00:00Z",
        &format!(
            "feat: add workspace trust support (#15)\n\n{}\n* Apply suggestion from @alice\n\nCo-authored-by: Alice Example <alice@example.com>\n",
            lines("trust", 60)
        ),
        &[base],
    );
    // The fixture writes the message as the file: 40 lines, a big feature's size.
    let alices = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-03T10:00:00Z",
        &format!("feat: add a select widget (#16)\n\n{}", lines("widget", 40)),
        &[bobs],
    );
    finish(repo, alices);
    let p = portfolio(&sb, &r.path, &[]);
    let weight = |title: &str| {
        by_id(&p, "git:editor:")
            .into_iter()
            .find(|i| i["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no item {title}"))["weight"]
            .as_f64()
            .unwrap()
    };
    // The co-authored commit is the larger (more lines, a longer message), yet it weighs
    // less than Alice's own: a commit the person only co-authored weighs half.
    let (own, co) = (
        weight("feat: add a select widget"),
        weight("feat: add workspace trust"),
    );
    assert!(co < own, "own {own}, co-authored {co}");
    // Both are pull requests with a feature's title, but only Alice's is a feature she led.
    let led = listed_initiatives(&p, "features-led");
    assert_eq!(led, ["Add a select widget"], "{:#?}", p["initiatives"]);
    // Every format says whose the co-authored commit is.
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("· co-authored commit by Bob Builder in editor"),
        "{md}"
    );
    assert!(
        md.contains("**Add a select widget**: 1 item in editor"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains("co-authored commit</span> by Bob Builder"),
        "{html}"
    );
}

#[test]
fn a_person_selected_by_email_is_named_as_their_commits_name_them() {
    let sb = Sandbox::new();
    let r = plain_history(&sb, None);
    let run = |extra: &[&str]| {
        json_stdout(
            sb.evident()
                .args(["run", "--repo"])
                .arg(&r.path)
                .args(["--since", "2026-01-01", "--until", "2026-06-30"])
                .args(["--format", "json", "--no-store"])
                .args(extra),
        )
    };
    let p = run(&["--author", "alice@example.com"]);
    assert_eq!(p["collection"]["person"], "Alice Example");
    assert_eq!(p["collection"]["identities"], json!(["alice@example.com"]));
    assert!(report(&sb, &p, "md").starts_with("# Impact portfolio: Alice Example\n"));
    // A name given is kept as given; an address with no commits stays an address.
    let p = run(&["--author", "A. Example <alice@example.com>"]);
    assert_eq!(p["collection"]["person"], "A. Example");
    let p = run(&["--author", "nobody@example.com"]);
    assert_eq!(p["collection"]["person"], "nobody@example.com");
}

#[test]
fn a_person_selected_by_email_is_told_of_their_name_under_other_emails() {
    let sb = Sandbox::new();
    let r = sb.repo("named");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "feat: add search",
        &[Change::Write("src/search.rs", "pub fn search() {}\n")],
    );
    r.commit(
        ("Alice Example", "alice@home.example"),
        "2026-02-02T10:00:00Z",
        "fix: search from home",
        &[Change::Write(
            "src/search.rs",
            "pub fn search() -> u8 { 0 }\n",
        )],
    );
    r.commit(
        ("Alice Example", "alice@home.example"),
        "2026-02-03T10:00:00Z",
        "docs: search",
        &[Change::Write("README.md", "search\n")],
    );
    r.commit(
        ("alice  example", "alice@old.example"),
        "2026-02-04T10:00:00Z",
        "test: search",
        &[Change::Write("tests/search.rs", "#[test] fn t() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-02-05T10:00:00Z",
        "feat: rank results",
        &[Change::Write("src/rank.rs", "pub fn rank() {}\n")],
    );
    r.commit(
        BOB,
        "2026-02-06T10:00:00Z",
        "feat: bob's own",
        &[Change::Write("src/bob.rs", "pub fn bob() {}\n")],
    );
    let run = |command: &str, authors: &[&str]| {
        let mut cmd = sb.evident();
        cmd.args([command, "--repo"]).arg(&r.path);
        for a in authors {
            cmd.args(["--author", a]);
        }
        cmd.args(["--since", "2026-01-01", "--until", "2026-06-30"])
            .args(["--format", "json", "--no-store"]);
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (v, String::from_utf8(out.stderr).unwrap())
    };
    let (p, stderr) = run("run", &["alice@example.com"]);
    // Only git's count under the address given: the others are the person's to confirm.
    assert_eq!(p["totals"]["commits"], 2);
    let expected = "3 commits in the period are under other emails with the name of alice@example.com's commits (\"Alice Example\"), likely the same person's, and are not counted: Alice Example <alice@home.example> (2 commits), alice  example <alice@old.example> (1 commit). To count them, pass `--author` for each email (`--author alice@example.com --author alice@home.example --author alice@old.example`), add the emails to `[identity] emails` in evident.toml, or map the emails to one address in the repository's `.mailmap`";
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    assert_eq!(aliases[0]["message"], expected);
    assert_eq!(aliases[0]["commits"], 3);
    assert_eq!(
        aliases[0]["ids"],
        json!(["alice@home.example", "alice@old.example"])
    );
    assert!(
        p["collection"]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == expected),
        "{:#}",
        p["collection"]
    );
    assert!(stderr.contains(&format!("warning: {expected}")), "{stderr}");
    let md = report(&sb, &p, "md");
    let seen = md.split("## What could not be seen").nth(1).unwrap();
    assert!(
        seen.contains("3 commits in the period are under other emails"),
        "{md}"
    );
    // `collect` says it too.
    let (ev, _) = run("collect", &["alice@example.com"]);
    assert!(
        ev["collection"]["unseen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["kind"] == "likely-aliases" && u["message"] == expected),
        "{:#}",
        ev["collection"]
    );
    // Results kept in a store keep them: a second run read from it says it again.
    let store = sb.path().join("alias-store");
    for _ in 0..2 {
        let out = sb
            .evident()
            .args(["collect", "--repo"])
            .arg(&r.path)
            .args(["--author", "alice@example.com", "--store"])
            .arg(&store)
            .args(["--since", "2026-01-01", "--until", "2026-06-30"])
            .output()
            .unwrap();
        let ev: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            ev["collection"]["unseen"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["kind"] == "likely-aliases" && u["message"] == expected),
            "{:#}",
            ev["collection"]
        );
    }
    // `identities` lists them as likely aliases, by the name the commits carry.
    let text = identities_text(&sb, &r.path);
    assert!(
        text.contains("likely aliases, not merged (another email with the same name, a `+tag` of an email of theirs, or a name like it on commits they committed):\n    Alice Example <alice@home.example>  (2 commits)"),
        "{text}"
    );
    assert!(
        text.contains("alice  example <alice@old.example>  (1 commit)"),
        "{text}"
    );
    assert!(!text.contains("Bob"), "{text}");
    // Counted once confirmed.
    let (p, stderr) = run(
        "run",
        &[
            "alice@example.com",
            "alice@home.example",
            "alice@old.example",
        ],
    );
    assert_eq!(p["totals"]["commits"], 5);
    assert!(
        !p["collection"]["unseen"]
            .as_array()
            .is_some_and(|u| u.iter().any(|u| u["kind"] == "likely-aliases")),
        "{:#}",
        p["collection"]
    );
    assert!(!stderr.contains("likely the same person"), "{stderr}");
    // A name given counts its exact spelling; another spacing of it is a likely alias.
    let (p, _) = run("run", &["Alice Example"]);
    assert_eq!(p["totals"]["commits"], 4);
    let said = unseen(&p, "likely-aliases");
    assert_eq!(
        said[0]["message"],
        "1 commit in the period is under another email with the person's name, likely the same person's, and is not counted: alice  example <alice@old.example> (1 commit). To count it, pass `--author` for each email (`--author \"Alice Example\" --author alice@old.example`), add the email to `[identity] emails` in evident.toml, or map the email to one address in the repository's `.mailmap`"
    );
}

#[test]
fn merges_titled_by_their_pull_request_group_their_branch_and_record_the_merger() {
    // GitHub's merge queue (and repositories that merge with the pull request's title)
    // names a merge "Title (#N)", with no "Merge pull request" in it.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let c1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "wip: coupon model",
        &[base],
    );
    let c2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "test: coupons",
        &[c1],
    );
    let side = make(repo, BOB, BOB, "2026-02-03T11:00:00Z", "Unrelated", &[base]);
    let alices = make(
        repo,
        BOB,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "feat: add coupons to checkout (#12)\n\nThe pull request's description.",
        &[side, c2],
    );
    // Alice merges Carol's pull request the same way.
    let carols = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-06T10:00:00Z",
        "Fix the tax rounding",
        &[alices],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-07T10:00:00Z",
        "fix: round taxes per line (#13)",
        &[alices, carols],
    );
    // A back-merge git named is no pull request, whatever its title ends with.
    let bobs = make(
        repo,
        BOB,
        BOB,
        "2026-02-08T10:00:00Z",
        "Tune the cache",
        &[merged],
    );
    let back = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-09T10:00:00Z",
        "Merge branch 'main' into topic (#14)",
        &[merged, bobs],
    );
    finish(repo, back);
    let p = portfolio(&sb, &r.path, &[]);
    let inits = p["initiatives"].as_array().unwrap();
    assert_eq!(inits.len(), 1, "{inits:#?}");
    assert_eq!(inits[0]["name"], "Add coupons to checkout");
    assert_eq!(inits[0]["reason"], "pull request #12 (2 commits)");
    let reviews = by_id(&p, "git-review");
    assert_eq!(reviews.len(), 1, "{reviews:#?}");
    assert_eq!(
        reviews[0]["title"],
        "Merged Carol Contributor's pull request #13: fix: round taxes per line"
    );
    assert_eq!(reviews[0]["meta"]["role"], "merger");
}

#[test]
fn a_feature_is_led_only_by_the_persons_own_feature_work() {
    let sb = Sandbox::new();
    let r = sb.repo("search");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    // Bob's feature with Alice as co-author, and Alice's own fix in the same scope and
    // naming the same thing.
    let bobs = make(
        repo,
        BOB,
        BOB,
        "2026-02-02T10:00:00Z",
        "feat(search): add fuzzy matching (#5)\n\nCo-authored-by: Alice Example <alice@example.com>\n",
        &[base],
    );
    let alices = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "fix(search): typo in a fuzzy matching comment (#6)",
        &[bobs],
    );
    finish(repo, alices);
    let p = portfolio(&sb, &r.path, &[]);
    let led = category(&p, "features-led");
    // The feature is Bob's: neither it nor, in its place, the co-authored commit is hers
    // to lead, and work she only co-authored joins nothing of hers by its scope.
    let inits = p["initiatives"].as_array().unwrap();
    assert_eq!(inits.len(), 2, "{inits:#?}");
    assert!(
        inits
            .iter()
            .any(|i| i["signals"].as_array().unwrap().contains(&json!("feature")))
    );
    assert_eq!(led["initiatives"], json!([]), "{led:#}");
    assert_eq!(led["evidence"], json!([]), "{led:#}");
    assert_eq!(led["count"], 0, "{led:#}");
    let md = report(&sb, &p, "md");
    let section = md_section(&md, "Big features you led");
    // Bob's feature is not named; her own fix is, as work grouped without a feature.
    assert!(
        !section.to_lowercase().contains("add fuzzy matching"),
        "{section}"
    );
    assert!(
        section.contains("without a counted feature: \"Typo in a fuzzy matching comment\""),
        "{section}"
    );
}

#[test]
fn gerrit_review_pages_link_commits_and_reviews_without_a_forge_remote() {
    // Go's way: no forge remote for evident to link to, but every change names its
    // Gerrit page; the person reviews Bob's change and lands her own in two steps of
    // one issue, in two packages.
    let sb = Sandbox::new();
    let r = sb.repo("tools");
    let repo = &r.repo;
    let cl = |n: u32| format!("https://go-review.googlesource.com/c/tools/+/{n}");
    let mut tip = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-05T10:00:00Z",
        "Initial commit",
        &[],
    );
    let steps = [
        (
            ALICE,
            "2026-02-01T10:00:00Z",
            format!(
                "go/analysis/unitchecker: write fixed files\n\nFor golang/go#71859\n\nChange-Id: I0000000000000000000000000000000000000101\nReviewed-on: {}\nReviewed-by: Bob Builder <bob@example.com>\n",
                cl(101)
            ),
        ),
        (
            BOB,
            "2026-02-02T10:00:00Z",
            format!(
                "go/ssa: prune edges\n\nChange-Id: I0000000000000000000000000000000000000102\nReviewed-on: {}\nReviewed-by: Alice Example <alice@example.com>\n",
                cl(102)
            ),
        ),
        (
            ALICE,
            "2026-02-03T10:00:00Z",
            format!(
                "x/tools: go fix\n\nFixes golang/go#71859\n\nChange-Id: I0000000000000000000000000000000000000103\nReviewed-on: {}\n",
                cl(103)
            ),
        ),
        (
            ALICE,
            "2026-02-04T10:00:00Z",
            "go/ssa: tidy, reviewed elsewhere".to_string(),
        ),
        (
            ALICE,
            "2026-02-05T10:00:00Z",
            format!(
                "go/analysis/unitchecker: document -fix\n\nUpdates golang/go#71859\n\nChange-Id: I0000000000000000000000000000000000000104\nReviewed-on: {}\n",
                cl(104)
            ),
        ),
    ];
    for (who, date, message) in &steps {
        tip = make(repo, *who, *who, date, message, &[tip]);
    }
    finish(repo, tip);
    let p = portfolio(&sb, &r.path, &[]);
    let url_of = |title: &str| {
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"].as_str().unwrap().contains(title))
            .unwrap_or_else(|| panic!("no item {title}"))["url"]
            .clone()
    };
    assert_eq!(url_of("write fixed files"), json!(cl(101)));
    assert_eq!(
        url_of("Reviewed Bob Builder's change: go/ssa"),
        json!(cl(102))
    );
    assert_eq!(
        url_of("tidy"),
        Value::Null,
        "no review page named, no forge"
    );
    assert_eq!(url_of("Initial commit"), Value::Null);
    let fixed = by_id(&p, "git:tools:")
        .into_iter()
        .find(|i| i["title"] == "x/tools: go fix")
        .unwrap();
    assert_eq!(fixed["meta"]["review_url"], json!(cl(103)));

    // Only the commit without a review page is said to be unlinked.
    let links = not_seen_entry(&p, "links");
    assert_eq!(
        links["text"],
        "`tools` (4 of its 6 items link to the page where they were reviewed) has no web address (no remote on GitHub, GitLab or Bitbucket): its other items are named by id, not linked."
    );

    // The three steps of golang/go#71859 are one initiative, named with its package.
    let initiatives = p["initiatives"].as_array().unwrap();
    assert_eq!(initiatives.len(), 1, "{initiatives:#?}");
    assert_eq!(
        initiatives[0]["reason"],
        "3 commits joined by the same issue (golang/go#71859)"
    );
    assert_eq!(
        initiatives[0]["name"],
        "go/analysis/unitchecker: write fixed files"
    );
    assert_eq!(initiatives[0]["links"], json!([cl(101), cl(103), cl(104)]));
    // Landed in three separate changes: work delivered in steps, whatever their kind.
    let steps = statement(&p, "customer-success/delivers-incrementally");
    assert_eq!(steps["count"], 3, "{steps:#}");
    assert!(
        steps["goal"]
            .as_str()
            .unwrap()
            .contains("Counted here: each change you landed on its own (a pull request, a reviewed change, a push) that names the same issue or ticket as another, in work of 3 or more such changes."),
        "{steps:#}"
    );
    // The portfolio is what the schema says.
    let errors = crate::render::errors(&crate::render::validator(), &p);
    assert!(errors.is_empty(), "{errors:#?}");
    // Reviews happen on Gerrit: git holds only the trailers, and the portfolio says so.
    assert_eq!(
        p["collection"]["sources"][0]["reviewed_on"],
        "Gerrit (go-review.googlesource.com)"
    );
    let gerrit = not_seen_entry(&p, "gerrit");
    assert!(
        gerrit["text"]
            .as_str()
            .unwrap()
            .starts_with("`tools` is reviewed on Gerrit (go-review.googlesource.com): its commits carry Gerrit's `Change-Id:`, and the reviews given there are not in git"),
        "{gerrit:#}"
    );
    assert!(
        gerrit["partly"]
            .as_array()
            .unwrap()
            .contains(&json!("culture-and-leadership/raises-the-bar")),
        "{gerrit:#}"
    );
    let bar = statement(&p, "culture-and-leadership/raises-the-bar");
    assert!(
        bar["goal"]
            .as_str()
            .unwrap()
            .contains("(only the reviews git records: those given on Gerrit are not read)"),
        "{bar:#}"
    );
    // `explain` names the rule on the item, and the rule itself.
    let input = write_json(&sb, "gerrit.json", &p);
    let fixed_id = fixed["id"].as_str().unwrap();
    let out = sb
        .evident()
        .args(["explain", fixed_id, "--input"])
        .arg(&input)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("initiative-steps -> incremental: one of 3 pieces of work landed separately for the same issue or ticket, in the initiative \"go/analysis/unitchecker: write fixed files\""),
        "{text}"
    );
    let out = sb
        .evident()
        .args(["explain", "initiative-steps"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("signals: incremental")
    );
}

#[test]
fn a_bots_change_reviewed_or_merged_is_no_review_of_someone() {
    const GOPHER: (&str, &str) = ("Gopher Robot", "gobot@golang.org");
    let sb = Sandbox::new();
    let r = sb.repo("deps");
    let repo = &r.repo;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-05T10:00:00Z",
        "Initial commit",
        &[],
    );
    let bump = make(
        repo,
        GOPHER,
        GOPHER,
        "2026-02-01T10:00:00Z",
        "go.mod: update dependencies\n\nReviewed-by: Alice Example <alice@example.com>\n",
        &[base],
    );
    let serde = make(
        repo,
        DEPENDABOT,
        DEPENDABOT,
        "2026-02-02T10:00:00Z",
        "Bump serde",
        &[bump],
    );
    let m1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request #7 from acme/dependabot/cargo/serde-1.0.2\n\nBump serde",
        &[bump, serde],
    );
    let fix = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-04T10:00:00Z",
        "Fix the parser",
        &[m1],
    );
    let m2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge pull request #8 from carol/fix\n\nFix the parser",
        &[m1, fix],
    );
    finish(repo, m2);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(reviews, ["Merged carol's pull request #8: Fix the parser"]);
    assert_eq!(p["totals"]["people_reviewed"], 1);
}

#[test]
fn pull_requests_whose_descriptions_name_one_tracking_issue_are_one_initiative() {
    // Merge-queue merges carry the pull request's description: three of Alice's pull
    // requests name the tracking issue #9 (by number, by page, in a sentence), a fourth
    // only sees it, and a fifth closes another issue.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let mut main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let prs = [
        (
            12,
            "Add the layout module",
            "Part of https://github.com/acme/web/issues/9",
        ),
        (13, "Move build scripts", "Done as part of #9, [here](x)."),
        (14, "Store deps in the unit dir", "cc tracking issue: #9"),
        (15, "Tidy the docs", "See #9 for the motivation."),
        (16, "Fix a crash", "Fixes #20"),
    ];
    for (day, (n, title, description)) in prs.iter().enumerate() {
        let date = format!("2026-02-{:02}T10:00:00Z", day * 2 + 2);
        let own = make(repo, ALICE, ALICE, &date, &format!("wip: {title}"), &[main]);
        let date = format!("2026-02-{:02}T10:00:00Z", day * 2 + 3);
        main = make(
            repo,
            BOB,
            GITHUB,
            &date,
            &format!("{title} (#{n})\n\n{description}\n"),
            &[main, own],
        );
    }
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    let joined: Vec<&Value> = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["reason"].as_str().unwrap().contains("the same issue"))
        .collect();
    assert_eq!(joined.len(), 1, "{:#?}", p["initiatives"]);
    assert_eq!(
        joined[0]["reason"],
        "3 pull requests (#12, #13, #14) joined by the same issue (#9)"
    );
    let commit = by_id(&p, "git:web:")
        .into_iter()
        .find(|i| i["title"] == "wip: Fix a crash")
        .unwrap();
    assert_eq!(commit["meta"]["pr_issues"], json!(["web#20"]));
    // Three pieces landed separately: delivered in steps.
    assert_eq!(
        statement(&p, "customer-success/delivers-incrementally")["count"],
        3
    );
}

#[test]
fn a_tracking_issue_worked_on_for_months_is_one_initiative_delivered_in_steps() {
    // pytest's way: two squash-merged pull requests "Part of #9" in January, a third in
    // May, over four months later. One piece of work, landed in three steps.
    let sb = Sandbox::new();
    let r = sb.repo("lib");
    r.commit(
        BOB,
        "2026-01-02T10:00:00Z",
        "Initial",
        &[Change::Write("a.py", "0\n")],
    );
    let prs = [
        (
            "2026-01-10T10:00:00Z",
            "Remove py.path hook arguments (#12)",
            "b.py",
        ),
        (
            "2026-01-20T10:00:00Z",
            "Hard error for marks on fixtures (#13)",
            "c.py",
        ),
        (
            "2026-05-20T10:00:00Z",
            "Remove the fspath argument (#14)",
            "d.py",
        ),
    ];
    for (date, title, file) in prs {
        r.commit(
            ALICE,
            date,
            &format!("{title}\n\nPart of #9: remove what was deprecated.\n"),
            &[Change::Write(file, "x = 1\ny = 2\n")],
        );
    }
    let p = portfolio(&sb, &r.path, &[]);
    let inits = p["initiatives"].as_array().unwrap();
    assert_eq!(inits.len(), 1, "{inits:#?}");
    assert_eq!(
        inits[0]["reason"],
        "3 pull requests (#12, #13, #14) joined by the same issue (#9)"
    );
    assert_eq!(
        statement(&p, "customer-success/delivers-incrementally")["count"],
        3,
        "the January steps count with May's"
    );
}

#[test]
fn work_in_steps_is_not_measured_where_no_change_names_an_issue() {
    // just: one feature in some 30 pull requests over four days, none naming an issue,
    // read "none" with the goal "Split your next large piece of work into small pull
    // requests". Git tells the pieces of a requirement only by the issue they share.
    let sb = Sandbox::new();
    let r = sb.repo("just");
    for (n, day) in [(3372, "10"), (3373, "11"), (3374, "12")] {
        r.commit(
            ALICE,
            &format!("2026-02-{day}T10:00:00Z"),
            &format!("Add `set lists` step {n} (#{n})"),
            &[Change::Write(&format!("src/lists{n}.rs"), "fn list() {}\n")],
        );
    }
    let p = portfolio(&sb, &r.path, &[]);
    let steps = statement(&p, "customer-success/delivers-incrementally");
    assert_eq!(steps["strength"], "not_measured", "{steps:#}");
    assert!(
        steps["measure"].as_str().unwrap().starts_with(
            "None of your commits or pull requests in the period names an issue or ticket"
        ),
        "{steps:#}"
    );
    assert!(
        !p["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["statement"] == "delivers-incrementally"),
        "no goal to split work: {:#}",
        p["gaps"]
    );
    // One change that names an issue makes it measurable: none then means none.
    r.commit(
        ALICE,
        "2026-02-13T10:00:00Z",
        "Fix list parsing (#3380)\n\nFixes #3379\n",
        &[Change::Write("src/parse.rs", "fn parse() {}\n")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        statement(&p, "customer-success/delivers-incrementally")["strength"],
        "none"
    );
}

#[test]
fn a_shared_scope_joins_only_work_that_names_the_same_thing() {
    // pytest's `config:` in one fortnight: a one-line fix, ini option aliases and their
    // cleanups, native TOML configuration (the large feature) and its follow-up.
    let sb = Sandbox::new();
    let r = sb.repo("lib");
    r.commit(
        BOB,
        "2026-02-01T10:00:00Z",
        "Initial",
        &[Change::Write("a.py", "0\n")],
    );
    let big: String = (0..400).map(|i| format!("toml_{i} = {i}\n")).collect();
    let prs: [(&str, &str, &str, &str); 5] = [
        (
            "2026-02-02T10:00:00Z",
            "config: set the module of UsageError (#20)",
            "e.py",
            "m = 1\n",
        ),
        (
            "2026-02-03T10:00:00Z",
            "config: add support for ini option aliases (#21)",
            "ini.py",
            "a = 1\nb = 2\nc = 3\n",
        ),
        (
            "2026-02-04T10:00:00Z",
            "config: add native TOML configuration (#22)",
            "toml.py",
            &big,
        ),
        (
            "2026-02-05T10:00:00Z",
            "config: some ini cleanups (#23)",
            "ini2.py",
            "d = 4\n",
        ),
        (
            "2026-02-09T10:00:00Z",
            "config: accept an empty TOML table (#24)",
            "toml2.py",
            "e = 5\n",
        ),
    ];
    for (date, title, file, text) in prs {
        r.commit(ALICE, date, title, &[Change::Write(file, text)]);
    }
    let p = portfolio(&sb, &r.path, &[]);
    let mut found: Vec<(String, String)> = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "config (2 pull requests): Add native TOML configuration".to_string(),
                "2 pull requests (#22, #24) joined by scope `config` naming `toml`, each within 14 days of the last".into()
            ),
            (
                "config (2 pull requests): Add support for ini option aliases".into(),
                "2 pull requests (#21, #23) joined by scope `config` naming `ini`, each within 14 days of the last".into()
            ),
            (
                "config: set the module of UsageError".into(),
                "pull request #20 (1 commit)".into()
            ),
        ],
        "not one `config` chain: the TOML work, the ini work and a fix apart, each named by \
         its largest pull request"
    );
}

#[test]
fn a_change_landed_then_merged_by_the_person_is_one_review() {
    // Flask's way: the maintainer rebases a contributor's branch (committing it), then
    // merges its pull request. One review, the merge's; a Tested-by on it stays.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let rebased = make(
        repo,
        CAROL,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Fix the tax rounding\n\nTested-by: Alice Example <alice@example.com>\n",
        &[base],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request #21 from carol/tax\n\nFix the tax rounding",
        &[base, rebased],
    );
    // Landed alone, with no pull request merged: still a review.
    let alone = make(
        repo,
        CAROL,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Tune the cache",
        &[merged],
    );
    finish(repo, alone);
    let p = portfolio(&sb, &r.path, &[]);
    let mut titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "Landed Carol Contributor's change: Tune the cache",
            "Merged carol's pull request #21: Fix the tax rounding",
            "Tested Carol Contributor's change: Fix the tax rounding",
        ]
    );
    assert_eq!(p["totals"]["reviews_given"], 3);
    // The merge names Carol by her login, the landing by her name: one person, by the
    // email git records for both.
    assert_eq!(p["totals"]["people_reviewed"], 1);
}

#[test]
fn a_change_committed_for_an_author_of_the_persons_name_is_their_own_not_a_review() {
    // prometheus' György Krajcsovits commits locally and merges on GitHub as "George
    // Krajcsovits" <krajorama@…>: the two commits of George's he committed read as his
    // reviews of himself, and George's commits were not said to be likely his.
    let sb = Sandbox::new();
    let r = sb.repo("api");
    let repo = &r.repo;
    const ALI: (&str, &str) = ("Ali Example", "ali@users.noreply.example");
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let own = make(
        repo,
        ALI,
        ALI,
        "2026-01-06T10:00:00Z",
        "Add the parser",
        &[root],
    );
    let landed_own = make(
        repo,
        ALI,
        ALICE,
        "2026-01-07T10:00:00Z",
        "Update CHANGELOG.md",
        &[own],
    );
    let carols = make(
        repo,
        CAROL,
        ALICE,
        "2026-01-08T10:00:00Z",
        "Tune the cache",
        &[landed_own],
    );
    finish(repo, carols);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Landed Carol Contributor's change: Tune the cache"]
    );
    assert_eq!(p["totals"]["reviews_given"], 1);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    assert_eq!(
        aliases[0]["message"],
        "2 commits in the period are under another email with a name like the person's, likely the same person's, and are not counted: Ali Example <ali@users.noreply.example> (2 commits; 1 of them committed by the person as if another's change, not counted as a review). To count them, pass `--author` for each email (`--author alice@example.com --author \"Alice Example\" --author ali@users.noreply.example`), add the email to `[identity] emails` in evident.toml, or map the email to one address in the repository's `.mailmap`"
    );
    // `identities` finds it the same way, given the email alone.
    let text = identities_text(&sb, &r.path);
    assert!(
        text.contains(
            "on commits they committed):\n    Ali Example <ali@users.noreply.example>  (2 commits)"
        ),
        "{text}"
    );
    // Given both addresses, the commits are hers and the landing is no landing.
    let both = portfolio(&sb, &r.path, &["--author", "ali@users.noreply.example"]);
    assert_eq!(both["totals"]["commits"], 3);
    assert_eq!(both["totals"]["reviews_given"], 1);
    assert!(unseen(&both, "likely-aliases").is_empty());
}

#[test]
fn others_changes_committed_under_another_address_of_the_persons_name_are_said() {
    // nginx's maintainer writes as pluknet@nginx.com and lands contributors' changes as
    // "Sergey Kandaurov" <s.kandaurov@f5.com>: 27 landings in a year were not seen, and
    // the page said nothing of them (the address wrote no commit of its own).
    let sb = Sandbox::new();
    let r = sb.repo("api");
    let repo = &r.repo;
    const AT_WORK: (&str, &str) = ("Alice Example", "alice@work.example");
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let mut head = make(
        repo,
        ALICE,
        AT_WORK,
        "2026-01-06T10:00:00Z",
        "Add the parser",
        &[root],
    );
    for (day, title) in [(7, "Tune the cache"), (9, "Fix the tax rounding")] {
        let date = format!("2026-01-{day:02}T10:00:00Z");
        head = make(repo, CAROL, AT_WORK, &date, title, &[head]);
    }
    // Someone else's landing is nobody's alias.
    head = make(
        repo,
        CAROL,
        BOB,
        "2026-01-12T10:00:00Z",
        "Add the exporter",
        &[head],
    );
    finish(repo, head);
    // Given by email alone, as nginx's was: a name given matches every address of it.
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    assert_eq!(p["totals"]["commits"], 2);
    assert_eq!(p["totals"]["reviews_given"], 0);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    assert_eq!(
        aliases[0]["message"],
        "Another email with the name of alice@example.com's commits (\"Alice Example\"), likely the same person's, committed others' commits in the period: Alice Example <alice@work.example> (2 commits of others committed under it, not counted as reviews). To count them, pass `--author` for each email (`--author alice@example.com --author alice@work.example`), add the email to `[identity] emails` in evident.toml, or map the email to one address in the repository's `.mailmap`"
    );
    let text = identities_text(&sb, &r.path);
    assert!(
        text.contains(
            "    Alice Example <alice@work.example>  (0 commits; committed 2 commits of others)"
        ),
        "{text}"
    );
    assert!(!text.contains("bob@example.com"), "{text}");
    // Given both addresses, the landings are her reviews.
    let both = portfolio_of(
        &sb,
        &r.path,
        "alice@example.com",
        &["--author", "alice@work.example"],
    );
    assert_eq!(both["totals"]["commits"], 2);
    assert!(
        both["totals"]["reviews_given"].as_u64().unwrap() >= 1,
        "{:#}",
        both["totals"]
    );
    assert!(unseen(&both, "likely-aliases").is_empty());
    // A commit written under a third address of the same name and committed under the
    // second is the person's own, no landing of another's: not among the address's.
    let r = sb.repo("api2");
    let repo = &r.repo;
    const OLD: (&str, &str) = ("Alice Example", "alice@old.example");
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let old = make(
        repo,
        OLD,
        AT_WORK,
        "2026-01-06T10:00:00Z",
        "Add the CLI",
        &[root],
    );
    let carols = make(
        repo,
        CAROL,
        AT_WORK,
        "2026-01-07T10:00:00Z",
        "Tune the cache",
        &[old],
    );
    finish(repo, carols);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    let likely = &p["collection"]["sources"][0]["likely_aliases"];
    let at_work = likely
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["email"] == "alice@work.example")
        .unwrap_or_else(|| panic!("{likely:#}"));
    assert_eq!(at_work["committed"], 1, "{likely:#}");
}

#[test]
fn commits_under_a_plus_tag_of_the_persons_email_are_said_whatever_their_name() {
    // hugo's release tool commits as `hugoreleaser <bjorn.erik.pedersen+hugoreleaser@…>`,
    // its maintainer's mailbox: 86 commits in a year, not counted and not said.
    let sb = Sandbox::new();
    let r = sb.repo("site");
    let repo = &r.repo;
    const TOOL: (&str, &str) = ("sitereleaser", "alice+sitereleaser@example.com");
    let root = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-05T10:00:00Z",
        "Add the renderer",
        &[],
    );
    let release = make(
        repo,
        TOOL,
        TOOL,
        "2026-01-06T10:00:00Z",
        "releaser: Bump versions for release of 0.2.0",
        &[root],
    );
    finish(repo, release);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    assert_eq!(p["totals"]["commits"], 1);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    assert_eq!(
        aliases[0]["message"],
        "1 commit in the period is under another email that adds a `+tag` to alice@example.com, likely the same person's, and is not counted: sitereleaser <alice+sitereleaser@example.com> (1 commit). To count it, pass `--author` for each email (`--author alice@example.com --author alice+sitereleaser@example.com`), add the email to `[identity] emails` in evident.toml, or map the email to one address in the repository's `.mailmap`"
    );
}

#[test]
fn an_address_written_in_two_cases_is_one_likely_alias() {
    // `Alice@Home.example` and `alice@home.example` are one mailbox: listed once, with
    // one `--author` for it.
    let sb = Sandbox::new();
    let r = sb.repo("cases");
    let repo = &r.repo;
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let lower = ("Alice Example", "alice@home.example");
    let upper = ("Alice Example", "Alice@Home.example");
    let one = make(
        repo,
        lower,
        lower,
        "2026-01-06T10:00:00Z",
        "Add the CLI",
        &[root],
    );
    let two = make(
        repo,
        upper,
        upper,
        "2026-01-07T10:00:00Z",
        "Add the TUI",
        &[one],
    );
    finish(repo, two);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    let likely = p["collection"]["sources"][0]["likely_aliases"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(likely.len(), 1, "{likely:#?}");
    assert_eq!(likely[0]["commits"], 2);
    let message = unseen(&p, "likely-aliases")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        message.matches("--author alice@home.example").count(),
        1,
        "{message}"
    );
}

#[test]
fn a_repository_reviewed_through_pull_requests_is_not_called_gerrit() {
    // Bob runs Gerrit's commit-msg hook out of habit; his changes still land through
    // pull requests that Alice merges.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let mut main = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    for n in 1..=4 {
        let date = format!("2026-02-{:02}T10:00:00Z", n * 2);
        let bobs = make(
            repo,
            BOB,
            BOB,
            &date,
            &format!("Change {n}\n\nChange-Id: I{n:040}\n"),
            &[main],
        );
        let date = format!("2026-02-{:02}T10:00:00Z", n * 2 + 1);
        main = make(
            repo,
            ALICE,
            ALICE,
            &date,
            &format!("Merge pull request #{n} from bob/change-{n}\n\nChange {n}"),
            &[main, bobs],
        );
    }
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["collection"]["sources"][0].get("reviewed_on"), None);
    assert!(
        !p["not_seen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["source"] == "gerrit"),
        "{:#}",
        p["not_seen"]
    );
}

#[test]
fn merges_and_landings_that_review_nobody_are_not_reviews() {
    const PRE_COMMIT: (&str, &str) = (
        "pre-commit-ci[bot]",
        "66853113+pre-commit-ci[bot]@users.noreply.github.com",
    );
    const PYTEST_BOT: (&str, &str) = ("pytest bot", "pytestbot@users.noreply.github.com");
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let mut main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    // A release branch: Alice prepares the release, Bob merges Carol's fix onto it, and
    // Alice brings the branch back to main twice (tokio's way). Her own work, and Carol's
    // pull request was merged by Bob.
    let prep = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "chore: prepare v1.2",
        &[main],
    );
    let carol_fix = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T11:00:00Z",
        "Fix a leak",
        &[main],
    );
    let on_release = make(
        repo,
        BOB,
        BOB,
        "2026-02-03T10:00:00Z",
        "Merge pull request #5 from carol/leak",
        &[prep, carol_fix],
    );
    main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Release v1.2 (#8)",
        &[main, prep],
    );
    main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge 'v1.2' into 'main' (#9)",
        &[main, on_release],
    );
    // Carol's pull request squashed by GitHub, then copied onto a release branch by
    // Alice a month later with no cherry-pick line: a backport, not a landing.
    main = make_committed(
        repo,
        CAROL,
        GITHUB,
        ("2026-02-06T10:00:00Z", "2026-02-06T12:00:00Z"),
        "Fix the parser (#7)",
        &[main],
    );
    main = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-02-06T10:00:00Z", "2026-03-06T10:00:00Z"),
        "Fix the parser (#7)",
        &[main],
    );
    // A landing is dated when Alice committed it.
    main = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-02-10T10:00:00Z", "2026-03-01T10:00:00Z"),
        "Tune the cache",
        &[main],
    );
    // A bot's pull request, a person's fix-up on top, merged by Alice: no review.
    let bump = make(
        repo,
        PRE_COMMIT,
        PRE_COMMIT,
        "2026-03-10T10:00:00Z",
        "[pre-commit.ci] pre-commit autoupdate",
        &[main],
    );
    let fixup = make(
        repo,
        BOB,
        BOB,
        "2026-03-09T10:00:00Z",
        "Satisfy mypy",
        &[bump],
    );
    main = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-11T10:00:00Z",
        "Merge pull request #20 from acme/pre-commit-ci-update-config",
        &[main, fixup],
    );
    let plugins = make(
        repo,
        PYTEST_BOT,
        PYTEST_BOT,
        "2026-03-12T10:00:00Z",
        "[automated] Update plugin list",
        &[main],
    );
    main = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-12T11:00:00Z",
        "Merge pull request #21 from acme/update-plugin-list",
        &[main, plugins],
    );
    // Pull requests from branches of the main repository name its owner, not their
    // authors: the branch's author is named instead.
    for (n, who) in [(22, CAROL), (23, DAVE), (24, BOB)] {
        let date = format!("2026-03-{n}T10:00:00Z");
        let work = make(repo, who, who, &date, &format!("Work {n}"), &[main]);
        let date = format!("2026-03-{n}T11:00:00Z");
        main = make(
            repo,
            ALICE,
            ALICE,
            &date,
            &format!("Merge pull request #{n} from acme/work-{n}"),
            &[main, work],
        );
    }
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    let mut reviews: Vec<(String, String)> = by_id(&p, "git-review")
        .iter()
        .map(|i| {
            (
                i["timestamp"].as_str().unwrap()[..10].to_string(),
                i["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    reviews.sort();
    let expected = [
        (
            "2026-03-01",
            "Landed Carol Contributor's change: Tune the cache",
        ),
        ("2026-03-22", "Merged Carol Contributor's pull request #22"),
        ("2026-03-23", "Merged Dave Developer's pull request #23"),
        ("2026-03-24", "Merged Bob Builder's pull request #24"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(d, t)| (d.to_string(), t.to_string()))
        .collect();
    assert_eq!(reviews, expected);
    assert_eq!(p["totals"]["people_reviewed"], 3);
}

#[test]
fn commits_of_one_author_landed_in_one_merge_are_one_landing() {
    // Alice carries two of Carol's commits, committed a day apart, in her own pull
    // request, which Bob merges.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let one = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-02-02T10:00:00Z", "2026-02-03T10:00:00Z"),
        "Add a failing test",
        &[base],
    );
    let two = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-02-02T11:00:00Z", "2026-02-04T10:00:00Z"),
        "Handle the error",
        &[one],
    );
    let own = make(repo, ALICE, ALICE, "2026-02-05T10:00:00Z", "Tidy", &[two]);
    let merged = make(
        repo,
        BOB,
        BOB,
        "2026-02-06T10:00:00Z",
        "Merge pull request #3 from alice/errors",
        &[base, own],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Landed Carol Contributor's change: Handle the error (and 1 more commit)"]
    );
}

#[test]
fn the_biggest_feature_leads_not_the_one_of_most_commits() {
    // One 300-line feature against five small pull requests that join (scope `cfg`,
    // naming `ini`): pytest's TOML configuration had come second to a run of small ones.
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let big: String = (0..300).map(|i| format!("line {i}\n")).collect();
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "feat: add the TOML configuration (#20)",
        &[Change::Write("src/toml.rs", &big)],
    );
    for n in 1..=5 {
        r.commit(
            ALICE,
            &format!("2026-02-{:02}T10:00:00Z", n + 2),
            &format!("feat(cfg): add ini alias number {n} (#2{n})"),
            // Eight lines each: together above the 30 lines a big feature needs.
            &[Change::Write(
                &format!("src/alias{n}.rs"),
                &lines("alias", 8),
            )],
        );
    }
    let p = portfolio(&sb, &r.path, &[]);
    let names = listed_initiatives(&p, "features-led");
    assert_eq!(names.len(), 2, "{:#}", p["initiatives"]);
    assert_eq!(names[0], "Add the TOML configuration", "{names:?}");
}

#[test]
fn a_fix_up_pushed_by_someone_else_does_not_make_two_authors_one_person() {
    // Bob pushes the last commit of Carol's pull request #1; Alice merges it, then Bob's
    // own #2. Two people reviewed, named by who opened each.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let carols = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Add search",
        &[base],
    );
    let fixup = make(
        repo,
        BOB,
        BOB,
        "2026-02-03T10:00:00Z",
        "Fix the build",
        &[carols],
    );
    let m1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Merge pull request #1 from carol/search",
        &[base, fixup],
    );
    let bobs = make(repo, BOB, BOB, "2026-02-05T10:00:00Z", "Add sorting", &[m1]);
    let m2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-06T10:00:00Z",
        "Merge pull request #2 from bob/sort",
        &[m1, bobs],
    );
    finish(repo, m2);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["reviews_given"], 2);
    assert_eq!(p["totals"]["people_reviewed"], 2);
}

#[test]
fn a_landing_counts_in_the_period_it_was_committed_in_only() {
    // Written by Carol in January, landed by Alice in February: February's work, once.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-01-02T10:00:00Z", "Initial", &[]);
    let landed = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-01-30T10:00:00Z", "2026-02-10T10:00:00Z"),
        "Add b",
        &[base],
    );
    finish(repo, landed);
    let run = |since: &str, until: &str| {
        json_stdout(
            sb.evident()
                .args(["run", "--repo"])
                .arg(&r.path)
                .args(["--author", PERSON, "--since", since, "--until", until])
                .args(["--format", "json", "--no-store"]),
        )
    };
    let (jan, feb) = (
        run("2026-01-01", "2026-01-31"),
        run("2026-02-01", "2026-02-28"),
    );
    assert_eq!(by_id(&jan, "git-review").len(), 0, "{:#}", jan["items"]);
    let reviews = by_id(&feb, "git-review");
    assert_eq!(reviews.len(), 1, "{reviews:#?}");
    assert_eq!(
        &reviews[0]["timestamp"].as_str().unwrap()[..10],
        "2026-02-10"
    );
}

#[test]
fn a_contribution_the_person_co_authored_before_the_period_and_merged_in_it_is_a_review() {
    // pytest: Ran rebased mon's pull request (written months before, with Ran as
    // co-author) and merged it. The merge is his review; the branch is not his own.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2025-11-01T10:00:00Z", "Initial", &[]);
    let monday = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2025-12-20T10:00:00Z", "2026-04-10T10:00:00Z"),
        "runner: clean up\n\nCo-authored-by: Alice Example <alice@example.com>\n",
        &[base],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-04-12T10:00:00Z",
        "Merge pull request #13626 from carol/cleanup",
        &[base, monday],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Merged carol's pull request #13626"]);
}

#[test]
fn a_contributors_pull_request_the_person_revised_as_co_author_is_their_review() {
    // lazygit: its maintainer revises contributors' commits, adds himself as co-author
    // and merges; three such pull requests had been his own work, not his reviews.
    let sb = Sandbox::new();
    let r = sb.repo("lazygit");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-03-01T10:00:00Z", "Initial", &[]);
    let mut tip = base;
    for (day, title) in [
        ("02", "Add the rename view"),
        ("03", "Show renames of folders"),
    ] {
        tip = make_committed(
            repo,
            CAROL,
            ALICE,
            (
                &format!("2026-03-{day}T10:00:00Z"),
                &format!("2026-03-{day}T12:00:00Z"),
            ),
            &format!("{title}\n\nCo-authored-by: Alice Example <alice@example.com>\n"),
            &[tip],
        );
    }
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-04T10:00:00Z",
        "Merge pull request #5233 from carol/renames",
        &[base, tip],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Merged carol's pull request #5233 (with 2 commits you co-authored)"]
    );
    let revised = item_titled(&p, "Show renames of folders");
    assert_eq!(revised["meta"]["pr_opener"], "carol", "{revised}");
}

#[test]
fn a_contributors_branch_on_the_persons_first_commits_is_their_review_once() {
    // lazygit #5365: its maintainer's two commits at the base of a contributor's three
    // (two of which name him co-author), merged as `Title (#N)`. After co-authored
    // commits stopped making a branch his, it counted as his review and still as his own
    // work; #5019, his one commit under a contributor's one, stayed his own.
    let sb = Sandbox::new();
    let r = sb.repo("lazygit");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-03-01T10:00:00Z", "Initial", &[]);
    let mut tip = base;
    for (day, title) in [("02", "Rename the arrow helper"), ("03", "Document arrows")] {
        tip = make(
            repo,
            ALICE,
            ALICE,
            &format!("2026-03-{day}T10:00:00Z"),
            title,
            &[tip],
        );
    }
    for (day, title, co) in [
        ("04", "Add clicking on arrows", true),
        ("05", "Handle arrows at the edge", true),
        ("06", "Test clicking on arrows", false),
    ] {
        let trailer = if co {
            "\n\nCo-authored-by: Alice Example <alice@example.com>\n"
        } else {
            "\n"
        };
        tip = make(
            repo,
            CAROL,
            CAROL,
            &format!("2026-03-{day}T10:00:00Z"),
            &format!("{title}{trailer}"),
            &[tip],
        );
    }
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-07T10:00:00Z",
        "Add support for clicking on arrows (#5365)",
        &[base, tip],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(reviews[0].contains("#5365"), "{reviews:?}");
    // Her own commits on it are hers, but no piece of work she led: the pull request is
    // Carol's, and counted once, as the review.
    for own in ["Rename the arrow helper", "Document arrows"] {
        let own = item_titled(&p, own);
        assert_eq!(own["meta"]["pr_opener"], "Carol Contributor", "{own}");
    }
}

#[test]
fn a_login_spelled_like_the_person_is_not_theirs_when_another_opens_from_it() {
    // A colleague whose login happens to spell the person's address: their pull request,
    // merged by the person, stays a review.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-03-01T10:00:00Z", "Initial", &[]);
    let theirs = make(
        repo,
        CAROL,
        CAROL,
        "2026-03-02T10:00:00Z",
        "Add the cache",
        &[base],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-03T10:00:00Z",
        "Merge pull request #7 from alice/cache",
        &[base, theirs],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert!(reviews[0].contains("#7"), "{reviews:?}");
}

#[test]
fn a_shared_portfolio_says_how_many_commits_other_emails_hold_but_not_the_emails() {
    let sb = Sandbox::new();
    let (a, b) = (sb.repo("ra"), sb.repo("rb"));
    for r in [&a, &b] {
        r.commit(
            ALICE,
            "2026-02-02T10:00:00Z",
            "feat: search",
            &[Change::Write("src/search.rs", "pub fn search() {}\n")],
        );
        r.commit(
            ("Alice Example", "alice@home.example"),
            "2026-02-03T10:00:00Z",
            "fix: search from home",
            &[Change::Write(
                "src/search.rs",
                "pub fn search() -> u8 { 0 }\n",
            )],
        );
    }
    let out = sb
        .evident()
        .args(["run", "--repo"])
        .arg(&a.path)
        .arg("--repo")
        .arg(&b.path)
        .args(["--author", "alice@example.com", "--redact"])
        .args(["--since", "2026-01-01", "--until", "2026-06-30"])
        .args(["--format", "json", "--no-store"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("alice@home.example"), "{text}");
    assert!(
        !text.contains("repository 3"),
        "no phantom repository: {text}"
    );
    let p: Value = serde_json::from_str(&text).unwrap();
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    assert_eq!(
        aliases[0]["message"],
        "2 commits in the period are under other emails with the person's name, likely theirs, and not counted (the emails are not shown in a shared portfolio)"
    );
    assert_eq!(aliases[0]["source"], "repository 1, repository 2");
}

#[test]
fn a_change_written_before_the_period_and_landed_in_it_is_a_landing_of_the_period() {
    // ripgrep's maintainer lands contributions written months before: landing them is
    // his work of the period, dated when he committed it. His own commit written before
    // the period and merged in it makes that merge his own, not a review.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2025-12-01T10:00:00Z", "Initial", &[]);
    let landed = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2025-12-20T10:00:00Z", "2026-01-10T10:00:00Z"),
        "Add b",
        &[base],
    );
    let own = make_committed(
        repo,
        ALICE,
        ALICE,
        ("2025-12-22T10:00:00Z", "2026-01-12T10:00:00Z"),
        "Add c",
        &[landed],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-13T10:00:00Z",
        "Merge pull request #4 from alice/c",
        &[landed, own],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<(String, String)> = by_id(&p, "git-review")
        .iter()
        .map(|i| {
            (
                i["timestamp"].as_str().unwrap()[..10].to_string(),
                i["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        reviews,
        [(
            "2026-01-10".to_string(),
            "Landed Carol Contributor's change: Add b".to_string()
        )]
    );
    // Neither commit is the person's work of the period: git's count by author time.
    assert_eq!(p["totals"]["commits"], 0);
    // The person was found (the landing is theirs): no "no commit at all" or "check
    // --author" entry contradicts the landing.
    let unseen = p["collection"]["unseen"].to_string();
    assert!(!unseen.contains("no-matching-commits"), "{unseen}");
    // Her own commit landed in the period, written before it: said, not counted.
    assert_eq!(
        p["totals"]["written_before"],
        json!({"commits": 1, "earliest": "2025-12-22T10:00:00Z", "named": [own.to_string()]})
    );
    let md = report(&sb, &p, "md");
    let short = &own.to_string()[..10];
    assert!(
        md.contains(&format!("- **1** more commit of the person's landed in the period but was written before it (the earliest on 2025-12-22): a commit counts in the period it was written, by git's author date, so it is not in these counts: `{short}`; `--since 2025-12-22` takes it in")),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains(">1</span><span class=\"stat-l\">more commit landed in the period but written before it (the earliest on 2025-12-22)")
            && html.contains("; <code>--since 2025-12-22</code> takes it in</span>"),
        "{html}"
    );
}

#[test]
fn a_commit_written_long_before_the_period_is_named_not_sent_for_with_a_wider_period() {
    // attrs: one reworded copy of a 19-month-old commit, and the page advised
    // `--since 2024-08-03`, which takes in 19 months of other work.
    let sb = Sandbox::new();
    let r = sb.repo("attrs");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-01-02T10:00:00Z", "Initial", &[]);
    let old = make_committed(
        repo,
        ALICE,
        ALICE,
        ("2024-08-03T10:00:00Z", "2026-03-19T10:00:00Z"),
        "Start new development cycle",
        &[base],
    );
    finish(repo, old);
    let p = portfolio(&sb, &r.path, &[]);
    let wb = &p["totals"]["written_before"];
    assert_eq!(wb["long_before"], true, "{wb}");
    let md = report(&sb, &p, "md");
    let short = &old.to_string()[..10];
    assert!(
        md.contains(&format!("so it is not in these counts: `{short}`; a period wide enough to take it in would take in more than three months of other work")),
        "{md}"
    );
    assert!(!md.contains("--since 2024-08-03"), "{md}");
    let html = report(&sb, &p, "html");
    assert!(
        html.contains(&format!("not in these counts: <code>{short}</code>; a period wide enough to take it in would take in more than three months of other work")),
        "{html}"
    );
}

#[test]
fn explain_takes_an_initiative_id_and_says_why_its_items_were_grouped() {
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let squashed = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-02T10:00:00Z",
        "Add coupons to checkout (#12)",
        &[base],
    );
    finish(repo, squashed);
    let p = portfolio(&sb, &r.path, &[]);
    let id = p["initiatives"][0]["id"].as_str().unwrap().to_string();
    let file = write_json(&sb, "p.json", &p);
    let out = sb
        .evident()
        .args(["explain", &id, "--input"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("{id}  Add coupons to checkout\n")),
        "{text}"
    );
    assert!(
        text.contains("  grouped: pull request #12 (1 commit)"),
        "{text}"
    );
    assert!(text.contains("Add coupons to checkout (#12)"), "{text}");
    // A prefix that names one initiative is enough, as for items.
    let out = sb
        .evident()
        .args(["explain", &id[..id.len() - 30], "--input"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().starts_with(&id));
}

#[test]
fn a_backport_of_a_pull_request_merged_before_the_period_is_no_landing() {
    // GitHub squashed Carol's #7 in December; Alice copies it onto a release line in
    // January without a cherry-pick line: the forge's title says it was landed before.
    let sb = Sandbox::new();
    let r = sb.repo("web");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2025-11-01T10:00:00Z", "Initial", &[]);
    let squashed = make(
        repo,
        CAROL,
        GITHUB,
        "2025-12-01T10:00:00Z",
        "Fix foo (#7)",
        &[base],
    );
    let copy = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2025-12-01T10:00:00Z", "2026-01-10T10:00:00Z"),
        "Fix foo (#7)",
        &[squashed],
    );
    finish(repo, copy);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(by_id(&p, "git-review").len(), 0, "{:#}", p["items"]);
}

#[test]
fn a_security_fix_is_evidence_of_quality_and_its_co_author_does_not_make_it_collaboration() {
    // jq's maintainer fixed 14 CVEs in a year; they had supported no statement, and the
    // one with a co-author read as "collaboration".
    let sb = Sandbox::new();
    let r = sb.repo("jq");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Randomize hash seed to mitigate hash collision DoS attacks (CVE-2026-40164)\n\nCo-authored-by: Bob Builder <bob@example.com>\n",
        &[Change::Write("src/jv.c", "static uint32_t seed;\n")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let fix = &by_id(&p, "git:jq:")[0];
    assert_eq!(fix["primary"], "security", "{fix}");
    assert_eq!(
        fix["statements"],
        json!(["culture-and-leadership/improves-quality"]),
        "{fix}"
    );
}

#[test]
fn a_merge_titled_without_the_number_sign_is_a_review_of_the_branch_author() {
    // serde's maintainer merges locally: `Merge pull request 2879 from rcrisanti/…`.
    let sb = Sandbox::new();
    let r = sb.repo("serde");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let theirs = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Silence deprecation warnings",
        &[base],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request 2879 from carol/fix/silence-deprecation-warnings",
        &[base, theirs],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["reviews_given"], 1, "{}", p["totals"]);
    assert_eq!(p["totals"]["people_reviewed"], 1, "{}", p["totals"]);
}

#[test]
fn a_sync_pull_request_the_person_opened_and_approved_is_no_review() {
    // rust-analyzer: `Auto merge of #N - lnicola:sync-from-ra, r=lnicola`, a subtree sync
    // carrying others' commits, opened and approved by its maintainer, had been 34
    // reviews of himself and others.
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("rust-analyzer");
    let repo = &r.repo;
    let mut main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    // Her own pull request teaches her login.
    let own = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Add hover docs",
        &[main],
    );
    main = make(
        repo,
        BORS,
        BORS,
        "2026-02-03T10:00:00Z",
        "Auto merge of #5 - alice-ex:hover, r=bobby\n\nAdd hover docs",
        &[main, own],
    );
    for (n, who) in [(11, BOB), (12, CAROL), (13, DAVE)] {
        let day = format!("2026-02-{:02}T10:00:00Z", n);
        let theirs = make(repo, who, who, &day, &format!("Work of #{n}"), &[main]);
        main = make(
            repo,
            BORS,
            BORS,
            &format!("2026-02-{:02}T12:00:00Z", n),
            &format!("Auto merge of #{n} - alice-ex:sync-from-ra, r=alice-ex\n\nSubtree update"),
            &[main, theirs],
        );
    }
    finish(repo, main);
    // Her login is known (her noreply address, or `--github-login`), and the syncs
    // carry others' commits only.
    let p = portfolio(&sb, &r.path, &["--github-login", "alice-ex"]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(reviews.is_empty(), "{reviews:?}");
}

#[test]
fn a_pull_request_bringing_many_peoples_work_is_whoever_wrote_on_top() {
    // clippy's fortnightly `Rustup`: its maintainer's own pull request brings the changes
    // rust-lang/rust's authors made to clippy's subtree, with his version bumps on top.
    // It had read as his review of whoever wrote the oldest of them, and his bumps as
    // commits pushed onto that person's pull request.
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    const ERIN: (&str, &str) = ("Erin Engineer", "erin@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("clippy");
    let repo = &r.repo;
    let mut main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let rustup = |main: Oid, day: u32, n: u32, merger: (&str, &str), others: usize| {
        let mut head = main;
        for (i, who) in [BOB, CAROL, DAVE, ERIN]
            .into_iter()
            .take(others)
            .enumerate()
        {
            let at = format!("2026-02-{day:02}T0{i}:00:00Z");
            head = make(
                repo,
                who,
                who,
                &at,
                &format!("Upstream change {day}.{i}"),
                &[head],
            );
        }
        let at = format!("2026-02-{day:02}T08:00:00Z");
        let bump = format!("Bump nightly version -> 2026-02-{day:02}");
        head = make(repo, ALICE, ALICE, &at, &bump, &[head]);
        let at = format!("2026-02-{day:02}T09:00:00Z");
        make(
            repo,
            merger,
            GITHUB,
            &at,
            &format!("Rustup (#{n})"),
            &[main, head],
        )
    };
    main = rustup(main, 10, 20, ALICE, 4);
    main = rustup(main, 12, 21, BOB, 4);
    // With the oldest commit its only other author's, a pull request is theirs still.
    main = rustup(main, 14, 22, ALICE, 1);
    finish(repo, main);

    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        reviews,
        ["Merged Bob Builder's pull request #22: Rustup (with 1 commit of yours)"],
        "{reviews:?}"
    );
    for day in [10, 12] {
        let bump = item_titled(&p, &format!("Bump nightly version -> 2026-02-{day:02}"));
        assert_eq!(bump["meta"]["pr_opener"], Value::Null, "{bump}");
    }
    let on_bobs = item_titled(&p, "Bump nightly version -> 2026-02-14");
    assert_eq!(on_bobs["meta"]["pr_opener"], "Bob Builder", "{on_bobs}");

    // Bob merged her sync: his review of her pull request (one of the upstream changes it
    // brings is his), not of the oldest author's.
    let bob = portfolio_of(&sb, &r.path, "Bob Builder <bob@example.com>", &[]);
    let reviews: Vec<&str> = by_id(&bob, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        reviews,
        ["Merged Alice Example's pull request #21: Rustup (with 1 commit of yours)"],
        "{reviews:?}"
    );
}

#[test]
fn explain_says_when_an_item_is_mechanical_or_counted_with_another() {
    let sb = Sandbox::new();
    let r = sb.repo("jq");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Fix the parser on empty input (#12)",
        &[Change::Write("src/parser.rs", "fn parse() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Run rustfmt",
        &[Change::Write("src/parser.rs", "fn parse() {\n}\n")],
    );
    r.commit(
        ALICE,
        "2026-02-03T10:00:00Z",
        "Fix the parser on empty input (#12)",
        &[Change::Write("src/parser.rs", "fn parse() { }\n")],
    );
    // fzf's: a fix reverted minutes after it landed.
    r.commit(
        ALICE,
        "2026-02-04T10:00:00Z",
        "Fix the lexer on tabs",
        &[Change::Write("src/lexer.rs", "fn lex() {}\n")],
    );
    r.commit(
        ALICE,
        "2026-02-04T10:02:00Z",
        "Revert \"Fix the lexer on tabs\"",
        &[Change::Write("src/lexer.rs", "")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    // Each fold records why, in the JSON and in the reports' list of items.
    let why = |title: &str| {
        let items: Vec<&Value> = by_id(&p, "git:jq:")
            .into_iter()
            .filter(|i| i["title"] == title)
            .collect();
        items
            .iter()
            .map(|i| i["counted_why"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        why("Fix the parser on empty input (#12)"),
        [json!("landed-again"), Value::Null]
    );
    assert_eq!(why("Fix the lexer on tabs"), [json!("undone")]);
    assert_eq!(why("Revert \"Fix the lexer on tabs\""), [json!("undoes")]);
    assert_eq!(why("Run rustfmt"), [Value::Null]);
    let md = report(&sb, &p, "markdown");
    assert!(md.contains(", landed again) |"), "{md}");
    assert!(
        md.contains(", undone by it) |") && md.contains(", undoes it) |"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(html.contains(", landed again</span>"), "{html}");
    let file = write_json(&sb, "p.json", &p);
    let explain = |title: &str, nth: usize| -> String {
        let id = by_id(&p, "git:jq:")
            .into_iter()
            .filter(|i| i["title"] == title)
            .nth(nth)
            .unwrap_or_else(|| panic!("{title}"))["id"]
            .as_str()
            .unwrap()
            .to_string();
        let out = sb
            .evident()
            .args(["explain", &id, "--input"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let fmt = explain("Run rustfmt", 0);
    assert!(
        fmt.contains("  mechanical (formatting): listed after every item that is not,"),
        "{fmt}"
    );
    // Items are listed newest first: the later landing is the first of the two.
    let later = explain("Fix the parser on empty input (#12)", 0);
    assert!(
        later.contains("  counted with git:jq:")
            && later.contains(
                "\", the first landing of the same change: one piece of work with it, so it supports no statement of its own"
            ),
        "{later}"
    );
    assert!(
        later.contains("itself supports no statement either"),
        "{later}"
    );
    let first = explain("Fix the parser on empty input (#12)", 1);
    assert!(!first.contains("counted with"), "{first}");
    let undone = explain("Fix the lexer on tabs", 0);
    assert!(
        undone.contains("  undone by git:jq:") && undone.contains("so it supports no statement"),
        "{undone}"
    );
    assert!(
        explain("Revert \"Fix the lexer on tabs\"", 0)
            .contains("  undoes the person's work git:jq:")
    );
}

#[test]
fn big_features_with_none_counted_still_names_the_work_that_was_grouped() {
    // serde's maintainer shipped 22 pull requests in a year, none a counted feature:
    // "Nothing yet" hid them all.
    let sb = Sandbox::new();
    let r = sb.repo("serde");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Restore the deserialize_content optimization (#12)",
        &[Change::Write(
            "src/de.rs",
            "fn content() {}\nfn fast() {}\n",
        )],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let features = category(&p, "features-led");
    assert_eq!(features["count"], 0, "{features}");
    let unsure = features["unsure"].as_str().unwrap();
    assert!(
        unsure.contains("1 piece of the person's work was grouped")
            && unsure.contains("without a counted feature: \"Restore the deserialize_content optimization\" (+2 −0)"),
        "{unsure}"
    );
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("Nothing counted yet. 1 piece of the person's work"),
        "{md}"
    );
}

#[test]
fn big_features_list_only_features_of_thirty_lines_and_count_the_smaller_ones() {
    // hono's maintainer: "Export `AlgorithmTypes`", one line, was listed as a big feature.
    let sb = Sandbox::new();
    let r = sb.repo("hono");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "feat(jwt): export AlgorithmTypes (#4642)",
        &[Change::Write(
            "src/jwt/index.ts",
            "export { AlgorithmTypes }\n",
        )],
    );
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "feat(cache): add a cache middleware (#4700)",
        &[Change::Write("src/cache/index.ts", &lines("cache", 60))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let features = category(&p, "features-led");
    let listed = listed_initiatives(&p, "features-led");
    assert_eq!(listed, ["Add a cache middleware"], "{features}");
    let unsure = features["unsure"].as_str().unwrap();
    assert!(
        unsure.contains("1 smaller feature you led, under 30 lines written, is not listed."),
        "{unsure}"
    );
    // Both still count as features where features count.
    assert_eq!(features["count"], 2, "{features}");
    let md = report(&sb, &p, "md");
    assert!(md.contains("1 smaller feature you led"), "{md}");
}

#[test]
fn big_features_all_under_the_floor_are_not_listed_as_commits_either() {
    // bat's contributor: one pull request of 26 feature lines; the page listed its
    // commits one by one under "Big features you led".
    let sb = Sandbox::new();
    let r = sb.repo("bat");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "feat: add a --squeeze-limit flag (#3563)",
        &[Change::Write("src/squeeze.rs", &lines("squeeze", 12))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let features = category(&p, "features-led");
    assert_eq!(features["count"], 1, "{features}");
    assert_eq!(features["initiatives"], serde_json::json!([]), "{features}");
    assert_eq!(features["groups"], true, "{features}");
    for format in ["md", "html"] {
        let page = report(&sb, &p, format);
        let section = page
            .split("Big features you led")
            .nth(1)
            .unwrap()
            .split("Incidents you resolved")
            .next()
            .unwrap();
        assert!(
            section.contains("None large enough to list. 1 smaller feature you led"),
            "{format}: {section}"
        );
        assert!(!section.contains("squeeze-limit"), "{format}: {section}");
    }
    // The heading counts what is listed.
    assert!(
        report(&sb, &p, "html").contains("Big features you led <span class=\"count\">(0)</span>")
    );
}

#[test]
fn the_lines_of_a_lock_file_are_not_the_persons_writing() {
    // hono: a yarn.lock swapped for a bun.lock beside 45 written lines led the person's
    // unglamorous work, weighed as half of its 2,406 lines.
    let sb = Sandbox::new();
    let r = sb.repo("hono");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "feat: add retries to the client",
        &[
            Change::Write("src/retry.rs", &lines("retry", 40)),
            Change::Write("Cargo.lock", &lines("lock", 1000)),
        ],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "feat: add the cache",
        &[Change::Write("src/cache.rs", &lines("cache", 200))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let retry = by_id(&p, "git:")
        .into_iter()
        .find(|i| i["title"] == "feat: add retries to the client")
        .unwrap();
    assert_eq!(retry["meta"]["tool_lines"], 1000, "{retry}");
    assert_eq!(retry["additions"], 1040, "git's numbers stay: {retry}");
    let evidence: Vec<&str> = statement(&p, "domain-expertise/advanced-in-domain")["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap())
        .collect();
    let cache = by_id(&p, "git:")
        .into_iter()
        .find(|i| i["title"] == "feat: add the cache")
        .unwrap();
    // The 200 lines written lead the 40 written beside a lock file.
    assert_eq!(
        evidence.first(),
        cache["id"].as_str().as_ref(),
        "{evidence:?}"
    );
    assert!(
        retry["weight"].as_f64().unwrap() < cache["weight"].as_f64().unwrap(),
        "{} {}",
        retry["weight"],
        cache["weight"]
    );
}

#[test]
fn a_reviewers_suggestion_accepted_on_ones_own_pull_request_counts_with_its_work() {
    // pip's maintainer accepted three "Update SECURITY.md" suggestions on his own pull
    // requests: GitHub commits them as his, the reviewer a co-author; they had counted as
    // his documentation, unglamorous work.
    let sb = Sandbox::new();
    let r = sb.repo("pip");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let policy = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Expand the security policy to clarify non-vulnerabilities",
        &[base],
    );
    let suggestion = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-03T10:00:00Z",
        "Update SECURITY.md\n\nCo-authored-by: Bob Builder <bob@example.com>\n",
        &[policy],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Merge pull request #14049 from alice/security-policy",
        &[base, suggestion],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let item = |title: &str| {
        by_id(&p, "git:")
            .into_iter()
            .find(|i| i["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no {title}"))
            .clone()
    };
    let (accepted, own) = (item("Update SECURITY.md"), item("Expand the security"));
    assert_eq!(accepted["meta"]["applied_suggestion"], true, "{accepted}");
    assert_eq!(accepted["counted_with"], own["id"], "{accepted}");
    assert_eq!(accepted["counted_why"], "suggestion", "{accepted}");
    assert_eq!(accepted["statements"], serde_json::json!([]), "{accepted}");
    assert!(own["meta"].get("applied_suggestion").is_none(), "{own}");
}

/// `n` numbered lines of text.
fn lines(tag: &str, n: usize) -> String {
    (0..n).map(|i| format!("{tag} line {i}\n")).collect()
}

/// The item of the commit titled `title`.
fn item_titled<'a>(p: &'a Value, title: &str) -> &'a Value {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == title)
        .unwrap_or_else(|| panic!("no item titled {title}"))
}

#[test]
fn files_gitattributes_marks_generated_never_lead_and_do_not_weigh() {
    let sb = Sandbox::new();
    let r = sb.repo("parser");
    // jq's lines, a name pattern, a folder and an exception in it, vendored code (not
    // generated), and lines no reader should choke on (an unclosed quote, a bad class, a
    // negative pattern, a macro, bytes that are not UTF-8).
    let mut top = b"* text=auto eol=lf\n# generated files\nsrc/parser.[ch] linguist-generated=true\n*.pb.rs linguist-generated\ngen/** linguist-generated\ngen/keep.rs -linguist-generated\nthird_party/** linguist-vendored\n\"unclosed linguist-generated\n[z-a linguist-generated\n!src/*.c linguist-generated\n[attr]gen linguist-generated\n".to_vec();
    top.extend_from_slice(b"\xff\xfe\x00 linguist-generated\n");
    r.commit(
        ALICE,
        "2026-01-05T10:00:00Z",
        "Start the interpreter",
        &[
            Change::Bytes(".gitattributes", &top),
            // A nested file: its patterns are relative to web/.
            Change::Write("web/.gitattributes", "*.js linguist-generated\n"),
            Change::Write("src/compile.c", &lines("compile", 5)),
            Change::Write("README.md", "# interpreter\n"),
        ],
    );
    let (big, parser) = (lines("parser", 300), lines("grammar", 5));
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "fix: reject NUL bytes in import paths",
        &[
            Change::Write("src/parser.c", &big),
            Change::Write("src/parser.y", &parser),
            Change::Write("src/compile.c", &lines("compile", 15)),
        ],
    );
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "fix: handle empty module names",
        &[
            Change::Write("src/linker.c", &lines("linker", 15)),
            Change::Write("src/module.c", &lines("module", 20)),
        ],
    );
    r.commit(
        ALICE,
        "2026-03-09T10:00:00Z",
        "fix: stop crashing on empty messages",
        &[
            Change::Write("api/v1/msg.pb.rs", &lines("message", 200)),
            Change::Write("api/v1/msg.proto", &lines("proto", 3)),
        ],
    );
    r.commit(
        ALICE,
        "2026-04-06T10:00:00Z",
        "fix: keep the hand-written lookup beside the tables",
        &[
            Change::Write("gen/keep.rs", &lines("keep", 40)),
            Change::Write("gen/table.rs", &lines("table", 4)),
        ],
    );
    r.commit(
        ALICE,
        "2026-05-04T10:00:00Z",
        "fix: escape markup in the web view",
        &[
            Change::Write("web/bundle.js", &lines("bundle", 300)),
            Change::Write("web/view.ts", &lines("view", 6)),
            Change::Write("tools/bundle.js", &lines("tool", 2)),
            Change::Write("third_party/zlib/inflate.c", &lines("zlib", 2)),
        ],
    );
    let p = portfolio(&sb, &r.path, &[]);

    // A pattern with a slash, anchored at the top: the parser Bison writes.
    let nul = item_titled(&p, "fix: reject NUL bytes in import paths");
    assert_eq!(nul["meta"]["generated_paths"], json!(["src/parser.c"]));
    assert_eq!(nul["meta"]["generated_lines"], 300);
    assert_eq!(nul["additions"], 315);
    assert_eq!(
        nul["mechanical"], "mostly generated, vendored or snapshot files",
        "300 of its 315 lines are generated"
    );
    let empty = item_titled(&p, "fix: handle empty module names");
    assert!(empty["meta"].get("generated_paths").is_none(), "{empty}");
    assert!(empty["mechanical"].is_null());
    assert!(
        nul["weight"].as_f64().unwrap() < empty["weight"].as_f64().unwrap(),
        "the fix's 15 written lines weigh less than 35: {} against {}",
        nul["weight"],
        empty["weight"]
    );
    // A pattern without a slash: the name at any depth.
    let msg = item_titled(&p, "fix: stop crashing on empty messages");
    assert_eq!(msg["meta"]["generated_paths"], json!(["api/v1/msg.pb.rs"]));
    assert!(msg["mechanical"].is_string());
    // An unset: gen/keep.rs is written by hand, whatever gen/** says.
    let keep = item_titled(&p, "fix: keep the hand-written lookup beside the tables");
    assert_eq!(keep["meta"]["generated_paths"], json!(["gen/table.rs"]));
    assert_eq!(keep["meta"]["generated_lines"], 4);
    assert!(keep["mechanical"].is_null(), "{keep}");
    // A nested file's pattern applies below it only; vendored code is not generated (bat
    // marks its whole `assets/` folder vendored, hand-written fixes and all).
    let web = item_titled(&p, "fix: escape markup in the web view");
    assert_eq!(web["meta"]["generated_paths"], json!(["web/bundle.js"]));
    assert_eq!(web["meta"]["generated_lines"], 300);

    // Mechanical work never leads: in every "strongest first" list, it comes after all
    // other work, and the authored fix leads where both are.
    let mechanical: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["mechanical"].is_string())
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(mechanical.contains(&nul["id"].as_str().unwrap()));
    let mut lists = 0;
    for area in p["areas"].as_array().unwrap() {
        let statements = area["statements"].as_array().unwrap();
        for list in
            std::iter::once(&area["evidence"]).chain(statements.iter().map(|s| &s["evidence"]))
        {
            let ids: Vec<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let first_mechanical = ids.iter().position(|id| mechanical.contains(id));
            if let Some(at) = first_mechanical {
                assert!(
                    ids[at..].iter().all(|id| mechanical.contains(id)),
                    "mechanical work before other work: {ids:?}"
                );
            }
            if ids.contains(&nul["id"].as_str().unwrap()) {
                lists += 1;
                assert_ne!(ids[0], nul["id"].as_str().unwrap(), "{ids:?}");
            }
        }
    }
    assert!(lists > 0, "the fix is evidence still");
}

#[test]
fn a_co_authored_commit_shows_what_the_work_likely_is_not_collaboration() {
    // A co-author says how the work was done; the model's guess says what it is.
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add retries to the HTTP client\n\nCo-authored-by: Bob Builder <bob@example.com>\n",
        &[Change::Write("src/client.rs", "fn retry() {}\n")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let it = &by_id(&p, "git:shop:")[0];
    assert_ne!(it["primary"], "collaboration", "{it}");
    assert_ne!(it["primary"], "unclassified", "{it}");
    assert!(
        it["signals"]
            .as_array()
            .unwrap()
            .contains(&json!("collaboration")),
        "the co-authorship still counts: {it}"
    );
    // `explain` says why it supports no statement: the statement that takes
    // collaboration takes pull requests, issues and notes, not commits.
    let id = it["id"].as_str().unwrap().to_string();
    let file = write_json(&sb, "p.json", &p);
    let out = sb
        .evident()
        .args(["explain", &id, "--input"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  evidence for no statement: its signals (collaboration) are taken by statements that do not take this item: culture-and-leadership/collaborates takes only pull_request, issue, note"),
        "{text}"
    );
}

#[test]
fn updating_a_contributors_branch_does_not_make_their_pull_request_the_persons() {
    // bat's maintainer clicks GitHub's "Update branch" on contributors' pull requests
    // (`Merge branch 'master' into …`, his), then merges them: 18 reviews were lost.
    let sb = Sandbox::new();
    let r = sb.repo("bat");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let theirs = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Add a syntax for Bazel",
        &[base],
    );
    let main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Fix the pager",
        &[base],
    );
    let updated = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-04T10:00:00Z",
        "Merge branch 'master' into bazel",
        &[theirs, main],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "Merge pull request #3576 from carol/bazel\n\nAdd a syntax for Bazel",
        &[main, updated],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(p["totals"]["people_reviewed"], 1);
}

#[test]
fn a_person_whose_only_commits_landed_written_before_the_period_is_found() {
    // Mingun's year in serde, in small: nothing written in the period, one commit
    // written before it and landed in it. No "no commit is by you" beside the line that
    // says how to take it in.
    let sb = Sandbox::new();
    let r = sb.repo("serde");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2025-11-01T10:00:00Z", "Initial", &[]);
    let hers = make_committed(
        repo,
        ALICE,
        BOB,
        ("2025-12-01T10:00:00Z", "2026-02-01T10:00:00Z"),
        "Unify the access traits",
        &[base],
    );
    let bobs = make(
        repo,
        BOB,
        BOB,
        "2026-02-02T10:00:00Z",
        "Release 1.0.1",
        &[hers],
    );
    finish(repo, bobs);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["written_before"]["commits"], 1);
    let unseen = p["collection"]["unseen"].to_string();
    assert!(!unseen.contains("no-matching-commits"), "{unseen}");
}

#[test]
fn a_login_a_bots_branches_come_from_is_the_repositorys_not_a_person() {
    // bat: dependabot's branches and a contributor's both come `from sharkdp/…`; the
    // contributor's merge had read "Merged sharkdp's pull request".
    let sb = Sandbox::new();
    let r = sb.repo("bat");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let bump = make(
        repo,
        DEPENDABOT,
        DEPENDABOT,
        "2026-02-02T10:00:00Z",
        "Bump serde",
        &[base],
    );
    let first = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-03T10:00:00Z",
        "Merge pull request #1 from sharkdp/dependabot/cargo/serde-1.0.2\n\nBump serde",
        &[base, bump],
    );
    let fix = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-04T10:00:00Z",
        "Fix the pager",
        &[first],
    );
    let second = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "Merge pull request #2 from sharkdp/fix-pager\n\nFix the pager",
        &[first, fix],
    );
    finish(repo, second);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(
        titles[0].contains("Carol Contributor") && !titles[0].contains("sharkdp"),
        "{titles:?}"
    );
}

#[test]
fn a_review_suggestion_the_author_applied_is_a_review_not_the_reviewers_work() {
    // bat: cerdelen accepted Keith's suggestion on #3561 (`Update src/config.rs`,
    // committed by GitHub, Keith as co-author): it had made the pull request his.
    for alice_merges in [true, false] {
        let sb = Sandbox::new();
        let r = sb.repo("bat");
        let repo = &r.repo;
        let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
        let theirs = make(
            repo,
            CAROL,
            CAROL,
            "2026-02-02T10:00:00Z",
            "Add a config option",
            &[base],
        );
        let first = make(
            repo,
            CAROL,
            GITHUB,
            "2026-02-03T10:00:00Z",
            "Update src/config.rs\n\nCo-authored-by: Alice Example <alice@example.com>",
            &[theirs],
        );
        // Suggestions of one review are one review, whatever GitHub titled them.
        let readme = make(
            repo,
            CAROL,
            GITHUB,
            "2026-02-03T10:03:00Z",
            "Update README\n\nCo-authored-by: Alice Example <alice@example.com>",
            &[first],
        );
        // GitHub's title since 2025 (setuptools: "Apply suggestion from @webknjaz").
        let by_login = make(
            repo,
            CAROL,
            GITHUB,
            "2026-02-03T10:04:00Z",
            "Apply suggestion from @alice\n\nCo-authored-by: Alice Example <alice@example.com>",
            &[readme],
        );
        let suggested = make(
            repo,
            CAROL,
            GITHUB,
            "2026-02-03T10:05:00Z",
            "Apply suggestions from code review\n\nCo-authored-by: Alice Example <alice@example.com>",
            &[by_login],
        );
        let merger = if alice_merges { ALICE } else { BOB };
        let merged = make(
            repo,
            merger,
            GITHUB,
            "2026-02-04T10:00:00Z",
            "Merge pull request #3561 from carol/config\n\nAdd a config option",
            &[base, suggested],
        );
        finish(repo, merged);
        let p = portfolio(&sb, &r.path, &[]);
        let reviews: Vec<&str> = by_id(&p, "git-review")
            .iter()
            .map(|i| i["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            reviews.len(),
            1,
            "merged by Alice: {alice_merges}; {reviews:?}"
        );
        if !alice_merges {
            assert!(
                reviews[0].contains("Apply suggestions from code review (and 3 more commits)"),
                "{reviews:?}"
            );
            let review = &by_id(&p, "git-review")[0];
            assert_eq!(review["meta"]["pr_number"], 3561, "{review}");
        }
        assert!(
            by_id(&p, "git:bat:").is_empty(),
            "no co-authored commit of hers"
        );
    }
}

#[test]
fn kept_results_are_not_reused_for_a_period_a_landing_falls_outside() {
    // A contribution written in December and landed by Alice on 10 February: by author
    // time January and February hold the same commits, by commit time they do not.
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-01-03T10:00:00Z", "Add cart", &[]);
    let landed = make_committed(
        repo,
        BOB,
        ALICE,
        ("2025-12-20T10:00:00Z", "2026-02-10T10:00:00Z"),
        "Add coupons",
        &[base],
    );
    finish(repo, landed);
    let ids = |until: &str, store: &[&str]| -> Vec<String> {
        let v = json_stdout(
            sb.evident()
                .args(["collect", "--repo"])
                .arg(&r.path)
                .args(["--author", "alice@example.com", "--no-design-docs"])
                .args(["--since", "2026-01-01", "--until", until])
                .args(store),
        );
        let mut ids: Vec<String> = v["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    // Without a commit-graph (each commit read), then with one (its commit times).
    for (graph, store) in [(false, "kept"), (true, "kept-graph")] {
        if graph {
            git(&r.path, &["commit-graph", "write", "--reachable"]);
        }
        let january = ids("2026-01-31", &["--store", store]);
        assert!(
            january.iter().all(|id| !id.starts_with("git-review:")),
            "{january:?}"
        );
        let february_kept = ids("2026-02-28", &["--store", store]);
        assert_eq!(february_kept, ids("2026-02-28", &["--no-store"]));
        assert!(
            february_kept.iter().any(|id| id.starts_with("git-review:")),
            "the landing is February's (commit-graph: {graph}): {february_kept:?}"
        );
    }
}

#[test]
fn a_commit_a_workflow_committed_under_the_persons_name_is_not_their_work() {
    // laravel's workflows commit "Update facade docblocks" and "Update CHANGELOG" under its
    // creator's noreply address, 331 in a year: given that address, they were his.
    let sb = Sandbox::new();
    let r = sb.repo("framework");
    let repo = &r.repo;
    let own = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the queue inspector",
        &[],
    );
    let docblocks = make(
        repo,
        ALICE,
        WORKFLOW,
        "2026-02-02T10:00:00Z",
        "Update facade docblocks",
        &[own],
    );
    // A backport action's copy keeps her work.
    let backport = make(
        repo,
        ALICE,
        WORKFLOW,
        "2026-02-03T10:00:00Z",
        "Add the queue inspector\n\n(cherry picked from commit 1234567890abcdef1234567890abcdef12345678)",
        &[docblocks],
    );
    // A workflow that rebased her commit did not write it: it keeps her author time.
    let rebased = make_committed(
        repo,
        ALICE,
        WORKFLOW,
        ("2026-02-04T10:00:00Z", "2026-02-06T10:00:00Z"),
        "Add the queue pruner",
        &[backport],
    );
    // The workflow's own commits under its bot name are a bot's, for the bot list.
    let own = make(
        repo,
        WORKFLOW,
        WORKFLOW,
        "2026-02-07T10:00:00Z",
        "Update the plugin list",
        &[rebased],
    );
    finish(repo, own);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["commits"], 3, "{}", p["totals"]);
    let said = not_seen_entry(&p, "automation");
    // Said as what it is, with its title; not the other automations evident knows.
    assert_eq!(
        said["text"],
        "1 commit under `alice@example.com` was made by an automation (a GitHub Actions workflow that committed as `github-actions[bot]`: 1, all titled `Update facade docblocks`) and is not counted as yours; `git log --author` counts it.",
        "{said}"
    );
    let text = identities_text(&sb, &r.path);
    assert!(
        text.contains("alice@example.com  (--author / [identity]; 3 commits)"),
        "{text}"
    );
    assert!(text.contains("github-actions[bot]"), "{text}");
}

#[test]
fn a_deploy_actions_commit_under_the_persons_address_is_not_their_work() {
    // fzf's sponsors workflow commits as its maintainer: 26 such commits had joined his
    // year.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add a --tmux option",
        &[Change::Write("src/tmux.go", "package fzf\n")],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Deploying to master from @ junegunn/fzf@5e137613a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6 🚀",
        &[Change::Write("README.md", "sponsors\n")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["commits"], 1, "{}", p["totals"]);
    let titles: Vec<&str> = by_id(&p, "git:fzf:")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Add a --tmux option"]);
    // Left out, and said: `git log --author` counts it. Seen, so no warning for --strict
    // to fail on (`portfolio` asserts the run succeeded).
    let p = portfolio(&sb, &r.path, &["--strict"]);
    let said = not_seen_entry(&p, "automation");
    assert_eq!(
        said["text"],
        "1 commit under `alice@example.com` was made by an automation (a deploy tool's `Deploying to … from @ …`: 1) and is not counted as yours; `git log --author` counts it."
    );
    assert_eq!(
        p["collection"]["warnings"],
        json!([]),
        "{:#}",
        p["collection"]
    );
    // `identities` counts the person's commits as the portfolio does.
    let text = identities_text(&sb, &r.path);
    assert!(
        text.contains("alice@example.com  (--author / [identity]; 1 commit)"),
        "{text}"
    );
}

#[test]
fn a_pull_request_merged_with_a_message_of_its_own_is_a_review() {
    // pip's `Merge pull request #13383 "Refactor HTTP download logic"` and pytest's
    // `Merge pull request #14105 Fix edge case …` name no branch, and read as no merge of
    // a pull request.
    let sb = Sandbox::new();
    let r = sb.repo("pip");
    let repo = &r.repo;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the resolver",
        &[],
    );
    let theirs = make(
        repo,
        BOB,
        BOB,
        "2026-02-02T10:00:00Z",
        "Refactor the download logic",
        &[base],
    );
    let quoted = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request #13383 \"Refactor HTTP download logic\"",
        &[base, theirs],
    );
    let again = make(
        repo,
        BOB,
        BOB,
        "2026-02-04T10:00:00Z",
        "Fix an edge case",
        &[quoted],
    );
    let bare = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge pull request #14105 Fix edge case when we truncate",
        &[quoted, again],
    );
    finish(repo, bare);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["reviews_given"], 2, "{}", p["totals"]);
    let reviews: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "review")
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(
        reviews
            .iter()
            .any(|t| t.contains("#13383") && t.contains("Refactor HTTP download logic")),
        "{reviews:?}"
    );
    assert!(
        reviews
            .iter()
            .any(|t| t.contains("#14105") && t.contains("Fix edge case when we truncate")),
        "{reviews:?}"
    );
    assert!(
        p["collection"]["sources"][0].get("branch_merges").is_none(),
        "{}",
        p["collection"]["sources"][0]
    );
}

#[test]
fn pull_requests_merged_on_azure_bitbucket_and_gitea_are_reviews() {
    // Their merge buttons write their own titles, which read as merges of no pull
    // request: the person's reviews were not seen, and the merges were said as branch
    // merges instead.
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let mut main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the cart",
        &[],
    );
    let merges = [
        "Merged PR 1234: Add coupons to the cart",
        "Merged in feature/tax (pull request #12)\n\nRound the tax per line\n\nApproved-by: Alice Example",
        "Merge pull request #13 in SHOP/web from feature/ship to main\n\n* commit 'abc123':\n  Add shipping zones",
        "Merge pull request 'Add gift cards' (#14) from bob/shop:gift-cards into main",
    ];
    for (n, message) in merges.iter().enumerate() {
        let day = 2 + 2 * n;
        let theirs = make(
            repo,
            BOB,
            BOB,
            &format!("2026-02-{day:02}T10:00:00Z"),
            &format!("Change {n} of Bob's"),
            &[main],
        );
        main = make(
            repo,
            ALICE,
            ALICE,
            &format!("2026-02-{:02}T10:00:00Z", day + 1),
            message,
            &[main, theirs],
        );
    }
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    let reviews: Vec<&str> = p["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "review")
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(reviews.len(), 4, "{reviews:?}");
    for (number, title) in [
        ("#1234", "Add coupons to the cart"),
        ("#12", "Round the tax per line"),
        ("#13", "branch feature/ship"),
        ("#14", "Add gift cards"),
    ] {
        assert!(
            reviews
                .iter()
                .any(|t| t.contains(&format!("{number}:")) && t.contains(title)),
            "{number} {title}: {reviews:?}"
        );
    }
    assert!(
        p["collection"]["sources"][0].get("branch_merges").is_none(),
        "{}",
        p["collection"]["sources"][0]
    );
}

#[test]
fn azure_squash_merges_are_read_as_their_pull_requests_titles() {
    // Azure DevOps' squash merge titles every commit `Merged PR N: Title`: the model read
    // "merged" as the first word of each, a `fix:` after it was no label, and no commit
    // named its pull request.
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let mut main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the cart",
        &[],
    );
    for (day, title) in [
        (2, "Merged PR 1250: fix: keep the coupon on undo"),
        (3, "Merged PR 1240: Add export of the cart to CSV"),
    ] {
        main = make(
            repo,
            ALICE,
            ALICE,
            &format!("2026-02-{day:02}T10:00:00Z"),
            title,
            &[main],
        );
    }
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    let item = |prefix: &str| {
        p["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("{prefix}: {:#?}", p["items"]))
            .clone()
    };
    let fix = item("Merged PR 1250");
    assert_eq!(fix["primary"], "bug-fix", "{fix:#}");
    assert!(
        fix["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["rule"] == "title-label"),
        "{fix:#}"
    );
    // The model reads the change's own first word, and the pull request's reference.
    let export = item("Merged PR 1240");
    let features: Vec<String> = export["matches"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["features"].as_array().cloned().unwrap_or_default())
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert!(features.iter().any(|f| f == "first:add"), "{features:?}");
    assert!(
        !features.iter().any(|f| f.contains("merged")),
        "{features:?}"
    );
    let mut found: Vec<(String, String)> = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap().to_string(),
                i["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    assert!(
        found.contains(&(
            "Add export of the cart to CSV".into(),
            "pull request #1240 (1 commit)".into()
        )),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(name, reason)| name.contains("coupon on undo")
                && reason == "pull request #1250 (1 commit)"),
        "{found:?}"
    );
}

#[test]
fn merges_of_branches_that_merge_no_pull_request_are_said_not_counted() {
    // tmux: its co-maintainer keeps the portable tree in step with OpenBSD's through 354
    // `Merge branch 'obsd-master'` commits a year; his portfolio showed his 16 other
    // commits and not a word of the merges.
    let sb = Sandbox::new();
    let r = sb.repo("tmux");
    let repo = &r.repo;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the status line",
        &[],
    );
    let upstream1 = make(
        repo,
        BOB,
        BOB,
        "2026-02-02T10:00:00Z",
        "Fix a leak",
        &[base],
    );
    let sync1 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge branch 'obsd-master'",
        &[base, upstream1],
    );
    let upstream2 = make(
        repo,
        BOB,
        BOB,
        "2026-02-04T10:00:00Z",
        "Add a format",
        &[upstream1],
    );
    let sync2 = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge branch 'obsd-master'",
        &[sync1, upstream2],
    );
    // A merge of Bob's pull request is a review, not a branch merge left out.
    let theirs = make(
        repo,
        BOB,
        BOB,
        "2026-02-06T10:00:00Z",
        "Add a key binding",
        &[sync2],
    );
    let reviewed = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-07T10:00:00Z",
        "Merge pull request #12 from bob/keys\n\nAdd a key binding",
        &[sync2, theirs],
    );
    let back = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-08T10:00:00Z",
        "Tidy the status line",
        &[reviewed],
    );
    let release = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-09T10:00:00Z",
        "Merge branch 'release-3.6'",
        &[back, sync2],
    );
    // Not counted among them: the main line merged into one's own branch, `git pull`'s
    // merge, and another's merge.
    let side1 = make(
        repo,
        BOB,
        BOB,
        "2026-02-10T10:00:00Z",
        "Fix a typo",
        &[release],
    );
    let update = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-11T10:00:00Z",
        "Merge branch 'main' into alice/topic",
        &[release, side1],
    );
    let side2 = make(
        repo,
        BOB,
        BOB,
        "2026-02-12T10:00:00Z",
        "Add a hook",
        &[side1],
    );
    let bobs = make(
        repo,
        BOB,
        BOB,
        "2026-02-13T10:00:00Z",
        "Merge branch 'obsd-master'",
        &[update, side2],
    );
    let side3 = make(
        repo,
        BOB,
        BOB,
        "2026-02-14T10:00:00Z",
        "Add an option",
        &[side2],
    );
    let pulled = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-15T10:00:00Z",
        "Merge branch 'master' of https://github.com/tmux/tmux",
        &[bobs, side3],
    );
    finish(repo, pulled);
    let p = portfolio(&sb, &r.path, &["--strict"]);
    assert_eq!(p["totals"]["commits"], 2, "{}", p["totals"]);
    assert_eq!(p["totals"]["reviews_given"], 1, "{}", p["totals"]);
    assert_eq!(
        p["collection"]["sources"][0]["branch_merges"],
        json!({"merges": 3, "title": "Merge branch 'obsd-master'", "titled": 2})
    );
    let said = not_seen_entry(&p, "merges");
    assert_eq!(
        said["text"],
        "You made 3 merges whose messages name no pull request evident reads (2 titled `Merge branch 'obsd-master'`), not counted, as `git log --no-merges` leaves them out: a merge brings in commits that count for whoever wrote them."
    );
    assert!(
        said["how"].as_str().unwrap().contains("--include-merges"),
        "{said}"
    );
    // Counted as commits when asked for, and then not said.
    let p = portfolio(&sb, &r.path, &["--include-merges"]);
    assert!(
        p["collection"]["sources"][0].get("branch_merges").is_none(),
        "{}",
        p["collection"]["sources"][0]
    );
    assert!(
        !p["not_seen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["source"] == "merges"),
        "{}",
        p["not_seen"]
    );
}

#[test]
fn a_bots_commit_naming_the_person_co_author_is_said_not_counted() {
    // caddy: a bot's commit its maintainer co-authored had been left out without a word.
    let sb = Sandbox::new();
    let r = sb.repo("caddy");
    let repo = &r.repo;
    const BOT: (&str, &str) = DEPENDABOT;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the proxy",
        &[],
    );
    let bump = make(
        repo,
        BOT,
        BOT,
        "2026-02-03T10:00:00Z",
        "build(deps): bump golang.org/x/net from 0.40.0 to 0.41.0\n\nCo-authored-by: Alice Example <alice@example.com>\n",
        &[base],
    );
    let plain = make(
        repo,
        BOT,
        BOT,
        "2026-02-04T10:00:00Z",
        "build(deps): bump golang.org/x/text from 0.20.0 to 0.21.0",
        &[bump],
    );
    // zstd's maintainer merged 20 dependabot bumps: no review, said.
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge pull request #12 from caddyserver/dependabot/go_modules/x-text\n\nbuild(deps): bump golang.org/x/text",
        &[base, plain],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &["--strict"]);
    assert_eq!(p["totals"]["commits"], 1, "{}", p["totals"]);
    assert_eq!(p["totals"]["reviews_given"], 0, "{}", p["totals"]);
    assert_eq!(
        p["collection"]["sources"][0]["automated"],
        json!({"commits": 0, "bots_naming_you": 1, "bots_merged": 1})
    );
    let said = not_seen_entry(&p, "automation");
    assert_eq!(
        said["text"],
        "1 commit a bot authored names you co-author (`Co-authored-by:`) and is not counted as yours: a bot's commit is no one's work. You merged 1 pull request a bot opened (dependency bumps and the like): no review of a person's work, so not counted as a review."
    );
}

#[test]
fn others_pull_requests_merged_on_github_are_said_to_hold_reviews_git_cannot_show() {
    // jq and fzf: contributors' pull requests squash-merged by GitHub name no merger.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let theirs = make(
        repo,
        CAROL,
        GITHUB,
        "2026-02-02T10:00:00Z",
        "Add zellij support (#4500)",
        &[base],
    );
    let hers = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-03T10:00:00Z",
        "Add --tmux (#4501)",
        &[theirs],
    );
    // Copies of Carol's change onto release branches, by hand and by a backport bot's
    // author line kept: no more pull requests of hers (aiohttp).
    let by_hand = make(
        repo,
        CAROL,
        GITHUB,
        "2026-02-04T10:00:00Z",
        &format!("Add zellij support (#4500) (#4510)\n\n(cherry picked from commit {theirs})"),
        &[hers],
    );
    let by_bot = make(
        repo,
        CAROL,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "[PR #4500/0a1b2c3d backport][3.14] Add zellij support (#4511)",
        &[by_hand],
    );
    finish(repo, by_bot);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["collection"]["sources"][0]["merged_on_forge"], 1);
    let github = not_seen_entry(&p, "github");
    assert!(
        github["text"].as_str().unwrap().contains(
            "1 pull request by others was merged on GitHub or GitLab in the period as one commit, which records neither who reviewed nor who merged it."
        ),
        "{github}"
    );
    // attrs: a contributor's pull request Alice pushed commits onto is said apart, as
    // her co-authored work.
    let tip = make(
        repo,
        CAROL,
        GITHUB,
        "2026-02-06T10:00:00Z",
        "Fix the preview window (#4502)\n\nCo-authored-by: Alice Example <alice@example.com>\n",
        &[by_bot],
    );
    finish(repo, tip);
    let p = portfolio(&sb, &r.path, &[]);
    let source = &p["collection"]["sources"][0];
    assert_eq!(source["merged_on_forge"], 1, "{source}");
    assert_eq!(source["merged_on_forge_with_you"], 1, "{source}");
    // Reviews not measured (git records none of hers yet): the way to measure them says
    // it too.
    let bar = statement(&p, "culture-and-leadership/raises-the-bar");
    assert_eq!(bar["strength"], "not_measured", "{bar:#}");
    assert!(
        bar["measure"].as_str().unwrap().ends_with(
            " 1 pull request by others that name you co-author was merged on GitHub or GitLab, whose reviews git does not record."
        ),
        "{bar:#}"
    );
    let github = not_seen_entry(&p, "github");
    assert!(
        github["text"].as_str().unwrap().contains(
            "2 pull requests by others were merged on GitHub or GitLab in the period as one commit, which records neither who reviewed nor who merged them (1 naming you co-author, counted as your co-authored work)."
        ),
        "{github}"
    );
    // tailwindcss: the reviews goal says it too, not only "review pull requests".
    // (once git records a review of hers: a contribution she landed)
    let landed = make(
        repo,
        BOB,
        ALICE,
        "2026-02-07T10:00:00Z",
        "Fix the status line",
        &[tip],
    );
    finish(repo, landed);
    let p = portfolio(&sb, &r.path, &[]);
    let goal = statement(&p, "culture-and-leadership/raises-the-bar")["goal"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        goal.contains("(only the reviews git records: GitHub was not collected, and 1 pull request by others that name you co-author was merged on GitHub, whose reviews git does not record)"),
        "{goal}"
    );
}

#[test]
fn a_go_file_that_says_it_is_generated_is_generated() {
    // fzf has no .gitattributes; its stringer output says what it is at its top.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    let mut generated = String::from(
        "// Code generated by \"stringer -type=actionType\"; DO NOT EDIT.\n\npackage fzf\n",
    );
    generated.push_str(&lines("const", 200));
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the change-ghost action",
        &[
            Change::Write("src/actiontype_string.go", &generated),
            Change::Write("src/terminal.go", &lines("terminal", 20)),
        ],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let it = item_titled(&p, "Add the change-ghost action");
    assert_eq!(
        it["meta"]["generated_paths"],
        json!(["src/actiontype_string.go"])
    );
    assert_eq!(it["meta"]["generated_lines"], 203);
    assert_eq!(it["additions"], 223, "git's count is kept");
}

#[test]
fn a_contributors_merge_of_their_own_topic_branch_keeps_the_pull_request_theirs() {
    // Carol merges a sub-branch of hers into her pull request's branch: that merge is her
    // work, not an update from the main line, and Alice's merge of it is a review.
    let sb = Sandbox::new();
    let r = sb.repo("bat");
    let repo = &r.repo;
    let base = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let pr = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Start the Bazel syntax",
        &[base],
    );
    let sub = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-03T10:00:00Z",
        "Bazel: add rules",
        &[base],
    );
    let joined = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-04T10:00:00Z",
        "Merge branch 'sub' into pr",
        &[pr, sub],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "Merge pull request #9 from carol/pr\n\nBazel syntax",
        &[base, joined],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(by_id(&p, "git-review").len(), 1, "{:#}", p["items"]);
}

#[test]
fn a_series_landed_at_one_commit_time_is_named_by_its_last_written_commit() {
    // fzf's maintainer rebases a contributor's series: every commit has the same commit
    // time, and the landing had been named by whichever id sorted last.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let mut at = base;
    for (hour, title) in [
        ("10", "Add the zellij popup"),
        ("11", "Handle zellij floating panes"),
        ("12", "Add a zellij test"),
        ("13", "Document zellij support"),
    ] {
        at = make_committed(
            repo,
            CAROL,
            ALICE,
            (&format!("2026-02-02T{hour}:00:00Z"), "2026-02-03T10:00:00Z"),
            title,
            &[at],
        );
    }
    finish(repo, at);
    let p = portfolio(&sb, &r.path, &[]);
    let titles: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Landed Carol Contributor's change: Document zellij support (and 3 more commits)"]
    );
}

/// The titles of the reviews git records, sorted.
fn review_titles(p: &Value) -> Vec<String> {
    let mut titles: Vec<String> = by_id(p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_string())
        .collect();
    titles.sort();
    titles
}

/// A branch off `base` of commits by `who` (each committed by its author), one an hour
/// from `day`'s 10:00: its head.
fn branch_of(repo: &Repository, base: Oid, day: &str, commits: &[((&str, &str), &str)]) -> Oid {
    let mut at = base;
    for (hour, (who, title)) in commits.iter().enumerate() {
        let date = format!("{day}T{:02}:00:00Z", 10 + hour);
        at = make(repo, *who, *who, &date, title, &[at]);
    }
    at
}

#[test]
fn a_commit_pushed_onto_a_colleagues_pull_request_makes_neither_it_nor_their_login_the_persons() {
    // pip's maintainer pushes a test or a fix onto a contributor's branch, then merges
    // it: a review (and more), which had been nothing; two such pull requests of three
    // from one login had made that login his, and lost the third. A bot's autofix on top
    // of a person's pull request does not make it the bot's. Alice's own pull request,
    // whose first commit is Carol's rebased work she took over, is no review of Carol;
    // nor is a pull request from Carol's login that Alice wrote most of.
    const PRE_COMMIT: (&str, &str) = (
        "pre-commit-ci[bot]",
        "66853113+pre-commit-ci[bot]@users.noreply.github.com",
    );
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("pip");
    let repo = &r.repo;
    let mut main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let merge = |main: Oid, n: u32, from: &str, head: Oid, day: &str| {
        make(
            repo,
            ALICE,
            ALICE,
            &format!("{day}T20:00:00Z"),
            &format!("Merge pull request #{n} from {from}\n\nChange {n}"),
            &[main, head],
        )
    };
    let one = branch_of(
        repo,
        main,
        "2026-02-02",
        &[
            (CAROL, "Unpack archives"),
            (CAROL, "Fix lint"),
            (CAROL, "Add news"),
            (ALICE, "Simplify unpacking and expand the tests"),
        ],
    );
    main = merge(main, 1, "carol/unpack", one, "2026-02-02");
    let two = branch_of(
        repo,
        main,
        "2026-02-03",
        &[
            (CAROL, "Fall through option variants"),
            (CAROL, "Add an entry in the news directory"),
            (ALICE, "Test the user config override"),
        ],
    );
    main = merge(main, 2, "carol/options", two, "2026-02-03");
    // Carol's, with a commit Alice only co-authored (setuptools: a one-word suggestion
    // had read as "1 commit of yours").
    let three = branch_of(
        repo,
        main,
        "2026-02-04",
        &[
            (CAROL, "Honour the user site"),
            (
                CAROL,
                "Use the user site's path\n\nCo-authored-by: Alice Example <alice@example.com>",
            ),
        ],
    );
    main = merge(main, 3, "carol/user-site", three, "2026-02-04");
    let four = branch_of(
        repo,
        main,
        "2026-02-05",
        &[
            (DAVE, "Report constraints"),
            (DAVE, "Address review comments"),
            (
                PRE_COMMIT,
                "[pre-commit.ci] auto fixes from pre-commit.com hooks",
            ),
        ],
    );
    main = merge(main, 4, "dave/constraints", four, "2026-02-05");
    // Alice takes over Carol's stale change: she rebases it (committing it) and finishes it.
    let taken = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-02-06T09:00:00Z", "2026-02-06T10:00:00Z"),
        "Implement --upload-before",
        &[main],
    );
    let five = branch_of(
        repo,
        taken,
        "2026-02-06",
        &[
            (ALICE, "Rename to --uploaded-prior-to"),
            (ALICE, "Test --uploaded-prior-to"),
            (ALICE, "Document --uploaded-prior-to"),
        ],
    );
    main = merge(main, 5, "alice/uploaded-prior-to", five, "2026-02-06");
    // Carol opened it; Alice wrote most of it.
    let six = branch_of(
        repo,
        main,
        "2026-02-07",
        &[
            (CAROL, "Support relative times"),
            (ALICE, "Use re.ASCII for the duration"),
            (ALICE, "Improve the help text"),
            (ALICE, "Test P0D"),
        ],
    );
    main = merge(main, 6, "carol/relative-time", six, "2026-02-07");
    // Alice's own pull request from a login not known as hers, a bot's autofix on top:
    // hers, not a review (the autofix is no one's writing).
    let seven = branch_of(
        repo,
        main,
        "2026-02-08",
        &[
            (ALICE, "Cache the index pages"),
            (
                PRE_COMMIT,
                "[pre-commit.ci] auto fixes from pre-commit.com hooks",
            ),
        ],
    );
    main = merge(main, 7, "ally/cache-pages", seven, "2026-02-08");
    finish(repo, main);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        review_titles(&p),
        [
            "Merged carol's pull request #1: Change 1 (with 1 commit of yours)",
            "Merged carol's pull request #2: Change 2 (with 1 commit of yours)",
            "Merged carol's pull request #3: Change 3 (with 1 commit you co-authored)",
            "Merged dave's pull request #4: Change 4",
        ]
    );
    assert_eq!(p["totals"]["people_reviewed"], 2, "{}", p["totals"]);
}

#[test]
fn a_rebase_of_pull_requests_the_forge_merged_lands_nobody() {
    // hono's maintainer rebased the `next` branch: others' pull requests GitHub had
    // squash-merged (`Title (#N)`) and his own, committed in one second. That changed
    // their committer only: four "landings" had come of it, one of them four pull
    // requests under one name. Commits landed alone stay landings, one per pull request.
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("hono");
    let repo = &r.repo;
    let main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let mut next = main;
    for (who, day, title) in [
        (CAROL, "2026-02-02", "feat: add the QUERY method (#11)"),
        (DAVE, "2026-02-03", "perf(request): allocate lazily (#12)"),
        (DAVE, "2026-02-04", "perf(request): probe the cache (#13)"),
        (ALICE, "2026-02-05", "perf(url): use indexOf (#14)"),
    ] {
        next = make_committed(
            repo,
            who,
            ALICE,
            (&format!("{day}T10:00:00Z"), "2026-02-10T06:04:32Z"),
            title,
            &[next],
        );
    }
    // Merging the rebased branch syncs it: no review either.
    let mut at = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-10T07:00:00Z",
        "Merge pull request #15 from acme/next\n\nnext",
        &[main, next],
    );
    // Two of Carol's pull requests Alice landed herself, minutes apart.
    for (minute, title) in [("00", "fix: a (#21)"), ("05", "fix: b (#22)")] {
        at = make_committed(
            repo,
            CAROL,
            ALICE,
            (
                "2026-02-11T09:00:00Z",
                &format!("2026-02-12T10:{minute}:00Z"),
            ),
            title,
            &[at],
        );
    }
    finish(repo, at);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        review_titles(&p),
        [
            "Landed Carol Contributor's change: fix: a (#21)",
            "Landed Carol Contributor's change: fix: b (#22)",
        ]
    );
}

#[test]
fn a_merge_of_an_integration_branch_of_pull_requests_merged_on_the_forge_reviews_nobody() {
    // hono's `next`: pull requests GitHub squash-merged into it, then `next` merged into
    // main (`Merge pull request #4461 from honojs/next`). That syncs a branch; it had read
    // as a review of whoever wrote next's first commit.
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("hono");
    let repo = &r.repo;
    let main = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let mut next = main;
    for (who, day, title) in [
        (
            CAROL,
            "2026-02-02",
            "feat(request): add cloneRawRequest (#41)",
        ),
        (DAVE, "2026-02-03", "feat(ssg): add a default plugin (#42)"),
        (
            BOB,
            "2026-02-04",
            "feat(types): pass middleware types (#43)",
        ),
    ] {
        next = make_committed(
            repo,
            who,
            GITHUB,
            (&format!("{day}T10:00:00Z"), &format!("{day}T11:00:00Z")),
            title,
            &[next],
        );
    }
    let synced = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-05T10:00:00Z",
        "Merge pull request #44 from acme/next\n\nNext",
        &[main, next],
    );
    let carols = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-06T10:00:00Z",
        "Fix the router",
        &[synced],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-07T10:00:00Z",
        "Merge pull request #45 from carol/router\n\nFix the router",
        &[synced, carols],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        review_titles(&p),
        ["Merged carol's pull request #45: Fix the router"]
    );
}

#[test]
fn a_contributors_pull_request_rebased_onto_the_persons_commits_stays_theirs() {
    // cargo's maintainer rebased winklemad's #17274 onto three commits of his and merged
    // it through the merge queue (`Title (#N)`, no login); pytest's put a commit of his
    // under WarrenTheRabbit's rebased one (`from WarrenTheRabbit/…`). The first commit
    // is the person's, the pull request is not: a review, and the contributor's commits
    // the person committed are part of it, not landings of their own.
    let sb = Sandbox::new();
    let r = sb.repo("cargo");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let mut at = branch_of(
        repo,
        base,
        "2026-02-02",
        &[
            (ALICE, "test: Verify error spans"),
            (ALICE, "refactor: Clarify lengths"),
        ],
    );
    for (hour, title) in [
        ("10", "fix: Don't panic on a short fence"),
        ("11", "fix: Count the fence"),
    ] {
        at = make_committed(
            repo,
            CAROL,
            ALICE,
            (&format!("2026-02-01T{hour}:30:00Z"), "2026-02-02T13:00:00Z"),
            title,
            &[at],
        );
    }
    let queued = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-02T14:00:00Z",
        "fix: Don't panic on a short fence (#7)",
        &[base, at],
    );
    let mine = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "python: add a subclass",
        &[queued],
    );
    let theirs = make_committed(
        repo,
        CAROL,
        ALICE,
        ("2026-01-15T10:00:00Z", "2026-02-03T10:05:00Z"),
        "fixtures: exclude direct-param fixtures",
        &[mine],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-03T11:00:00Z",
        "Merge pull request #12129 from carol/exclude\n\nExclude pseudo fixtures",
        &[queued, theirs],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        review_titles(&p),
        [
            "Merged Carol Contributor's pull request #7: fix: Don't panic on a short fence (with 2 commits of yours)",
            "Merged carol's pull request #12129: Exclude pseudo fixtures (with 1 commit of yours)",
        ]
    );
    assert_eq!(p["totals"]["people_reviewed"], 1, "{}", p["totals"]);
}

#[test]
fn a_commit_authored_in_the_period_but_committed_before_it_gets_its_pull_request() {
    // A clock ahead on the author's machine: authored in the period, committed before it.
    // The header scan finds it after the walk of the period, and the pull request that
    // merged it must still be set on its record.
    let sb = Sandbox::new();
    let r = sb.repo("skew");
    let repo = &r.repo;
    let base = make(repo, CAROL, CAROL, "2025-11-01T10:00:00Z", "Initial", &[]);
    let skewed = make_committed(
        repo,
        ALICE,
        ALICE,
        ("2026-01-10T10:00:00Z", "2025-12-20T10:00:00Z"),
        "search: index documents",
        &[base],
    );
    let main = make(repo, CAROL, CAROL, "2026-01-12T10:00:00Z", "Tidy", &[base]);
    let merge = make(
        repo,
        CAROL,
        CAROL,
        "2026-01-15T10:00:00Z",
        "Merge pull request #21 from alice/search\n\nAdd search indexing",
        &[main, skewed],
    );
    finish(repo, merge);
    // Without a commit-graph every commit is read in one pass; with one, the commit is
    // committed before the period and found by the header scan, after the walk.
    for graph in [false, true] {
        if graph {
            git(&r.path, &["commit-graph", "write", "--reachable"]);
        }
        let p = portfolio(&sb, &r.path, &[]);
        let commits = by_id(&p, "git:skew:");
        assert_eq!(commits.len(), 1, "commit-graph: {graph}: {commits:?}");
        assert_eq!(commits[0]["title"], "search: index documents");
        assert_eq!(commits[0]["meta"]["pr_number"], 21, "{}", commits[0]);
        assert_eq!(commits[0]["meta"]["pr_title"], "Add search indexing");
    }
}

#[test]
fn the_persons_commits_on_branches_head_does_not_reach_are_said() {
    // jackson-databind's maintainer worked a third of his year on `3.x`, which the HEAD
    // read (`2.19`) does not reach, and the page said nothing of it.
    let sb = Sandbox::new();
    let r = sb.repo("lib");
    let repo = &r.repo;
    let root = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let main = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Add the parser",
        &[root],
    );
    // On `next`: a copy of the parser commit (counted on main), her own rewrite, Bob's.
    let copy = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Add the parser",
        &[root],
    );
    let own = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Rewrite the lexer",
        &[copy],
    );
    let bobs = make(
        repo,
        BOB,
        BOB,
        "2026-02-05T10:00:00Z",
        "Tune the lexer",
        &[own],
    );
    // An old branch, before the period: nothing of it is the period's.
    let old = make(repo, ALICE, ALICE, "2025-06-01T10:00:00Z", "Old work", &[]);
    repo.reference("refs/heads/next", bobs, true, "fixture")
        .unwrap();
    repo.reference("refs/heads/old", old, true, "fixture")
        .unwrap();
    // `lexer`, left behind once GitHub squash-merged it as #7: copies of the squash.
    let first = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Add the lexer",
        &[root],
    );
    let second = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T11:00:00Z",
        "Fix the lexer tests",
        &[first],
    );
    repo.reference("refs/heads/lexer", second, true, "fixture")
        .unwrap();
    let squash = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-06T10:00:00Z",
        "Add the lexer (#7)\n\n* Add the lexer\n\n* Fix the lexer tests\n",
        &[main],
    );
    finish(repo, squash);
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["commits"], 3);
    let entries = unseen(&p, "other-branches");
    assert_eq!(entries.len(), 1, "{:#}", p["collection"]);
    assert_eq!(entries[0]["commits"], 1);
    assert_eq!(entries[0]["ids"], json!(["next"]));
    let expected = "1 commit of the person's in the period is on branches the HEAD of lib does not reach (`next`: 1), and it was not read: evident reads HEAD, as `git log` does. To read every branch, pass --all-branches";
    assert_eq!(entries[0]["message"], expected);
    let md = report(&sb, &p, "md");
    let seen = md.split("## What could not be seen").nth(1).unwrap();
    assert!(
        seen.contains("is on branches the HEAD of lib does not reach"),
        "{md}"
    );
    // Read with every branch, its commits are counted as `git log --all` counts them
    // (the copy too), and nothing is said.
    let all = portfolio(&sb, &r.path, &["--all-branches"]);
    assert_eq!(all["totals"]["commits"], 7);
    assert!(unseen(&all, "other-branches").is_empty());
}

#[test]
fn a_release_tagged_twice_is_one_commit_and_candidates_are_said() {
    // prometheus tags each release twice (`v3.7.0`, and `v0.307.0` for its Go module),
    // its release candidates first: "19 release tags are yours" were ten tagged commits.
    let sb = Sandbox::new();
    let r = sb.repo("tags");
    let repo = &r.repo;
    let root = make(repo, ALICE, ALICE, "2026-02-01T10:00:00Z", "Initial", &[]);
    let rc = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-10T10:00:00Z",
        "Prepare 3.7.0-rc.0",
        &[root],
    );
    let done = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-20T10:00:00Z",
        "Fix the parser",
        &[rc],
    );
    finish(repo, done);
    annotated_tag(repo, "v3.7.0-rc.0", ALICE, "2026-02-10T11:00:00Z", rc);
    annotated_tag(repo, "v0.307.0-rc.0", ALICE, "2026-02-10T11:00:00Z", rc);
    annotated_tag(repo, "v3.7.0", ALICE, "2026-02-20T11:00:00Z", done);
    annotated_tag(repo, "v0.307.0", ALICE, "2026-02-20T11:00:00Z", done);
    let p = portfolio(&sb, &r.path, &[]);
    let tags = &p["collection"]["sources"][0]["release_tags"];
    assert_eq!(tags["persons"], 4, "{tags}");
    assert_eq!(tags["commits"], 2, "{tags}");
    assert_eq!(tags["candidates"], 2, "{tags}");
    let said = not_seen_entry(&p, "release-tags");
    let text = said["text"].as_str().unwrap();
    assert!(
        text.starts_with("4 release tags in the period are yours (v0.307.0-rc.0, v3.7.0-rc.0, v0.307.0, v3.7.0; on 2 commits, 2 of the tags pre-releases): "),
        "{text}"
    );
}

#[test]
fn the_persons_release_tags_are_said_not_read() {
    // caddy: nine releases in a year, recorded only as annotated tags; the page had said
    // nothing of them.
    let sb = Sandbox::new();
    let r = sb.repo("tags");
    let repo = &r.repo;
    let old = make(repo, ALICE, ALICE, "2025-11-01T10:00:00Z", "Initial", &[]);
    let work = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the parser",
        &[old],
    );
    let tip = make(
        repo,
        CAROL,
        CAROL,
        "2026-03-01T10:00:00Z",
        "Fix the parser",
        &[work],
    );
    finish(repo, tip);
    annotated_tag(repo, "v1.0.0", ALICE, "2025-11-02T10:00:00Z", old);
    annotated_tag(repo, "v1.1.0", ALICE, "2026-02-02T10:00:00Z", work);
    annotated_tag(repo, "v1.1.1", CAROL, "2026-03-02T10:00:00Z", tip);
    // Made in the period on a commit of before it: not the period's release.
    annotated_tag(repo, "v1.0.0-lts", ALICE, "2026-02-03T10:00:00Z", old);
    let light = repo.find_object(tip, None).unwrap();
    repo.tag_lightweight("latest", &light, false).unwrap();
    // Loose tag refs, then with a commit-graph, then packed (packed-refs records the
    // commit each tag peels to, which the count reads first).
    for step in ["loose", "commit-graph", "packed"] {
        match step {
            "commit-graph" => {
                git(&r.path, &["commit-graph", "write", "--reachable"]);
            }
            "packed" => {
                git(&r.path, &["pack-refs", "--all"]);
            }
            _ => {}
        }
        let p = portfolio(&sb, &r.path, &[]);
        assert_eq!(
            p["collection"]["sources"][0]["release_tags"],
            json!({"tags": 2, "persons": 1, "commits": 1, "names": ["v1.1.0"]}),
            "{step}"
        );
        let said = not_seen_entry(&p, "release-tags");
        assert_eq!(
            said["text"],
            "1 release tag in the period is yours (v1.1.0, of 2 on the history read): evident reads commits, not tags, so the release it marks counts only where a commit of yours names the version."
        );
    }
    // Each hears of the tags they made.
    let carol = json_stdout(
        sb.evident()
            .args(["run", "--repo"])
            .arg(&r.path)
            .args(["--author", "carol@example.com", "--since", "2026-01-01"])
            .args(["--until", "2026-06-30", "--format", "json", "--no-store"]),
    );
    assert!(
        carol["not_seen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["source"] == "release-tags"),
        "Carol tagged v1.1.1: {:#}",
        carol["not_seen"]
    );
}

#[test]
fn a_release_commit_just_before_its_tag_counts_and_an_automations_tags_are_said() {
    // just tagged 1.49.0 on the pin bump merged after its "Release 1.49.0": the line said
    // one release was not seen and asked for a note that would count it twice. lazygit's
    // 17 releases were tagged by its release workflow, and the page said nothing.
    let sb = Sandbox::new();
    let r = sb.repo("tags");
    let repo = &r.repo;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the parser",
        &[],
    );
    let release = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Release 1.49.0 (#3251)",
        &[base],
    );
    let bump = make(
        repo,
        BOB,
        BOB,
        "2026-02-02T11:00:00Z",
        "Update softprops/action-gh-release to 2.6.1 (#3253)",
        &[release],
    );
    let later = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-01T10:00:00Z",
        "Fix the parser",
        &[bump],
    );
    finish(repo, later);
    annotated_tag(repo, "1.49.0", ALICE, "2026-02-02T12:00:00Z", bump);
    let p = portfolio(&sb, &r.path, &[]);
    let said = not_seen_entry(&p, "release-tags");
    assert!(
        said["text"]
            .as_str()
            .unwrap()
            .ends_with("It does: a commit of yours at or just before the tag names the version."),
        "{said}"
    );
    assert_eq!(said["how"], "nothing more: each counts as that commit");

    // Tagged by a workflow's bot: no one's, and said so.
    let bot = WORKFLOW;
    annotated_tag(repo, "v2.0.0", bot, "2026-03-02T10:00:00Z", later);
    let bobs = json_stdout(
        sb.evident()
            .args(["run", "--repo"])
            .arg(&r.path)
            .args(["--author", "bob@example.com", "--since", "2026-01-01"])
            .args(["--until", "2026-06-30", "--format", "json", "--no-store"]),
    );
    let said = not_seen_entry(&bobs, "release-tags");
    assert_eq!(
        said["text"],
        "1 annotated release tag in the period was made by an automation (github-actions[bot]): git does not record who started it, so the release it marks counts for no one."
    );
    assert!(
        said["how"]
            .as_str()
            .unwrap()
            .starts_with("if you ran those releases")
    );

    // A workflow's tag on the person's own release commit is their release, named.
    let release = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-05T10:00:00Z",
        "Release 3.0.0",
        &[later],
    );
    finish(repo, release);
    annotated_tag(repo, "v3.0.0", bot, "2026-03-05T11:00:00Z", release);
    // Not a pre-release's commit: "Release 3.1.0-rc.1" does not name v3.1.0.
    let rc = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-06T10:00:00Z",
        "Release 3.1.0-rc.1",
        &[release],
    );
    finish(repo, rc);
    annotated_tag(repo, "v3.1.0", ALICE, "2026-03-06T11:00:00Z", rc);
    // tailwindcss: a lightweight tag on a squash-merged version commit, counted and
    // named; a lightweight tag that names no version, or a development version, is no
    // release.
    let squashed = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-07T10:00:00Z",
        "4.0.0 (#20334)",
        &[rc],
    );
    finish(repo, squashed);
    let object = repo.find_object(squashed, None).unwrap();
    repo.tag_lightweight("v4.0.0", &object, false).unwrap();
    repo.tag_lightweight("nightly", &object, false).unwrap();
    // Nor a development marker (setuptools-scm's `9.1.0.dev0` on pytest's main line).
    repo.tag_lightweight("4.1.0.dev0", &object, false).unwrap();
    let p = portfolio(&sb, &r.path, &[]);
    let tags = &p["collection"]["sources"][0]["release_tags"];
    assert_eq!(
        tags["names"],
        json!(["1.49.0", "v3.0.0", "v3.1.0", "v4.0.0"]),
        "{tags}"
    );
    assert_eq!(tags["tags"], 5, "{tags}");
    assert_eq!(tags["named"], 3, "1.49.0, v3.0.0, v4.0.0: {tags}");
    assert_eq!(tags["by_automation"], 1, "v2.0.0 only: {tags}");
    let release = item_titled(&p, "4.0.0 (#20334)");
    assert!(
        release["matches"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["rule"] == "release"),
        "{release}"
    );

    // bat: the tag on the merge of a "Prepare to release" branch is named by its commit.
    let prepared = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-08T10:00:00Z",
        "Prepare to release v5.0.0",
        &[squashed],
    );
    let merge = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-08T12:00:00Z",
        "Merge pull request #3400 from alice/prepare_release",
        &[squashed, prepared],
    );
    finish(repo, merge);
    let object = repo.find_object(merge, None).unwrap();
    repo.tag_lightweight("v5.0.0", &object, false).unwrap();
    let p = portfolio(&sb, &r.path, &[]);
    let tags = &p["collection"]["sources"][0]["release_tags"];
    assert_eq!(tags["named"], 4, "{tags}");
}

#[test]
fn the_pipeline_goal_names_own_changes_to_a_pipelines_files_no_rule_took() {
    // just: "Build docker images" (a release job, its Dockerfile and the tool it builds)
    // was a likely feature, and the pipeline goal named a one-line condition instead. A
    // change the model guesses is pipeline work is said by the guesses' note already; a
    // feature that edits one line of a workflow is not named.
    let sb = Sandbox::new();
    let r = sb.repo("just");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the `--changelog` option (#3174)",
        &[
            Change::Write(".github/workflows/release.yaml", &lines("job", 70)),
            Change::Write("src/changelog.rs", &lines("changelog option", 200)),
        ],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Allow recipes to take `--long` options (#3026)",
        &[
            Change::Write(".github/workflows/ci.yaml", "run: just --long test\n"),
            Change::Write("src/recipe.rs", &lines("long option", 300)),
            Change::Write("tests/long.rs", &lines("long test", 100)),
        ],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let pipeline = statement(&p, "domain-expertise/delivery-pipeline");
    let goal = pipeline["goal"].as_str().unwrap();
    let tool = item_titled(&p, "Add the `--changelog` option (#3174)");
    assert_ne!(tool["primary"], "ci-cd", "{tool}");
    assert_eq!(tool["meta"]["pipeline_lines"], 70, "{tool}");
    assert!(
        goal.contains(&format!(
            "1 change of yours also changes a pipeline's files without being judged pipeline work: \"Add the `--changelog` option (#3174)\" (`{}`)",
            tool["id"].as_str().unwrap()
        )),
        "{goal}"
    );
    assert!(!goal.contains("--long"), "{goal}");
}

#[test]
fn kept_results_are_not_reused_for_a_period_a_release_tag_falls_outside() {
    // The same commits in both periods, but the tag on one of them was made in the second
    // only: the kept count of tags would have been the first period's.
    let sb = Sandbox::new();
    let r = sb.repo("tags");
    let repo = &r.repo;
    let first = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-05T10:00:00Z",
        "Add the parser",
        &[],
    );
    let tip = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-20T10:00:00Z",
        "Fix the parser",
        &[first],
    );
    finish(repo, tip);
    annotated_tag(repo, "v1.0.0", ALICE, "2026-02-10T10:00:00Z", tip);
    let tags = |until: &str, store: &[&str]| {
        let v = json_stdout(
            sb.evident()
                .args(["collect", "--repo"])
                .arg(&r.path)
                .args(["--author", "alice@example.com", "--no-design-docs"])
                .args(["--since", "2026-01-01", "--until", until])
                .args(store),
        );
        v["collection"]["sources"][0]["release_tags"]["tags"].clone()
    };
    assert_eq!(tags("2026-02-28", &["--no-store"]), 1);
    assert_eq!(
        tags("2026-01-31", &["--store", "kept"]),
        json!(null),
        "none in January"
    );
    assert_eq!(tags("2026-02-28", &["--store", "kept"]), 1);
}

#[test]
fn a_task_done_under_one_title_week_after_week_counts_once() {
    // fastapi: a scheduled workflow's `👥 Update FastAPI People - Sponsors` pull requests,
    // under its maintainer's name, had counted as dozens of pieces of unglamorous work.
    let sb = Sandbox::new();
    let r = sb.repo("fastapi");
    for week in 0..6u32 {
        r.commit(
            ALICE,
            &format!("2026-03-{:02}T08:00:00Z", 2 + 7 * (week % 4) + week / 4),
            &format!("👥 Update FastAPI People - Sponsors (#{})", 200 + week),
            // Each week's list is another length: not one change landed again.
            &[Change::Write(
                "docs/en/data/sponsors.yml",
                &lines(&format!("sponsor{week}"), 10 + week as usize),
            )],
        );
    }
    r.commit(
        ALICE,
        "2026-04-01T10:00:00Z",
        "Fix the router's default response class",
        &[Change::Write("fastapi/routing.py", "fixed\n")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        p["totals"]["commits"], 7,
        "every commit stays in the totals"
    );
    let people: Vec<&Value> = by_id(&p, "git:fastapi:")
        .into_iter()
        .filter(|i| i["title"].as_str().unwrap().starts_with("👥"))
        .collect();
    assert_eq!(people.len(), 6);
    let counted: Vec<&&Value> = people
        .iter()
        .filter(|i| i["counted_with"].is_null())
        .collect();
    assert_eq!(counted.len(), 1, "one recurring task: {people:#?}");
    assert!(
        people
            .iter()
            .filter(|i| !i["counted_with"].is_null())
            .all(|i| i["counted_why"] == "recurring"),
        "{people:#?}"
    );
    let first = counted[0]["id"].as_str().unwrap();
    assert_eq!(
        counted[0]["title"],
        "👥 Update FastAPI People - Sponsors (#200)"
    );
    let file = write_json(&sb, "p.json", &p);
    let later = people
        .iter()
        .find(|i| !i["counted_with"].is_null())
        .unwrap();
    let out = sb
        .evident()
        .args(["explain", later["id"].as_str().unwrap(), "--input"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "  one of 6 items with this title: a recurring task, counted once with the first, {first}, so it supports no statement of its own"
        )),
        "{text}"
    );
}

#[test]
fn a_backport_names_what_it_copies_and_anothers_change_copied_is_theirs() {
    // aiohttp: the maintainer copies every pull request onto two release branches
    // (`Title (#N) (#M)`, `(cherry picked from commit …)`): his own feature had been three
    // big features, and a contributor's feature he backported "your share 100%".
    let sb = Sandbox::new();
    let r = sb.repo("aiohttp");
    let own = r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Add max_headers parameter (#11955)",
        &[Change::Write(
            "aiohttp/http_parser.py",
            &lines("headers", 80),
        )],
    );
    let bobs = r.commit(
        BOB,
        "2026-02-03T10:00:00Z",
        "Allow JSONEncoder to return bytes directly (#11989)",
        &[Change::Write("aiohttp/json.py", &lines("json", 150))],
    );
    let copy = r.commit(
        ALICE,
        "2026-02-04T10:00:00Z",
        &format!(
            "Add max_headers parameter (#11955) (#11959)\n\n(cherry picked from commit {own})"
        ),
        &[Change::Write(
            "aiohttp/http_parser_314.py",
            &lines("headers314", 78),
        )],
    );
    r.commit(
        ALICE,
        "2026-02-05T10:00:00Z",
        &format!("Add max_headers parameter (#11955) (#11959) (#11960)\n\n(cherry picked from commit {own})\n\n(cherry picked from commit {copy})"),
        &[Change::Write("aiohttp/http_parser_315.py", &lines("headers315", 77))],
    );
    r.commit(
        ALICE,
        "2026-02-06T10:00:00Z",
        &format!("Allow JSONEncoder to return bytes directly (#11989) (#12115)\n\n(cherry picked from commit {bobs})"),
        &[Change::Write("aiohttp/json_314.py", &lines("json314", 150))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["commits"], 4, "git's count: {}", p["totals"]);
    let item = |title: &str| item_titled(&p, title);
    let first = item("Add max_headers parameter (#11955)");
    assert!(first["counted_with"].is_null());
    for copy in [
        "Add max_headers parameter (#11955) (#11959)",
        "Add max_headers parameter (#11955) (#11959) (#11960)",
    ] {
        assert_eq!(item(copy)["counted_with"], first["id"], "{copy}");
    }
    let backport = item("Allow JSONEncoder to return bytes directly (#11989) (#12115)");
    assert_eq!(backport["meta"]["copy_of"], bobs.to_string());
    assert_eq!(
        backport["meta"]["copy_of_author"],
        "Bob Builder <bob@example.com>"
    );
    assert!(
        backport["weight"].as_f64().unwrap() < first["weight"].as_f64().unwrap(),
        "another's change copied weighs half"
    );
    let led = listed_initiatives(&p, "features-led");
    assert!(
        !led.iter().any(|n| n.contains("JSONEncoder")),
        "Bob's feature is not one Alice led: {led:?}"
    );
    let md = report(&sb, &p, "md");
    let short = &bobs.to_string()[..10];
    assert!(
        md.contains(&format!(
            "| 2026-02-06 | commit, copy of Bob Builder's {short} | aiohttp |"
        )),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains(&format!("commit, copy of Bob Builder's {short}</td>")),
        "{html}"
    );
    // Another tool's record with an author but no commit copied renders all the same.
    let mut odd = p.clone();
    for it in odd["items"].as_array_mut().unwrap() {
        if let Some(meta) = it["meta"].as_object_mut() {
            meta.remove("copy_of");
        }
    }
    let md = report(&sb, &odd, "md");
    assert!(!md.contains("copy of Bob Builder"), "{md}");
    report(&sb, &odd, "html");
    let file = write_json(&sb, "p.json", &p);
    let out = sb
        .evident()
        .args(["explain", backport["id"].as_str().unwrap(), "--input"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("  a copy of Bob Builder <bob@example.com>'s commit {bobs} (`cherry picked from`): their work, weighing half, and no work you led or wrote yourself")),
        "{text}"
    );
}

#[test]
fn the_summary_says_how_many_lines_a_tool_wrote() {
    // setuptools: 68% of its maintainer's added lines were a vendored package's refresh,
    // and the summary's "+8009 −22034" did not say so.
    let sb = Sandbox::new();
    let r = sb.repo("setuptools");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Update vendored packaging",
        &[Change::Write(
            "setuptools/_vendor/packaging/tags.py",
            &lines("vendored", 180),
        )],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Fix the license expression check",
        &[Change::Write(
            "setuptools/config/license.py",
            &lines("own", 20),
        )],
    );
    // fastapi: two thirds of its maintainer's lines were machine translations, unsaid.
    r.commit(
        ALICE,
        "2026-02-03T10:00:00Z",
        "🌐 Update translations for pt",
        &[Change::Write("docs/pt/docs/index.md", &lines("pt", 60))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["additions"], 260);
    assert_eq!(p["totals"]["tool_lines"], 180);
    assert_eq!(p["totals"]["translation_lines"], 60);
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("**3** commits authored (+260 −0 lines; 180 of these lines are in files a tool writes: lock, vendored, generated or snapshot files; 60 of these lines are in translations of the documentation)"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains("(180 of these lines are in files a tool writes: lock, vendored, generated or snapshot files) (60 of these lines are in translations of the documentation)"),
        "{html}"
    );
}

#[test]
fn lines_moved_or_reindented_are_said_and_weigh_as_lines_not_written() {
    // just: "Organize readme into sections" (+3060 −3039) removed and added again 3,020
    // lines and wrote about 40, and led its author's unglamorous work on its size; "Fix test string
    // indentation" (+2744 −2744) changed only whitespace.
    let sb = Sandbox::new();
    let r = sb.repo("just");
    let (usage, recipes) = (lines("usage", 100), lines("recipes", 100));
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Write the readme",
        &[Change::Write("README.md", &format!("{usage}\n{recipes}"))],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Organize readme into sections",
        &[Change::Write(
            "README.md",
            &format!("Recipes\n-------\n{recipes}\nUsage\n-----\n{usage}"),
        )],
    );
    let indented: String = recipes.lines().map(|l| format!("    {l}\n")).collect();
    r.commit(
        ALICE,
        "2026-02-03T10:00:00Z",
        "Indent the recipes",
        &[Change::Write(
            "README.md",
            &format!("Recipes\n-------\n{indented}\nUsage\n-----\n{usage}"),
        )],
    );
    r.commit(
        ALICE,
        "2026-02-04T10:00:00Z",
        "Document the recipe cache",
        &[Change::Write("docs/cache.md", &lines("cache", 40))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let moved = |t: &str| {
        item_titled(&p, t)["meta"]["moved_lines"]
            .as_u64()
            .unwrap_or(0)
    };
    let churn = |t: &str| {
        let it = item_titled(&p, t);
        it["additions"].as_u64().unwrap() + it["deletions"].as_u64().unwrap()
    };
    let weight = |t: &str| item_titled(&p, t)["weight"].as_f64().unwrap();
    let organized = "Organize readme into sections";
    // Every line but the four headings and the blank lines between sections moved.
    assert!(
        moved(organized) >= churn(organized) - 8,
        "{}",
        moved(organized)
    );
    assert_eq!(moved("Indent the recipes"), churn("Indent the recipes"));
    assert_eq!(moved("Write the readme"), 0);
    assert_eq!(moved("Document the recipe cache"), 0);
    assert!(
        weight(organized) < weight("Document the recipe cache"),
        "a reorganisation weighs less than 40 lines written: {} against {}",
        weight(organized),
        weight("Document the recipe cache")
    );
    assert!(weight("Indent the recipes") < weight("Document the recipe cache"));
    let total = p["totals"]["moved_lines"].as_u64().unwrap();
    assert_eq!(total, moved(organized) + churn("Indent the recipes"));
    let md = report(&sb, &p, "md");
    assert!(
        md.contains(&format!("about {total} of these lines were moved or re-indented: removed and added again in the same commit, not written")),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains(&format!("(about {total} of these lines were moved or re-indented: removed and added again in the same commit, not written)")),
        "{html}"
    );
}

#[test]
fn a_commit_in_two_repositories_read_counts_once_and_is_said() {
    // setuptools merges pypa/distutils' history: read together, 175 commits where there
    // were 115. A fork and its upstream hold the same commits the same way.
    let sb = Sandbox::new();
    let upstream = sb.repo("distutils");
    let fork = sb.repo("setuptools");
    for r in [&upstream, &fork] {
        r.commit(
            ALICE,
            "2026-02-01T10:00:00Z",
            "Decouple the compilers",
            &[Change::Write("compilers/base.py", &lines("base", 40))],
        );
        r.commit(
            ALICE,
            "2026-02-02T10:00:00Z",
            "Add the MSVC compiler",
            &[
                Change::Write("compilers/msvc.py", &lines("msvc", 30)),
                Change::Write(
                    "docs/design/compilers.md",
                    "# Compilers design\n\n## Motivation\n\nOne interface for every compiler.\n",
                ),
            ],
        );
    }
    fork.commit(
        ALICE,
        "2026-02-03T10:00:00Z",
        "Vendor the compilers",
        &[Change::Write(
            "setuptools/compilers.py",
            &lines("vendor", 10),
        )],
    );
    let arg = fork.path.display().to_string();
    let p = portfolio(&sb, &upstream.path, &["--repo", &arg]);
    assert_eq!(p["totals"]["commits"], 3, "{}", p["totals"]);
    assert_eq!(p["totals"]["additions"], 85);
    assert_eq!(by_id(&p, "git:distutils:").len(), 2);
    assert_eq!(by_id(&p, "git:setuptools:").len(), 1);
    // The design doc the shared commit wrote counts once too.
    assert_eq!(by_id(&p, "doc:").len(), 1, "{:#?}", by_id(&p, "doc:"));
    // Given the other way round, the same ids: the first by path keeps them, as a store's
    // merge does.
    let other = upstream.path.display().to_string();
    let reversed = portfolio(&sb, &fork.path, &["--repo", &other]);
    assert_eq!(by_id(&reversed, "git:distutils:").len(), 2);
    assert_eq!(by_id(&reversed, "git:setuptools:").len(), 1);
    // Said, and no warning: the collection saw everything (a `--strict` run passes).
    assert_eq!(
        p["collection"]["sources"][1]["counted_in"],
        json!({"distutils": 2})
    );
    assert_eq!(
        not_seen_entry(&p, "shared-commits")["text"],
        "2 commits of yours are in more than one repository read and are counted once, in the repository whose path comes first: 2 commits of `setuptools` counted in `distutils`; `git log` in each repository counts them in each."
    );
    let strict = portfolio(&sb, &upstream.path, &["--repo", &arg, "--strict"]);
    assert_eq!(strict["collection"]["warnings"], json!([]));
    // Collected apart and merged: the same.
    for (shard, r) in [("s1", &upstream), ("s2", &fork)] {
        sb.evident()
            .args(["collect", "--author", PERSON, "--repo"])
            .arg(&r.path)
            .args(["--since", "2026-01-01", "--until", "2026-06-30"])
            .args(["--store", shard, "--output", &format!("{shard}.json")])
            .assert()
            .success();
    }
    let merged = json_stdout(sb.evident().args(["merge", "s2", "s1"]));
    let commits = merged["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "commit")
        .count();
    assert_eq!(commits, 3);
    let setuptools = merged["collection"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "setuptools")
        .unwrap();
    assert_eq!(setuptools["counted_in"], json!({"distutils": 2}));
}

#[test]
fn two_repositories_of_one_name_are_said() {
    // Two bare mirrors both called `repo` had run together into "1 repository".
    let sb = Sandbox::new();
    let a = sb.repo("a/repo");
    let b = sb.repo("b/repo");
    a.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the parser",
        &[Change::Write("p.rs", "p\n")],
    );
    b.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Add the lexer",
        &[Change::Write("l.rs", "l\n")],
    );
    let arg = b.path.display().to_string();
    let p = portfolio(&sb, &a.path, &["--repo", &arg]);
    assert_eq!(p["totals"]["commits"], 2);
    // Two clones of one repository: each commit once, every id once.
    let c = sb.repo("c/repo");
    c.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the parser",
        &[Change::Write("p.rs", "p\n")],
    );
    let clone = c.path.display().to_string();
    let twice = portfolio(&sb, &a.path, &["--repo", &clone, "--strict"]);
    assert_eq!(twice["totals"]["commits"], 1, "{}", twice["totals"]);
    assert_eq!(
        twice["collection"]["warnings"],
        json!([]),
        "nothing to warn of"
    );
    let warnings = p["collection"]["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("2 repositories read are named repo:")),
        "{warnings:?}"
    );
}

#[test]
fn with_all_branches_work_head_does_not_reach_is_marked_and_said() {
    // aiohttp: unmerged fuzzing and coverage experiments, read with --all-branches, had
    // made the pipeline statements strong without a word that they were not merged.
    let sb = Sandbox::new();
    let r = sb.repo("aiohttp");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Fix the multipart parser",
        &[Change::Write("aiohttp/multipart.py", &lines("fix", 20))],
    );
    let main = r.repo.head().unwrap().shorthand().unwrap().to_string();
    r.branch("fuzz");
    r.checkout("fuzz");
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Add fuzzing to CI",
        &[Change::Write(
            ".github/workflows/fuzz.yml",
            &lines("fuzz", 20),
        )],
    );
    r.checkout(&main);
    let p = portfolio(&sb, &r.path, &["--all-branches"]);
    assert_eq!(p["totals"]["commits"], 2);
    assert_eq!(p["totals"]["commits_off_head"], 1);
    let fuzz = item_titled(&p, "Add fuzzing to CI");
    assert_eq!(fuzz["meta"]["off_head"], true);
    assert!(item_titled(&p, "Fix the multipart parser")["meta"]["off_head"].is_null());
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("1 of the commits is on branches the main line (the remote's default branch, else `HEAD`) does not reach: work not merged into it"),
        "{md}"
    );
    assert!(md.contains("not merged in aiohttp"), "{md}");
    // Without --all-branches, nothing of the sort.
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(p["totals"]["commits"], 1);
    assert!(p["totals"]["commits_off_head"].is_null());
    // The main line is the remote's default branch, not what is checked out: with the
    // experiment checked out, it is still the work not merged.
    let tip = r.repo.revparse_single(&main).unwrap().id();
    r.repo
        .reference("refs/remotes/origin/main", tip, true, "fixture")
        .unwrap();
    r.repo
        .reference_symbolic(
            "refs/remotes/origin/HEAD",
            "refs/remotes/origin/main",
            true,
            "fixture",
        )
        .unwrap();
    r.checkout("fuzz");
    let p = portfolio(&sb, &r.path, &["--all-branches"]);
    assert_eq!(p["totals"]["commits_off_head"], 1);
    assert_eq!(
        item_titled(&p, "Add fuzzing to CI")["meta"]["off_head"],
        true
    );
}

#[test]
fn explain_says_when_the_item_a_fold_counts_with_supports_nothing_either() {
    // attrs: seventeen "update dev" were a recurring task counted with the first, which
    // the model never counts: they counted nowhere, and explain did not say so.
    let sb = Sandbox::new();
    let r = sb.repo("attrs");
    for day in 1..=5 {
        r.commit(
            ALICE,
            &format!("2026-02-{day:02}T10:00:00Z"),
            "update dev",
            &[Change::Write("uv.lock", &lines(&format!("lock{day}"), 30))],
        );
    }
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Fix the parser on empty input (#12)",
        &[Change::Write("src/parser.py", &lines("fix", 20))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let file = write_json(&sb, "p.json", &p);
    let explain = |id: &str| {
        let out = sb
            .evident()
            .args(["explain", id, "--input"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let updates: Vec<&Value> = by_id(&p, "git:attrs:")
        .into_iter()
        .filter(|i| i["title"] == "update dev")
        .collect();
    let first = updates
        .iter()
        .find(|i| i["counted_with"].is_null())
        .unwrap();
    assert_eq!(first["statements"], json!([]), "{first}");
    let later = updates
        .iter()
        .find(|i| !i["counted_with"].is_null())
        .unwrap();
    let text = explain(later["id"].as_str().unwrap());
    assert!(
        text.contains(&format!(
            "({} itself supports no statement either)",
            first["id"].as_str().unwrap()
        )),
        "{text}"
    );
}

#[test]
fn small_pushes_within_the_hour_on_the_same_files_are_follow_ups_of_the_first() {
    // attrs: a benchmark job switched to walltime, then tuned in two one- to four-line
    // commits within the hour (a README push between them), had counted as three pieces
    // of pipeline work and made a statement strong.
    let sb = Sandbox::new();
    let r = sb.repo("attrs");
    let ci = ".github/workflows/codspeed.yml";
    let job = |mode: &str| {
        format!(
            "jobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest --codspeed --mode {mode}\n"
        )
    };
    let at = |t: &str| match t.len() {
        5 => format!("2026-05-29T{t}:00Z"),
        _ => format!("2026-05-29T{t}Z"),
    };
    let push = |time: &str, title: &str, changes: &[Change]| {
        r.commit(ALICE, &at(time), title, changes);
    };
    push(
        "10:00",
        "Add codspeed import time benchmarks",
        &[
            Change::Write(ci, &job("instrumentation")),
            Change::Write("bench/test_import.py", &lines("bench", 25)),
        ],
    );
    push(
        "10:05",
        "Switch import benchmarks to walltime",
        &[Change::Write(ci, &job("walltime"))],
    );
    push(
        "10:27",
        "Use the codspeed macro",
        &[Change::Write(ci, &job("macro"))],
    );
    push(
        "10:29",
        "Remove the zenodo badge",
        &[Change::Write(
            "README.md",
            "# attrs\n\nClasses without boilerplate.\n",
        )],
    );
    // Pushed 40 seconds later, as "fix path" was 49 seconds after the Code of Conduct it
    // moved: a push of its own (committed when written), not one of a series.
    push(
        "10:29:40",
        "fix the tagline",
        &[Change::Write(
            "README.md",
            "# attrs\n\nPython classes without boilerplate.\n",
        )],
    );
    push(
        "10:31",
        "Reading comprehension would help",
        &[Change::Write(ci, &job("macro-wall"))],
    );
    // What stands on its own: a pull request's commit, the next piece of work (more
    // lines), a fix naming its issue, and a push after the hour.
    push(
        "10:40",
        "Codspeed macro integration (#1601)",
        &[Change::Write(ci, &job("m2"))],
    );
    push(
        "10:45",
        "Benchmark the validators too",
        &[Change::Write(
            ci,
            &format!("{}{}", job("m3"), lines("more", 25)),
        )],
    );
    let more = lines("more", 25);
    push(
        "10:50",
        "Run the benchmarks on 3.14\n\nCloses #1610",
        &[Change::Write(ci, &format!("{}{more}", job("m4")))],
    );
    push(
        "12:00",
        "Pin the runner",
        &[Change::Write(ci, &format!("{}{more}", job("m5")))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        p["totals"]["commits"], 10,
        "every commit stays in the totals"
    );
    let badge = item_titled(&p, "Remove the zenodo badge");
    let tagline = item_titled(&p, "fix the tagline");
    assert_eq!(tagline["counted_with"], badge["id"], "{tagline}");
    let first = item_titled(&p, "Switch import benchmarks to walltime");
    assert!(first["counted_with"].is_null());
    assert!(
        first["signals"]
            .as_array()
            .unwrap()
            .contains(&json!("ci-cd")),
        "{first}"
    );
    for later in ["Use the codspeed macro", "Reading comprehension would help"] {
        let it = item_titled(&p, later);
        assert_eq!(it["counted_with"], first["id"], "{later}");
        assert_eq!(it["counted_why"], "follow-up", "{later}");
        assert_eq!(it["statements"], json!([]), "{later}");
    }
    assert_stands_alone(
        &p,
        &[
            "Add codspeed import time benchmarks",
            "Remove the zenodo badge",
            "Codspeed macro integration (#1601)",
            "Benchmark the validators too",
            "Run the benchmarks on 3.14",
            "Pin the runner",
        ],
    );
    let md = report(&sb, &p, "markdown");
    assert!(md.contains(", a follow-up of it) |"), "{md}");
}

#[test]
fn sharing_a_file_most_of_the_persons_work_touches_is_no_sign_of_a_follow_up() {
    // fzf: two bug fixes within the hour that share only `terminal.go`, which a third of
    // its maintainer's commits touch, had been one.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    for day in 1..=10 {
        r.commit(
            ALICE,
            &format!("2026-03-{day:02}T10:00:00Z"),
            &format!("Add option {day}"),
            &[
                Change::Write("src/terminal.go", &lines(&format!("t{day}"), 3)),
                Change::Write(&format!("src/option{day}.go"), &lines("o", 40)),
            ],
        );
    }
    let fix = |time: &str, title: &str, tag: &str, own: &str| {
        r.commit(
            ALICE,
            &format!("2026-04-01T{time}:00Z"),
            title,
            &[
                Change::Write("src/terminal.go", &lines(tag, 4)),
                Change::Write(own, &lines(tag, 2)),
            ],
        );
    };
    fix(
        "10:00",
        "Fix the preview border",
        "border",
        "src/preview.go",
    );
    fix("10:20", "Fix the query cursor", "cursor", "src/query.go");
    let p = portfolio(&sb, &r.path, &[]);
    assert_stands_alone(&p, &["Fix the query cursor"]);
}

#[test]
fn a_shared_test_file_or_a_small_feature_is_no_sign_of_a_follow_up() {
    // fzf: an O_EXCL hardening shared only the tmux tests with the pane fix before it,
    // and "CTRL-R supports multi-select" came half an hour after another key binding.
    let sb = Sandbox::new();
    let r = sb.repo("fzf");
    let at = |t: &str| format!("2026-04-02T{t}:00Z");
    let commit = |t: &str, title: &str, changes: &[Change]| {
        r.commit(ALICE, &at(t), title, changes);
    };
    commit(
        "10:00",
        "Clear the pane border",
        &[
            Change::Write("src/pane.go", &lines("pane", 3)),
            Change::Write("test/test_tmux.rb", &lines("tmux", 3)),
        ],
    );
    commit(
        "10:15",
        "Pre-create the become file with O_EXCL",
        &[
            Change::Write("src/become.go", &lines("excl", 3)),
            Change::Write("test/test_tmux.rb", &lines("tmux2", 3)),
        ],
    );
    commit(
        "12:00",
        "feat: shift-delete deletes a history entry",
        &[Change::Write(
            "shell/key-bindings.bash",
            &lines("delete", 5),
        )],
    );
    commit(
        "12:30",
        "feat: CTRL-R supports multi-select",
        &[Change::Write("shell/key-bindings.bash", &lines("multi", 6))],
    );
    // A fix its author labelled as one is a change of its own, whatever it shares.
    commit(
        "14:00",
        "fix: crash when the input is empty",
        &[Change::Write("src/main.go", &lines("empty", 4))],
    );
    commit(
        "14:20",
        "fix: wrong exit code for an unknown flag",
        &[Change::Write("src/main.go", &lines("exit", 5))],
    );
    let p = portfolio(&sb, &r.path, &[]);
    assert_stands_alone(
        &p,
        &[
            "Pre-create the become file with O_EXCL",
            "feat: CTRL-R supports multi-select",
            "fix: wrong exit code for an unknown flag",
        ],
    );
}

#[test]
fn a_series_applied_together_or_another_kind_of_work_is_no_follow_up() {
    // git's maintainer's twelve-patch series, written within seconds and committed
    // together, had been folded into its first patch, a comment fix; ripgrep's
    // regression test shared only the changelog with a dependency update.
    let sb = Sandbox::new();
    let r = sb.repo("git");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let write = |parent, times, title, files: &[(&str, &str)]| {
        commit_files(repo, parent, times, title, files)
    };
    let applied = "2026-02-02T14:04:04Z";
    let comment = write(
        base,
        ("2026-02-02T14:02:47Z", applied),
        "whitespace: correct bit assignment comments",
        &[("diff.c", "a\n")],
    );
    let patch = write(
        comment,
        ("2026-02-02T14:02:50Z", applied),
        "diff: correct suppress_blank_empty hack",
        &[("diff.c", "a\nb\n")],
    );
    let fixture = write(
        patch,
        ("2026-02-03T10:00:00Z", "2026-02-03T10:00:00Z"),
        "test: add a fixture for the pager",
        &[
            ("CHANGELOG.md", "x\n"),
            ("pager_test.rs", &lines("pager", 250)),
        ],
    );
    let test = write(
        fixture,
        ("2026-02-03T10:10:00Z", "2026-02-03T10:10:00Z"),
        "test: add a regression test",
        &[("CHANGELOG.md", "x\nz\n"), ("regression_test.rs", "t\n")],
    );
    // A big removal is a piece of work of its own, however few lines it adds.
    let removal = write(
        test,
        ("2026-02-03T10:20:00Z", "2026-02-03T10:20:00Z"),
        "test: drop the old pager tests",
        &[("pager_test.rs", "")],
    );
    finish(repo, removal);
    let p = portfolio(&sb, &r.path, &[]);
    assert_stands_alone(
        &p,
        &[
            "diff: correct suppress_blank_empty hack",
            "test: add a regression test",
            "test: drop the old pager tests",
        ],
    );
}

#[test]
fn a_strong_statement_says_how_much_of_it_is_others_work_co_authored() {
    // tailwindcss: "strong, 106" in its maintainer's domain held 37 contributors' pull
    // requests he co-authored, and the page said only "Strong already: keep it up".
    let sb = Sandbox::new();
    let r = sb.repo("tailwindcss");
    let fixes = [
        (ALICE, "Fix failing CI: pin nuxi", ""),
        (ALICE, "Fix failing CI: node 20", ""),
        (
            CAROL,
            "Fix failing CI: vite 8",
            "\n\nCo-authored-by: Alice Example <alice@example.com>\n",
        ),
        (ALICE, "Fix failing CI: turbopack", ""),
    ];
    for (day, (who, title, trailer)) in fixes.into_iter().enumerate() {
        r.commit(
            who,
            &format!("2026-02-0{}T10:00:00Z", day + 1),
            &format!("{title}{trailer}"),
            &[Change::Write(
                &format!("ci/step{day}.sh"),
                &lines("step", 3 + day),
            )],
        );
    }
    let p = portfolio(&sb, &r.path, &[]);
    let unblocks = statement(&p, "customer-success/unblocks-delivery");
    assert_eq!(unblocks["strength"], "strong", "{unblocks:#}");
    assert_eq!(unblocks["others"], 1, "{unblocks:#}");
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("Strong already: keep it up. 1 of the 4 is another's that you co-authored or copied onto a branch."),
        "{md}"
    );
    // And where the statement's items are listed (psf/black: 21 of a maintainer's 27
    // "strong" domain items were contributors' pull requests he co-authored).
    assert!(
        md.contains("Strength: **strong** (4 items, 1 of them another's that you co-authored or copied onto a branch)."),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains("4 items (1 of them another&#39;s that you co-authored or copied onto a branch) · some from"),
        "{html}"
    );
    assert!(
        html.contains("Strong already: keep it up.</span> 1 of the 4 is another&#39;s that you co-authored or copied onto a branch."),
        "{html}"
    );
}

#[test]
fn a_dependency_update_labelled_a_fix_is_housekeeping_unless_it_closes_a_vulnerability() {
    // tailwindcss: a contributor's "fix: remove unused braces dependencies" (a manifest
    // and its lock file) had been domain and quality evidence.
    let sb = Sandbox::new();
    let r = sb.repo("tailwindcss");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "fix: remove unused braces dependencies",
        &[
            Change::Write("package.json", "{\n  \"name\": \"x\"\n}\n"),
            Change::Write("pnpm-lock.yaml", &lines("lock", 11)),
        ],
    );
    r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "fix(deps): bump braces to 3.0.3 to fix CVE-2024-4068",
        &[
            Change::Write("package.json", "{\n  \"name\": \"y\"\n}\n"),
            Change::Write("pnpm-lock.yaml", &lines("locked", 11)),
        ],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let unused = item_titled(&p, "fix: remove unused braces dependencies");
    assert!(
        unused["mechanical"]
            .as_str()
            .unwrap()
            .starts_with("dependency update"),
        "{unused}"
    );
    let statements: Vec<&str> = unused["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        statements
            .iter()
            .all(|s| !s.ends_with("advanced-in-domain") && !s.ends_with("improves-quality")),
        "{statements:?}"
    );
    let cve = item_titled(&p, "fix(deps): bump braces to 3.0.3 to fix CVE-2024-4068");
    assert!(
        cve["statements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().ends_with("improves-quality")),
        "{cve}"
    );
}

#[test]
fn pinned_versions_moved_in_one_sitting_count_once() {
    // tailwindcss: six "bump actions/…" pushes in seven minutes on the same workflows
    // were half of its maintainer's unglamorous work.
    let sb = Sandbox::new();
    let r = sb.repo("tailwindcss");
    let workflow = |checkout: &str, node: &str, cache: &str| {
        format!(
            "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@{checkout}\n      - uses: actions/setup-node@{node}\n      - uses: actions/cache@{cache}\n      - run: pnpm test\n"
        )
    };
    let ci = ".github/workflows/ci.yml";
    let steps = [
        ("2026-01-01T10:00:00Z", "Add CI", ("v4", "v4", "v4")),
        (
            "2026-01-06T13:39:44Z",
            "bump actions/checkout",
            ("v5", "v4", "v4"),
        ),
        (
            "2026-01-06T13:42:10Z",
            "bump actions/setup-node",
            ("v5", "v5", "v4"),
        ),
        (
            "2026-01-06T13:46:44Z",
            "bump actions/cache",
            ("v5", "v5", "v5"),
        ),
        // The next day: another sitting.
        (
            "2026-01-07T09:00:00Z",
            "bump actions/checkout again",
            ("v6", "v5", "v5"),
        ),
    ];
    for (date, title, (a, b, c)) in steps {
        r.commit(ALICE, date, title, &[Change::Write(ci, &workflow(a, b, c))]);
    }
    let p = portfolio(&sb, &r.path, &[]);
    let first = item_titled(&p, "bump actions/checkout");
    assert_eq!(first["meta"]["pin_bump"], true, "{first}");
    assert!(first["counted_with"].is_null(), "{first}");
    for title in ["bump actions/setup-node", "bump actions/cache"] {
        let it = item_titled(&p, title);
        assert_eq!(it["counted_with"], first["id"], "{it}");
        assert_eq!(it["counted_why"], "follow-up", "{it}");
    }
    assert_stands_alone(&p, &["bump actions/checkout again"]);
}

#[test]
fn a_workflow_change_of_pinned_versions_only_is_a_dependency_bump_not_pipeline_work() {
    // attrs' "Update actions" (every line a `uses:` pin) and zstd's `# tag=v3` →
    // `# tag=v4.1.1` had led both pipeline statements as their strongest evidence.
    let sb = Sandbox::new();
    let r = sb.repo("attrs");
    let workflow = |checkout: &str, python: &str, run: &str| {
        format!(
            "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container:\n      image: python:{python}\n    steps:\n      - uses: actions/checkout@{checkout}\n      - run: {run}\n"
        )
    };
    let ci = ".github/workflows/ci.yml";
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Test in a container",
        &[Change::Write(
            ci,
            &workflow("11bd719 # v4.2.2", "3.12", "make test"),
        )],
    );
    r.commit(
        ALICE,
        "2026-02-08T10:00:00Z",
        "Update actions",
        &[Change::Write(
            ci,
            &workflow("08c6903 # v5.0.0", "3.13", "make test"),
        )],
    );
    r.commit(
        ALICE,
        "2026-02-15T10:00:00Z",
        "Run the type checks too",
        &[Change::Write(
            ci,
            &workflow("08c6903 # v5.0.0", "3.13", "make test typecheck"),
        )],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let rules = |title: &str| -> Vec<String> {
        item_titled(&p, title)["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let bump = item_titled(&p, "Update actions");
    assert_eq!(bump["meta"]["pin_bump"], true, "{bump}");
    assert_eq!(rules("Update actions"), ["pinned-versions"]);
    assert_eq!(bump["primary"], "build");
    assert_eq!(
        bump["mechanical"],
        "dependency update (pinned versions of actions or images)"
    );
    for work in ["Test in a container", "Run the type checks too"] {
        assert!(
            item_titled(&p, work)["meta"]["pin_bump"].is_null(),
            "{work}"
        );
        assert!(rules(work).contains(&"ci-paths".to_string()), "{work}");
    }
}

#[test]
fn with_all_branches_a_branch_left_behind_by_a_rebase_is_the_copy_not_the_merged_work() {
    // zstd: the block splitter's 27 pre-rebase commits stayed on a branch; the merged
    // commits, committed later, had been folded into them and called "not merged".
    let sb = Sandbox::new();
    let r = sb.repo("zstd");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let title = "Add a pre-splitter";
    let at = "2026-02-02T10:00:00Z";
    let before = make_committed(repo, ALICE, ALICE, (at, at), title, &[base]);
    let rebased = make_committed(
        repo,
        ALICE,
        ALICE,
        (at, "2026-02-08T10:00:00Z"),
        title,
        &[base],
    );
    repo.reference("refs/heads/split5", before, true, "fixture")
        .unwrap();
    finish(repo, rebased);
    let p = portfolio(&sb, &r.path, &["--all-branches"]);
    assert_eq!(
        p["totals"]["commits"], 2,
        "git counts both: {}",
        p["totals"]
    );
    assert_eq!(p["totals"]["commits_off_head"], 1);
    assert_eq!(p["totals"]["commits_off_head_copies"], 1);
    let sha = |i: &Value| i["meta"]["sha"].as_str().unwrap().to_string();
    let copies = by_id(&p, "git:zstd:");
    let merged = copies
        .iter()
        .find(|i| sha(i) == rebased.to_string())
        .unwrap();
    let left = copies
        .iter()
        .find(|i| sha(i) == before.to_string())
        .unwrap();
    assert!(merged["counted_with"].is_null(), "{merged}");
    assert_eq!(left["counted_with"], merged["id"], "{left}");
    assert_eq!(left["counted_why"], "copy");
    let md = report(&sb, &p, "md");
    assert!(
        md.contains(
            "though 1 of them is a copy of a commit it does reach, left on another branch by a rebase or a backport (counted with it; git counts both)"
        ),
        "{md}"
    );
}

#[test]
fn with_all_branches_a_fix_forward_ported_from_a_release_branch_is_the_merged_copy() {
    // A fix made on a release branch and cherry-picked with -x onto the main line,
    // retitled and re-authored on the way: the main line's copy names the original,
    // which the main line does not reach.
    let sb = Sandbox::new();
    let r = sb.repo("valkey");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let at = "2026-02-02T10:00:00Z";
    let fix = |times, message: &str| {
        commit_files(
            repo,
            base,
            times,
            message,
            &[("replication.c", "guard the replica buffer\n")],
        )
    };
    let original = fix((at, at), "Fix the replica overflow");
    let ported = fix(
        ("2026-02-03T09:00:00Z", "2026-02-03T10:00:00Z"),
        &format!(
            "Fix the replica overflow on the main line\n\n(cherry picked from commit {original})"
        ),
    );
    repo.reference("refs/heads/8.0", original, true, "fixture")
        .unwrap();
    finish(repo, ported);
    let p = portfolio(&sb, &r.path, &["--all-branches"]);
    let sha = |i: &Value| i["meta"]["sha"].as_str().unwrap().to_string();
    let commits = by_id(&p, "git:valkey:");
    let merged = commits
        .iter()
        .find(|i| sha(i) == ported.to_string())
        .unwrap();
    let release = commits
        .iter()
        .find(|i| sha(i) == original.to_string())
        .unwrap();
    assert!(merged["counted_with"].is_null(), "{merged}");
    assert_eq!(release["counted_with"], merged["id"], "{release}");
    assert_eq!(p["totals"]["commits_off_head_copies"], 1);
}

#[test]
fn a_commit_pushed_onto_someone_elses_pull_request_is_not_a_piece_the_person_led() {
    // setuptools: a contributor's PEP 639 migration guide, revised by the maintainer in one
    // commit and merged by him, had been "a piece of the person's work, your share 100%".
    let sb = Sandbox::new();
    let r = sb.repo("setuptools");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let guide = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        &format!(
            "feat: add a PEP 639 license migration guide\n\n{}",
            lines("guide", 60)
        ),
        &[base],
    );
    let example = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T11:00:00Z",
        "docs: add an example",
        &[guide],
    );
    let revised = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        &format!(
            "feat: support license-files globs in the guide\n\n{}",
            lines("revise", 50)
        ),
        &[example],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Merge pull request #5249 from carol/pep639-guide\n\nAdd PEP 639 license migration guide",
        &[base, revised],
    );
    // Alice's own pull request, which Carol finished with two commits: still Alice's
    // (cargo's maintainer had been "on Ed Page's pull request" of his own).
    let started = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Start the SBOM writer",
        &[merged],
    );
    let helped = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-05T11:00:00Z",
        "Write the SBOM fields",
        &[started],
    );
    let finished = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-05T12:00:00Z",
        "Test the SBOM",
        &[helped],
    );
    let merged_own = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-06T10:00:00Z",
        "Merge pull request #5250 from alice/sbom\n\nWrite an SBOM",
        &[merged, finished],
    );
    finish(repo, merged_own);
    let p = portfolio(&sb, &r.path, &[]);
    let own = item_titled(&p, "Start the SBOM writer");
    assert!(own["meta"]["pr_opener"].is_null(), "her own pull request");
    // From a login spelled as her address: no review of herself ("Merged alice's pull
    // request #5250" had been one).
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(reviews.iter().all(|t| !t.contains("#5250")), "{reviews:?}");
    // Hers, with Carol's two commits: a third of the branch is hers (zstd's maintainer's
    // own pull request, begun with a colleague's commit, had been "your share 100%").
    assert_eq!(own["meta"]["pr_commits"], json!([1, 3]), "{own}");
    let own_piece = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["items"].as_array().unwrap().contains(&own["id"]))
        .expect("an initiative holds it");
    assert_eq!(own_piece["share"], 0.33, "{own_piece}");
    let hers = item_titled(&p, "feat: support license-files globs in the guide");
    assert_eq!(hers["meta"]["pr_opener"], "carol", "{hers}");
    assert_eq!(hers["meta"]["pr_commits"], json!([1, 3]));
    // Her commit is still hers (the totals), but the piece of work is Carol's.
    assert_eq!(p["totals"]["commits"], 2);
    let piece = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["items"].as_array().unwrap().contains(&hers["id"]))
        .expect("an initiative holds it");
    assert_eq!(piece["share"], 0.33, "{piece}");
    assert!(
        listed_initiatives(&p, "features-led").is_empty(),
        "{:#}",
        category(&p, "features-led")
    );
    // The merge is still her review of Carol's pull request.
    let reviews: Vec<&str> = by_id(&p, "git-review")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(
        reviews.contains(
            &"Merged carol's pull request #5249: Add PEP 639 license migration guide (with 1 commit of yours)"
        ),
        "{reviews:?}"
    );
}

#[test]
fn a_fix_up_on_a_bots_pull_request_is_not_a_piece_the_person_led() {
    // zstd: two dependabot bumps, each with one fix-up of the maintainer's, had been
    // pieces of his work, "your share 100%".
    let sb = Sandbox::new();
    let r = sb.repo("zstd");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let bump = make(
        repo,
        DEPENDABOT,
        DEPENDABOT,
        "2026-02-02T10:00:00Z",
        "Bump microsoft/setup-msbuild from 1.3.2 to 2.0.0",
        &[base],
    );
    let fix = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T12:00:00Z",
        "fix msbuild action version number",
        &[bump],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request #3897 from facebook/dependabot/github_actions/setup-msbuild-2.0.0\n\nBump microsoft/setup-msbuild from 1.3.2 to 2.0.0",
        &[base, fix],
    );
    finish(repo, merged);
    let p = portfolio(&sb, &r.path, &[]);
    let fix = item_titled(&p, "fix msbuild action version number");
    assert_eq!(fix["meta"]["pr_opener"], "dependabot[bot]", "{fix}");
    assert_eq!(fix["meta"]["pr_commits"], json!([1, 2]), "{fix}");
    let piece = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["items"].as_array().unwrap().contains(&fix["id"]))
        .expect("an initiative holds it");
    assert_eq!(piece["share"], 0.5, "{piece}");
    assert!(listed_initiatives(&p, "features-led").is_empty());
    assert_eq!(
        p["totals"]["reviews_given"], 0,
        "a bot's pull request is no review"
    );
}

#[test]
fn a_fix_picked_onto_four_release_branches_is_one_change_not_a_recurring_task() {
    let sb = Sandbox::new();
    let r = sb.repo("valkey");
    let fix = r.commit(
        ALICE,
        "2026-02-02T10:00:00Z",
        "Fix the replica buffer overflow",
        &[Change::Write("src/replication.c", &lines("fix", 12))],
    );
    for (i, branch) in ["7.2", "8.0", "8.1", "9.0"].iter().enumerate() {
        r.commit(
            ALICE,
            &format!("2026-02-{:02}T10:00:00Z", 3 + i),
            &format!("Fix the replica buffer overflow\n\n(cherry picked from commit {fix})"),
            &[Change::Write(
                &format!("src/replication-{branch}.c"),
                &lines(branch, 12 + i),
            )],
        );
    }
    let p = portfolio(&sb, &r.path, &[]);
    let copies: Vec<&Value> = by_id(&p, "git:valkey:")
        .into_iter()
        .filter(|i| !i["counted_with"].is_null())
        .collect();
    assert_eq!(copies.len(), 4);
    assert!(
        copies.iter().all(|c| c["counted_why"] == "copy"),
        "{copies:#?}"
    );
    let file = write_json(&sb, "p.json", &p);
    let out = sb
        .evident()
        .args(["explain", copies[0]["id"].as_str().unwrap(), "--input"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(", the commit it copies: one piece of work with it")
            && !text.contains("recurring task"),
        "{text}"
    );
}

#[test]
fn a_merge_of_another_repositorys_pull_request_is_a_review_of_that_one() {
    // setuptools holds pypa/distutils' history whole: its maintainer's 21 merges of
    // `Merge pull request pypa/distutils#392 from …` had not been read at all.
    const DAVE: (&str, &str) = ("Dave Developer", "dave@example.com");
    let sb = Sandbox::new();
    let r = sb.repo("setuptools");
    r.remote("https://github.com/pypa/setuptools.git");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    let theirs = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Find MSVC 2026",
        &[base],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Merge pull request pypa/distutils#392 from carol/msvc\n\nFind MSVC 2026",
        &[base, theirs],
    );
    let local = make(
        repo,
        DAVE,
        DAVE,
        "2026-02-04T10:00:00Z",
        "Fix the egg-info writer",
        &[merged],
    );
    let merged_here = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-05T10:00:00Z",
        "Merge pull request #392 from dave/egg-info\n\nFix the egg-info writer",
        &[merged, local],
    );
    // The other form of such a merge: the pull request's title, then its reference.
    let registry = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-06T10:00:00Z",
        "Add a compiler registry",
        &[merged_here],
    );
    let merged_registry = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-07T10:00:00Z",
        "Compiler registry via get_compilers (pypa/distutils#423)",
        &[merged_here, registry],
    );
    // Alice's own pull request there: her piece of work, named with its repository.
    let hers = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-08T10:00:00Z",
        "Decouple the compilers from sysconfig",
        &[merged_registry],
    );
    let merged_hers = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-09T10:00:00Z",
        "Decouple the compilers from sysconfig (pypa/distutils#424)",
        &[merged_registry, hers],
    );
    finish(repo, merged_hers);
    let p = portfolio(&sb, &r.path, &[]);
    let own = item_titled(&p, "Decouple the compilers from sysconfig");
    assert_eq!(own["meta"]["pr_repo"], "pypa/distutils");
    let piece = p["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["items"].as_array().unwrap().contains(&own["id"]))
        .unwrap();
    assert_eq!(
        piece["reason"],
        "pull request pypa/distutils#424 (1 commit)"
    );
    let mut reviews: Vec<(&str, &str)> = by_id(&p, "git-review")
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["url"].as_str().unwrap()))
        .collect();
    reviews.sort();
    assert_eq!(
        reviews,
        [
            (
                "Merged Carol Contributor's pull request pypa/distutils#423: Compiler registry via get_compilers",
                "https://github.com/pypa/distutils/pull/423"
            ),
            (
                "Merged carol's pull request pypa/distutils#392: Find MSVC 2026",
                "https://github.com/pypa/distutils/pull/392"
            ),
            (
                "Merged dave's pull request #392: Fix the egg-info writer",
                "https://github.com/pypa/setuptools/pull/392"
            ),
        ]
    );
    assert_eq!(p["totals"]["people_reviewed"], 2);
}

#[test]
fn a_release_tag_on_the_persons_own_release_commit_is_said_to_count() {
    // aiohttp: the maintainer's eight tags each sit on his own `Release 3.14.x` commit;
    // the line had read as if those releases did not count.
    let sb = Sandbox::new();
    let r = sb.repo("aiohttp");
    let repo = &r.repo;
    let base = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add the parser",
        &[],
    );
    let release = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-02T10:00:00Z",
        "Release 3.14.0",
        &[base],
    );
    let other = make(
        repo,
        ALICE,
        ALICE,
        "2026-03-02T10:00:00Z",
        "Release 3.14.10 notes",
        &[release],
    );
    finish(repo, other);
    // `v3.14` is not the version `Release 3.14.0` names.
    for (name, target) in [("v3.14.0", release), ("v3.14.1", other), ("v3.14", release)] {
        annotated_tag(repo, name, ALICE, "2026-02-02T11:00:00Z", target);
    }
    let p = portfolio(&sb, &r.path, &[]);
    assert_eq!(
        p["collection"]["sources"][0]["release_tags"],
        json!({"tags": 3, "persons": 3, "named": 1, "commits": 2, "names": ["v3.14", "v3.14.0", "v3.14.1"]})
    );
    let said = not_seen_entry(&p, "release-tags");
    assert!(
        said["text"].as_str().unwrap().ends_with(
            " 1 of them does: a commit of yours at or just before the tag names the version."
        ),
        "{said}"
    );
}

#[test]
fn a_pull_request_from_the_persons_own_login_is_theirs_whoever_wrote_most_of_it() {
    let sb = Sandbox::new();
    let r = sb.repo("shop");
    let repo = &r.repo;
    let base = make(repo, BOB, BOB, "2026-02-01T10:00:00Z", "Initial", &[]);
    // Carol's stale work, which Alice took over on a branch of her own login.
    let one = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T10:00:00Z",
        "Add coupons",
        &[base],
    );
    let two = make(
        repo,
        CAROL,
        CAROL,
        "2026-02-02T11:00:00Z",
        "Test coupons",
        &[one],
    );
    let hers = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-03T10:00:00Z",
        "Finish coupons",
        &[two],
    );
    let merged = make(
        repo,
        ALICE,
        ALICE,
        "2026-02-04T10:00:00Z",
        "Merge pull request #7 from alice/coupons\n\nCoupons",
        &[base, hers],
    );
    finish(repo, merged);
    let p = portfolio(
        &sb,
        &r.path,
        &["--author", "1234+alice@users.noreply.github.com"],
    );
    let finished = item_titled(&p, "Finish coupons");
    assert!(finished["meta"]["pr_opener"].is_null(), "{finished}");
    assert_eq!(finished["meta"]["pr_number"], 7);
}

#[test]
fn explain_says_a_commit_that_took_out_exactly_what_another_put_in_undid_it() {
    // fastapi's April Fool's `@app.vibe()`, added and removed by hand: folded, and
    // `explain` had called the pair "one piece of work".
    let sb = Sandbox::new();
    let r = sb.repo("fastapi");
    let joke: String = (0..25).map(|i| format!("line {i}\n")).collect();
    r.commit(
        ALICE,
        "2026-04-01T10:00:00Z",
        "Add support for @app.vibe()",
        &[Change::Write("fastapi/vibe.py", &joke)],
    );
    r.commit(
        ALICE,
        "2026-04-16T10:00:00Z",
        "Remove April Fool's @app.vibe()",
        &[Change::Delete("fastapi/vibe.py")],
    );
    let p = portfolio(&sb, &r.path, &[]);
    let file = write_json(&sb, "p.json", &p);
    let explain = |title: &str| -> String {
        let id = by_id(&p, "git:fastapi:")
            .into_iter()
            .find(|i| i["title"] == title)
            .unwrap_or_else(|| panic!("{title}"))["id"]
            .as_str()
            .unwrap()
            .to_string();
        let out = sb
            .evident()
            .args(["explain", &id, "--input"])
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let added = explain("Add support for @app.vibe()");
    assert!(added.contains("  undone by git:fastapi:"), "{added}");
    let removed = explain("Remove April Fool's @app.vibe()");
    assert!(
        removed.contains("  undoes the person's work git:fastapi:"),
        "{removed}"
    );
}

#[test]
fn a_change_another_reverted_soon_after_it_landed_supports_no_statement() {
    // okhttp: Yuri Schimke's streaming support for the logging interceptor, reverted by
    // his co-maintainer sixteen days after it landed, was the first of his "big features".
    let sb = Sandbox::new();
    let r = sb.repo("client");
    let repo = &r.repo;
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let stream = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-26T10:00:00Z",
        "feat: add streaming support (#12)",
        &[root],
    );
    let revert = make(
        repo,
        CAROL,
        GITHUB,
        "2026-02-11T10:00:00Z",
        &format!(
            "Revert \"feat: add streaming support (#12)\" (#15)\n\nThis reverts commit {stream}.\n"
        ),
        &[stream],
    );
    // Reverted forty days after it landed: it shipped, and was taken out later.
    let retries = make(
        repo,
        ALICE,
        GITHUB,
        "2026-02-12T10:00:00Z",
        "feat: add retries (#20)",
        &[revert],
    );
    let late = make(
        repo,
        CAROL,
        GITHUB,
        "2026-03-24T10:00:00Z",
        "Revert \"feat: add retries (#20)\" (#25)",
        &[retries],
    );
    // Reverted, then the revert reverted: the change stands.
    let caching = make(
        repo,
        ALICE,
        GITHUB,
        "2026-03-25T10:00:00Z",
        "feat: add caching (#30)",
        &[late],
    );
    let undone = make(
        repo,
        CAROL,
        GITHUB,
        "2026-03-26T10:00:00Z",
        "Revert \"feat: add caching (#30)\" (#31)",
        &[caching],
    );
    let again = make(
        repo,
        CAROL,
        GITHUB,
        "2026-03-27T10:00:00Z",
        "Revert \"Revert \"feat: add caching (#30)\"\" (#32)",
        &[undone],
    );
    finish(repo, again);
    let p = portfolio(&sb, &r.path, &[]);
    let reverted = item_titled(&p, "feat: add streaming support (#12)");
    assert_eq!(reverted["counted_why"], "reverted-by-other", "{reverted:#}");
    let revert_id = reverted["counted_with"].as_str().unwrap();
    assert!(revert_id.ends_with(&revert.to_string()), "{revert_id}");
    assert_eq!(reverted["meta"]["reverted_by_author"], "Carol Contributor");
    assert_eq!(reverted["statements"], json!([]));
    // No piece of work holds it, so no "Big features you led" lists it.
    let id = reverted["id"].as_str().unwrap();
    for ini in p["initiatives"].as_array().unwrap() {
        assert!(
            !ini["items"].as_array().unwrap().iter().any(|i| i == id),
            "{ini:#}"
        );
    }
    for stands in ["feat: add retries (#20)", "feat: add caching (#30)"] {
        let it = item_titled(&p, stands);
        assert!(it["counted_with"].is_null(), "{it:#}");
        assert_ne!(it["statements"], json!([]), "{it:#}");
    }
    // git counts the commit, and so do the totals.
    assert_eq!(p["totals"]["commits"], 4);
    assert_eq!(p["totals"]["changes_reverted_by_others"], 1);
    let md = report(&sb, &p, "md");
    assert!(
        md.contains("- **1** change of yours was reverted by someone else within 30 days of landing, so it supports no statement (the counts above include it, as git does): feat: add streaming support (\\#12)"),
        "{md}"
    );
    assert!(md.contains(", by Carol Contributor on 2026-02-11"), "{md}");
    assert!(
        md.contains("(reverted by Carol Contributor on 2026-02-11: `git:"),
        "{md}"
    );
    let html = report(&sb, &p, "html");
    assert!(
        html.contains("reverted by someone else within 30 days of landing"),
        "{html}"
    );
    let out = sb
        .evident()
        .args(["explain", reverted["id"].as_str().unwrap(), "--input"])
        .arg(write_json(&sb, "p.json", &p))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("reverted by Carol Contributor on 2026-02-11 (git:"),
        "{text}"
    );
    assert!(
        text.contains("it did not ship, so it supports no statement"),
        "{text}"
    );
}

#[test]
fn an_alias_of_the_persons_own_name_whose_change_they_committed_is_said_by_that_name() {
    // The alias line chose "a name like the person's" for any alias the person had
    // committed changes of, though this one carries the very same name.
    let sb = Sandbox::new();
    let r = sb.repo("api");
    let repo = &r.repo;
    const WORK: (&str, &str) = ("Alice Example", "alice@work.example");
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let at_work = make(
        repo,
        WORK,
        ALICE,
        "2026-01-06T10:00:00Z",
        "Add the parser",
        &[root],
    );
    finish(repo, at_work);
    // Given by email alone: a name would take the other address's commits as hers.
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    let message = aliases[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("1 commit in the period is under another email with the name of alice@example.com's commits (\"Alice Example\"), likely the same person's"),
        "{message}"
    );
    assert!(
        message.contains("Alice Example <alice@work.example> (1 commit; 1 of them committed by the person as if another's change, not counted as a review)"),
        "{message}"
    );
    assert_eq!(p["totals"]["reviews_given"], 0);
}

#[test]
fn an_alias_of_the_persons_own_name_seen_only_by_a_landing_is_said_by_that_name() {
    // Written before the period under another address of hers, landed in it: the alias is
    // found by the landing alone, and its name is hers, not only like it.
    let sb = Sandbox::new();
    let r = sb.repo("api");
    let repo = &r.repo;
    const WORK: (&str, &str) = ("Alice Example", "alice@work.example");
    let root = make(repo, ALICE, ALICE, "2025-12-01T10:00:00Z", "Initial", &[]);
    let at_work = make_committed(
        repo,
        WORK,
        ALICE,
        ("2025-12-20T10:00:00Z", "2026-01-06T10:00:00Z"),
        "Add the parser",
        &[root],
    );
    let own = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-07T10:00:00Z",
        "Tune it",
        &[at_work],
    );
    finish(repo, own);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    let message = aliases[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Commits under another email with the name of alice@example.com's commits (\"Alice Example\"), likely the same person's, landed in the period and are not counted: Alice Example <alice@work.example> (no commit written in the period; 1 commit written before it and committed by the person in it as if another's change, not counted as a review). To count them"),
        "{message}"
    );
    assert_eq!(p["totals"]["reviews_given"], 0);
}

#[test]
fn a_merge_of_one_branch_into_another_is_no_ones_change_and_merging_it_no_review() {
    // astro's eleven squashed `Merge main into next (#N)`: the maintainer's own ones had
    // counted as decomposed work (their descriptions name the pull requests they bring),
    // a colleague's named him co-author (with everyone whose commits it brought), and
    // merging a colleague's sync counted as a review of them.
    let sb = Sandbox::new();
    let r = sb.repo("astro");
    let repo = &r.repo;
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let parser = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-06T10:00:00Z",
        "Fix the parser (#30)\n\nPart of #5",
        &[root],
    );
    let lexer = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-07T10:00:00Z",
        "Fix the lexer (#31)\n\nPart of #5",
        &[parser],
    );
    let own_sync = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-08T10:00:00Z",
        "Merge main into next (#32)\n\n* Fix the parser (#30)\n\nPart of #5",
        &[lexer],
    );
    let bobs_sync = make(
        repo,
        BOB,
        GITHUB,
        "2026-01-09T10:00:00Z",
        "chore: merge main into next (#33)\n\nCo-authored-by: Alice Example <alice@example.com>",
        &[own_sync],
    );
    // Bob's sync opened as a pull request and merged by Alice: no review.
    let synced = make(
        repo,
        BOB,
        BOB,
        "2026-01-10T10:00:00Z",
        "chore: merge main into next",
        &[bobs_sync],
    );
    let merged_sync = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-11T10:00:00Z",
        "Merge pull request #41 from bobby/sync\n\nchore: merge main into next",
        &[bobs_sync, synced],
    );
    // Bob's own work merged by Alice: a review.
    let gifts = make(
        repo,
        BOB,
        BOB,
        "2026-01-12T10:00:00Z",
        "Add gift cards",
        &[merged_sync],
    );
    let merged_gifts = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-13T10:00:00Z",
        "Merge pull request #42 from bobby/gifts\n\nAdd gift cards",
        &[merged_sync, gifts],
    );
    // GitHub lands a security advisory's private fork titled as a merge: Bob's fix, which
    // Alice co-authored, stays her co-authored work.
    let advisory = make(
        repo,
        BOB,
        GITHUB,
        "2026-01-14T10:00:00Z",
        "Merge commit from fork\n\n* fix: reject oversized headers\n\nCo-authored-by: Alice Example <alice@example.com>",
        &[merged_gifts],
    );
    // Bob's sync committed by Alice: no landing of his work to review.
    let landed_sync = make(
        repo,
        BOB,
        ALICE,
        "2026-01-15T10:00:00Z",
        "Merge main into next (#34)\n\nReviewed-by: Alice Example <alice@example.com>",
        &[advisory],
    );
    // A GitLab merge request with no title of its own is named by git's merge title,
    // and stays a review.
    let coupons = make(
        repo,
        BOB,
        BOB,
        "2026-01-16T10:00:00Z",
        "Add coupons",
        &[landed_sync],
    );
    let merged_coupons = make(
        repo,
        ALICE,
        ALICE,
        "2026-01-17T10:00:00Z",
        "Merge branch 'coupons' into 'main'\n\nSee merge request acme/astro!43",
        &[landed_sync, coupons],
    );
    finish(repo, merged_coupons);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    let sync = item_titled(&p, "Merge main into next (#32)");
    assert_eq!(sync["mechanical"], "titled as a merge of another branch");
    let statements: Vec<&str> = sync["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        !statements.contains(&"customer-success/delivers-incrementally"),
        "{sync}"
    );
    for fix in ["Fix the parser (#30)", "Fix the lexer (#31)"] {
        let it = item_titled(&p, fix);
        assert!(
            !it["signals"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "incremental-delivery"),
            "two pieces are no work in steps: {it}"
        );
    }
    let titles: Vec<&str> = by_id(&p, "git:astro:")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert!(
        !titles.contains(&"chore: merge main into next (#33)"),
        "Bob's sync is not Alice's co-authored work: {titles:?}"
    );
    assert!(titles.contains(&"Merge commit from fork"), "{titles:?}");
    let reviews: Vec<&str> = by_id(&p, "git-review:astro:")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    let mut reviews = reviews;
    reviews.sort();
    assert_eq!(
        reviews,
        [
            "Merged Bob Builder's pull request #43: Merge branch 'coupons' into 'main'",
            "Merged bobby's pull request #42: Add gift cards",
        ],
        "{reviews:?}"
    );
    assert_eq!(p["totals"]["reviews_given"], 2, "{}", p["totals"]);
    let said = not_seen_entry(&p, "automation");
    assert_eq!(
        said["text"],
        "1 merge of one branch into another that others squashed as one commit (`Merge main into next (#N)`) names you co-author among the authors of every commit it brought in, and is not counted as yours: your commits in it count where they landed."
    );
}

#[test]
fn a_pull_request_opened_under_another_address_of_the_persons_name_and_merged_by_them_is_their_own()
{
    // astro's ocavue merged two pull requests of `ocavue <ocavue@gmail.com>` as
    // `ocavue <ocavue@users.noreply.github.com>`: two reviews "of 1 person", himself.
    let sb = Sandbox::new();
    let r = sb.repo("astro");
    let repo = &r.repo;
    const HOME: (&str, &str) = ("Alice Example", "alice@home.example");
    let root = make(repo, ALICE, ALICE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let tuned = make(
        repo,
        HOME,
        HOME,
        "2026-01-06T10:00:00Z",
        "Tune the cache",
        &[root],
    );
    let merged = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-07T10:00:00Z",
        "Merge pull request #40 from alice-home/tune\n\nTune the cache",
        &[root, tuned],
    );
    // The same surname and initial is another person's pull request: a review.
    const ANNA: (&str, &str) = ("Anna Example", "anna@example.org");
    let annas = make(
        repo,
        ANNA,
        ANNA,
        "2026-01-08T10:00:00Z",
        "Add the index",
        &[merged],
    );
    let merged_annas = make(
        repo,
        ALICE,
        GITHUB,
        "2026-01-09T10:00:00Z",
        "Merge pull request #41 from anna-ex/index\n\nAdd the index",
        &[merged, annas],
    );
    finish(repo, merged_annas);
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    assert_eq!(p["totals"]["reviews_given"], 1, "{}", p["totals"]);
    let aliases = unseen(&p, "likely-aliases");
    assert_eq!(aliases.len(), 1, "{:#}", p["collection"]);
    let message = aliases[0]["message"].as_str().unwrap();
    assert!(
        message.contains("Alice Example <alice@home.example> (1 commit; 1 pull request opened under it and merged by the person, not counted as a review)"),
        "{message}"
    );
    assert!(!message.contains("anna@"), "{message}");

    // A name of one word is the person's only when the address says it too.
    let r = sb.repo("one-word");
    let repo = &r.repo;
    const OCAVUE: (&str, &str) = ("ocavue", "ocavue@users.noreply.github.com");
    const HIS: (&str, &str) = ("ocavue", "ocavue@gmail.com");
    const DAVID: (&str, &str) = ("ocavue", "david@example.org");
    let root = make(repo, OCAVUE, OCAVUE, "2026-01-05T10:00:00Z", "Initial", &[]);
    let his = make(repo, HIS, HIS, "2026-01-06T10:00:00Z", "Tune it", &[root]);
    let merged = make(
        repo,
        OCAVUE,
        GITHUB,
        "2026-01-07T10:00:00Z",
        "Merge pull request #7 from ocavue/tune\n\nTune it",
        &[root, his],
    );
    let other = make(
        repo,
        DAVID,
        DAVID,
        "2026-01-08T10:00:00Z",
        "Add it",
        &[merged],
    );
    let merged_other = make(
        repo,
        OCAVUE,
        GITHUB,
        "2026-01-09T10:00:00Z",
        "Merge pull request #8 from dave/add\n\nAdd it",
        &[merged, other],
    );
    finish(repo, merged_other);
    let p = portfolio_of(&sb, &r.path, "ocavue@users.noreply.github.com", &[]);
    assert_eq!(p["totals"]["reviews_given"], 1, "{}", p["totals"]);
    let reviews: Vec<&str> = by_id(&p, "git-review:one-word:")
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        reviews,
        ["Merged dave's pull request #8: Add it"],
        "{reviews:?}"
    );
}

#[test]
fn a_format_workflows_commits_under_the_persons_name_are_no_alias_of_theirs() {
    // astro's `[ci] format` commits carry the pusher's name and another maintainer's
    // noreply address: 32 of them were said as a likely alias of one maintainer, and the
    // hint would have counted three colleagues' addresses as his.
    let sb = Sandbox::new();
    let r = sb.repo("astro");
    r.commit(
        ALICE,
        "2026-02-01T10:00:00Z",
        "Add a font provider",
        &[Change::Write("src/fonts.ts", "export {}\n")],
    );
    r.commit(
        ("Alice Example", "carol@users.noreply.github.com"),
        "2026-02-01T10:05:00Z",
        "[ci] format",
        &[Change::Write("src/fonts.ts", "export {};\n")],
    );
    let p = portfolio_of(&sb, &r.path, "alice@example.com", &[]);
    assert!(
        unseen(&p, "likely-aliases").is_empty(),
        "{:#}",
        p["collection"]
    );
    assert_eq!(p["totals"]["commits"], 1, "{}", p["totals"]);
}
