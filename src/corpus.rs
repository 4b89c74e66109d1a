//! Input documents read from paths — streamed, or all at once for the report —
//! with what could not be read. Nothing is dropped silently: every skipped file
//! is named in `skipped`, every lossy decoding in `partial`.

use crate::claim::{Claim, PartialDate};
use crate::extract::published::{SourceInfo, load_sources, published_from_text};
use crate::extract::{DocInput, Extractor};
use crate::input::{self, Document};
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
}

impl Loaded {
    pub fn input(&self) -> DocInput<'_> {
        DocInput {
            source: &self.doc.source,
            text: &self.doc.text,
            visible: &self.doc.visible,
            published: self.published,
        }
    }
}

/// The files under some paths, read one at a time.
#[derive(Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    /// Each file's source id, parallel to `files` (see `input::Walk::sources`).
    pub ids: Vec<String>,
    /// "path: reason" for each path or file skipped.
    pub skipped: Vec<String>,
    /// "path: note" for each file decoded with replacements.
    pub partial: Vec<String>,
    /// Reports claimcheck wrote, found in a folder and not read.
    pub own_outputs: Vec<PathBuf>,
    sources: SourcesCache,
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
            skipped: walk.errors.iter().map(ToString::to_string).collect(),
            own_outputs: walk.own_outputs,
            ..Inputs::default()
        }
    }

    /// Reads one file as source `id`; on failure the reason is added to `skipped`.
    pub fn read(&mut self, path: &Path, id: &str) -> Option<Loaded> {
        match input::read_document_as(path, id.to_string()) {
            Ok(doc) => {
                self.partial.extend(
                    doc.notes
                        .iter()
                        .filter(|n| n.contains("replaced"))
                        .map(|n| format!("{}: {n}", path.display())),
                );
                let published = self
                    .sources
                    .published(path, &mut self.skipped)
                    .or(doc.meta.published)
                    .or_else(|| published_from_text(&doc.text));
                Some(Loaded { doc, published })
            }
            Err(e) => {
                self.skipped.push(e.to_string());
                None
            }
        }
    }

    /// Extracts every file's claims, `threads` documents at a time, and hands
    /// them to `sink` in file order. At most a few documents per thread are in
    /// memory at once, whatever the number of files.
    pub fn extract_each<E>(
        &mut self,
        extractor: &Extractor,
        threads: usize,
        mut sink: impl FnMut(&Loaded, Vec<Claim>) -> Result<(), E>,
    ) -> Result<(), E> {
        let threads = threads.max(1);
        let files = std::mem::take(&mut self.files);
        let ids = std::mem::take(&mut self.ids);
        let batch_len = threads * DOCS_PER_THREAD;
        for (batch, batch_ids) in files.chunks(batch_len).zip(ids.chunks(batch_len)) {
            let loaded: Vec<Loaded> = batch
                .iter()
                .zip(batch_ids)
                .filter_map(|(p, id)| self.read(p, id))
                .collect();
            for (doc, claims) in loaded
                .iter()
                .zip(extract_parallel(extractor, &loaded, threads))
            {
                sink(doc, claims)?;
            }
        }
        self.files = files;
        self.ids = ids;
        Ok(())
    }
}

/// Documents handed to each thread per batch: enough to even out lengths.
const DOCS_PER_THREAD: usize = 4;

/// The claims of each document, in order, computed on `threads` threads.
pub fn extract_parallel(extractor: &Extractor, docs: &[Loaded], threads: usize) -> Vec<Vec<Claim>> {
    if threads <= 1 || docs.len() <= 1 {
        return docs.iter().map(|d| extractor.extract(&d.input())).collect();
    }
    let mut results: Vec<Vec<Claim>> = vec![Vec::new(); docs.len()];
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    // Each thread its own regexes: clones do not share the
                    // regex crate's cache pool, whose non-owner path locks.
                    let rules = extractor.rules().clone();
                    let extractor = Extractor::new(&rules);
                    (t..docs.len())
                        .step_by(threads)
                        .map(|i| (i, extractor.extract(&docs[i].input())))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // A panic in extraction is a bug; surface it rather than lose documents.
            for (i, claims) in worker.join().expect("extraction thread panicked") {
                results[i] = claims;
            }
        }
    });
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
    pub skipped: Vec<String>,
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

    /// Every claim of every document, in document order.
    pub fn extract(&self, extractor: &Extractor) -> Vec<Claim> {
        let loaded: Vec<Loaded> = self
            .docs
            .iter()
            .zip(&self.published)
            .map(|(doc, &published)| Loaded {
                doc: doc.clone(),
                published,
            })
            .collect();
        extract_parallel(extractor, &loaded, default_threads())
            .into_iter()
            .flatten()
            .collect()
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
    /// The publication date `sources.toml` beside `path` gives it (keyed by file stem);
    /// a broken sources file is reported once in `problems` and then treated as empty.
    fn published(&mut self, path: &Path, problems: &mut Vec<String>) -> Option<PartialDate> {
        let stem = path.file_stem().map(|s| s.to_string_lossy())?;
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let table = self.by_dir.entry(dir.clone()).or_insert_with(|| {
            let file = dir.join(SOURCES_FILE);
            if !file.is_file() {
                return BTreeMap::new();
            }
            load_sources(&file).unwrap_or_else(|e| {
                problems.push(format!("{e} (publication dates from it ignored)"));
                BTreeMap::new()
            })
        });
        table.get(stem.as_ref()).and_then(|info| info.published)
    }
}
