//! A delivery pipeline's configuration, told by its path: what the collector reads pinned
//! versions in (`meta.pin_bump`) and counts the lines of (`meta.pipeline_lines`), and
//! what the pipeline goals look for.

/// A CI pipeline's YAML file (workflows and composite actions, `.gitlab-ci.yml`,
/// `.circleci/`, `azure-pipelines`, `.woodpecker/`), where actions and images are pinned
/// by version.
pub fn is_pipeline_file(path: &[u8]) -> bool {
    static PIPELINE: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r"(?i)((^|/)\.github/(workflows|actions)/.+|(^|/)\.gitlab-ci|(^|/)\.circleci/.+|(^|/)azure-pipelines|(^|/)\.woodpecker/.+)\.ya?ml$",
        )
        .expect("valid")
    });
    // Most files are no YAML: a suffix test spares them the pattern.
    let ends_with = |suffix: &[u8]| {
        path.len() >= suffix.len() && path[path.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    (ends_with(b".yml") || ends_with(b".yaml")) && PIPELINE.is_match(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_files_are_a_pipelines_configuration() {
        assert!(is_pipeline_file(b".github/workflows/ci.yml"));
        assert!(is_pipeline_file(b".github/actions/setup/action.yaml"));
        assert!(is_pipeline_file(b".gitlab-ci.yml"));
        assert!(!is_pipeline_file(b"docker-compose.yml"));
        assert!(
            is_pipeline_file(b".github/workflows/CI.YML"),
            "as the pattern, whatever the case"
        );
    }
}
