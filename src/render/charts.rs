//! Inline SVG charts for the HTML portfolio: plain string building, no scripts, no
//! external references. Every piece of text that goes into an SVG (area names and
//! statement text from the rubric) is XML-escaped here, because the template inserts the
//! finished SVG as safe markup. Output is deterministic: no randomness, no hash-map
//! order, numbers printed with at most one decimal.

use crate::model::Portfolio;
use crate::model::portfolio::Strength;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Default, Serialize)]
pub struct Charts {
    /// Activity over time per competency area.
    pub activity: String,
    /// Competency coverage: evidence per statement.
    pub coverage: String,
}

pub fn charts(p: &Portfolio) -> Charts {
    Charts {
        activity: activity_chart(p),
        coverage: coverage_chart(p),
    }
}

/// Series colours (Okabe–Ito, safe for the common colour-vision deficiencies), paired
/// with dash patterns so series differ by more than colour.
const PALETTE: &[(&str, &str)] = &[
    ("#0072b2", ""),
    ("#d55e00", "6 3"),
    ("#009e73", "2 3"),
    ("#cc79a7", "8 3 2 3"),
    ("#e69f00", "4 4"),
    ("#56b4e9", "1 2"),
    ("#555555", "10 4"),
];

const FONT: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const INK: &str = "#1f2933";
const MUTED: &str = "#52606d";
const GRID: &str = "#e4e7eb";
const WIDTH: f64 = 760.0;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The longest period the activity chart draws, in months; longer periods show their end.
const MAX_MONTHS: usize = 120;

/// Escapes text for SVG: the HTML escaping of the templates, without the control
/// characters XML 1.0 does not allow.
pub fn xml_escape(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect();
    super::filters::html_escape(&clean)
}

