//! The classifier as a user meets it: a title's label read with its scope, the model's
//! answer with a confidence and the features that decided it, unclassified items counted
//! and shown, your relabelling over everything, and a shipped model whose training
//! manifest holds no commit reserved for evaluation.

use crate::common::*;
use serde_json::{Value, json};
use std::path::Path;

fn commit(id: &str, title: &str, paths: &[&str], size: (u64, u64)) -> Value {
    json!({
        "id": id, "kind": "commit", "repo": "acme/shop", "title": title,
        "timestamp": "2026-03-02T10:00:00Z",
        "paths": paths, "additions": size.0, "deletions": size.1,
        "files_changed": paths.len(),
    })
}

fn evidence(sb: &Sandbox, items: Vec<Value>) {
    sb.write(
        "evidence.json",
        &serde_json::to_string(&json!({"schema": 1, "evidence": items})).unwrap(),
    );
}

fn classify(sb: &Sandbox) -> Value {
    json_stdout(sb.evident().args(["classify", "--input", "evidence.json"]))
}

/// The Markdown portfolio of `evidence.json`.
fn classify_md(sb: &Sandbox) -> String {
    let out = sb
        .evident()
        .args(["classify", "--input", "evidence.json", "--format", "md"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn item<'a>(p: &'a Value, id: &str) -> &'a Value {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn title_labels_are_read_with_their_scope() {
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            commit(
                "a",
                "feat(test): cover the retry path",
                &["src/retry.rs"],
                (40, 2),
            ),
            commit(
                "b",
                "fix(deps): bump serde to 1.0.200",
                &["Cargo.toml"],
                (1, 1),
            ),
            commit("c", "docs(api): explain paging", &["src/api.rs"], (10, 0)),
            commit("d", "feat(api): add paging", &["src/api.rs"], (90, 3)),
        ],
    );
    let p = classify(&sb);
    for (id, primary) in [
        ("a", "testing"),
        ("b", "build"),
        ("c", "documentation"),
        ("d", "feature"),
    ] {
        let it = item(&p, id);
        assert_eq!(it["primary"], primary, "{it}");
        assert_eq!(it["confidence"], 1.0, "{it}");
        assert_eq!(it["matches"][0]["rule"], "title-label", "{it}");
        assert!(
            it["signals"].as_array().unwrap().contains(&json!(primary)),
            "{it}"
        );
    }
}

#[test]
fn the_model_answers_with_a_confidence_and_explain_names_its_features() {
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![commit(
            "git:acme/shop:1234567890abcdef",
            // No verb of repair: a title that says it fixes the crash is placed by a rule.
            "Crash when the cart is empty",
            &["src/cart.rs"],
            (6, 2),
        )],
    );
    let p = classify(&sb);
    let it = item(&p, "git:acme/shop:1234567890abcdef");
    let model = it["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"] == "model")
        .unwrap_or_else(|| panic!("the model decided nothing: {it}"));
    let features = model["features"].as_array().unwrap();
    assert!(
        features
            .iter()
            .any(|f| f["name"] == "title:crash" || f["name"] == "first:fix"),
        "{model}"
    );
    let confidence = it["confidence"].as_f64().unwrap();
    assert!(confidence > 0.0 && confidence <= 1.0, "{it}");
    let out = sb
        .evident()
        .args(["explain", "1234567", "--input", "evidence.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("model -> "), "{text}");
    assert!(text.contains("features that decided it"), "{text}");
    let weighted = regex::Regex::new(r"(?m)^\s+[+-]\d+\.\d\d  (title|first):\S+$").unwrap();
    assert!(weighted.is_match(&text), "{text}");
    assert!(text.contains("primary: "), "{text}");
    // The model as a whole explains itself too.
    let out = sb.evident().args(["explain", "model"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("classes and thresholds"), "{text}");
}

#[test]
fn classification_is_deterministic() {
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            commit(
                "a",
                "Add CSV export to the reports page",
                &["src/reports.rs"],
                (120, 4),
            ),
            commit(
                "b",
                "Fix crash when the cart is empty",
                &["src/cart.rs"],
                (6, 2),
            ),
            commit("c", "Update README", &["README.md"], (3, 1)),
        ],
    );
    let first = sb
        .evident()
        .args(["classify", "--input", "evidence.json"])
        .output()
        .unwrap()
        .stdout;
    let second = sb
        .evident()
        .args(["classify", "--input", "evidence.json"])
        .output()
        .unwrap()
        .stdout;
    assert!(!first.is_empty());
    assert_eq!(first, second);
}

