//! Uniform spatial grid for fixed-radius neighbour queries between two point sets.
//!
//! Points are binned into cubic cells of edge `cell_size` (cell = ⌊coordinate / cell_size⌋
//! per axis) held in a hash map from cell to point indices. With `cell_size` ≥ the query
//! radius, every neighbour of a point lies in its own cell or one of the 26 around it, so a
//! query costs the number of points in 27 cells instead of all points: counting contacts
//! between n and m atoms is O(n + m + contacts) rather than O(n m). A query farther than
//! the radius from the points' bounding box is answered without any lookup, which skips
//! most atoms of a partner away from the interface.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Points binned by cell.
#[derive(Debug, Clone)]
pub struct SpatialGrid {
    cell_size: f64,
    points: Vec<[f64; 3]>,
    cells: HashMap<u64, Vec<usize>, BuildHasherDefault<CellKeyHasher>>,
    lower_corner: [f64; 3],
    upper_corner: [f64; 3],
}

impl SpatialGrid {
    /// Bins `points` into cells of edge `cell_size` (Å); `cell_size` must be finite and
    /// positive, which the callers check.
    pub fn new(points: Vec<[f64; 3]>, cell_size: f64) -> Self {
        let mut cells: HashMap<u64, Vec<usize>, BuildHasherDefault<CellKeyHasher>> =
            HashMap::default();
        let mut lower_corner = [f64::INFINITY; 3];
        let mut upper_corner = [f64::NEG_INFINITY; 3];
        for (index, point) in points.iter().enumerate() {
            cells
                .entry(cell_key(cell_of(point, cell_size)))
                .or_default()
                .push(index);
            for axis in 0..3 {
                lower_corner[axis] = lower_corner[axis].min(point[axis]);
                upper_corner[axis] = upper_corner[axis].max(point[axis]);
            }
        }
        Self {
            cell_size,
            points,
            cells,
            lower_corner,
            upper_corner,
        }
    }

    /// Calls `visit(index, squared distance)` for every stored point within `radius` of
    /// `query` (distance ≤ radius). `radius` must not exceed the cell size, or neighbours
    /// could be missed.
    pub fn for_each_within(
        &self,
        query: &[f64; 3],
        radius: f64,
        mut visit: impl FnMut(usize, f64),
    ) {
        let outside_box = (0..3).any(|axis| {
            query[axis] < self.lower_corner[axis] - radius
                || query[axis] > self.upper_corner[axis] + radius
        });
        if outside_box {
            return;
        }
        let center = cell_of(query, self.cell_size);
        let radius_squared = radius * radius;
        // Checked: a coordinate beyond ±2⁶³ cells sits in the last cell, which has no
        // neighbour past it (and must not be visited twice).
        let around = |cell: i64| [cell.checked_sub(1), Some(cell), cell.checked_add(1)];
        for x in around(center[0]).into_iter().flatten() {
            for y in around(center[1]).into_iter().flatten() {
                for z in around(center[2]).into_iter().flatten() {
                    let cell = [x, y, z];
                    let Some(indices) = self.cells.get(&cell_key(cell)) else {
                        continue;
                    };
                    for &index in indices {
                        let distance = squared_distance(query, &self.points[index]);
                        if distance <= radius_squared {
                            visit(index, distance);
                        }
                    }
                }
            }
        }
    }
}

/// The cell holding `point`.
fn cell_of(point: &[f64; 3], cell_size: f64) -> [i64; 3] {
    // `as` saturates for coordinates far outside any real structure, which is harmless:
    // every candidate's distance is checked.
    point.map(|coordinate| (coordinate / cell_size).floor() as i64)
}

/// Packs a cell into 63 bits, 21 per axis. Cells more than 2²⁰ apart may share a key; that
/// only adds candidates, whose distances are checked, so results stay exact.
fn cell_key(cell: [i64; 3]) -> u64 {
    const MASK: u64 = (1 << 21) - 1;
    cell.iter().fold(0, |key, &coordinate| {
        (key << 21) | (coordinate as u64 & MASK)
    })
}

/// Multiplicative hasher for the packed cell keys: the default SipHash is built to resist
/// adversarial keys, which grid cells are not, and costs several times more per lookup.
#[derive(Debug, Clone, Copy, Default)]
pub struct CellKeyHasher {
    state: u64,
}

impl Hasher for CellKeyHasher {
    fn finish(&self) -> u64 {
        self.state ^ (self.state >> 29)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.state = (self.state ^ value).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// ‖a − b‖².
pub fn squared_distance(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    (0..3).map(|axis| (a[axis] - b[axis]).powi(2)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_beyond_the_cell_range_do_not_overflow() {
        // 1e300 / 8 saturates the cell index at i64::MAX; its neighbours must not overflow
        // (a panic with overflow checks on, found by fuzzing the PDB reader).
        let grid = SpatialGrid::new(vec![[1e300, 2.0, 3.0], [-1e300, 2.0, 3.0]], 8.0);
        let mut found = Vec::new();
        grid.for_each_within(&[1e300, 2.0, 3.0], 8.0, |index, distance| {
            found.push((index, distance))
        });
        assert_eq!(found, vec![(0, 0.0)]);
    }

    #[test]
    fn finds_exactly_the_points_within_the_radius() {
        // Points on the x axis at 0, 2.9, 3.1 and -3.0; radius 3 around the origin must
        // return 0, 1 and 3 (|-3.0| = 3 is on the boundary, which counts), not 2.
        let grid = SpatialGrid::new(
            vec![
                [0.0, 0.0, 0.0],
                [2.9, 0.0, 0.0],
                [3.1, 0.0, 0.0],
                [-3.0, 0.0, 0.0],
            ],
            3.0,
        );
        let mut found = Vec::new();
        grid.for_each_within(&[0.0, 0.0, 0.0], 3.0, |index, distance| {
            found.push((index, distance))
        });
        found.sort_by_key(|(index, _)| *index);
        assert_eq!(found, vec![(0, 0.0), (1, 2.9 * 2.9), (3, 9.0)]);
        // Far outside the bounding box: nothing.
        let mut count = 0;
        grid.for_each_within(&[100.0, 0.0, 0.0], 3.0, |_, _| count += 1);
        assert_eq!(count, 0);
    }

    #[test]
    fn grid_agrees_with_brute_force_on_scattered_points() {
        // Deterministic pseudo-random points (a linear congruential sequence) in a 30 Å
        // box, negative coordinates included; every query must match an all-pairs scan.
        let mut seed: u64 = 12345;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64 * 30.0 - 15.0
        };
        let points: Vec<[f64; 3]> = (0..300).map(|_| [next(), next(), next()]).collect();
        let queries: Vec<[f64; 3]> = (0..50).map(|_| [next(), next(), next()]).collect();
        let grid = SpatialGrid::new(points.clone(), 4.0);
        for query in &queries {
            let mut found = Vec::new();
            grid.for_each_within(query, 4.0, |index, _| found.push(index));
            found.sort_unstable();
            let expected: Vec<usize> = (0..points.len())
                .filter(|&index| squared_distance(query, &points[index]) <= 16.0)
                .collect();
            assert_eq!(found, expected);
        }
    }
}
