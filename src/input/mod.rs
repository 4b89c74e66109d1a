//! Reading input documents: files → decoded text (any common Chinese encoding) plus, for
//! HTML, a same-offset view of the visible text; directory walking with loop-safe symlinks.
//!
//! Offsets: everything downstream (quotes, byte ranges, line numbers) refers to
//! [`Document::text`], the decoded text. A byte order mark is not part of it. Line endings
//! are kept as written: lines end at `\n`, so with CRLF files the `\r` stays at the end of
//! its line (it is whitespace and never part of a number), and line numbers are the same
//! as an editor shows.

pub mod corpus;
mod decode;
mod header;
mod html;
pub mod sources;
pub mod toml_file;
mod walk;

pub use decode::{DecodeError, Decoded, decode};
pub use header::{DocMeta, blank_prefix, parse_header};
pub use html::visible_text;
pub use walk::{Walk, is_text_extension, walk};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Files larger than this are refused rather than read into memory (offsets elsewhere are
/// 32-bit, and no news article is this long).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A decoded input file.
#[derive(Debug, Clone)]
pub struct Document {
    pub path: PathBuf,
    /// The source id: the path relative to the folder given, without extension
    /// (`000_7ae801fb60cdcc58`, `a/index`); see [`Walk::sources`].
    pub source: String,
    /// The decoded text; all offsets refer to it.
    pub text: String,
    /// `text` with HTML markup or the header blanked (same byte length and
    /// character boundaries), read through [`Document::visible`]; `None` when
    /// nothing is blanked (most files), so no copy of the text is made.
    blanked: Option<String>,
    /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", …
    pub encoding: &'static str,
    /// What decoding guessed or replaced, for people to read.
    pub notes: Vec<String>,
    /// The header lines (`# date: …`, front matter) at the top, if any: blanked in `visible()`.
    pub meta: DocMeta,
}

impl Document {
    /// `text` with HTML markup and the header blanked (same byte length and
    /// character boundaries); `text` itself for other files.
    pub fn visible(&self) -> &str {
        self.blanked.as_deref().unwrap_or(&self.text)
    }
}

/// Why a path yielded no document. Every message starts with the path.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{}: no such file or directory", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: dangling symlink (points to {}), skipped", path.display(), target.display())]
    DanglingSymlink { path: PathBuf, target: PathBuf },
    #[error("{}: symlink loop, skipped", path.display())]
    SymlinkLoop { path: PathBuf },
    #[error("{}: permission denied", path.display())]
    PermissionDenied { path: PathBuf },
    #[error("{}: is a directory", path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}: not a regular file ({kind}), skipped", path.display())]
    NotRegularFile { path: PathBuf, kind: &'static str },
    #[error("{}: file too large ({size} bytes, limit {MAX_FILE_BYTES}), skipped", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: binary file ({detail}), skipped", path.display())]
    Binary { path: PathBuf, detail: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

impl InputError {
    /// The path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            InputError::NotFound { path }
            | InputError::DanglingSymlink { path, .. }
            | InputError::SymlinkLoop { path }
            | InputError::PermissionDenied { path }
            | InputError::IsDirectory { path }
            | InputError::NotRegularFile { path, .. }
            | InputError::TooLarge { path, .. }
            | InputError::Binary { path, .. }
            | InputError::Io { path, .. } => path,
        }
    }

    /// Classifies an I/O error on `path`, telling dangling symlinks from missing files.
    pub fn from_io(path: &Path, err: io::Error) -> InputError {
        let path = path.to_path_buf();
        match err.kind() {
            io::ErrorKind::NotFound => match fs::read_link(&path) {
                Ok(target) => InputError::DanglingSymlink { path, target },
                Err(_) => InputError::NotFound { path },
            },
            io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path },
            _ if is_loop_error(&err) => InputError::SymlinkLoop { path },
            _ => InputError::Io { path, source: err },
        }
    }
}

/// ELOOP ("too many levels of symbolic links"); its ErrorKind is not stable yet.
fn is_loop_error(err: &io::Error) -> bool {
    const ELOOP_LINUX: i32 = 40;
    const ELOOP_BSD: i32 = 62;
    let code = err.raw_os_error();
    (cfg!(target_os = "linux") && code == Some(ELOOP_LINUX))
        || (cfg!(any(target_os = "macos", target_os = "freebsd")) && code == Some(ELOOP_BSD))
}

/// Reads and decodes one file, its source id its stem. Never opens anything but a
/// regular file (a FIFO would block).
pub fn read_document(path: &Path) -> Result<Document, InputError> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    read_document_as(path, stem)
}

