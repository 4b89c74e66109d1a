//! Input documents read from paths — streamed, or all at once for the report —
//! with what could not be read. Nothing is dropped silently: every skipped file
//! is named in `skipped`, every lossy decoding in `partial`.

use crate::claim::{Claim, PartialDate};
use crate::extract::published::published_from_text;
use crate::extract::{DocInput, Extractor};
use crate::input::sources::{SourceInfo, SourcesError, load_sources};
use crate::input::{self, Document, InputError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of bundled articles, found beside the working directory or,
/// failing that, where the crate was built.
pub fn bundled_data_dir() -> PathBuf {
    let local = PathBuf::from("data");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
    }
}

/// A document ready for extraction: its text and publication date.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: Document,
    pub published: Option<PartialDate>,
    /// From `sources.toml` beside the file, else the text's header.
    pub title: Option<String>,
    pub url: Option<String>,
}

impl Loaded {
    pub fn input(&self) -> DocInput<'_> {
        DocInput {
            source: &self.doc.source,
            text: &self.doc.text,
            visible: self.doc.visible(),
            published: self.published,
            // `read_file` looked.
            text_searched: true,
        }
    }
}

/// Why an input was skipped: told to the user and listed in the report's summary.
#[derive(Debug, thiserror::Error)]
pub enum Skipped {
    /// A path or file that yielded no document.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A broken `sources.toml`, then read as empty.
    #[error("{0} (publication dates from it ignored)")]
    Sources(#[from] SourcesError),
}

/// The files under some paths, read by the workers of a run.
#[derive(Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    /// Each file's source id, parallel to `files` (see `input::Walk::sources`).
    pub ids: Vec<String>,
    /// Each path or file skipped, and why.
    pub skipped: Vec<Skipped>,
    /// "path: note" for each file decoded with replacements.
    pub partial: Vec<String>,
    /// Reports claimcheck wrote, found in a folder and not read.
    pub own_outputs: Vec<PathBuf>,
    sources: SourcesCache,
}

/// One file's outcome in a run, handed to the sink in file order.
pub struct FileDone<T> {
    /// Bytes of the file as stored (0 when it could not be read).
    pub bytes: u64,
    /// Claims extracted (before the worker's own filtering).
    pub claims: usize,
    /// What the worker made of the claims; `None` when the file was skipped.
    pub output: Option<T>,
}

/// What reading one file gave, before extraction.
struct Read {
    loaded: Result<Loaded, InputError>,
    partial: Vec<String>,
    bytes: u64,
}

impl Inputs {
    /// Finds the files under `paths` (the bundled data when empty).
    pub fn discover(paths: &[PathBuf]) -> Inputs {
        let paths = if paths.is_empty() {
            vec![bundled_data_dir()]
        } else {
            paths.to_vec()
        };
        let walk = input::walk(&paths);
        Inputs {
            files: walk.files,
            ids: walk.sources,
            skipped: walk.errors.into_iter().map(Skipped::from).collect(),
            own_outputs: walk.own_outputs,
            ..Inputs::default()
        }
    }

    /// The total size of the files, for progress: one `stat` per file.
    pub fn total_bytes(&self) -> u64 {
        self.files
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }

    /// Reads one file as source `id`; on failure the reason is added to `skipped`.
    pub fn read(&mut self, path: &Path, id: &str) -> Option<Loaded> {
        self.load_sources(std::slice::from_ref(&path.to_path_buf()));
        let read = read_file(path, id, &self.sources);
        self.partial.extend(read.partial);
        match read.loaded {
            Ok(loaded) => Some(loaded),
            Err(e) => {
                self.skipped.push(e.into());
                None
            }
        }
    }

    /// Reads the `sources.toml` of each folder holding one of `files`, in order, so
    /// that workers share them read-only and problems are reported deterministically.
    fn load_sources(&mut self, files: &[PathBuf]) {
        for path in files {
            self.sources.load(path, &mut self.skipped);
        }
    }

