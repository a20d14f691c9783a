//! A small SVG per judge, drawn on the server: everyone's marks as a grey
//! band (lowest to highest) with a line at their average, and this judge's
//! marks as a bar with a dot at their average, on the 0–100% scale. A harsh
//! judge sits to the left, a generous one to the right, a narrow one short.

use crate::domain::ranking::JudgeMarks;
use crate::service::results::Results;
use serde::Serialize;

/// One judge's chart and reading, as the page shows it.
#[derive(Serialize)]
pub struct JudgeChart {
    name: String,
    projects: usize,
    svg: String,
    reading: String,
}

/// Every counted judge's chart against everyone's marks.
pub fn charts(r: &Results) -> Vec<JudgeChart> {
    let everyone = &r.marks.everyone;
    r.marks
        .judges
        .iter()
        .map(|j| {
            let name = j
                .judge
                .and_then(|id| r.judge_names.get(&id).cloned())
                .unwrap_or_else(|| "A judge".into());
            JudgeChart {
                svg: judge_chart(&name, j, everyone),
                reading: judge_reading(j, everyone),
                projects: j.projects,
                name,
            }
        })
        .collect()
}

const WIDTH: f64 = 300.0;
const PAD: f64 = 10.0;
const HEIGHT: f64 = 46.0;

/// Text for inside the SVG, escaped (names are typed by people).
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Where a mark (0–1 of the scale) sits across the chart.
fn x(share: f64) -> f64 {
    PAD + share.clamp(0.0, 1.0) * (WIDTH - 2.0 * PAD)
}

/// The chart for one judge against everyone, labelled with `name` for screen
/// readers.
pub fn judge_chart(name: &str, judge: &JudgeMarks, everyone: &JudgeMarks) -> String {
    let label = escape(&format!(
        "{name}: marks from {:.0}% to {:.0}%, average {:.0}%; everyone's average {:.0}%",
        judge.lowest * 100.0,
        judge.highest * 100.0,
        judge.mean * 100.0,
        everyone.mean * 100.0
    ));
    let band = (
        x(everyone.lowest),
        x(everyone.highest).max(x(everyone.lowest) + 1.0),
    );
    let bar = (x(judge.lowest), x(judge.highest).max(x(judge.lowest) + 2.0));
    format!(
        concat!(
            r##"<svg class="judge-chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}">"##,
            r##"<title>{label}</title>"##,
            r##"<line x1="{pad}" y1="32" x2="{end}" y2="32" stroke="#8a8f98" stroke-width="1"/>"##,
            r##"<rect x="{b0:.1}" y="4" width="{bw:.1}" height="12" fill="#d9dde3"/>"##,
            r##"<line x1="{em:.1}" y1="1" x2="{em:.1}" y2="19" stroke="#4a4f57" stroke-width="2"/>"##,
            r##"<rect x="{j0:.1}" y="20" width="{jw:.1}" height="8" rx="2" fill="#2f6fb3"/>"##,
            r##"<circle cx="{jm:.1}" cy="24" r="5" fill="#0b3d75" stroke="#ffffff" stroke-width="1.5"/>"##,
            r##"<text x="{pad}" y="44" font-size="9" fill="#4a4f57">0%</text>"##,
            r##"<text x="{end}" y="44" font-size="9" fill="#4a4f57" text-anchor="end">100%</text>"##,
            r##"</svg>"##
        ),
        w = WIDTH,
        h = HEIGHT,
        pad = PAD,
        end = WIDTH - PAD,
        label = label,
        b0 = band.0,
        bw = band.1 - band.0,
        em = x(everyone.mean),
        j0 = bar.0,
        jw = bar.1 - bar.0,
        jm = x(judge.mean),
    )
}

/// One line saying what normalising does to this judge's marks.
pub fn judge_reading(judge: &JudgeMarks, everyone: &JudgeMarks) -> String {
    let lean = judge.lean(everyone);
    let level = if lean.abs() < 5.0 {
        "Marks about as high as everyone".to_string()
    } else if lean > 0.0 {
        format!("Generous: marks {lean:.0} points above everyone's average")
    } else {
        format!("Harsh: marks {:.0} points below everyone's average", -lean)
    };
    let spread = match judge.stretch(everyone) {
        Some(s) if s < 0.67 => {
            ", in a narrow range; normalising takes off the lean and stretches the range"
        }
        Some(s) if s > 1.5 => {
            ", over a wide range; normalising takes off the lean and narrows the range"
        }
        Some(_) => "; normalising takes off the lean",
        None => "; all the same mark, so they do not change the normalised order",
    };
    format!("{level}{spread}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(mean: f64, lowest: f64, highest: f64, spread: f64) -> JudgeMarks {
        JudgeMarks {
            judge: None,
            projects: 3,
            mean,
            lowest,
            highest,
            spread,
        }
    }

    #[test]
    fn the_chart_escapes_the_name_and_places_the_marks_on_the_scale() {
        let svg = judge_chart(
            "<b>Ann & \"Bo\"</b>",
            &marks(0.5, 0.0, 1.0, 0.3),
            &marks(0.5, 0.0, 1.0, 0.3),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert!(
            svg.contains(r#"cx="150.0""#),
            "average at the middle: {svg}"
        );
    }

    #[test]
    fn the_reading_names_a_generous_narrow_judge_and_a_harsh_one() {
        let everyone = marks(0.5, 0.0, 1.0, 0.3);
        let generous = judge_reading(&marks(0.8, 0.7, 0.9, 0.1), &everyone);
        assert!(
            generous.starts_with("Generous: marks 30 points above"),
            "{generous}"
        );
        assert!(generous.contains("narrow range"), "{generous}");
        let harsh = judge_reading(&marks(0.3, 0.0, 0.6, 0.3), &everyone);
        assert!(harsh.starts_with("Harsh: marks 20 points below"), "{harsh}");
    }
}
