//! Tests of the downloader against a small HTTP server started on 127.0.0.1 by each test.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use super::super::error::Error;
use super::super::files::{FILE_NAMES, TEST_IMAGES, TRAIN_LABELS};
use super::super::locate::find_files;
use super::super::test_support::{TempDir, gzip, images_idx, labels_idx};
use super::{agent, fetch_with_sums, file_url, sha256_hex};

/// A local HTTP/1.1 server answering `GET /mnist/<file>` from a map, 404 for anything else.
struct Server {
    base_url: String,
    requested: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(files: HashMap<String, Vec<u8>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}/mnist/", listener.local_addr().unwrap());
        let requested = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requested);
        // Runs until the test process exits; each connection is answered and closed.
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                answer(stream, &files, &log);
            }
        });
        Server {
            base_url,
            requested,
        }
    }

    fn requested(&self) -> Vec<String> {
        self.requested.lock().unwrap().clone()
    }
}

fn answer(stream: TcpStream, files: &HashMap<String, Vec<u8>>, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers up to the blank line.
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    log.lock().unwrap().push(target.clone());
    let body = target
        .strip_prefix("/mnist/")
        .and_then(|name| files.get(name));
    let (status, body) = match body {
        Some(body) => ("200 OK", body.as_slice()),
        None => ("404 Not Found", &b"not here"[..]),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut writer = &stream;
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(body));
}

/// Small stand-ins for the four MNIST files (2 images of 28x28, 2 labels), uncompressed.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let images: Vec<u8> = (0..2 * 784).map(|index| (index % 256) as u8).collect();
    vec![
        (FILE_NAMES[0], images_idx(2, 28, 28, &images)),
        (FILE_NAMES[1], labels_idx(2, &[7, 2])),
        (
            FILE_NAMES[2],
            images_idx(
                2,
                28,
                28,
                &images[..].iter().rev().copied().collect::<Vec<_>>(),
            ),
        ),
        (FILE_NAMES[3], labels_idx(2, &[0, 9])),
    ]
}

/// Gzipped fixtures as the server holds them, keyed by `<name>.gz`.
fn served(fixtures: &[(&str, Vec<u8>)]) -> HashMap<String, Vec<u8>> {
    fixtures
        .iter()
        .map(|(name, bytes)| (format!("{name}.gz"), gzip(bytes)))
        .collect()
}