#[test]
fn unclassified_items_are_counted_and_shown_never_dropped() {
    let sb = Sandbox::new();
    // Nothing to read: no words, no paths, no size.
    evidence(
        &sb,
        vec![
            json!({"id": "x", "kind": "commit", "title": "."}),
            commit("a", "feat: add paging", &["src/api.rs"], (90, 3)),
        ],
    );
    let p = classify(&sb);
    let it = item(&p, "x");
    // It keeps the model's best guess, with its probability, but counts for nothing.
    assert_eq!(it["counted"], false, "{it}");
    assert_ne!(it["primary"], "unclassified", "{it}");
    assert!(it["confidence"].as_f64().unwrap() < 0.9, "{it}");
    assert_eq!(it["signals"], json!([]), "{it}");
    assert_eq!(it["statements"], json!([]), "{it}");
    let guess = it["primary"].as_str().unwrap().to_string();
    assert_eq!(p["totals"]["unclassified"], 1);
    assert_eq!(p["totals"]["by_primary"]["unclassified"], 1);
    assert_eq!(p["totals"]["unclassified_by_guess"][&guess], 1);
    assert_eq!(p["totals"]["counted"], 1);
    assert_eq!(p["totals"]["items"], 2);
    assert_eq!(item(&p, "a")["counted"], true);
    let md = classify_md(&sb);
    assert!(md.contains("**1** item unclassified"), "{md}");
    assert!(md.contains(&format!("best guesses: 1 {guess}")), "{md}");
    // The guess says what it lacks: the probability its class needs, or that the model
    // never counts that class alone. A label's answer has no threshold.
    let needs = it["counts_from"]
        .as_f64()
        .expect("a model answer has a threshold");
    assert!(item(&p, "a").get("counts_from").is_none());
    let lacks = if needs > 1.0 {
        format!("; the model never counts {guess}), not counted_")
    } else {
        format!("; needs {needs}), not counted_")
    };
    assert!(md.contains(&format!("_likely {guess} (")), "{md}");
    assert!(md.contains(&lacks), "{md}");
    let out = sb
        .evident()
        .args(["explain", "x", "--input", "evidence.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let said = if needs > 1.0 {
        format!("the model never counts {guess}")
    } else {
        format!("below the {needs:.2} its class needs")
    };
    assert!(text.contains(&said), "{text}");
}

#[test]
fn relabel_beats_the_title_label_and_the_model() {
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            commit(
                "git:acme/shop:aaaaaaa1",
                "feat: add paging",
                &["src/api.rs"],
                (90, 3),
            ),
            commit(
                "git:acme/shop:bbbbbbb2",
                "Fix crash when the cart is empty",
                &["src/cart.rs"],
                (6, 2),
            ),
        ],
    );
    for (id, signal) in [
        ("git:acme/shop:aaaaaaa1", "incident"),
        ("git:acme/shop:bbbbbbb2", "refactor"),
    ] {
        sb.evident()
            .args(["relabel", id, "--signal", signal])
            // The ids are checked against the evidence they will be classified from.
            .args(["--input", "evidence.json"])
            .assert()
            .success();
    }
    let p = classify(&sb);
    for (id, signal) in [
        ("git:acme/shop:aaaaaaa1", "incident"),
        ("git:acme/shop:bbbbbbb2", "refactor"),
    ] {
        let it = item(&p, id);
        assert_eq!(it["primary"], signal, "{it}");
        assert_eq!(it["signals"], json!([signal]), "{it}");
        assert_eq!(it["confidence"], 1.0, "{it}");
        assert_eq!(it["matches"][0]["rule"], "relabelled", "{it}");
        // The model's threshold no longer says anything of it.
        assert!(it.get("counts_from").is_none(), "{it}");
    }
}

