//! Files a tool writes, told by their paths: what classification weighs as churn rather
//! than as a person's writing, and what the git collector counts the lines of
//! (`meta.tool_lines`).

use regex::Regex;
use std::sync::LazyLock;

/// A path whose content a tool writes: lock files, generated sources (`*.generated.*`, a
/// `generated/` folder: helix's `book/src/generated/`, which `cargo xtask docgen` writes),
/// vendored and built files (`vendor/`, pip's `_vendor/`, `vendored/`, `third_party/`),
/// minified scripts,
/// test snapshots (insta's `.snap`, snapbox's `stdout.log` and
/// `.term.svg`, trycmd's `.stdout`, Jest's `__snapshots__`), signatures, keyrings and
/// checksums of release files (`jq-1.8.1.tar.gz.asc`, `sig/v1.8.1/jq-linux-amd64.asc`,
/// `trusted.gpg`, `x.tar.gz.sha256`, `SHA256SUMS`). An `.asc` or `.sig` file alone
/// (`intro.asc`) may be written by hand (AsciiDoc, a Standard ML signature): it counts
/// when it signs a file named before it (`x.tar.gz.asc`) or sits in a folder of
/// signatures (`sig/`, `sigs/`, `signatures/`).
pub fn is_generated_path(path: &str) -> bool {
    static GENERATED_PATH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(^|/)(Cargo\.lock|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|Gemfile\.lock|poetry\.lock|Pipfile\.lock|composer\.lock|go\.sum|uv\.lock|flake\.lock|[^/]*\.lock)$|\.generated\.[^/]+$|\.pb\.go$|_pb2(_grpc)?\.pyi?$|(^|/)(_?vendor(ed)?|third[_-]party|dist|__snapshots__|snapshots|generated)/|\.min\.(js|css)$|\.snap$|\.term\.svg$|(^|/)tests?/(.+/)?((stdout|stderr)\.log|[^/]+\.(stdout|stderr))$|\.gpg$|\.sha(256|512)$|(^|/)SHA(256|512)SUMS$|[^/]\.[^/.]+\.(asc|sig)$|(^|/)(sigs?|signatures?)/(.+/)?[^/]+\.(asc|sig)$",
        )
        .unwrap()
    });
    GENERATED_PATH.is_match(path)
}
