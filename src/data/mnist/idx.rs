//! Reader for the IDX format of the MNIST files, plain or gzip-compressed.
//!
//! An IDX images file is a 16-byte header (big-endian u32s: magic 2051, image count, rows,
//! columns) followed by `count * rows * cols` unsigned bytes, image after image, each image
//! row-major. An IDX labels file is an 8-byte header (magic 2049, count) followed by `count`
//! bytes. The header is untrusted: the data is read through a reader bounded by the declared
//! length, so memory use follows the bytes actually present, never the declared size.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

use super::error::{Error, Result};

/// Magic number of an IDX file of unsigned bytes with three dimensions (images).
const IMAGES_MAGIC: u32 = 2051;
/// Magic number of an IDX file of unsigned bytes with one dimension (labels).
const LABELS_MAGIC: u32 = 2049;
/// First two bytes of every gzip stream (RFC 1952).
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// Header lengths in bytes: four u32s for images, two for labels.
const IMAGES_HEADER_LEN: usize = 16;
const LABELS_HEADER_LEN: usize = 8;
/// Number of classes; labels are the digits 0..=9.
pub const CLASSES: usize = 10;

/// Greyscale images stored contiguously as raw bytes.
///
/// Shape `[count, rows, cols]`, row-major: pixel `(row, col)` of image `index` is
/// `pixels[index * rows * cols + row * cols + col]`, 0 (background) to 255 (ink). Kept as
/// bytes rather than floats because the 60,000 training images take 47 MB this way and four
/// times as much as f32.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Images {
    /// Number of images.
    pub count: usize,
    /// Rows per image (28 for MNIST).
    pub rows: usize,
    /// Columns per image (28 for MNIST).
    pub cols: usize,
    /// `count * rows * cols` bytes, image after image, each row-major.
    pub pixels: Vec<u8>,
}

impl Images {
    /// Pixels per image, `rows * cols`.
    pub fn pixels_per_image(&self) -> usize {
        self.rows * self.cols
    }

    /// The `rows * cols` bytes of image `index` (row-major), or `None` past the end.
    pub fn image(&self, index: usize) -> Option<&[u8]> {
        let size = self.pixels_per_image();
        let start = index.checked_mul(size)?;
        self.pixels.get(start..start.checked_add(size)?)
    }
}

/// Digit labels, one byte per image, each in 0..=9.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels(pub Vec<u8>);

impl Labels {
    /// Number of labels.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of labels of each digit: element `d` counts the labels equal to `d`.
    pub fn histogram(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &label in &self.0 {
            // Labels were checked to be < CLASSES when read; `get_mut` keeps a hand-built
            // `Labels` with a bad value from panicking.
            if let Some(slot) = counts.get_mut(usize::from(label)) {
                *slot += 1;
            }
        }
        counts
    }
}

/// Images and their labels, `labels.len() == images.count`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabeledImages {
    /// The images, shape `[count, rows, cols]`.
    pub images: Images,
    /// One label per image, in the same order.
    pub labels: Labels,
}

/// Reads an IDX images file (magic 2051), plain or gzip-compressed.
///
/// Fails on a wrong magic number, zero rows or columns, data shorter or longer than the header
/// declares, or an unreadable file; every error names `path`.
pub fn read_images(path: &Path) -> Result<Images> {
    let (file, file_len) = open_file(path)?;
    images_from_reader(file, file_len, path)
}

/// Reads IDX images (plain or gzip-compressed) from bytes in memory, with the checks of
/// [`read_images`]; `path` only names the source in errors.
pub fn images_from_bytes(bytes: &[u8], path: &Path) -> Result<Images> {
    images_from_reader(bytes, Some(bytes.len() as u64), path)
}

/// Reads IDX labels (plain or gzip-compressed) from bytes in memory, with the checks of
/// [`read_labels`]; `path` only names the source in errors.
pub fn labels_from_bytes(bytes: &[u8], path: &Path) -> Result<Labels> {
    labels_from_reader(bytes, Some(bytes.len() as u64), path)
}