/// The manifest of the shipped model lists every commit it was trained and tested on, and
/// the hand-labelled samples every commit a rule was measured on; none may be one
/// reserved for the project's independent evaluation.
#[test]
fn shipped_model_manifest_holds_no_reserved_commit() {
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(top.join("training/manifest.json")).unwrap())
            .unwrap();
    // The manifest describes the model that is built in.
    let model = std::fs::read_to_string(top.join("config/classifier.tsv")).unwrap();
    assert_eq!(
        manifest["model_bytes"].as_u64().unwrap() as usize,
        model.len()
    );
    let mut used = std::collections::HashSet::new();
    for side in ["train", "heldout"] {
        for ids in manifest["commits"][side].as_object().unwrap().values() {
            used.extend(ids.as_str().unwrap().split(' ').map(str::to_string));
        }
    }
    assert!(used.len() > 10_000, "{} commits", used.len());
    // And the commits labelled by hand to measure rules.
    for sample in [
        "training/labelled-rules.tsv",
        "training/labelled-performance.tsv",
        "training/labelled-fragments.tsv",
        "training/labelled-pipeline.tsv",
        "training/labelled-flaky.tsv",
        "training/labelled-flaky-widened.tsv",
        "training/labelled-fix-defect.tsv",
        "training/labelled-fix-verb.tsv",
    ] {
        let text = std::fs::read_to_string(top.join(sample)).unwrap();
        let ids: Vec<String> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split('\t'))
            .filter(|f| f.len() == 40 && f.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(|f| f[..10].to_lowercase())
            .collect();
        assert!(ids.len() >= 20, "{sample}: {} commits", ids.len());
        used.extend(ids);
    }
    let reserved = [
        "../shared/eval/reserved-commits.txt",
        "../../shared/eval/reserved-commits.txt",
    ]
    .iter()
    .map(|p| top.join(p))
    .find(|p| p.is_file());
    let Some(reserved) = reserved else {
        println!(
            "skipped: ../shared/eval/reserved-commits.txt is not there, so the manifest was not checked against it"
        );
        return;
    };
    let text = std::fs::read_to_string(&reserved).unwrap();
    let clashes: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.len() >= 10 && used.contains(&l[..10].to_lowercase()))
        .collect();
    assert!(
        clashes.is_empty(),
        "reserved commits in the manifest: {clashes:?}"
    );
}