/// A number with at most one decimal and no trailing `.0`: stable across platforms.
fn num(x: f64) -> String {
    let s = format!("{:.1}", if x.abs() < 0.05 { 0.0 } else { x });
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// A month as (year, month 1..=12).
pub type Month = (i32, u32);

fn month_of(t: DateTime<Utc>) -> Month {
    (t.year(), t.month())
}

fn next_month((y, m): Month) -> Month {
    if m == 12 { (y + 1, 1) } else { (y, m + 1) }
}

fn month_index((y, m): Month) -> i64 {
    i64::from(y) * 12 + i64::from(m) - 1
}

/// Items per month over the period, in total and per competency area.
#[derive(Debug, Clone, PartialEq)]
pub struct Activity {
    pub months: Vec<Month>,
    /// Distinct items per month (each item once, with or without an area).
    pub total: Vec<usize>,
    /// Per area, in rubric order: (area name, items per month that are evidence for it).
    pub series: Vec<(String, Vec<usize>)>,
}

/// Buckets the portfolio's dated items by month. The period is the collection's
/// `since`..`until` (`until` is exclusive, as `--until` writes it); where either is
/// missing, the earliest or latest item stands in. Items outside the period are left out.
pub fn activity(p: &Portfolio) -> Activity {
    let dated: Vec<(DateTime<Utc>, &crate::model::portfolio::Item)> = p
        .items
        .iter()
        .filter_map(|it| it.evidence.timestamp.map(|t| (t, it)))
        .collect();
    let start = p
        .collection
        .since
        .or_else(|| dated.iter().map(|(t, _)| *t).min());
    // `until` is the first instant after the period.
    let end = p
        .collection
        .until
        .map(|u| u - Duration::seconds(1))
        .or_else(|| dated.iter().map(|(t, _)| *t).max());
    let (Some(start), Some(end)) = (start, end) else {
        return Activity {
            months: Vec::new(),
            total: Vec::new(),
            series: Vec::new(),
        };
    };
    let (first, last) = (month_of(start), month_of(end));
    let mut months = Vec::new();
    if month_index(first) <= month_index(last) {
        let skip = (month_index(last) - month_index(first) + 1).saturating_sub(MAX_MONTHS as i64);
        let mut m = first;
        for _ in 0..skip {
            m = next_month(m);
        }
        while month_index(m) <= month_index(last) {
            months.push(m);
            m = next_month(m);
        }
    }
    let slot = |t: DateTime<Utc>| -> Option<usize> {
        if t < start || t > end {
            return None;
        }
        let i = month_index(month_of(t)) - month_index(*months.first()?);
        usize::try_from(i).ok().filter(|&i| i < months.len())
    };
    let mut total = vec![0; months.len()];
    let mut series: Vec<(String, Vec<usize>)> = p
        .areas
        .iter()
        .map(|a| (a.name.clone(), vec![0; months.len()]))
        .collect();
    for (t, it) in &dated {
        let Some(i) = slot(*t) else { continue };
        total[i] += 1;
        for (a, (_, counts)) in p.areas.iter().zip(series.iter_mut()) {
            let prefix = format!("{}/", a.id);
            if it.statements.iter().any(|s| s.starts_with(&prefix)) {
                counts[i] += 1;
            }
        }
    }
    Activity {
        months,
        total,
        series,
    }
}

/// A round step for an axis from 0 to `max` with at most about five ticks.
fn nice_step(max: usize) -> usize {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max.div_ceil(step * m) <= 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

fn svg_open(out: &mut String, height: f64, label: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{l}\" font-family=\"{FONT}\" font-size=\"12\" fill=\"{INK}\"><title>{l}</title><desc>{d}</desc>",
        w = num(WIDTH),
        h = num(height),
        l = xml_escape(label),
        d = xml_escape(desc),
    );
}

fn empty_chart(label: &str, message: &str) -> String {
    let mut out = String::new();
    svg_open(&mut out, 60.0, label, message);
    let _ = write!(
        out,
        "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"59\" rx=\"6\" fill=\"none\" stroke=\"{GRID}\"/><text x=\"{}\" y=\"34\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text></svg>",
        num(WIDTH - 1.0),
        num(WIDTH / 2.0),
        xml_escape(message)
    );
    one_element_a_line(out)
}

/// Lays out legend entries left to right, wrapping; returns (x, y) per entry and height.
fn legend_layout(labels: &[String], x0: f64, width: f64) -> (Vec<(f64, f64)>, f64) {
    let mut pos = Vec::new();
    let (mut x, mut y) = (x0, 0.0);
    for l in labels {
        let w = 30.0 + l.chars().count() as f64 * 6.6 + 18.0;
        if x > x0 && x + w > x0 + width {
            x = x0;
            y += 20.0;
        }
        pos.push((x, y));
        x += w;
    }
    (pos, if labels.is_empty() { 0.0 } else { y + 20.0 })
}

/// Activity over time: grey bars of all items per month, one line per competency area.
pub fn activity_chart(p: &Portfolio) -> String {
    let label = "Activity over time: items per month, in total and per competency area";
    let a = activity(p);
    let max = a.total.iter().copied().max().unwrap_or(0);
    if a.months.is_empty() || max == 0 {
        return empty_chart(label, "No dated items in the period.");
    }
    let n = a.months.len();
    let (left, right) = (44.0, 16.0);
    let plot_w = WIDTH - left - right;

    let mut legend: Vec<String> = vec!["All items".to_string()];
    legend.extend(a.series.iter().map(|(name, _)| name.clone()));
    let (legend_pos, legend_h) = legend_layout(&legend, left, plot_w);
    let top = legend_h + 16.0;
    let plot_h = 200.0;
    let bottom = top + plot_h;
    let height = bottom + 44.0;

    let desc = {
        let months: Vec<String> = a
            .months
            .iter()
            .map(|(y, m)| format!("{y}-{m:02}"))
            .collect();
        let mut d = format!(
            "Months {} to {}. All items: {}.",
            months.first().map(String::as_str).unwrap_or(""),
            months.last().map(String::as_str).unwrap_or(""),
            join(&a.total)
        );
        for (name, counts) in &a.series {
            let _ = write!(d, " {name}: {}.", join(counts));
        }
        d
    };
    let mut out = String::new();
    svg_open(&mut out, height, label, &desc);

    // Legend.
    for (i, ((x, y), text)) in legend_pos.iter().zip(&legend).enumerate() {
        let cy = y + 10.0;
        if i == 0 {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"22\" height=\"10\" rx=\"2\" fill=\"#cbd2d9\"/>",
                num(*x),
                num(cy - 5.0)
            );
        } else {
            let (colour, dash) = PALETTE[(i - 1) % PALETTE.len()];
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{c}\" x2=\"{}\" y2=\"{c}\" stroke=\"{colour}\" stroke-width=\"2.5\"{}/><circle cx=\"{}\" cy=\"{c}\" r=\"3\" fill=\"{colour}\"/>",
                num(*x),
                num(x + 22.0),
                dash_attr(dash),
                num(x + 11.0),
                c = num(cy),
            );
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            num(x + 28.0),
            num(cy + 4.0),
            xml_escape(text)
        );
    }

    // Y axis: grid lines and counts.
    let step = nice_step(max);
    let y_max = max.div_ceil(step) * step;
    let y_of = |v: usize| bottom - v as f64 / y_max as f64 * plot_h;
    let mut v = 0;
    while v <= y_max {
        let y = y_of(v);
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{MUTED}\">{v}</text>",
            num(left),
            num(left + plot_w),
            if v == 0 { "#9aa5b1" } else { GRID },
            num(left - 8.0),
            num(y + 4.0),
            y = num(y),
        );
        v += step;
    }
    let _ = write!(
        out,
        "<text x=\"12\" y=\"{}\" transform=\"rotate(-90 12 {})\" text-anchor=\"middle\" fill=\"{MUTED}\">items</text>",
        num(top + plot_h / 2.0),
        num(top + plot_h / 2.0)
    );

    // X axis: a band per month; bars of all items.
    let band = plot_w / n as f64;
    let x_of = |i: usize| left + band * (i as f64 + 0.5);
    let bar_w = (band * 0.6).min(36.0);
    let every = n.div_ceil(12);
    for (i, &(y, m)) in a.months.iter().enumerate() {
        let x = x_of(i);
        let count = a.total[i];
        if count > 0 {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"#cbd2d9\"><title>{} {y}: {count} item{}</title></rect>",
                num(x - bar_w / 2.0),
                num(y_of(count)),
                num(bar_w),
                num(bottom - y_of(count)),
                MONTHS[(m - 1) as usize],
                if count == 1 { "" } else { "s" },
            );
        }
        if i % every == 0 {
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
                num(x),
                num(bottom + 16.0),
                MONTHS[(m - 1) as usize]
            );
            if i == 0 || m == 1 || (every > 1 && m <= every as u32) {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{MUTED}\">{y}</text>",
                    num(x),
                    num(bottom + 31.0)
                );
            }
        }
    }

    // One line per area, with a marker per month.
    for (k, (name, counts)) in a.series.iter().enumerate() {
        let (colour, dash) = PALETTE[k % PALETTE.len()];
        let points: Vec<String> = counts
            .iter()
            .enumerate()
            .map(|(i, &c)| format!("{},{}", num(x_of(i)), num(y_of(c))))
            .collect();
        let _ = write!(out, "<g><title>{}</title>", xml_escape(name));
        if n > 1 {
            let _ = write!(
                out,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"{}/>",
                points.join(" "),
                dash_attr(dash)
            );
        }
        for (i, &c) in counts.iter().enumerate() {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                num(x_of(i)),
                num(y_of(c))
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    one_element_a_line(out)
}

/// Puts each element on its own line, so the HTML source and its snapshots diff well.
/// Safe because text content is escaped (it never holds a raw `<` or `>`) and the
/// charts use no `<tspan>`, so no text node gains whitespace.
fn one_element_a_line(svg: String) -> String {
    svg.replace("><", ">\n<")
}

fn dash_attr(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    }
}

