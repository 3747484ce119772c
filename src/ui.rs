//! How evident talks to the person on stderr: errors, warnings and hints styled alike
//! (`error:`, `warning:`, `hint:`), status lines that `-q` silences, progress bars, and
//! the logging layer that draws diagnostics between the bars so lines never tear.
//! Results go to stdout or `--output`, never through here.
//!
//! Colour only when asked (`--color always`) or, with `--color auto`, when stderr is a
//! terminal and `NO_COLOR` is unset. Progress bars only when stderr is a terminal, `CI`
//! is unset and `-q` is not given.

use crate::error::Error;
use anstyle::{AnsiColor, Style};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write as _;
use std::sync::OnceLock;
use std::time::Duration;
use tracing::field::{Field, Visit};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields, MakeWriter};
use tracing_subscriber::registry::LookupSpan;

/// How the person asked stderr to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UiOptions {
    /// `-q`: errors only.
    pub quiet: bool,
    /// `-v` count: 1 for info, 2 and more for debug.
    pub verbose: u8,
    /// Whether to write ANSI colour.
    pub color: bool,
    /// Whether progress bars may be drawn (stderr is a terminal, not CI).
    pub progress: bool,
    /// `--log-format json`: diagnostics as one JSON object a line.
    pub json: bool,
}

struct Ui {
    options: UiOptions,
    /// Every progress bar, so that a log line is written between redraws.
    bars: MultiProgress,
}

static UI: OnceLock<Ui> = OnceLock::new();

fn ui() -> &'static Ui {
    UI.get_or_init(|| Ui::new(UiOptions::default()))
}

