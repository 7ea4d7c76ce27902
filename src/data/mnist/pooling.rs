//! The two views of an MNIST digit used for learning with privileged information.
//!
//! The regular features are the 28 x 28 image reduced to 7 x 7 by 4 x 4 average pooling; the
//! privileged features are the full 784 pixels. Both are scaled to [0, 1] by dividing by 255.
//!
//! Why average pooling: the original experiments shrank the images with an image-resize
//! routine of a Python library that has since been removed, so its exact output cannot be
//! reproduced. Shrinking by an integer factor of 4 with area averaging is well defined:
//! each output pixel is the mean of the 4 x 4 block it covers, which is what 4 x 4 average
//! pooling computes. Values may therefore differ slightly from those of the original
//! experiments.

use super::error::{Error, Result};

/// Side of an MNIST image in pixels.
pub const SIDE: usize = 28;
/// Pixels of an MNIST image, `SIDE * SIDE`.
pub const PIXELS: usize = SIDE * SIDE;
/// Side of the square block averaged into one pooled pixel.
pub const BLOCK: usize = 4;
/// Side of the pooled image, `SIDE / BLOCK`.
pub const POOLED_SIDE: usize = SIDE / BLOCK;
/// Pixels of the pooled image, `POOLED_SIDE * POOLED_SIDE`.
pub const POOLED_PIXELS: usize = POOLED_SIDE * POOLED_SIDE;

/// Regular view: the 28 x 28 image (row-major bytes) averaged over 4 x 4 blocks.
///
/// Returns 7 x 7 values, row-major, each the mean of its 16 pixels divided by 255, so in
/// [0, 1]. Fails when `image` does not hold exactly 784 bytes.
pub fn pooled_view(image: &[u8]) -> Result<[f32; POOLED_PIXELS]> {
    check_size(image)?;
    let mut sums = [0u32; POOLED_PIXELS];
    for (index, &pixel) in image.iter().enumerate() {
        let (row, col) = (index / SIDE, index % SIDE);
        sums[(row / BLOCK) * POOLED_SIDE + col / BLOCK] += u32::from(pixel);
    }
    // One division per output: sum / (16 * 255) keeps the result exact for uniform blocks.
    let scale = (BLOCK * BLOCK * 255) as f32;
    Ok(sums.map(|sum| sum as f32 / scale))
}

/// Privileged view: the 784 pixels of the 28 x 28 image (row-major bytes) divided by 255.
///
/// Returns 784 values in [0, 1], row-major. Fails when `image` does not hold exactly 784 bytes.
pub fn privileged_view(image: &[u8]) -> Result<[f32; PIXELS]> {
    check_size(image)?;
    let mut values = [0f32; PIXELS];
    for (value, &pixel) in values.iter_mut().zip(image) {
        *value = f32::from(pixel) / 255.0;
    }
    Ok(values)
}

fn check_size(image: &[u8]) -> Result<()> {
    if image.len() != PIXELS {
        return Err(Error::ImageSize {
            expected: PIXELS,
            actual: image.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 28 x 28 image whose 4 x 4 block `(block_row, block_col)` is uniformly
    /// `5 * (7 * block_row + block_col)`, except block (2, 3), which holds 0, 17, 34, ..., 255
    /// (sixteen distinct values with mean 127.5).
    fn hand_made_image() -> Vec<u8> {
        let mut image = vec![0u8; PIXELS];
        for row in 0..SIDE {
            for col in 0..SIDE {
                let (block_row, block_col) = (row / BLOCK, col / BLOCK);
                image[row * SIDE + col] = if (block_row, block_col) == (2, 3) {
                    (17 * ((row % BLOCK) * BLOCK + col % BLOCK)) as u8
                } else {
                    (5 * (7 * block_row + block_col)) as u8
                };
            }
        }
        image
    }

    #[test]
    fn pooling_gives_block_means_over_255() {
        let pooled = pooled_view(&hand_made_image()).unwrap();
        for block_row in 0..POOLED_SIDE {
            for block_col in 0..POOLED_SIDE {
                let expected = if (block_row, block_col) == (2, 3) {
                    // 17 * mean(0..16) = 17 * 7.5 = 127.5, and 127.5 / 255 = 0.5.
                    0.5
                } else {
                    (5 * (7 * block_row + block_col)) as f32 / 255.0
                };
                let actual = pooled[block_row * POOLED_SIDE + block_col];
                assert!(
                    (actual - expected).abs() < 1e-6,
                    "block ({block_row}, {block_col}): {actual} != {expected}"
                );
            }
        }
        // Last block: 5 * 48 = 240.
        assert!((pooled[48] - 240.0 / 255.0).abs() < 1e-6);
    }

    #[test]
    fn uniform_extremes_map_to_zero_and_one() {
        assert_eq!(pooled_view(&[0; PIXELS]).unwrap(), [0.0; POOLED_PIXELS]);
        assert_eq!(pooled_view(&[255; PIXELS]).unwrap(), [1.0; POOLED_PIXELS]);
    }

    #[test]
    fn privileged_view_scales_each_pixel() {
        let image = hand_made_image();
        let privileged = privileged_view(&image).unwrap();
        // Pixel (9, 13) lies in block (2, 3) at offset (1, 1): 17 * 5 = 85, and 85 / 255 = 1/3.
        assert!((privileged[9 * SIDE + 13] - 1.0 / 3.0).abs() < 1e-6);
        // Pixel (27, 27) lies in block (6, 6): 5 * 48 = 240.
        assert!((privileged[PIXELS - 1] - 240.0 / 255.0).abs() < 1e-6);
        // Every value is the byte over 255.
        for (value, &pixel) in privileged.iter().zip(&image) {
            assert_eq!(*value, f32::from(pixel) / 255.0);
        }
    }

    #[test]
    fn wrong_image_size_is_an_error() {
        let error = pooled_view(&[0; 783]).unwrap_err();
        assert!(
            matches!(
                error,
                Error::ImageSize {
                    expected: 784,
                    actual: 783
                }
            ),
            "{error:?}"
        );
        let error = privileged_view(&[0; 785]).unwrap_err();
        assert!(
            matches!(
                error,
                Error::ImageSize {
                    expected: 784,
                    actual: 785
                }
            ),
            "{error:?}"
        );
    }
}
