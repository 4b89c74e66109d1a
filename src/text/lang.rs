//! Which language a stretch of text is written in, from its scripts: Chinese
//! ideographs against Latin words. Enough to tell a Chinese article from an
//! English one and both from a bilingual one; not a language identifier.

use serde::Serialize;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Lang {
    Zh,
    En,
    Mixed,
}

impl Lang {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The language of `text`: the share of Chinese ideographs among ideographs
/// and Latin letters-in-words (a Latin word of n letters weighs n / 2, since a
/// Chinese word is about two characters).
pub fn detect(text: &str) -> Lang {
    let (mut cjk, mut latin, mut run) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            run += 1;
            continue;
        }
        if run >= 2 {
            latin += run;
        }
        run = 0;
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) {
            cjk += 1;
        }
    }
    if run >= 2 {
        latin += run;
    }
    // In word-equivalents: one ideograph ~ half a word, one Latin word ~ 5 letters.
    let zh = cjk as f64 / 2.0;
    let en = latin as f64 / 5.0;
    let total = zh + en;
    if total == 0.0 {
        return Lang::Zh;
    }
    let share = zh / total;
    if share >= 0.7 {
        Lang::Zh
    } else if share <= 0.1 {
        Lang::En
    } else {
        Lang::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_decide() {
        assert_eq!(detect("国内已经发布了79个大模型。"), Lang::Zh);
        assert_eq!(
            detect("据Reuters报道,OpenAI本轮融资66亿美元,估值达到1570亿美元。"),
            Lang::Zh
        );
        assert_eq!(
            detect("OpenAI raised $6.6 billion at a $157 billion valuation."),
            Lang::En
        );
        assert_eq!(
            detect(
                "DeepSeek-V3 的训练仅用了 280 万 GPU 小时。The training took only 2.8 million GPU hours, far fewer than Llama 3."
            ),
            Lang::Mixed
        );
    }
}