/// Images from a stream of `stream_len` bytes (when known), plain or gzip-compressed.
fn images_from_reader<R: Read>(stream: R, stream_len: Option<u64>, path: &Path) -> Result<Images> {
    let (mut reader, plain_len) = detect_compression(stream, stream_len, path)?;
    let mut header = [0u8; IMAGES_HEADER_LEN];
    read_header(&mut reader, path, &mut header, IMAGES_MAGIC, "images")?;
    let count = be_u32(&header, 1);
    let rows = be_u32(&header, 2);
    let cols = be_u32(&header, 3);
    if rows == 0 || cols == 0 {
        return Err(Error::ZeroDimension {
            path: path.to_path_buf(),
            rows,
            cols,
        });
    }
    let item_bytes = u64::from(rows) * u64::from(cols);
    let expected = data_len(path, count, item_bytes)?;
    let hint = plain_len.map(|len| len.saturating_sub(IMAGES_HEADER_LEN as u64));
    let pixels = read_data(&mut reader, path, expected, hint)?;
    Ok(Images {
        count: to_usize(path, count, item_bytes, count)?,
        rows: to_usize(path, count, item_bytes, rows)?,
        cols: to_usize(path, count, item_bytes, cols)?,
        pixels,
    })
}

/// Reads an IDX labels file (magic 2049), plain or gzip-compressed, and checks that every
/// label is a digit 0..=9 (the error names the index of the first that is not).
pub fn read_labels(path: &Path) -> Result<Labels> {
    let (file, file_len) = open_file(path)?;
    labels_from_reader(file, file_len, path)
}

/// Labels from a stream of `stream_len` bytes (when known), plain or gzip-compressed.
fn labels_from_reader<R: Read>(stream: R, stream_len: Option<u64>, path: &Path) -> Result<Labels> {
    let (mut reader, plain_len) = detect_compression(stream, stream_len, path)?;
    let mut header = [0u8; LABELS_HEADER_LEN];
    read_header(&mut reader, path, &mut header, LABELS_MAGIC, "labels")?;
    let count = be_u32(&header, 1);
    let expected = data_len(path, count, 1)?;
    let hint = plain_len.map(|len| len.saturating_sub(LABELS_HEADER_LEN as u64));
    let labels = read_data(&mut reader, path, expected, hint)?;
    if let Some(index) = labels
        .iter()
        .position(|&label| usize::from(label) >= CLASSES)
    {
        return Err(Error::BadLabel {
            path: path.to_path_buf(),
            index,
            value: labels[index],
        });
    }
    Ok(Labels(labels))
}

/// Reads an images file and its labels file and checks that they hold the same count.
pub fn read_labeled(images_path: &Path, labels_path: &Path) -> Result<LabeledImages> {
    let images = read_images(images_path)?;
    let labels = read_labels(labels_path)?;
    if images.count != labels.len() {
        return Err(Error::CountMismatch {
            images_path: images_path.to_path_buf(),
            images: images.count,
            labels_path: labels_path.to_path_buf(),
            labels: labels.len(),
        });
    }
    Ok(LabeledImages { images, labels })
}

/// Opens `path`; returns the file and its length when the file system knows it.
fn open_file(path: &Path) -> Result<(File, Option<u64>)> {
    let file = File::open(path).map_err(|source| io_error("cannot open", path, source))?;
    let file_len = file.metadata().map(|metadata| metadata.len()).ok();
    Ok((file, file_len))
}