fn join(counts: &[usize]) -> String {
    counts
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A short label for a statement: its id made readable (`reduces-tech-debt` → "reduces
/// tech debt"), or its text when the id says nothing (`s1`).
fn statement_label(id: &str, text: &str) -> String {
    let short = id.rsplit('/').next().unwrap_or(id).replace(['-', '_'], " ");
    let label = if short.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        let mut chars = short.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => short,
        }
    } else {
        text.to_string()
    };
    truncate(&label, 36)
}

/// A strength as the charts say it: words, not the JSON's snake case.
fn strength_label(s: Strength) -> &'static str {
    match s {
        Strength::NotMeasured => "not measured",
        other => other.as_str(),
    }
}

fn strength_colour(s: Strength) -> &'static str {
    match s {
        Strength::NotMeasured => "#e2e8f0",
        Strength::None => "#9aa5b1",
        Strength::Some => "#d69e2e",
        Strength::Strong => "#2f855a",
    }
}

/// Competency coverage: per area, per statement, a bar of its evidence count on a track
/// that ends at the `strong` threshold, with a mark at the `some` threshold.
pub fn coverage_chart(p: &Portfolio) -> String {
    let label = "Competency coverage: evidence per rubric statement against its thresholds";
    if p.areas.iter().all(|a| a.statements.is_empty()) {
        return empty_chart(label, "The rubric has no statements.");
    }
    let (label_w, track_x, track_w) = (250.0, 262.0, 350.0);
    let value_x = track_x + track_w + 12.0;
    let (area_h, row_h, bar_h) = (28.0, 24.0, 12.0);
    let legend_h = 30.0;
    let rows: f64 = p
        .areas
        .iter()
        .map(|a| area_h + row_h * a.statements.len() as f64)
        .sum();
    let height = legend_h + rows + 8.0;

    let mut desc = String::new();
    for a in &p.areas {
        for s in &a.statements {
            if !s.strength.is_measured() {
                let _ = write!(
                    desc,
                    "{}: {}: not measured. ",
                    a.name,
                    statement_label(&s.id, &s.text),
                );
                continue;
            }
            let _ = write!(
                desc,
                "{}: {}: {} item{} ({}; some from {}, strong from {}). ",
                a.name,
                statement_label(&s.id, &s.text),
                s.count,
                if s.count == 1 { "" } else { "s" },
                s.strength.as_str(),
                s.thresholds.some,
                s.thresholds.strong
            );
        }
    }
    let mut out = String::new();
    svg_open(&mut out, height, label, desc.trim_end());

    // Legend: the bar colours, the dashed `some` mark and the solid `strong` mark.
    let mut x = 0.0;
    out.push_str("<g>");
    let unmeasured = p
        .areas
        .iter()
        .flat_map(|a| &a.statements)
        .any(|s| !s.strength.is_measured());
    let shown: &[Strength] = if unmeasured {
        &[
            Strength::NotMeasured,
            Strength::None,
            Strength::Some,
            Strength::Strong,
        ]
    } else {
        &[Strength::None, Strength::Some, Strength::Strong]
    };
    for &s in shown {
        let name = strength_label(s);
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"6\" width=\"18\" height=\"10\" rx=\"2\" fill=\"{}\"{}/><text x=\"{}\" y=\"15\" fill=\"{MUTED}\">{name}</text>",
            num(x),
            strength_colour(s),
            if s.is_measured() {
                ""
            } else {
                " stroke=\"#9aa5b1\" stroke-dasharray=\"2 2\""
            },
            num(x + 24.0),
        );
        x += 24.0 + name.len() as f64 * 7.0 + 16.0;
    }
    for (dash, text) in [
        (true, "“some” threshold"),
        (false, "“strong” threshold (end of the bar)"),
    ] {
        let _ = write!(
            out,
            "<line x1=\"{lx}\" y1=\"4\" x2=\"{lx}\" y2=\"18\" stroke=\"{INK}\" stroke-width=\"1.5\"{}/><text x=\"{}\" y=\"15\" fill=\"{MUTED}\">{text}</text>",
            if dash {
                " stroke-dasharray=\"2 2\""
            } else {
                ""
            },
            num(x + 8.0),
            lx = num(x + 2.0),
        );
        x += 8.0 + text.chars().count() as f64 * 6.6 + 20.0;
    }
    out.push_str("</g>");

    let mut y = legend_h;
    for a in &p.areas {
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" font-weight=\"600\">{}</text><line x1=\"0\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            num(y + 18.0),
            xml_escape(&truncate(&a.name, 60)),
            num(y + 24.0),
            num(WIDTH),
            num(y + 24.0),
        );
        y += area_h;
        for s in &a.statements {
            if !s.strength.is_measured() {
                // Nothing could show it: an outlined, empty track, and no count.
                let by = y + (row_h - bar_h) / 2.0;
                let _ = write!(
                    out,
                    "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"none\" stroke=\"#9aa5b1\" stroke-dasharray=\"2 2\"/><text x=\"{}\" y=\"{}\" fill=\"{MUTED}\">not measured</text></g>",
                    xml_escape(&s.text),
                    num(label_w),
                    num(y + 16.0),
                    xml_escape(&statement_label(&s.id, &s.text)),
                    num(track_x),
                    num(by),
                    num(track_w),
                    num(bar_h),
                    num(value_x),
                    num(y + 16.0),
                );
                y += row_h;
                continue;
            }
            let strong = s.thresholds.strong.max(1) as f64;
            let fill_w = (s.count as f64).min(strong) / strong * track_w;
            let some_x = track_x + (s.thresholds.some as f64).min(strong) / strong * track_w;
            let by = y + (row_h - bar_h) / 2.0;
            let _ = write!(
                out,
                "<g><title>{}</title><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#eef0f2\"/>",
                xml_escape(&s.text),
                num(label_w),
                num(y + 16.0),
                xml_escape(&statement_label(&s.id, &s.text)),
                num(track_x),
                num(by),
                num(track_w),
                num(bar_h),
            );
            if fill_w > 0.0 {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\"/>",
                    num(track_x),
                    num(by),
                    num(fill_w.max(3.0)),
                    num(bar_h),
                    strength_colour(s.strength)
                );
            }
            let _ = write!(
                out,
                "<line x1=\"{sx}\" y1=\"{}\" x2=\"{sx}\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\"/><line x1=\"{ex}\" y1=\"{}\" x2=\"{ex}\" y2=\"{}\" stroke=\"{INK}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\">{} of {} · {}{}</text></g>",
                num(by - 3.0),
                num(by + bar_h + 3.0),
                num(by - 3.0),
                num(by + bar_h + 3.0),
                num(value_x),
                num(y + 16.0),
                s.count,
                s.thresholds.strong,
                s.strength.as_str(),
                if s.count as f64 > strong {
                    " (beyond)"
                } else {
                    ""
                },
                sx = num(some_x),
                ex = num(track_x + track_w),
            );
            y += row_h;
        }
    }
    out.push_str("</svg>");
    one_element_a_line(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evidence::Collection;
    use crate::model::portfolio::*;
    use crate::model::{Evidence, Kind};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn item(id: &str, when: Option<&str>, statements: &[&str]) -> Item {
        let mut e = Evidence::new(id, Kind::Commit, format!("title of {id}"));
        e.timestamp = when.map(t);
        Item {
            evidence: e,
            signals: Vec::new(),
            primary: "unclassified".into(),
            confidence: 0.0,
            counted: false,
            counts_from: None,
            matches: Vec::new(),
            statements: statements.iter().map(|s| s.to_string()).collect(),
            weight: 1.0,
            counted_with: None,
            counted_why: None,
            mechanical: None,
        }
    }

    fn statement(
        id: &str,
        text: &str,
        count: usize,
        some: usize,
        strong: usize,
    ) -> StatementReport {
        let strength = if count >= strong {
            Strength::Strong
        } else if count >= some {
            Strength::Some
        } else {
            Strength::None
        };
        StatementReport {
            id: id.to_string(),
            text: text.to_string(),
            strength,
            count,
            thresholds: Thresholds { some, strong },
            evidence: Vec::new(),
            goal: String::new(),
            sources: Vec::new(),
            measure: String::new(),
            others: 0,
        }
    }

    fn area(id: &str, name: &str, statements: Vec<StatementReport>) -> AreaReport {
        AreaReport {
            id: id.to_string(),
            name: name.to_string(),
            icon: String::new(),
            summary: String::new(),
            count: 0,
            strength: Strength::None,
            measured: statements.len(),
            statements,
            evidence: Vec::new(),
        }
    }

    fn portfolio(areas: Vec<AreaReport>, items: Vec<Item>) -> Portfolio {
        Portfolio {
            schema: PORTFOLIO_SCHEMA,
            generated_at: t("2026-11-23T12:00:00Z"),
            collection: Collection::default(),
            rubric: RubricInfo::default(),
            totals: Totals::default(),
            areas,
            categories: Vec::new(),
            gaps: Vec::new(),
            not_seen: Vec::new(),
            initiatives: Vec::new(),
            items,
        }
    }

    fn two_areas() -> Vec<AreaReport> {
        vec![
            area(
                "dx",
                "Domain expertise",
                vec![statement(
                    "dx/advanced-in-domain",
                    "I am advanced.",
                    3,
                    3,
                    15,
                )],
            ),
            area(
                "tm",
                "Teaching",
                vec![statement(
                    "tm/levels-up-others",
                    "I level up others.",
                    12,
                    2,
                    10,
                )],
            ),
        ]
    }

    #[test]
    fn escapes_xml_special_characters() {
        assert_eq!(
            xml_escape(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(xml_escape("a\u{1}b"), "ab");
    }

    #[test]
    fn chart_text_from_the_rubric_is_escaped() {
        let evil = "<script>alert(1)</script> & \"Co\"";
        let areas = vec![area(
            "x",
            evil,
            vec![statement("x/s-one-two", evil, 1, 1, 2)],
        )];
        let items = vec![item("a", Some("2026-03-02T10:00:00Z"), &["x/s-one-two"])];
        let p = portfolio(areas, items);
        for svg in [activity_chart(&p), coverage_chart(&p)] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;"));
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert!(svg.contains("role=\"img\"") && svg.contains("aria-label=\""));
            assert!(svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn empty_portfolio_gets_a_message_not_a_broken_chart() {
        let p = portfolio(Vec::new(), Vec::new());
        let c = charts(&p);
        assert!(c.activity.contains("No dated items in the period."));
        assert!(c.coverage.contains("The rubric has no statements."));
        for svg in [&c.activity, &c.coverage] {
            assert!(svg.contains("role=\"img\"") && svg.contains("<title>"));
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
        // Areas but no items: coverage still draws every statement, empty.
        let p = portfolio(two_areas(), Vec::new());
        assert!(activity_chart(&p).contains("No dated items"));
        let cov = coverage_chart(&p);
        assert!(cov.contains("Advanced in domain") && cov.contains("Levels up others"));
    }

    #[test]
    fn items_are_bucketed_by_month_within_the_period() {
        let mut p = portfolio(
            two_areas(),
            vec![
                item(
                    "a",
                    Some("2026-01-31T23:59:59Z"),
                    &["dx/advanced-in-domain"],
                ),
                item(
                    "b",
                    Some("2026-02-01T00:00:00Z"),
                    &["dx/advanced-in-domain", "tm/levels-up-others"],
                ),
                item("c", Some("2026-02-15T00:00:00Z"), &[]),
                item("d", Some("2026-04-30T12:00:00Z"), &["tm/levels-up-others"]),
                // Outside the period: before since, at until (exclusive), undated.
                item(
                    "e",
                    Some("2025-12-31T23:59:59Z"),
                    &["dx/advanced-in-domain"],
                ),
                item(
                    "f",
                    Some("2026-05-01T00:00:00Z"),
                    &["dx/advanced-in-domain"],
                ),
                item("g", None, &["dx/advanced-in-domain"]),
            ],
        );
        p.collection.since = Some(t("2026-01-01T00:00:00Z"));
        p.collection.until = Some(t("2026-05-01T00:00:00Z"));
        let a = activity(&p);
        assert_eq!(a.months, vec![(2026, 1), (2026, 2), (2026, 3), (2026, 4)]);
        assert_eq!(a.total, vec![1, 2, 0, 1]);
        assert_eq!(
            a.series,
            vec![
                ("Domain expertise".to_string(), vec![1, 1, 0, 0]),
                ("Teaching".to_string(), vec![0, 1, 0, 1]),
            ]
        );
    }

    #[test]
    fn without_a_period_the_items_span_it_across_years() {
        let p = portfolio(
            two_areas(),
            vec![
                item("a", Some("2025-11-03T00:00:00Z"), &[]),
                item("b", Some("2026-02-10T00:00:00Z"), &["tm/levels-up-others"]),
            ],
        );
        let a = activity(&p);
        assert_eq!(a.months, vec![(2025, 11), (2025, 12), (2026, 1), (2026, 2)]);
        assert_eq!(a.total, vec![1, 0, 0, 1]);
        let svg = activity_chart(&p);
        // Month labels, with the year under the first month and under January.
        assert!(svg.contains(">Nov</text>") && svg.contains(">2025</text>"));
        assert!(svg.contains(">Jan</text>") && svg.contains(">2026</text>"));
        assert!(svg.contains(">All items</text>") && svg.contains(">Teaching</text>"));
    }

    #[test]
    fn coverage_marks_thresholds_and_caps_the_bar() {
        let p = portfolio(two_areas(), Vec::new());
        let svg = coverage_chart(&p);
        assert!(svg.contains("3 of 15 · some"), "{svg}");
        assert!(svg.contains("12 of 10 · strong (beyond)"), "{svg}");
        // The bar for 12 of 10 fills the track and no more.
        assert!(svg.contains("width=\"350\" height=\"12\" rx=\"3\" fill=\"#2f855a\""));
    }

    #[test]
    fn output_is_deterministic_with_stable_numbers() {
        let p = portfolio(
            two_areas(),
            vec![item(
                "a",
                Some("2026-01-05T00:00:00Z"),
                &["dx/advanced-in-domain"],
            )],
        );
        assert_eq!(activity_chart(&p), activity_chart(&p));
        assert_eq!(coverage_chart(&p), coverage_chart(&p));
        assert_eq!(num(2.0), "2");
        assert_eq!(num(2.25), "2.2");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(1.0 / 3.0), "0.3");
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(6), 2);
        assert_eq!(nice_step(23), 5);
        assert_eq!(nice_step(140), 50);
    }
}
