//! One error type for the whole tool: a kind (which decides the exit code), a message,
//! an optional hint and an optional cause chain. `main` prints it; nothing else does.

use std::fmt;
use std::path::Path;

/// What went wrong, coarsely: decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line was wrong (bad flag value, bad date, missing input).
    Usage,
    /// A configuration, rules, rubric, team or template file is invalid.
    Config,
    /// The command ran, but something the user asked for failed (a source, an output file).
    Failed,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Usage | ErrorKind::Config => 2,
            ErrorKind::Failed => 1,
        }
    }
}

#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
    pub source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            source: None,
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }
    pub fn failed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Failed, message)
    }
    /// An I/O failure on a named file; a permission problem gets its own hint.
    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        let hint = match err.kind() {
            std::io::ErrorKind::PermissionDenied => {
                Some("check the file's permissions for the user running evident".to_string())
            }
            std::io::ErrorKind::NotFound => Some("check the path for typos".to_string()),
            _ => None,
        };
        let mut e = Self::failed(format!("could not {action} {}", path.display())).with_source(err);
        e.hint = hint;
        e
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The text printed to stderr: `error:`, then each `caused by:`, then the `hint:`.
    pub fn report(&self) -> String {
        let mut out = format!("error: {}", self.message);
        let mut cause: Option<&(dyn std::error::Error + 'static)> = self
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static));
        while let Some(c) = cause {
            let text = c.to_string();
            if !text.is_empty() && !self.message.contains(&text) {
                out.push_str(&format!("\ncaused by: {text}"));
            }
            cause = c.source();
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\nhint: {hint}"));
        }
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Turns a `toml` parse error into `file:line:col: message`.
pub fn toml_error(path: &str, text: &str, err: &toml::de::Error) -> Error {
    let location = err
        .span()
        .map(|span| {
            let (line, col) = line_col(text, span.start);
            format!("{path}:{line}:{col}")
        })
        .unwrap_or_else(|| path.to_string());
    Error::config(format!("{location}: {}", err.message().trim()))
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
