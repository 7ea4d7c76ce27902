//! Reading a CSV file with a header row into a [`Table`].
//!
//! Fields are read as bytes and decoded here, rather than by the CSV parser, so an invalid
//! UTF-8 error can name the column as well as the row. Leading and trailing whitespace is
//! trimmed from every header name and cell, because `a, b` style files are common and a
//! stray space must not turn `1` into a category. A UTF-8 byte order mark (written by some
//! spreadsheet exports) is removed from the first column name.
//!
//! The whole file is read into memory first: the table is held in memory anyway, and having
//! the bytes lets line numbers be computed exactly. The CSV parser reports a record's position
//! as the end of the previous record, which is one line early after a CRLF terminator and
//! ignores skipped blank lines.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::error::{Error, Result};
use super::raw::Table;

const BYTE_ORDER_MARK: &str = "\u{feff}";

/// Reads a comma-separated file whose first record is the header.
///
/// Quoted fields may contain commas, quotes (doubled) and newlines. Blank lines are skipped.
pub fn read_csv(path: &Path) -> Result<Table> {
    let file = File::open(path).map_err(|source| Error::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    read_csv_from(file, path)
}

/// Reads CSV from any reader; `path` is only used in error messages and as the table source.
pub fn read_csv_from<R: Read>(mut reader: R, path: &Path) -> Result<Table> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    let mut lines = LineCounter::new(&bytes);
    let mut csv_reader = csv::ReaderBuilder::new()
        .has_headers(true)
        // Width is checked here so the message can name file, row and both widths.
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());

    let header = csv_reader
        .byte_headers()
        .map_err(|error| csv_error(path, error))?
        .clone();
    if header.is_empty() || (header.len() == 1 && header[0].is_empty()) {
        return Err(Error::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let names = decode_header(&header, path)?;

    let mut rows = Vec::new();
    let mut origins = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        let has_record = csv_reader
            .read_byte_record(&mut record)
            .map_err(|error| csv_error(path, error))?;
        if !has_record {
            break;
        }
        let row_number = rows.len() + 1;
        let line = record
            .position()
            .map_or(0, |position| lines.line_at(position.byte()));
        if record.len() != names.len() {
            return Err(Error::RaggedRow {
                path: path.to_path_buf(),
                row: row_number,
                line,
                found: record.len(),
                expected: names.len(),
                spans_lines: record.iter().any(|field| field.contains(&b'\n')),
            });
        }
        let mut cells = Vec::with_capacity(names.len());
        for (field, name) in record.iter().zip(&names) {
            let cell = std::str::from_utf8(field).map_err(|_| Error::FieldNotUtf8 {
                path: path.to_path_buf(),
                row: row_number,
                line,
                column: name.clone(),
                lossy: String::from_utf8_lossy(field).into_owned(),
            })?;
            cells.push(cell.to_string());
        }
        rows.push(cells);
        origins.push((row_number, line));
    }

    if rows.is_empty() {
        return Err(Error::NoDataRows {
            path: path.to_path_buf(),
        });
    }
    Table::with_origins(&path.display().to_string(), names, rows, origins)
}

/// Converts byte offsets (non-decreasing) into 1-based line numbers of the next record start.
struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// Line of the first record byte at or after `byte`, skipping line terminators and blank
    /// lines, which the parser passes over before the record begins.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.offset {
            let newlines = self.bytes[self.offset..start]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count();
            self.line += newlines as u64;
            self.offset = start;
        }
        self.line
    }
}

fn decode_header(header: &csv::ByteRecord, path: &Path) -> Result<Vec<String>> {
    let mut names = Vec::with_capacity(header.len());
    for (index, field) in header.iter().enumerate() {
        let name = std::str::from_utf8(field).map_err(|_| Error::HeaderNotUtf8 {
            path: path.to_path_buf(),
            position: index + 1,
            lossy: String::from_utf8_lossy(field).into_owned(),
        })?;
        let name = if index == 0 {
            name.strip_prefix(BYTE_ORDER_MARK).unwrap_or(name).trim()
        } else {
            name
        };
        names.push(name.to_string());
    }
    Ok(names)
}