#[test]
fn explain_says_a_bulk_change_counts_for_nothing() {
    let sb = Sandbox::new();
    let mut bulk = commit(
        "git:acme/shop:abcdef1234567890",
        "Run the formatter",
        &["src/a.rs", "src/b.rs"],
        (900, 900),
    );
    bulk["meta"] = json!({"bulk": "formatting"});
    evidence(&sb, vec![bulk]);
    let p = classify(&sb);
    let it = item(&p, "git:acme/shop:abcdef1234567890");
    assert_eq!(
        (&it["primary"], &it["counted"]),
        (&json!("bulk"), &json!(false)),
        "{it}"
    );
    let out = sb
        .evident()
        .args(["explain", "abcdef1", "--input", "evidence.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("primary: bulk (a bulk mechanical change: listed, counted for no statement)"),
        "{text}"
    );
    assert!(!text.contains("counted)"), "{text}");
}

#[test]
fn a_portfolio_written_before_counted_existed_still_reads_right() {
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            json!({"id": "x", "kind": "commit", "title": "."}),
            commit("a", "feat: add paging", &["src/api.rs"], (90, 3)),
        ],
    );
    // What an earlier evident wrote: no `counted`, no best guesses, `unclassified` primary.
    let mut p = classify(&sb);
    for it in p["items"].as_array_mut().unwrap() {
        it.as_object_mut().unwrap().remove("counted");
        if it["id"] == "x" {
            it["primary"] = json!("unclassified");
        }
    }
    let totals = p["totals"].as_object_mut().unwrap();
    totals.remove("unclassified_by_guess");
    totals.remove("counted");
    sb.write("old.json", &p.to_string());
    let md = sb
        .evident()
        .args(["report", "--input", "old.json", "--format", "md"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("**1** item unclassified"), "{md}");
    assert!(!md.contains("best guesses"), "{md}");
    let out = sb
        .evident()
        .args(["explain", "x", "--input", "old.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("primary: unclassified (nothing to guess from; not counted)"),
        "{text}"
    );
    let out = sb
        .evident()
        .args(["explain", "a", "--input", "old.json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("primary: feature (confidence 1.00, counted)"),
        "{text}"
    );
}

#[test]
fn a_guess_of_a_class_the_model_never_counts_says_so() {
    let sb = Sandbox::new();
    // Refactoring: no threshold of the shipped model reaches precision 0.9 for it.
    evidence(
        &sb,
        vec![commit(
            "m",
            "Move helpers into a module",
            &["src/a.rs", "src/b.rs"],
            (40, 38),
        )],
    );
    let p = classify(&sb);
    let it = item(&p, "m");
    let guess = it["primary"].as_str().unwrap();
    assert_eq!(it["counted"], false, "{it}");
    assert!(it["counts_from"].as_f64().unwrap() > 1.0, "{it}");
    let md = classify_md(&sb);
    assert!(
        md.contains(&format!("; the model never counts {guess}), not counted_")),
        "{md}"
    );
}

#[test]
fn an_empty_category_says_what_looks_like_its_kind_but_does_not_count() {
    // ripgrep's new indexing crate, guessed feature below the feature threshold: "Big
    // features you led" had read "Nothing yet".
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            commit(
                "idx",
                "index: add some initial indexing scaffolding",
                &["crates/index/src/lib.rs", "crates/index/Cargo.toml"],
                (331, 2),
            ),
            // Under the category's 30 lines: not what it would list, so not said either.
            commit(
                "small",
                "printer: add some initial color options",
                &["crates/printer/src/color.rs"],
                (6, 1),
            ),
        ],
    );
    let p = classify(&sb);
    let it = item(&p, "idx");
    assert_eq!(it["primary"], "feature", "{it}");
    assert_eq!(it["counted"], false, "{it}");
    let small = item(&p, "small");
    assert_eq!(small["primary"], "feature", "{small}");
    assert_eq!(small["counted"], false, "{small}");
    let led = category(&p, "features-led");
    assert_eq!(led["count"], 0);
    assert_eq!(
        led["unsure"],
        "1 item looks like feature but is not sure enough to count (`evident explain ID` says why; `evident relabel ID --signal feature` counts one you confirm). Only pieces of work of 30 lines or more written, and not work only co-authored, are listed here."
    );
    let md = classify_md(&sb);
    let section = md_section(&md, "Big features you led");
    assert!(
        section.contains("Nothing counted yet. 1 item looks like feature"),
        "{section}"
    );
    // A category with nothing that looks like its kind still reads "Nothing yet".
    let mentored = md
        .split("### ")
        .find(|s| s.starts_with("People"))
        .unwrap_or("");
    assert!(!mentored.contains("Nothing counted yet"), "{mentored}");
}

