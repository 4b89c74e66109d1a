//! Character folding: traditional → simplified (OpenCC's table), full-width → ASCII,
//! dashes and spaces to one form each.

use std::collections::HashMap;
use std::sync::OnceLock;

const TS_CHARACTERS: &str = include_str!("data/TSCharacters.txt");

/// The dense part of the table covers the CJK blocks where nearly all entries live.
const DENSE_START: u32 = 0x3400;
const DENSE_END: u32 = 0xA000;

struct Table {
    dense: Vec<char>,
    sparse: HashMap<char, char>,
    /// The whole fold for each BMP code point, indexed by code: the UTF-8
    /// bytes of its fold, itself where it is unchanged (see [`utf8_entry`]);
    /// 0 for the surrogate codes, which are no characters, and U+0000.
    bmp: Box<[u32; 0x10000]>,
}

/// An empty BMP table, built on the heap (it is 256 KiB).
fn empty_bmp() -> Box<[u32; 0x10000]> {
    vec![0u32; 0x10000]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!("the vector has 0x10000 entries"))
}

/// The UTF-8 encoding of `c` packed into a `u32`, first byte lowest. No byte
/// of a UTF-8 encoding is zero except that of U+0000, so the encoding's
/// length is the number of bytes up to the highest non-zero one
/// ([`utf8_entry_len`]), and an entry is 0 only for U+0000, which no
/// character folds to.
pub fn utf8_entry(c: char) -> u32 {
    let mut buf = [0u8; 4];
    c.encode_utf8(&mut buf);
    u32::from_le_bytes(buf)
}

/// The byte length of the encoding packed in non-zero `entry`.
#[inline(always)]
pub fn utf8_entry_len(entry: u32) -> usize {
    4 - (entry.leading_zeros() / 8) as usize
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

/// OpenCC applies its table once, and a few entries lead to another traditional
/// form (薴 → 苧 → 苎); folding must be idempotent, so each entry follows its chain.
fn resolve_chains(table: Table) -> Table {
    let step = |c: char| {
        let code = c as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            table.dense[(code - DENSE_START) as usize]
        } else {
            table.sparse.get(&c).copied().unwrap_or(c)
        }
    };
    // Chains are short; the bound only guards against a cycle in the data.
    let resolve = |mut c: char| {
        for _ in 0..8 {
            let next = step(c);
            if next == c {
                break;
            }
            c = next;
        }
        c
    };
    let dense = table.dense.iter().map(|&c| resolve(c)).collect();
    let sparse = table
        .sparse
        .iter()
        .map(|(&k, &v)| (k, resolve(v)))
        .collect();
    Table {
        dense,
        sparse,
        bmp: empty_bmp(),
    }
}

/// Tabulates `fold` over the BMP, so the normaliser's hot loop is one lookup.
fn with_bmp_table(mut table: Table) -> Table {
    // Without the sparse table first: it only changes its own keys, and hashing
    // every code point cost more than the rest of the table's building.
    let sparse = std::mem::take(&mut table.sparse);
    let mut bmp = empty_bmp();
    let folder = Folder(&table);
    for (code, slot) in (0u32..).zip(bmp.iter_mut()) {
        if let Some(c) = char::from_u32(code) {
            *slot = utf8_entry(folder.fold(c));
        }
    }
    table.sparse = sparse;
    let folder = Folder(&table);
    for &c in table.sparse.keys() {
        if let Ok(code) = u16::try_from(u32::from(c)) {
            bmp[usize::from(code)] = utf8_entry(folder.fold(c));
        }
    }
    table.bmp = bmp;
    table
}

fn build_table() -> Table {
    let mut dense: Vec<char> = (DENSE_START..DENSE_END)
        .map(|c| char::from_u32(c).unwrap_or('\0'))
        .collect();
    let mut sparse = HashMap::new();
    for line in TS_CHARACTERS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(from), Some(to)) = (fields.next(), fields.next()) else {
            continue;
        };
        let (Some(from), Some(to)) = (
            single_char(from),
            to.split(' ').next().and_then(single_char),
        ) else {
            continue;
        };
        let code = from as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            dense[(code - DENSE_START) as usize] = to;
        } else {
            sparse.insert(from, to);
        }
    }
    with_bmp_table(resolve_chains(Table {
        dense,
        sparse,
        bmp: empty_bmp(),
    }))
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// The fold tables, loaded once; hold on to it in loops.
pub struct Folder<'t>(&'t Table);