fn csv_error(path: &Path, error: csv::Error) -> Error {
    let line = error.position().map_or(0, |position| position.line());
    match error.into_kind() {
        csv::ErrorKind::Io(source) => Error::Unreadable {
            path: PathBuf::from(path),
            source,
        },
        other => Error::MalformedCsv {
            path: PathBuf::from(path),
            line,
            message: format!("{other:?}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_file(directory: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = directory.path().join(name);
        let mut file = File::create(&path).expect("create fixture");
        file.write_all(bytes).expect("write fixture");
        path
    }

    fn read_error(bytes: &[u8]) -> (PathBuf, String) {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = write_file(&directory, "data.csv", bytes);
        let error = read_csv(&path).expect_err("reading must fail");
        (path, error.to_string())
    }

    #[test]
    fn reads_simple_file_trimming_whitespace() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = write_file(&directory, "data.csv", b"a, b\n1, x\n2,y \n");
        let table = read_csv(&path).expect("valid file");
        assert_eq!(table.names(), &["a".to_string(), "b".to_string()]);
        assert_eq!(table.rows()[0], vec!["1".to_string(), "x".to_string()]);
        assert_eq!(table.rows()[1], vec!["2".to_string(), "y".to_string()]);
        assert_eq!(table.source(), path.display().to_string());
    }

    #[test]
    fn embedded_newline_in_quoted_field_is_one_cell() {
        let directory = tempfile::tempdir().expect("temp dir");
        let bytes = b"id,note,y\n1,\"first line\nsecond, line\",0\n2,plain,1\n3,x,\n";
        let path = write_file(&directory, "data.csv", bytes);
        let table = read_csv(&path).expect("valid file");
        assert_eq!(table.n_rows(), 3);
        assert_eq!(table.rows()[0][1], "first line\nsecond, line");
        assert_eq!(table.rows()[1][1], "plain");
        // The second record starts on line 4 because the first spans lines 2-3.
        assert_eq!(table.describe_row(1), "data row 2 (line 4)");
    }

    #[test]
    fn line_numbers_count_crlf_and_blank_lines() {
        let table = read_csv_from(&b"a,b\r\n1,2\r\n\r\n3,4\r\n"[..], Path::new("crlf.csv"))
            .expect("valid CRLF file");
        assert_eq!(table.describe_row(0), "data row 1 (line 2)");
        assert_eq!(table.describe_row(1), "data row 2 (line 4)");
        let table = read_csv_from(&b"a,b\n\n1,2\n\n\n3,4"[..], Path::new("blank.csv"))
            .expect("valid file with blank lines");
        assert_eq!(table.describe_row(0), "data row 1 (line 3)");
        assert_eq!(table.describe_row(1), "data row 2 (line 6)");
    }

    #[test]
    fn byte_order_mark_is_removed_from_first_name() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = write_file(&directory, "data.csv", b"\xef\xbb\xbfa,b\n1,2\n");
        let table = read_csv(&path).expect("valid file");
        assert_eq!(table.column_index("a"), Some(0));
    }

    #[test]
    fn missing_file_names_path() {
        let directory = tempfile::tempdir().expect("temp dir");
        let path = directory.path().join("absent.csv");
        let error = read_csv(&path).expect_err("absent file must fail");
        let message = error.to_string();
        assert!(message.contains("absent.csv"), "{message}");
        assert!(matches!(error, Error::Unreadable { .. }));
    }

    #[test]
    fn empty_file_is_an_error() {
        let (path, message) = read_error(b"");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("is empty"), "{message}");
    }

    #[test]
    fn header_only_is_an_error() {
        let (path, message) = read_error(b"a,b,c\n");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("no data rows"), "{message}");
    }

    #[test]
    fn ragged_row_names_row_line_and_widths() {
        let (path, message) = read_error(b"a,b,c\n1,2,3\n4,5\n");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("data row 2 (line 3)"), "{message}");
        assert!(
            message.contains("has 2 fields, the header has 3"),
            "{message}"
        );
    }

    #[test]
    fn invalid_utf8_names_row_column_and_value() {
        let (path, message) = read_error(b"a,city\n1,ok\n2,caf\xe9\n");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("data row 2 (line 3)"), "{message}");
        assert!(message.contains("column 'city'"), "{message}");
        assert!(message.contains("caf\u{fffd}"), "{message}");
    }

    #[test]
    fn invalid_utf8_in_header_names_position() {
        let (_, message) = read_error(b"a,b\xff\n1,2\n");
        assert!(message.contains("header column 2"), "{message}");
    }

    #[test]
    fn duplicate_column_names_are_an_error() {
        let (path, message) = read_error(b"a,b,a\n1,2,3\n");
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("duplicate column name 'a'"), "{message}");
        assert!(message.contains("columns 1 and 3"), "{message}");
    }

    #[test]
    fn empty_column_name_is_an_error() {
        let (_, message) = read_error(b",a\n0,1\n");
        assert!(message.contains("column 1 has an empty name"), "{message}");
    }
}
