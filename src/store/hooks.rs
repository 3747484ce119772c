//! Test hooks: points where a test run of evident stops, so a test can kill it (or start
//! a second run) at a precise point instead of after a guessed delay.
//!
//! Only with the `test-hooks` cargo feature, which the tests turn on (see Cargo.toml):
//! without it [`TestHooks::from_vars`] reads nothing and [`TestHooks::reached`] does
//! nothing, so a release build neither reads `EVIDENT_TEST_*` nor waits anywhere.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Where a test run stops. Set through `EVIDENT_TEST_PAUSE_AT` and `EVIDENT_TEST_GATE`
/// (see docs/development.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Once the lock is taken, before anything is read.
    Locked,
    /// Once N source files are in place.
    Written(usize),
    /// While writing the N-th source file (1-based): the temporary file is complete and
    /// synced, the rename has not happened.
    BeforeRename(usize),
}

impl Pause {
    /// `locked`, `written:N` or `before-rename:N`.
    pub fn parse(text: &str) -> Option<Pause> {
        let (point, n) = match text.split_once(':') {
            Some((p, n)) => (p, n.trim().parse::<usize>().ok()),
            None => (text, None),
        };
        match (point.trim(), n) {
            ("locked", None) => Some(Pause::Locked),
            ("written", Some(n)) => Some(Pause::Written(n)),
            ("before-rename", Some(n)) => Some(Pause::BeforeRename(n)),
            _ => None,
        }
    }
}

/// At `pause`, evident creates `<gate>.paused` and waits (at most two minutes) until the
/// file `<gate>` exists, holding the lock and blocking other store writes.
#[derive(Debug, Clone, Default)]
pub struct TestHooks {
    pub pause: Option<Pause>,
    pub gate: Option<PathBuf>,
}

impl TestHooks {
    /// From `EVIDENT_TEST_PAUSE_AT` and `EVIDENT_TEST_GATE` (the `EVIDENT_*` variables the
    /// environment module collected, without the prefix).
    #[cfg(feature = "test-hooks")]
    pub fn from_vars(vars: &BTreeMap<String, String>) -> TestHooks {
        TestHooks {
            pause: vars.get("TEST_PAUSE_AT").and_then(|v| Pause::parse(v)),
            gate: vars.get("TEST_GATE").map(PathBuf::from),
        }
    }

    /// No hooks without the `test-hooks` feature.
    #[cfg(not(feature = "test-hooks"))]
    pub fn from_vars(_vars: &BTreeMap<String, String>) -> TestHooks {
        TestHooks::default()
    }

    /// Called at each pause point: waits there when the hooks ask for it.
    #[cfg(feature = "test-hooks")]
    pub(super) fn reached(&self, point: Pause) {
        use std::time::{Duration, Instant};
        if self.pause != Some(point) {
            return;
        }
        let Some(gate) = &self.gate else { return };
        let mut marker = gate.clone().into_os_string();
        marker.push(".paused");
        let _ = std::fs::write(&marker, std::process::id().to_string());
        let started = Instant::now();
        while !gate.exists() && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[cfg(not(feature = "test-hooks"))]
    pub(super) fn reached(&self, _point: Pause) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_points_parse() {
        assert_eq!(Pause::parse("locked"), Some(Pause::Locked));
        assert_eq!(Pause::parse("written:3"), Some(Pause::Written(3)));
        assert_eq!(
            Pause::parse("before-rename:1"),
            Some(Pause::BeforeRename(1))
        );
        assert_eq!(Pause::parse("written"), None);
    }
}