/// Reads and decodes one file as the source `source` (an id from [`Walk::sources`]).
pub fn read_document_as(path: &Path, source: String) -> Result<Document, InputError> {
    let meta = fs::metadata(path).map_err(|e| InputError::from_io(path, e))?;
    check_regular_file(path, &meta)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let bytes = fs::read(path).map_err(|e| InputError::from_io(path, e))?;
    let Decoded {
        text,
        encoding,
        notes,
    } = decode(&bytes).map_err(|DecodeError::Binary(detail)| InputError::Binary {
        path: path.to_path_buf(),
        detail,
    })?;
    let mut doc = text_document(&source, text);
    if is_html(path) {
        doc.blanked = Some(visible_text(&doc.text));
    }
    Ok(Document {
        path: path.to_path_buf(),
        encoding,
        notes,
        ..doc
    })
}

/// A plain-text document given as text (`extract --jsonl-in`), read as a file's would
/// be: a `# source:`/`# date:` header or front matter becomes its metadata and is blanked
/// in `visible`, so it is not read as article text.
pub fn text_document(source: &str, text: String) -> Document {
    let (meta, header_end) = parse_header(&text);
    let blanked = (header_end > 0).then(|| blank_prefix(&text, header_end));
    Document {
        path: PathBuf::from(source),
        source: source.to_string(),
        text,
        blanked,
        encoding: "UTF-8",
        notes: Vec::new(),
        meta,
    }
}

/// The mark the Markdown report carries below its heading.
pub const MD_GENERATOR: &str = "<!-- generator: claimcheck -->";
/// The mark in the HTML report's head.
pub const HTML_GENERATOR: &str = "<meta name=\"generator\" content=\"claimcheck\">";

/// Whether a file is a report claimcheck wrote (by its generator mark in the first
/// kilobytes: the HTML report's `<meta name="generator">`, the Markdown report's comment
/// under its heading, the text report's two opening lines, the claims table's header line).
/// Reading such a file as an
/// article would check the report's own quotes against the articles.
pub fn is_claimcheck_output(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(2048);
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if file.take(2048).read_to_end(&mut head).is_err() {
        return false;
    }
    // Every report opens with one of these (after a BOM): most files are told
    // apart without decoding their head.
    let body = head
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&head);
    let openings = [
        "<!DOCTYPE html>",
        "# claimcheck report\n",
        "claimcheck report\ngroups: ",
        crate::export::TABLE_HEADER,
    ];
    if !openings.iter().any(|o| body.starts_with(o.as_bytes())) {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    let head = head.strip_prefix('\u{feff}').unwrap_or(&head);
    (head.starts_with("<!DOCTYPE html>") && head.contains(HTML_GENERATOR))
        || (head.starts_with("# claimcheck report\n") && head.contains(MD_GENERATOR))
        || head.starts_with("claimcheck report\ngroups: ")
        || head.starts_with(crate::export::TABLE_HEADER)
}

/// `.html` / `.htm`, any case.
pub fn is_html(path: &Path) -> bool {
    has_extension(path, &["html", "htm"])
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Directories and special files (FIFOs, sockets, devices) are errors, not documents.
fn check_regular_file(path: &Path, meta: &fs::Metadata) -> Result<(), InputError> {
    if meta.is_dir() {
        return Err(InputError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(InputError::NotRegularFile {
            path: path.to_path_buf(),
            kind: special_file_kind(&meta.file_type()),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn special_file_kind(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "FIFO"
    } else if file_type.is_socket() {
        "socket"
    } else if file_type.is_block_device() {
        "block device"
    } else if file_type.is_char_device() {
        "character device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_file_kind(_: &fs::FileType) -> &'static str {
    "special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_extension_is_case_insensitive() {
        assert!(is_html(Path::new("a/B.HTML")));
        assert!(is_html(Path::new("x.Htm")));
        assert!(!is_html(Path::new("x.txt")));
        assert!(!is_html(Path::new("html")));
    }

    #[test]
    fn missing_file_error_names_it() {
        let err = read_document(Path::new("no/such/file.txt")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no/such/file.txt: no such file or directory"
        );
        assert_eq!(err.path(), Path::new("no/such/file.txt"));
    }

    #[test]
    fn reads_a_bundled_article() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/000_7ae801fb60cdcc58.txt");
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.source, "000_7ae801fb60cdcc58");
        assert_eq!(doc.encoding, "UTF-8");
        assert_eq!(doc.text, doc.visible());
        assert!(doc.text.contains("140萬美元"));
    }
}