#[test]
fn a_pull_request_and_its_commit_count_their_lines_once_toward_a_big_feature() {
    // A GitHub pull request (+14 −2) and its local commit (the same 16 lines): 16 lines
    // written, under the 30 a big feature asks, not 32.
    let sb = Sandbox::new();
    let mut pr = json!({
        "id": "github:acme/shop#5", "kind": "pull_request", "repo": "acme/shop",
        "title": "feat: add coupons", "timestamp": "2026-03-02T10:00:00Z",
        "paths": ["src/coupon.rs"], "additions": 14, "deletions": 2, "files_changed": 1,
    });
    pr["meta"] = json!({"pr_number": 5});
    let mut local = commit(
        "git:acme/shop:c0ffee0000000000000000000000000000000000",
        "feat: add coupons",
        &["src/coupon.rs"],
        (14, 2),
    );
    local["meta"] = json!({"pr_number": 5});
    evidence(&sb, vec![pr, local]);
    let p = classify(&sb);
    let features = category(&p, "features-led");
    assert_eq!(features["initiatives"], json!([]), "{features}");
    assert!(
        features["unsure"]
            .as_str()
            .unwrap()
            .contains("1 smaller feature you led, under 30 lines written"),
        "{features}"
    );
}

#[test]
fn a_category_of_more_than_ten_initiatives_says_how_many_more_in_markdown() {
    // fastapi's maintainer: 11 big features in the JSON, 10 on the page and no word of
    // the eleventh.
    let sb = Sandbox::new();
    let features: Vec<Value> = (1..=12)
        .map(|n| {
            let mut c = commit(
                &format!("f{n}"),
                &format!("feat: add exporter number {n} (#{})", 100 + n),
                &[&format!("src/exporter_{n}.rs")],
                (120, 4),
            );
            c["timestamp"] = json!(format!("2026-03-{:02}T10:00:00Z", n));
            c
        })
        .collect();
    evidence(&sb, features);
    let p = classify(&sb);
    let led = category(&p, "features-led");
    assert_eq!(led["initiatives"].as_array().unwrap().len(), 12, "{led}");
    let md = classify_md(&sb);
    let section = md_section(&md, "Big features you led");
    assert_eq!(section.matches("\n- **").count(), 10, "{section}");
    assert!(section.contains("- … and 2 more"), "{section}");
}