impl Folder<'static> {
    pub fn get() -> Self {
        Folder(table())
    }
}

impl Folder<'_> {
    /// The fold of BMP code point `code`, as the table holds it (`None` for
    /// a surrogate code and U+0000).
    #[cfg(test)]
    pub fn fold_bmp(&self, code: u32) -> Option<char> {
        let entry = self.0.bmp[(code & 0xFFFF) as usize];
        if entry == 0 {
            return None;
        }
        let bytes = entry.to_le_bytes();
        std::str::from_utf8(&bytes[..utf8_entry_len(entry)])
            .ok()
            .and_then(|s| s.chars().next())
    }

    /// The fold table over the BMP, indexed by code point: the UTF-8
    /// encoding of each character's fold (the character itself where it is
    /// unchanged), packed first byte lowest, [`utf8_entry_len`] bytes long;
    /// 0 for the surrogate codes D800–DFFF, which no `str` holds, and for
    /// U+0000 (its encoding is the zero byte). Every other entry is the
    /// encoding of a `char`, so valid UTF-8.
    #[inline(always)]
    pub fn bmp_utf8(&self) -> &[u32; 0x10000] {
        &self.0.bmp
    }

    /// Traditional → simplified for one character; others pass through.
    #[inline]
    pub fn to_simplified(&self, c: char) -> char {
        let code = c as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            self.0.dense[(code - DENSE_START) as usize]
        } else if code < 0x2E80 {
            c
        } else {
            self.0.sparse.get(&c).copied().unwrap_or(c)
        }
    }

    /// The full per-character fold used for matching.
    #[inline]
    pub fn fold(&self, c: char) -> char {
        // Chinese text is nearly all in the dense block, where no other fold applies.
        let code = c as u32;
        if (DENSE_START..DENSE_END).contains(&code) {
            return self.0.dense[(code - DENSE_START) as usize];
        }
        match c {
            // Full-width ASCII block.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => ' ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
            '\u{301C}' => '~',
            _ => self.to_simplified(c),
        }
    }
}

/// Traditional → simplified for one character; others pass through.
pub fn to_simplified(c: char) -> char {
    Folder::get().to_simplified(c)
}

/// The full per-character fold used for matching.
pub fn fold_char(c: char) -> char {
    Folder::get().fold(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        s.chars().map(fold_char).collect()
    }

    #[test]
    fn folds_the_characters_claims_depend_on() {
        assert_eq!(fold("訓練"), "训练");
        assert_eq!(fold("萬億塊"), "万亿块");
        assert_eq!(fold("國內"), "国内");
        assert_eq!(fold("麼"), "么");
    }

    #[test]
    fn table_is_complete_not_a_handful() {
        let t = table();
        let mapped = t
            .dense
            .iter()
            .enumerate()
            .filter(|(i, c)| **c as u32 != DENSE_START + *i as u32)
            .count()
            + t.sparse.len();
        // 3,512 of OpenCC's 4,149 lines change the character; the rest list the
        // character itself as the first candidate.
        assert!(mapped >= 3500, "only {mapped} entries mapped");
    }

    #[test]
    fn folds_width_dashes_and_spaces() {
        assert_eq!(fold("１２３ＡＢ，"), "123AB,");
        assert_eq!(fold("100 元 – 200 元"), "100 元 - 200 元");
        assert_eq!(fold("a\u{3000}b"), "a b");
    }

    #[test]
    fn bmp_table_is_the_fold() {
        let folder = Folder::get();
        for code in 0..0x10000u32 {
            let expected = char::from_u32(code)
                .filter(|&c| c != '\0')
                .map(|c| folder.fold(c));
            assert_eq!(folder.fold_bmp(code), expected, "U+{code:04X}");
        }
    }

    #[test]
    fn simplified_text_is_unchanged() {
        let s = "国内的大模型已经超过了120个";
        assert_eq!(fold(s), s);
    }
}