/// Returns a reader of the IDX bytes of `stream`, decompressing when it starts with the gzip
/// magic, plus the stream length when it is plain (a trustworthy capacity hint, since those
/// bytes exist).
fn detect_compression<'a, R: Read + 'a>(
    stream: R,
    stream_len: Option<u64>,
    path: &Path,
) -> Result<(Box<dyn Read + 'a>, Option<u64>)> {
    let mut buffered = BufReader::new(stream);
    let mut prefix = [0u8; 2];
    let got = read_up_to(&mut buffered, &mut prefix)
        .map_err(|source| io_error("cannot read", path, source))?;
    // The peeked bytes are put back in front so the parser sees the stream from its start.
    let restored = io::Cursor::new(prefix).take(got as u64).chain(buffered);
    if prefix[..got] == GZIP_MAGIC {
        // Multi-member decoding accepts files concatenated by tools such as pigz.
        Ok((Box::new(MultiGzDecoder::new(restored)), None))
    } else {
        Ok((Box::new(restored), stream_len))
    }
}

/// Fills `header`, checks the magic number in its first four bytes.
fn read_header(
    reader: &mut dyn Read,
    path: &Path,
    header: &mut [u8],
    magic: u32,
    kind: &'static str,
) -> Result<()> {
    let got = read_up_to(reader, header).map_err(|source| io_error("cannot read", path, source))?;
    // A wrong magic is the more useful diagnosis for a short non-IDX file, so check it first.
    if got >= 4 {
        let found = be_u32(header, 0);
        if found != magic {
            return Err(Error::WrongMagic {
                path: path.to_path_buf(),
                found,
                expected: magic,
                kind,
            });
        }
    }
    if got < header.len() {
        return Err(Error::TruncatedHeader {
            path: path.to_path_buf(),
            expected: header.len(),
            actual: got,
        });
    }
    Ok(())
}

/// Data length `count * item_bytes` declared by a header, if it fits in memory addresses.
fn data_len(path: &Path, count: u32, item_bytes: u64) -> Result<u64> {
    u64::from(count)
        .checked_mul(item_bytes)
        .filter(|&len| usize::try_from(len).is_ok())
        .ok_or(Error::TooLarge {
            path: path.to_path_buf(),
            count,
            item_bytes,
        })
}

/// Converts a header value to `usize`; on 32-bit targets large values do not fit.
fn to_usize(path: &Path, count: u32, item_bytes: u64, value: u32) -> Result<usize> {
    usize::try_from(value).map_err(|_| Error::TooLarge {
        path: path.to_path_buf(),
        count,
        item_bytes,
    })
}

/// Reads exactly `expected` data bytes and checks that nothing follows them.
///
/// The vector grows with the bytes actually read: a header declaring gigabytes in front of a
/// short file costs only the short file. `hint` (the bytes known to exist) presizes it.
fn read_data(
    reader: &mut dyn Read,
    path: &Path,
    expected: u64,
    hint: Option<u64>,
) -> Result<Vec<u8>> {
    let capacity = hint.map_or(0, |hint| hint.min(expected));
    let mut data = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    let got = reader
        .take(expected)
        .read_to_end(&mut data)
        .map_err(|source| io_error("cannot read", path, source))?;
    if (got as u64) < expected {
        return Err(Error::TruncatedData {
            path: path.to_path_buf(),
            expected,
            actual: got as u64,
        });
    }
    // Count the surplus without storing it.
    let extra = io::copy(reader, &mut io::sink())
        .map_err(|source| io_error("cannot read", path, source))?;
    if extra > 0 {
        return Err(Error::TrailingBytes {
            path: path.to_path_buf(),
            expected,
            extra,
        });
    }
    // Growth by doubling can leave up to half the capacity unused for gzip input.
    data.shrink_to_fit();
    Ok(data)
}

/// Reads until `buffer` is full or the stream ends; returns the number of bytes read.
fn read_up_to(reader: &mut dyn Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(filled)
}

/// The big-endian u32 at position `field` (in u32 units) of a header.
fn be_u32(header: &[u8], field: usize) -> u32 {
    let start = field * 4;
    let mut word = [0u8; 4];
    word.copy_from_slice(&header[start..start + 4]);
    u32::from_be_bytes(word)
}

fn io_error(action: &'static str, path: &Path, source: io::Error) -> Error {
    Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests;
