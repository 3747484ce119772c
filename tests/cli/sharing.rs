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
