//! Where commands write: the caller's stdout, or `-o FILE` written atomically — into a temporary file
//! beside FILE that replaces it only once complete, so an interrupted or failed run leaves
//! the previous FILE as it was. Every error names the file.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Temporary files are named `.claimcheck-XXXXXX.tmp`: hidden, and never taken as input.
const TEMP_PREFIX: &str = ".claimcheck-";
const TEMP_SUFFIX: &str = ".tmp";

/// An output being written. Call [`Output::commit`] when done: a file output dropped without
/// it (an error, a panic) is discarded and FILE keeps its previous content.
pub enum Output<'a> {
    /// The writer the caller gave for "no `-o`" (the binary's stdout).
    Stdout(BufWriter<&'a mut dyn Write>),
    /// A regular file (or none yet): written to `temp`, renamed onto `path` on commit.
    Atomic {
        temp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
    /// Something that is not a regular file (`/dev/stdout`, a FIFO): written in place.
    Direct {
        file: BufWriter<fs::File>,
        path: PathBuf,
    },
}

/// `path: error`, keeping the error's kind.
pub fn named(path: &Path, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

impl<'a> Output<'a> {
    /// `stdout` when `path` is `None`.
    pub fn create(path: Option<&Path>, stdout: &'a mut dyn Write) -> io::Result<Output<'a>> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::new(stdout)));
        };
        if let Ok(meta) = fs::metadata(path)
            && !meta.is_file()
        {
            if meta.is_dir() {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    format!("{}: is a directory", path.display()),
                ));
            }
            let file = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| named(path, e))?;
            return Ok(Output::Direct {
                file: BufWriter::new(file),
                path: path.to_path_buf(),
            });
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
        // The usual permissions of a new file (the umask applies), not the 0600 of a temporary.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "{}: cannot create a temporary file in {}: {e}",
                    path.display(),
                    dir.display()
                ),
            )
        })?;
        // Replacing a file keeps its permissions.
        if let Ok(meta) = fs::metadata(path) {
            temp.as_file()
                .set_permissions(meta.permissions())
                .map_err(|e| named(path, e))?;
        }
        Ok(Output::Atomic {
            temp: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// Flushes everything and, for a file, puts it in place of FILE.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::Direct { mut file, path } => file.flush().map_err(|e| named(&path, e)),
            Output::Atomic { temp, path } => {
                let temp = temp
                    .into_inner()
                    .map_err(|e| named(&path, e.into_error()))?;
                temp.as_file().sync_all().map_err(|e| named(&path, e))?;
                temp.persist(&path).map_err(|e| named(&path, e.error))?;
                Ok(())
            }
        }
    }

    /// The file written to, if not stdout.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Output::Stdout(_) => None,
            Output::Atomic { path, .. } | Output::Direct { path, .. } => Some(path),
        }
    }
}

impl Write for Output<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::Atomic { temp, path } => temp.write(buf).map_err(|e| named(path, e)),
            Output::Direct { file, path } => file.write(buf).map_err(|e| named(path, e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::Atomic { temp, path } => temp.flush().map_err(|e| named(path, e)),
            Output::Direct { file, path } => file.flush().map_err(|e| named(path, e)),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::Atomic { temp, path } => temp.write_all(buf).map_err(|e| named(path, e)),
            Output::Direct { file, path } => file.write_all(buf).map_err(|e| named(path, e)),
        }
    }
}

/// A file's identity: device and inode on Unix (hard links and other spellings of one
/// path are the same file), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(FileIdInner);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileIdInner {
    #[cfg(unix)]
    DevIno(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

impl FileId {
    /// `None` when the file does not exist (or cannot be examined).
    pub fn of(path: &Path) -> Option<FileId> {
        let meta = fs::metadata(path).ok()?;
        Self::from_meta(path, &meta)
    }

    #[cfg(unix)]
    fn from_meta(_: &Path, meta: &fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId(FileIdInner::DevIno(meta.dev(), meta.ino())))
    }

    #[cfg(not(unix))]
    fn from_meta(path: &Path, _: &fs::Metadata) -> Option<FileId> {
        fs::canonicalize(path)
            .ok()
            .map(|p| FileId(FileIdInner::Path(p)))
    }

    /// The file stdin reads from, when it is one (not a pipe or terminal).
    pub fn of_stdin() -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
            let meta = fs::File::from(fd).metadata().ok()?;
            if !meta.is_file() {
                return None;
            }
            Self::from_meta(Path::new("stdin"), &meta)
        }
        #[cfg(not(unix))]
        {
            None
        }
    }
}

/// Whether a name is one of the temporary files [`Output`] writes.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_appears_only_on_commit_and_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut sink = io::sink();
        let mut out = Output::create(Some(&path), &mut sink).unwrap();
        out.write_all(b"new").unwrap();
        out.flush().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn a_dropped_output_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        {
            let mut sink = io::sink();
            let mut out = Output::create(Some(&path), &mut sink).unwrap();
            out.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let mut sink = io::sink();
        let mut out = Output::create(Some(&path), &mut sink).unwrap();
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let err = Output::create(Some(Path::new("no/such/dir/out.csv")), &mut io::sink())
            .err()
            .unwrap();
        assert!(
            err.to_string().starts_with("no/such/dir/out.csv: "),
            "{err}"
        );
    }

    #[test]
    fn hard_links_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "x").unwrap();
        let b = dir.path().join("b.txt");
        fs::hard_link(&a, &b).unwrap();
        assert_eq!(FileId::of(&a), FileId::of(&b));
        assert!(FileId::of(&dir.path().join("c.txt")).is_none());
    }
}