#[test]
fn gitmoji_releases_and_reverts_are_read_as_routine() {
    // fastapi: 93 `🔖 Release version …` commits had been 93 items of unglamorous work,
    // and `⏪️ Revert …` a chore of its own weight.
    let sb = Sandbox::new();
    let mut releases: Vec<Value> = (1..=3)
        .map(|n| {
            let mut c = commit(
                &format!("rel{n}"),
                &format!("🔖 Release version 0.141.{n} (#{})", 16100 + n),
                &["fastapi/__init__.py"],
                (1, 1),
            );
            c["timestamp"] = json!(format!("2026-03-{:02}T10:00:00Z", n));
            c
        })
        .collect();
    releases.push(commit(
        "back",
        "⏪️ Revert removing scripts, only remove `coverage.sh` (#15772)",
        &["scripts/test.sh", "scripts/lint.sh"],
        (28, 0),
    ));
    evidence(&sb, releases);
    let p = classify(&sb);
    let rules = |id: &str| -> Vec<String> {
        item(&p, id)["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        rules("rel1").contains(&"release".to_string()),
        "{:?}",
        rules("rel1")
    );
    assert_eq!(item(&p, "rel2")["counted_with"], "rel1");
    assert_eq!(item(&p, "rel3")["counted_with"], "rel1");
    assert_eq!(item(&p, "rel3")["counted_why"], "release-run");
    assert_eq!(rules("back"), ["revert"]);
    assert!(
        item(&p, "back")["mechanical"]
            .as_str()
            .unwrap()
            .starts_with("a revert"),
        "{}",
        item(&p, "back")
    );
}

#[test]
fn caddys_moderation_workflow_ci_failures_and_security_report_read_as_they_are() {
    // A workflow that labels spam issues is no delivery pipeline; "Resolve recent CI
    // failures" unblocked it; "Resolves a low-risk security report" is security work.
    let sb = Sandbox::new();
    let mut sec = commit(
        "sec",
        "admin: Reject requests with Sec-Fetch-Mode headers",
        &["admin.go"],
        (20, 1),
    );
    sec["body"] = json!("Resolves a low-risk security report by @1seal.");
    evidence(
        &sb,
        vec![
            commit(
                "ai",
                "Set read permissions as default",
                &[".github/workflows/ai.yml"],
                (30, 0),
            ),
            commit(
                "ci",
                "chore: Resolve recent CI failures (#7593)",
                &["go.mod", "modules/caddyhttp/reverseproxy/streaming.go"],
                (20, 10),
            ),
            sec,
        ],
    );
    let p = classify(&sb);
    let signals = |id: &str| -> Vec<String> {
        item(&p, id)["signals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        !signals("ai").contains(&"ci-cd".to_string()),
        "{:?}",
        signals("ai")
    );
    assert!(
        signals("ci").contains(&"pipeline-fix".to_string()),
        "{:?}",
        signals("ci")
    );
    assert!(
        signals("sec").contains(&"security".to_string()),
        "{:?}",
        signals("sec")
    );
}

#[test]
fn a_copy_of_a_reverted_commit_that_landed_later_is_the_work_that_shipped() {
    // pip: "Warn on unexpected imports during install" pushed to main by mistake, reverted
    // four minutes later, then the same commit rebased into pull request #13912. The copy
    // had been folded into the undone commit, and the shipped feature supported nothing.
    let sb = Sandbox::new();
    let at = |c: &mut Value, time: &str, committed: u64, sha: &str| {
        c["timestamp"] = json!(time);
        c["meta"] = json!({"committed": committed, "sha": sha});
    };
    let files = ["src/pip/_internal/operations/install.py"];
    let mut mistake = commit(
        "mistake",
        "Warn on unexpected imports during install",
        &files,
        (183, 6),
    );
    at(
        &mut mistake,
        "2026-03-02T10:00:00Z",
        1_000,
        "44ef9bcd00000000000000000000000000000000",
    );
    let mut revert = commit(
        "revert",
        "Revert \"Warn on unexpected imports during install\"",
        &files,
        (6, 183),
    );
    at(
        &mut revert,
        "2026-03-02T10:04:00Z",
        1_240,
        "7b79efc700000000000000000000000000000000",
    );
    let mut shipped = commit(
        "shipped",
        "Warn on unexpected imports during install",
        &files,
        (183, 6),
    );
    at(
        &mut shipped,
        "2026-03-02T10:00:00Z",
        9_000,
        "fb01b18300000000000000000000000000000000",
    );
    shipped["meta"]["pr_number"] = json!(13912);
    // ripgrep: git's line deep in a body of the person's own words still names the
    // commit undone; Go's Gerrit writes "This CL reverts commit" with a short id.
    let mut fix = commit(
        "fix",
        "printer: handle trailing context",
        &["crates/printer/src/a.rs"],
        (40, 2),
    );
    at(
        &mut fix,
        "2026-03-05T10:00:00Z",
        2_000,
        "8c6595c200000000000000000000000000000000",
    );
    let mut undo = commit(
        "undo",
        "printer: restore the old context handling",
        &["crates/printer/src/a.rs"],
        (2, 40),
    );
    undo["body"] = json!(
        "A user reported a regression.\n\nThis reverts commit 8c6595c200000000000000000000000000000000.\n\nFixes #3000"
    );
    at(
        &mut undo,
        "2026-03-06T10:00:00Z",
        3_000,
        "d47663b100000000000000000000000000000000",
    );
    let mut cl = commit(
        "cl",
        "go/analysis: add a check",
        &["go/analysis/a.go"],
        (30, 1),
    );
    at(
        &mut cl,
        "2026-03-07T10:00:00Z",
        4_000,
        "517957c000000000000000000000000000000000",
    );
    let mut cl_revert = commit(
        "cl-revert",
        "go/analysis/passes/buildtag: revert \"go/analysis: add a check\"",
        &["go/analysis/a.go"],
        (1, 30),
    );
    cl_revert["body"] = json!("This CL reverts commit 517957c.\n\nReason: breaks the build.");
    at(
        &mut cl_revert,
        "2026-03-08T10:00:00Z",
        5_000,
        "1b3cb5c800000000000000000000000000000000",
    );
    evidence(
        &sb,
        vec![mistake, revert, shipped, fix, undo, cl, cl_revert],
    );
    let p = classify(&sb);
    assert_eq!(item(&p, "mistake")["counted_with"], "revert");
    assert_eq!(item(&p, "revert")["counted_with"], "mistake");
    assert!(
        item(&p, "shipped")
            .get("counted_with")
            .is_none_or(Value::is_null),
        "{}",
        item(&p, "shipped")
    );
    assert_eq!(item(&p, "undo")["counted_with"], "fix");
    assert_eq!(item(&p, "cl-revert")["counted_with"], "cl");
    assert!(
        item(&p, "cl-revert")["mechanical"]
            .as_str()
            .unwrap_or("")
            .starts_with("a revert")
    );
}

#[test]
fn a_small_guess_is_measured_by_the_feature_work_of_its_piece_not_its_tests() {
    // A 7-line guess of feature in a pull request whose other 200 lines are tests: were
    // it confirmed, the feature would be under the 30 lines "Big features" lists, so the
    // category does not offer it.
    let sb = Sandbox::new();
    evidence(
        &sb,
        vec![
            commit(
                "small",
                "printer: add some initial color options (#77)",
                &["crates/printer/src/color.rs"],
                (6, 1),
            ),
            commit(
                "tests",
                "printer: test the color options (#77)",
                &["crates/printer/tests/color.rs"],
                (200, 0),
            ),
        ],
    );
    let p = classify(&sb);
    let small = item(&p, "small");
    assert_eq!(small["primary"], "feature", "{small}");
    assert_eq!(small["counted"], false, "{small}");
    let led = category(&p, "features-led");
    assert!(
        !led["unsure"]
            .as_str()
            .unwrap_or("")
            .contains("looks like feature"),
        "{led}"
    );
}

#[test]
fn a_reverts_own_words_give_no_kind_of_work_unless_it_reverts_ci_alone() {
    // git's line opening the description under a title of the person's: the words are
    // the change undone ("Back out the XSS escaping" is no security fix), but a revert of
    // CI files alone is CI work too (git-cliff's "disable building arm64 docker images").
    let sb = Sandbox::new();
    let mut xss = commit(
        "xss",
        "Back out the XSS escaping in templates",
        &["src/render/escape.rs"],
        (4, 30),
    );
    xss["body"] = json!("This reverts commit 0123456789abcdef0123456789abcdef01234567.");
    let mut ci = commit(
        "ci",
        "disable building arm64 docker images temporarily",
        &[".github/workflows/docker.yml"],
        (0, 6),
    );
    ci["body"] = json!("This reverts commit 8475e1fd63b89bb56c2cf68de62dbb4d9e66b4bb.");
    evidence(&sb, vec![xss, ci]);
    let p = classify(&sb);
    assert_eq!(
        item(&p, "xss")["signals"],
        json!(["chore"]),
        "{}",
        item(&p, "xss")
    );
    let ci = item(&p, "ci");
    assert!(
        ci["signals"].as_array().unwrap().contains(&json!("ci-cd")),
        "{ci}"
    );
}

#[test]
fn a_removal_is_no_feature_whatever_the_model_says() {
    // curl's "TLS: drop support for TLS-SRP" (+133 −932): the model read "support" and
    // "Closes #N" as a feature (0.83), and its maintainer had "led" a feature of 1044
    // lines. A rule says it removes code: the model's feature does not count.
    let paths = [
        "CMakeLists.txt",
        "configure.ac",
        "docs/CIPHERS.md",
        "docs/DEPRECATE.md",
        "docs/INSTALL-CMAKE.md",
        "docs/INSTALL.md",
        "docs/cmdline-opts/proxy-tlsauthtype.md",
        "docs/cmdline-opts/proxy-tlspassword.md",
        "docs/cmdline-opts/proxy-tlsuser.md",
        "docs/cmdline-opts/tlsauthtype.md",
        "docs/cmdline-opts/tlspassword.md",
        "docs/cmdline-opts/tlsuser.md",
        "docs/cmdline-opts/version.md",
        "docs/internals/TLS-SESSIONS.md",
        "docs/libcurl/curl_easy_setopt.md",
        "docs/libcurl/curl_easy_ssls_export.md",
        "docs/libcurl/opts/CURLOPT_PROXY_TLSAUTH_PASSWORD.md",
        "docs/libcurl/opts/CURLOPT_PROXY_TLSAUTH_TYPE.md",
        "docs/libcurl/opts/CURLOPT_PROXY_TLSAUTH_USERNAME.md",
        "docs/libcurl/opts/CURLOPT_TLSAUTH_PASSWORD.md",
        "docs/libcurl/opts/CURLOPT_TLSAUTH_TYPE.md",
        "docs/libcurl/opts/CURLOPT_TLSAUTH_USERNAME.md",
        "docs/libcurl/symbols-in-versions",
        "docs/tests/FILEFORMAT.md",
        "include/curl/curl.h",
        "lib/curl_config-cmake.h.in",
        "lib/curl_setup.h",
        "lib/setopt.c",
        "lib/urldata.h",
        "lib/version.c",
        "lib/vtls/gtls.c",
        "lib/vtls/gtls.h",
        "lib/vtls/openssl.c",
        "lib/vtls/vtls_config.c",
        "lib/vtls/vtls_config.h",
        "lib/vtls/vtls_scache.c",
        "m4/curl-gnutls.m4",
        "m4/curl-openssl.m4",
        "scripts/spacecheck.pl",
        "src/config2setopts.c",
        "src/tool_cfgable.c",
        "src/tool_cfgable.h",
        "src/tool_getparam.c",
        "src/tool_libinfo.c",
        "src/tool_libinfo.h",
        "tests/certs/Makefile.am",
        "tests/certs/Makefile.inc",
        "tests/certs/srp-verifier-conf",
        "tests/certs/srp-verifier-db",
        "tests/data/DISABLED",
        "tests/data/Makefile.am",
        "tests/data/data320.html",
        "tests/data/test320",
        "tests/data/test321",
        "tests/data/test322",
        "tests/data/test323",
        "tests/data/test324",
        "tests/runtests.pl",
        "tests/serverhelp.pm",
        "tests/servers.pm",
        "tests/test1165.pl",
        "tests/test1177.pl",
        "tests/unit/unit3304.c",
    ];
    let sb = Sandbox::new();
    // curl's title was "TLS: drop support for TLS-SRP"; read without its `TLS:` prefix the
    // model is unsure of it (0.67), so a title it is sure of (0.86) tests the guard.
    let mut removal = commit(
        "drop",
        "TLS backends: drop support for TLS-SRP",
        &paths,
        (133, 932),
    );
    removal["body"] = json!("The options will simply do nothing.\n\nCloses #21965");
    // The same change titled as adding support is the model's feature (the test's check
    // that the model does answer feature here).
    let mut added = removal.clone();
    added["id"] = json!("add");
    added["title"] = json!("TLS: support for TLS-SRP");
    evidence(&sb, vec![removal, added]);
    let p = classify(&sb);
    let added = item(&p, "add");
    assert_eq!(added["primary"], "feature", "{added}");
    assert_eq!(added["counted"], true, "{added}");
    let drop = item(&p, "drop");
    assert_eq!(drop["primary"], "tech-debt", "{drop}");
    assert_eq!(drop["signals"], json!(["tech-debt"]), "{drop}");
    let model = drop["matches"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["rule"] == "model")
        .unwrap();
    assert!(
        model["reason"].as_str().unwrap().ends_with(
            "not counted: a rule says the change removes code, and a removal is no feature"
        ),
        "{model}"
    );
}