    /// Reads, decodes and extracts every file on `threads` workers that live for the
    /// whole run, each with its own clone of the rules (so regex caches stay warm and
    /// are never shared), and hands each file's outcome to `sink` in file order.
    /// `work` runs on the worker, after extraction (filtering, serialising), so the
    /// sink has little left to do. Files being read, extracted or waiting for their
    /// turn are bounded by a few per worker, whatever the number of files.
    /// Skipped and partly decoded files are added to `skipped` and `partial` in file order.
    pub fn extract_each<T: Send, E>(
        &mut self,
        extractor: &Extractor,
        threads: usize,
        work: impl Fn(&Loaded, Vec<Claim>) -> T + Sync,
        mut sink: impl FnMut(FileDone<T>) -> Result<(), E>,
    ) -> Result<(), E> {
        let files = std::mem::take(&mut self.files);
        let ids = std::mem::take(&mut self.ids);
        self.load_sources(&files);
        let sources = &self.sources;
        let (skipped, partial) = (&mut self.skipped, &mut self.partial);
        let result = ordered_pool(
            files.len(),
            extractor,
            threads,
            |i, extractor| {
                let read = read_file(&files[i], &ids[i], sources);
                let done = match &read.loaded {
                    Ok(loaded) => {
                        let claims = extractor.extract(&loaded.input());
                        FileDone {
                            bytes: read.bytes,
                            claims: claims.len(),
                            output: Some(work(loaded, claims)),
                        }
                    }
                    Err(_) => FileDone {
                        bytes: read.bytes,
                        claims: 0,
                        output: None,
                    },
                };
                (read.loaded.err().map(Skipped::from), read.partial, done)
            },
            |_, (error, notes, done)| {
                skipped.extend(error);
                partial.extend(notes);
                sink(done)
            },
        );
        self.files = files;
        self.ids = ids;
        result
    }
}

/// Reads and decodes one file and finds its publication date.
fn read_file(path: &Path, id: &str, sources: &SourcesCache) -> Read {
    match input::read_document_as(path, id.to_string()) {
        Ok(doc) => {
            let partial = doc
                .notes
                .iter()
                .filter(|n| n.contains("replaced"))
                .map(|n| format!("{}: {n}", path.display()))
                .collect();
            // sources.toml is keyed by file name, whatever the source id.
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let info = stem.as_deref().and_then(|stem| sources.info(path, stem));
            let published = info
                .and_then(|i| i.published)
                .or(doc.meta.published)
                .or_else(|| published_from_text(&doc.text));
            let title = info
                .and_then(|i| i.title.clone())
                .or_else(|| doc.meta.title.clone());
            let url = info
                .and_then(|i| i.url.clone())
                .or_else(|| doc.meta.url.clone());
            let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
            Read {
                loaded: Ok(Loaded {
                    doc,
                    published,
                    title,
                    url,
                }),
                partial,
                bytes,
            }
        }
        Err(e) => Read {
            loaded: Err(e),
            partial: Vec::new(),
            bytes: 0,
        },
    }
}

/// Jobs in flight per worker (queued, running, or done and waiting for their turn):
/// enough to even out document lengths, few enough to bound memory.
const JOBS_PER_WORKER: usize = 8;

/// Runs `work(i, extractor)` for every `i` in `0..jobs` on `threads` workers and hands
/// the results to `sink` in index order, on the calling thread. Each worker clones the
/// rules once and keeps its extractor for the whole run: clones do not share the regex
/// crate's cache pool, whose non-owner path locks. With one thread, or one job, the
/// work runs on the calling thread. A panic in a worker is resumed on the caller; an
/// error from `sink` stops the run (jobs already started finish and are dropped).
pub fn ordered_pool<T: Send, E>(
    jobs: usize,
    extractor: &Extractor,
    threads: usize,
    work: impl Fn(usize, &Extractor) -> T + Sync,
    mut sink: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E> {
    use std::collections::BTreeMap;
    use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
    use std::sync::{Mutex, mpsc};

    let threads = threads.max(1).min(jobs.max(1));
    if threads == 1 {
        for i in 0..jobs {
            sink(i, work(i, extractor))?;
        }
        return Ok(());
    }
    let window = threads * JOBS_PER_WORKER;
    let (job_tx, job_rx) = mpsc::channel::<usize>();
    let mut job_tx = Some(job_tx);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (job_rx, done_tx, work) = (&job_rx, done_tx.clone(), &work);
            s.spawn(move || {
                let rules = extractor.rules().clone();
                let extractor = Extractor::new(&rules);
                loop {
                    // The lock is held only to take the next index.
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(i)) = next else { break };
                    let result = catch_unwind(AssertUnwindSafe(|| work(i, &extractor)));
                    let failed = result.is_err();
                    if done_tx.send((i, result)).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut issued = 0;
        while issued < jobs.min(window) {
            if let Some(tx) = &job_tx {
                let _ = tx.send(issued);
            }
            issued += 1;
        }
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        let outcome = loop {
            if next == jobs {
                break Ok(());
            }
            let Ok((i, result)) = done_rx.recv() else {
                unreachable!("a worker stopped without reporting a result")
            };
            let value = match result {
                Ok(value) => value,
                Err(panic) => {
                    job_tx = None;
                    resume_unwind(panic)
                }
            };
            waiting.insert(i, value);
            let mut failed = None;
            while let Some(value) = waiting.remove(&next) {
                if let Err(e) = sink(next, value) {
                    failed = Some(e);
                    break;
                }
                next += 1;
                if issued < jobs
                    && let Some(tx) = &job_tx
                {
                    // Workers only stop early after a panic, which is resumed above.
                    let _ = tx.send(issued);
                    issued += 1;
                }
            }
            if let Some(e) = failed {
                break Err(e);
            }
        };
        // Closing the queue lets every worker finish.
        drop(job_tx.take());
        outcome
    })
}

/// The claims of each document, in order, computed on `threads` workers.
pub fn extract_parallel(extractor: &Extractor, docs: &[Loaded], threads: usize) -> Vec<Vec<Claim>> {
    let mut results = Vec::with_capacity(docs.len());
    let _ = ordered_pool(
        docs.len(),
        extractor,
        threads,
        |i, extractor| extractor.extract(&docs[i].input()),
        |_, claims| {
            results.push(claims);
            Ok::<(), ()>(())
        },
    );
    results
}

/// The number of threads to extract with: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Every document at once, for the report (which shows the articles).
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    /// Publication dates, parallel to `docs`.
    pub published: Vec<Option<PartialDate>>,
    pub skipped: Vec<Skipped>,
    pub partial: Vec<String>,
}

