//! The temperature curve as an SVG: the cross-validated score (mean ± std over folds) at each
//! temperature of the grid, the chosen one marked.
//!
//! The temperatures sit at equal spacing (the grid runs from 0 to ∞, which no numeric axis
//! holds), labelled with their values. Text uses plotters' built-in font estimate, so no
//! system fonts are needed; viewers render it with their default sans-serif font.

use plotters::prelude::*;

use super::report::TemperatureRecord;
use crate::error::{LupiError, Result};

/// Draws the curve of `record` and returns the SVG document.
///
/// # Errors
/// When the record has no curve (the temperature was given, not cross-validated).
pub fn temperature_curve_svg(record: &TemperatureRecord) -> Result<String> {
    let curve = &record.curve;
    if curve.is_empty() {
        return Err(LupiError::Data(format!(
            "no temperature curve: T = {} was {}, not chosen by cross-validation \
             (fit with --temperature auto)",
            record.value, record.chosen_by
        )));
    }
    let low = curve
        .iter()
        .map(|point| point.mean - point.std)
        .fold(f64::INFINITY, f64::min);
    let high = curve
        .iter()
        .map(|point| point.mean + point.std)
        .fold(f64::NEG_INFINITY, f64::max);
    let margin = ((high - low) * 0.1).max(1e-6);
    let labels: Vec<String> = curve
        .iter()
        .map(|point| point.temperature.to_string())
        .collect();
    let mut svg = String::new();
    let drawn = (|| -> std::result::Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
        root.fill(&WHITE)?;
        let last = (curve.len() - 1).max(1) as f64;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("cross-validated {} against temperature T", record.metric),
                ("sans-serif", 18),
            )
            .margin(15)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(-0.5..last + 0.5, (low - margin)..(high + margin))?;
        chart
            .configure_mesh()
            .x_desc("temperature T")
            .y_desc(format!("{} (mean ± std over folds)", record.metric))
            .x_labels(curve.len())
            .x_label_formatter(&|position| {
                let index = position.round();
                if (position - index).abs() < 1e-9 && index >= 0.0 {
                    labels.get(index as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .draw()?;
        let points: Vec<(f64, f64)> = curve
            .iter()
            .enumerate()
            .map(|(index, point)| (index as f64, point.mean))
            .collect();
        chart.draw_series(LineSeries::new(points.clone(), &BLUE))?;
        chart.draw_series(curve.iter().enumerate().map(|(index, point)| {
            let x = index as f64;
            PathElement::new(
                vec![(x, point.mean - point.std), (x, point.mean + point.std)],
                BLUE,
            )
        }))?;
        chart.draw_series(curve.iter().enumerate().map(|(index, point)| {
            let chosen = point.temperature == record.value;
            let style = if chosen { RED.filled() } else { BLUE.filled() };
            Circle::new(
                (index as f64, point.mean),
                if chosen { 6 } else { 3 },
                style,
            )
        }))?;
        root.present()?;
        Ok(())
    })();
    drawn
        .map_err(|error| LupiError::Data(format!("cannot draw the temperature curve: {error}")))?;
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::losses::Temperature;
    use crate::tabular::report::CurvePoint;

    #[test]
    fn draws_a_well_formed_svg_with_every_label() {
        let curve = [0.0, 1.0, f64::INFINITY]
            .iter()
            .enumerate()
            .map(|(index, value)| CurvePoint {
                temperature: Temperature::new(*value).unwrap(),
                mean: 1.0 + index as f64,
                std: 0.1,
            })
            .collect();
        let record = TemperatureRecord {
            value: Temperature::new(1.0).unwrap(),
            chosen_by: "cross_validation".into(),
            folds: Some(3),
            metric: "rmse".into(),
            curve,
        };
        let svg = temperature_curve_svg(&record).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{svg}"
        );
        assert!(
            svg.contains("\ninf\n") && svg.contains("temperature T"),
            "{svg}"
        );
        let given = TemperatureRecord {
            curve: Vec::new(),
            ..record
        };
        assert!(temperature_curve_svg(&given).is_err());
    }
}