impl Ui {
    fn new(options: UiOptions) -> Ui {
        let target = if options.progress && !options.quiet {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Ui {
            options,
            bars: MultiProgress::with_draw_target(target),
        }
    }
}

/// Sets how stderr is written, and the logging layer; `filter` is `EVIDENT_LOG` (a
/// tracing filter) when set. Called once, by `main_with`; later calls change nothing.
pub fn init(options: UiOptions, filter: Option<&str>) {
    let _ = UI.set(Ui::new(options));
    let level = match (options.quiet, options.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    let filter = filter
        .and_then(|f| tracing_subscriber::EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new(format!("evident={level}")));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(BetweenBars)
        .with_target(false);
    let _ = if options.json {
        builder.json().try_init()
    } else {
        builder
            .event_format(Plain {
                color: options.color,
            })
            .try_init()
    };
}

/// The label styles: errors red, warnings yellow, hints cyan, as cargo writes them.
fn style(label: &str) -> Style {
    let color = match label {
        "error" => Some(AnsiColor::Red),
        "warning" => Some(AnsiColor::Yellow),
        "hint" => Some(AnsiColor::Cyan),
        "info" => Some(AnsiColor::Green),
        _ => None,
    };
    Style::new().bold().fg_color(color.map(Into::into))
}

/// `label:`, in its colour when colour is on.
fn label(label: &str, color: bool) -> String {
    if color {
        let s = style(label);
        format!("{}{label}:{}", s.render(), s.render_reset())
    } else {
        format!("{label}:")
    }
}

/// An error as the person sees it: `error:`, each `caused by:`, then `hint:`.
pub fn print_error(e: &Error) {
    let color = ui().options.color;
    let text = e.report();
    let styled: Vec<String> = text.lines().map(|line| restyle(line, color)).collect();
    write_stderr(&(styled.join("\n") + "\n"));
}

/// A line that starts with a known label, with that label styled.
fn restyle(line: &str, color: bool) -> String {
    for name in ["error", "warning", "hint", "caused by"] {
        if let Some(rest) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) {
            return format!("{}{rest}", label(name, color));
        }
    }
    line.to_string()
}

/// An informational line on stderr (what was written, what was added): silenced by
/// `-q`.
pub fn status(message: impl AsRef<str>) {
    let options = ui().options;
    if options.quiet {
        return;
    }
    if options.json {
        // Keep stderr one JSON object a line, as the logging layer writes it.
        let line = serde_json::json!({
            "timestamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            "level": "INFO",
            "fields": {"message": message.as_ref()},
        });
        write_stderr(&format!("{line}\n"));
    } else {
        write_stderr(&format!("{}\n", message.as_ref()));
    }
}

fn write_stderr(text: &str) {
    ui().bars.suspend(|| {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
    });
}

/// A progress bar of `len` steps, drawn only on a terminal (hidden otherwise, so callers
/// need not ask). `what` is its prefix, e.g. `reading repositories`.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    let bar = if ui().bars.is_hidden() {
        ProgressBar::hidden()
    } else {
        ui().bars.add(ProgressBar::new(len))
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix} [{bar:30}] {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    if !bar.is_hidden() {
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    bar
}

/// A spinner for a step of unknown length (`reading the authors`), drawn only on a
/// terminal; `finish_and_clear` it when the step is done.
pub fn spinner(what: &str) -> ProgressBar {
    let bar = if ui().bars.is_hidden() {
        ProgressBar::hidden()
    } else {
        ui().bars.add(ProgressBar::new_spinner())
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {prefix} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_prefix(what.to_string());
    if !bar.is_hidden() {
        bar.enable_steady_tick(Duration::from_millis(120));
    }
    bar
}

/// The logging layer's writer: each event is written whole, with the progress bars
/// cleared for it and drawn again after.
struct BetweenBars;

impl<'a> MakeWriter<'a> for BetweenBars {
    type Writer = EventBuffer;
    fn make_writer(&'a self) -> EventBuffer {
        EventBuffer(Vec::new())
    }
}

/// One event's text, written to stderr when the logging layer is done with it.
struct EventBuffer(Vec<u8>);

impl std::io::Write for EventBuffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for EventBuffer {
    fn drop(&mut self) {
        if !self.0.is_empty() {
            write_stderr(&String::from_utf8_lossy(&self.0));
        }
    }
}

/// The text log format: `warning: message key=value`, a `hint` field on its own
/// `hint:` line, the spans (`member{name=Alice}:`) before the message.
struct Plain {
    color: bool,
}

impl<S, N> FormatEvent<S, N> for Plain
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let name = match *event.metadata().level() {
            tracing::Level::ERROR => "error",
            tracing::Level::WARN => "warning",
            tracing::Level::INFO => "info",
            tracing::Level::DEBUG => "debug",
            tracing::Level::TRACE => "trace",
        };
        write!(writer, "{} ", label(name, self.color))?;
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                write!(writer, "{}", span.name())?;
                let ext = span.extensions();
                if let Some(fields) = ext.get::<tracing_subscriber::fmt::FormattedFields<N>>()
                    && !fields.is_empty()
                {
                    write!(writer, "{{{fields}}}")?;
                }
                write!(writer, ": ")?;
            }
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        // A message may carry an error's report: its `caused by:` and `hint:` lines are
        // styled like an error's.
        let mut lines = fields.message.lines();
        write!(writer, "{}", lines.next().unwrap_or_default())?;
        let rest: Vec<String> = lines.map(|l| restyle(l, self.color)).collect();
        for (k, v) in &fields.rest {
            write!(writer, " {k}={v}")?;
        }
        writeln!(writer)?;
        for line in rest {
            writeln!(writer, "{line}")?;
        }
        if let Some(hint) = fields.hint {
            writeln!(writer, "{} {hint}", label("hint", self.color))?;
        }
        Ok(())
    }
}

#[derive(Default)]
struct Fields {
    message: String,
    hint: Option<String>,
    rest: Vec<(String, String)>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "message" => self.message = value.to_string(),
            "hint" => self.hint = Some(value.to_string()),
            name => self.rest.push((name.to_string(), value.to_string())),
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            "message" => self.message = format!("{value:?}"),
            "hint" => self.hint = Some(format!("{value:?}")),
            name => self.rest.push((name.to_string(), format!("{value:?}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_plain_without_colour() {
        assert_eq!(label("warning", false), "warning:");
        assert!(label("error", true).contains("\u{1b}["));
        assert_eq!(restyle("hint: pass --author", false), "hint: pass --author");
        assert!(restyle("caused by: x", true).starts_with("\u{1b}["));
        assert_eq!(restyle("plain text", true), "plain text");
    }
}