impl Corpus {
    /// Reads every file under `paths` (the bundled data when empty).
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::from_inputs(Inputs::discover(paths))
    }

    /// Reads every file `inputs` found.
    pub fn from_inputs(mut inputs: Inputs) -> Corpus {
        let files = std::mem::take(&mut inputs.files);
        let ids = std::mem::take(&mut inputs.ids);
        let mut corpus = Corpus::default();
        for (path, id) in files.iter().zip(&ids) {
            if let Some(loaded) = inputs.read(path, id) {
                corpus.docs.push(loaded.doc);
                corpus.published.push(loaded.published);
            }
        }
        corpus.skipped = inputs.skipped;
        corpus.partial = inputs.partial;
        corpus
    }

    /// Every claim of every document, in document order, on the machine's cores.
    pub fn extract(&self, extractor: &Extractor) -> Vec<Claim> {
        self.extract_with_threads(extractor, default_threads())
    }

    /// Every claim of every document, in document order, on `threads` workers.
    pub fn extract_with_threads(&self, extractor: &Extractor, threads: usize) -> Vec<Claim> {
        self.extract_observed(extractor, threads, |_, _| {})
    }

    /// `extract_with_threads`, calling `done(document, its claims)` as each
    /// document's claims arrive, in document order (for a progress display).
    pub fn extract_observed(
        &self,
        extractor: &Extractor,
        threads: usize,
        mut done: impl FnMut(usize, &[Claim]),
    ) -> Vec<Claim> {
        let mut claims = Vec::new();
        let _ = ordered_pool(
            self.docs.len(),
            extractor,
            threads,
            |i, extractor| {
                let doc = &self.docs[i];
                extractor.extract(&DocInput {
                    source: &doc.source,
                    text: &doc.text,
                    visible: doc.visible(),
                    published: self.published[i],
                    text_searched: true,
                })
            },
            |i, found| {
                done(i, &found);
                claims.extend(found);
                Ok::<(), ()>(())
            },
        );
        claims
    }

    /// Messages for the report summary: skipped files, then partly decoded ones.
    pub fn notes(&self) -> Vec<String> {
        self.skipped
            .iter()
            .map(|s| format!("skipped {s}"))
            .chain(self.partial.iter().map(|p| format!("partly decoded {p}")))
            .collect()
    }
}

/// The file that records publication dates for the documents in its folder.
pub const SOURCES_FILE: &str = "sources.toml";

/// `sources.toml` files, read once per folder.
#[derive(Default)]
struct SourcesCache {
    by_dir: BTreeMap<PathBuf, BTreeMap<String, SourceInfo>>,
}

impl SourcesCache {
    /// Reads the sources file of `path`'s folder, once; a broken one is reported in
    /// `problems` and then treated as empty.
    fn load(&mut self, path: &Path, problems: &mut Vec<Skipped>) {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        if self.by_dir.contains_key(&dir) {
            return;
        }
        let file = dir.join(SOURCES_FILE);
        let table = if file.is_file() {
            load_sources(&file).unwrap_or_else(|e| {
                problems.push(e.into());
                BTreeMap::new()
            })
        } else {
            BTreeMap::new()
        };
        self.by_dir.insert(dir, table);
    }

    /// What the sources file beside `path` (loaded before) says of `source`.
    fn info(&self, path: &Path, source: &str) -> Option<&SourceInfo> {
        let dir = path.parent().unwrap_or(Path::new("."));
        self.by_dir.get(dir).and_then(|table| table.get(source))
    }
}
