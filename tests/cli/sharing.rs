//! `--redact`: a portfolio to share outside the team hides private repository names, file
//! paths, bodies and links, and keeps the claims.

use crate::common::*;

#[test]
fn redact_hides_names_paths_bodies_and_links() {
    let sb = Sandbox::new();
    let r = sb.repo("secret-project");
    r.remote("git@github.com:acme/secret-project.git");
    r.commit(
        ALICE,
        "2026-03-01T10:00:00Z",
        "Add fraud scoring to checkout\n\nUses the internal risk-api at risk.internal.acme.",
        &[Change::Write("services/fraud/score.rs", "x\n")],
    );
    r.commit(
        ALICE,
        "2026-03-02T10:00:00Z",
        "Fix crash in fraud scoring",
        &[Change::Write("services/fraud/score.rs", "y\n")],
    );
    // A pull request named after the repository: "Big features you led" names the work
    // it grouped, and must not name the repository.
    r.commit(
        ALICE,
        "2026-03-04T10:00:00Z",
        "test: cover secret-project edge cases (#6)",
        &[Change::Write("services/fraud/score_test.rs", "t\n")],
    );
    let open = sb.repo("open-lib");
    open.remote("https://github.com/acme/open-lib.git");
    open.commit(
        ALICE,
        "2026-03-03T10:00:00Z",
        "Add a public helper",
        &[Change::Write("src/lib.rs", "z\n")],
    );
    let args = [
        "run",
        "--repo",
        "secret-project",
        "--repo",
        "open-lib",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
    ];

    let plain = sb.evident().args(args).output().unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(
        plain.contains("acme/secret-project"),
        "the plain portfolio names it"
    );

    sb.write("evident.toml", "public_repos = [\"acme/open-lib\"]\n");
    for format in ["md", "html", "json"] {
        let out = sb
            .evident()
            .args(args)
            .args(["--redact", "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for secret in [
            "secret-project",
            "services/fraud",
            "risk.internal",
            &sb.path().display().to_string(),
        ] {
            assert!(!text.contains(secret), "{format}: `{secret}` leaked");
        }
        assert!(
            text.contains("Add fraud scoring to checkout"),
            "{format}: the claim stays"
        );
        assert!(
            text.contains("repository 1"),
            "{format}: an alias stands in"
        );
        assert!(
            text.contains("acme/open-lib") || text.contains("acme/open\\-lib"),
            "{format}: a public repository keeps its name:\n{text}"
        );
    }
}

#[test]
fn redact_hides_review_pages_package_paths_and_issues_of_a_gerrit_history() {
    // No forge remote: every commit links to its Gerrit page, and three steps of one
    // issue make an initiative delivered in steps, whose reasons name folders and issues.
    let sb = Sandbox::new();
    let r = sb.repo("secret-tools");
    for (day, n) in [(1, 101), (2, 102), (3, 103)] {
        r.commit(
            ALICE,
            &format!("2026-03-0{day}T10:00:00Z"),
            &format!(
                "fraud: step {day}\n\nFor acme/tracker#7\n\nChange-Id: I{n:040}\nReviewed-on: https://review.acme.example/c/+/{n}\n"
            ),
            &[Change::Write("internal/fraud/score.go", &format!("{day}\n"))],
        );
    }
    let args = [
        "run",
        "--repo",
        "secret-tools",
        "--author",
        ALICE.1,
        "--since",
        "2026-01-01",
        "--redact",
    ];
    for format in ["md", "html", "json"] {
        let out = sb
            .evident()
            .args(args)
            .args(["--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        if format == "json" {
            assert!(
                !text.contains("\"features\""),
                "the model's features name folders"
            );
        }
        for secret in [
            "review.acme.example",
            "internal/fraud",
            "acme/tracker#7",
            "secret-tools",
        ] {
            assert!(!text.contains(secret), "{format}: `{secret}` leaked");
        }
    }
    // Unredacted, they are there: the test looks where they would leak.
    let plain = sb
        .evident()
        .args(&args[..args.len() - 1])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(plain.contains("review.acme.example/c/+/101"));
    assert!(plain.contains("is reviewed on Gerrit (review.acme.example)"));
    assert!(plain.contains("Nothing yet in secret-tools"));
    assert!(plain.contains("\"features\""));
    assert!(plain.contains("acme/tracker#7"));
    assert!(plain.contains("initiative-steps"));
}

#[test]
fn redact_drops_what_reasons_quote_and_keeps_the_rubrics_advice() {
    // A review in a private repository whose deciding comment names a file and a person,
    // and a repository named like an ordinary word the rubric's advice uses.
    let sb = Sandbox::new();
    let comment = "Move this into internal/fraud/refund_score.go because Jane Doe owns project-nightjar and otherwise the lock is held twice.";
    let evidence = serde_json::json!({"schema": 1, "evidence": [
        {
            "id": "gh:review:1", "kind": "review", "repo": "acme/secret",
            "title": "Review of acme/secret#7", "timestamp": "2026-05-01T10:00:00Z",
            "body": format!("\n\n---\n\n{comment}"),
            "meta": {"state": "COMMENTED", "comment_count": 1, "comments": [comment],
                     "pr_author": "someone-else"}
        },
        {
            "id": "git:code:1", "kind": "commit", "repo": "code",
            "title": "Add the index", "timestamp": "2026-05-02T10:00:00Z",
            "paths": ["src/index.rs"], "additions": 10, "deletions": 0
        },
        {
            "id": "git:acme/secret:2", "kind": "commit", "repo": "acme/secret",
            "title": "Move files", "timestamp": "2026-05-03T10:00:00Z",
            "meta": {"bulk": "rename of internal/fraud/nightjar"}
        },
        {
            "id": "git:acme/secret:3", "kind": "commit", "repo": "acme/secret",
            "title": "Tidy the scorer", "timestamp": "2026-05-04T10:00:00Z",
            "paths": ["src/score.rs"], "additions": 3, "deletions": 1
        }
    ]});
    let input = sb.write("evidence.json", &evidence.to_string());
    // The person's own words on an item of theirs, kept with the relabelling.
    let relabel = sb
        .evident()
        .args([
            "relabel",
            "git:acme/secret:3",
            "--signal",
            "refactor",
            "--reason",
        ])
        .arg("Jane Doe owns project nightjar (internal/fraud/score.go)")
        .arg("--input")
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        relabel.status.success(),
        "{}",
        String::from_utf8_lossy(&relabel.stderr)
    );
    let classified = sb
        .evident()
        .args(["classify", "--format", "json", "--input"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(classified.status.success());
    let plain = String::from_utf8(classified.stdout).unwrap();
    assert!(
        plain.contains("refund_score.go"),
        "the reason quotes the comment"
    );
    assert!(
        plain.contains("Jane Doe owns project nightjar"),
        "the relabelling's reason"
    );
    assert!(
        plain.contains("rename of internal/fraud/nightjar"),
        "the bulk kind"
    );
    assert!(
        plain.contains("your team's code"),
        "the rubric's advice names code"
    );
    let portfolio = sb.write("portfolio.json", &plain);
    for format in ["json", "html", "md"] {
        let out = sb
            .evident()
            .args(["report", "--redact", "--format", format, "--input"])
            .arg(&portfolio)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for secret in ["refund_score", "Jane Doe", "nightjar", "acme/secret"] {
            assert!(!text.contains(secret), "{format}: `{secret}` leaked");
        }
        if format == "json" {
            assert!(
                text.contains("your team's code"),
                "the rubric's advice stays as written"
            );
        }
    }
}