/// The sum table of the fixtures, in the form `fetch_with_sums` takes.
fn sums(fixtures: &[(&'static str, Vec<u8>)]) -> Vec<(&'static str, String)> {
    fixtures
        .iter()
        .map(|(name, bytes)| (*name, sha256_hex(bytes)))
        .collect()
}

fn fetch_fixtures(
    server: &Server,
    dest: &std::path::Path,
    sums: &[(&str, String)],
) -> super::Result<Vec<std::path::PathBuf>> {
    let table: Vec<(&str, &str)> = sums
        .iter()
        .map(|(name, sum)| (*name, sum.as_str()))
        .collect();
    fetch_with_sums(&agent(false), &server.base_url, dest, &table)
}

#[test]
fn sha256_matches_the_published_test_vector() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn url_has_one_slash_between_mirror_and_name() {
    assert_eq!(file_url("http://host/m/", "a"), "http://host/m/a.gz");
    assert_eq!(file_url("http://host/m", "a"), "http://host/m/a.gz");
}

#[test]
fn downloads_verifies_and_writes_all_four_files() {
    let fixtures = fixtures();
    let server = Server::start(served(&fixtures));
    let dest = TempDir::new("fetch-ok");
    let paths = fetch_fixtures(&server, &dest.path().join("mnist"), &sums(&fixtures)).unwrap();

    assert_eq!(paths.len(), 4);
    for ((name, bytes), path) in fixtures.iter().zip(&paths) {
        assert_eq!(path, &dest.path().join("mnist").join(name));
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{name}");
    }
    let expected_requests: Vec<String> = FILE_NAMES
        .iter()
        .map(|name| format!("/mnist/{name}.gz"))
        .collect();
    assert_eq!(server.requested(), expected_requests);
    // Exactly the four files: no temporary file left behind.
    let mut names: Vec<&str> = FILE_NAMES.to_vec();
    names.sort();
    let listing: Vec<String> = std::fs::read_dir(dest.path().join("mnist"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(listing, names);
    // The written files are found and load as a pair.
    let files = find_files(&dest.path().join("mnist")).unwrap();
    assert_eq!(files.load_train().unwrap().labels.0, vec![7, 2]);
    assert_eq!(files.load_test().unwrap().labels.0, vec![0, 9]);
}

#[test]
fn files_already_verified_are_not_downloaded_again() {
    let fixtures = fixtures();
    let dest = TempDir::new("fetch-again");
    let full = Server::start(served(&fixtures));
    fetch_fixtures(&full, dest.path(), &sums(&fixtures)).unwrap();
    // A second run against an empty server succeeds without a single download.
    let empty = Server::start(HashMap::new());
    let paths = fetch_fixtures(&empty, dest.path(), &sums(&fixtures)).unwrap();
    assert_eq!(paths.len(), 4);
    assert!(empty.requested().is_empty(), "{:?}", empty.requested());
}

#[test]
fn corrupted_download_is_rejected_and_leaves_no_file() {
    let fixtures = fixtures();
    let mut files = served(&fixtures);
    // The server's copy of the test images has one pixel changed.
    let mut altered = fixtures[2].1.clone();
    altered[100] ^= 0xff;
    files.insert(format!("{TEST_IMAGES}.gz"), gzip(&altered));
    let server = Server::start(files);
    let dest = TempDir::new("fetch-corrupt");

    let error = fetch_fixtures(&server, dest.path(), &sums(&fixtures)).unwrap_err();
    match &error {
        Error::HashMismatch {
            url,
            expected,
            actual,
        } => {
            assert_eq!(url, &format!("{}{TEST_IMAGES}.gz", server.base_url));
            assert_eq!(expected, &sha256_hex(&fixtures[2].1));
            assert_eq!(actual, &sha256_hex(&altered));
        }
        other => panic!("expected HashMismatch, got {other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains(&sha256_hex(&altered)) && message.contains(TEST_IMAGES));
    // The two files before it were verified and kept; nothing else, no temporary file.
    assert_eq!(
        dest.entries(),
        vec![FILE_NAMES[0].to_string(), FILE_NAMES[1].to_string()]
    );
}

#[test]
fn missing_file_on_the_mirror_reports_status_and_url() {
    let fixtures = fixtures();
    let mut files = served(&fixtures);
    files.remove(&format!("{TRAIN_LABELS}.gz"));
    let server = Server::start(files);
    let dest = TempDir::new("fetch-404");

    let error = fetch_fixtures(&server, dest.path(), &sums(&fixtures)).unwrap_err();
    let expected_url = format!("{}{TRAIN_LABELS}.gz", server.base_url);
    assert!(
        matches!(&error, Error::HttpStatus { url, status: 404 } if url == &expected_url),
        "{error:?}"
    );
    assert!(error.to_string().contains(&expected_url) && error.to_string().contains("404"));
    assert_eq!(dest.entries(), vec![FILE_NAMES[0].to_string()]);
}

#[test]
fn download_already_decompressed_is_accepted_when_its_hash_matches() {
    let fixtures = fixtures();
    let mut files = served(&fixtures);
    // As if the server sent the file with `Content-Encoding: gzip` and the client undid it.
    files.insert(format!("{}.gz", FILE_NAMES[0]), fixtures[0].1.clone());
    let server = Server::start(files);
    let dest = TempDir::new("fetch-plain");
    let paths = fetch_fixtures(&server, dest.path(), &sums(&fixtures)).unwrap();
    assert_eq!(std::fs::read(&paths[0]).unwrap(), fixtures[0].1);
}

#[test]
fn corrupt_gzip_is_rejected_and_leaves_no_file() {
    let fixtures = fixtures();
    let mut files = served(&fixtures);
    // The gzip magic and header, then bytes that are no deflate stream.
    let corrupt = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff];
    files.insert(format!("{}.gz", FILE_NAMES[0]), corrupt);
    let server = Server::start(files);
    let dest = TempDir::new("fetch-bad-gz");
    let error = fetch_fixtures(&server, dest.path(), &sums(&fixtures)).unwrap_err();
    let expected_url = format!("{}{}.gz", server.base_url, FILE_NAMES[0]);
    assert!(
        matches!(&error, Error::Gunzip { url, .. } if url == &expected_url),
        "{error:?}"
    );
    assert!(dest.entries().is_empty());
}

#[test]
fn unreachable_mirror_is_a_transport_error_naming_the_url() {
    // Bind then drop a listener: the port is then (almost surely) closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dest = TempDir::new("fetch-refused");
    let table = [(FILE_NAMES[0], "00")];
    let mirror = format!("http://127.0.0.1:{port}/mnist");
    let error = fetch_with_sums(&agent(false), &mirror, dest.path(), &table).unwrap_err();
    let expected_url = format!("{mirror}/{}.gz", FILE_NAMES[0]);
    assert!(
        matches!(&error, Error::Transport { url, .. } if url == &expected_url),
        "{error:?}"
    );
    assert!(dest.entries().is_empty());
}
