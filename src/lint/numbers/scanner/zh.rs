//! Chinese numbers: digits with their 万/亿 scales (`120万元`, `3.5亿`), percentages
//! (`60%`, `百分之六十`, `3.2个百分点`, `四成`), ordinals (`第三`), rate bases (`每万人`), and
//! Chinese numerals, which count only before a measure word (`三家`, `十二项`) and never in a set
//! phrase (`一站式`, `两个确保`).

use super::{Digits, Q, Scanner, Step, is_power_of_ten, scaled};
use crate::lint::numbers::chars::{is_ideograph, is_zh_numeral, zh_numeral_run};
use crate::lint::numbers::words::{parse_zh_numeral, zh_digit};
use crate::lint::numbers::{Kind, Part, Unit, Written};

const ZH_MEASURES: &str = "个项家名件起次年天日倍类批条人所座部份种位届场支台套张户亩吨周岁轮期款只篇本册门辆艘架幅组队处层级片块笔宗例株棵斤克枚道间栋元";
const ZH_MEASURES_2: [&str; 9] = [
    "小时", "分钟", "公斤", "公里", "公顷", "方面", "平方", "千克", "环节",
];
/// Set phrases that look like counts (numeral + measure word) but are names.
const ZH_SET_PHRASES: [&str; 14] = [
    "两个确保",
    "两个维护",
    "两个毫不动摇",
    "两个一百年",
    "两个结合",
    "三个代表",
    "三个一批",
    "四个意识",
    "四个自信",
    "四个全面",
    "三位一体",
    "四位一体",
    "五位一体",
    "五个一",
];

impl Scanner<'_> {
    /// What a Chinese text states at `i`, the character `c`, where no digit starts: a
    /// percentage in words, an ordinal, the base of a rate or a number in numerals.
    pub(super) fn zh_word_step(&self, i: usize, c: char) -> Option<Step> {
        match c {
            '百' if self.at(i, "百分之") => self.zh_percent_words(i),
            '第' => self.zh_ordinal(i),
            '每' => self.zh_per_base(i),
            _ if is_zh_numeral(c) => self.zh_numeral(i),
            _ => None,
        }
    }

    /// One number in Chinese text starting at `i` (a digit or its sign).
    pub(super) fn zh_single(&self, i: usize) -> Option<Q> {
        let (sign, d, lit) = match self.digits(i)? {
            Digits::Token(q) => return Some(q),
            Digits::Literal { sign, d, lit } => (sign, d, lit),
        };
        let j = lit.end;
        if self.c(j).is_ascii_alphabetic() {
            return Some(self.glued_suffix(i, d, &lit, sign));
        }
        let mut k = j;
        if matches!(self.c(k), '余' | '多') {
            k += 1;
        }
        let (scale, after_scale) = self.zh_scale(k);
        let has_scale = after_scale > k;
        let text_end = if has_scale { after_scale } else { j };
        let mut q = Q::scaled_literal(&lit, sign, scale, has_scale, i, text_end);
        let mut u = text_end;
        if matches!(self.c(u), '余' | '多' | '来') {
            u += 1;
        }
        if self.c(text_end) == '%' {
            q.kind = Kind::Percent;
            q.end = text_end + 1;
        } else if self.c(text_end) == '‰' {
            q.kind = Kind::Percent;
            q.value /= 10.0;
            q.precision /= 10.0;
            q.end = text_end + 1;
        } else if self.at(u, "个百分点") || self.at(u, "百分点") {
            q.kind = Kind::PercentagePoint;
            q.end = u + if self.at(u, "个") { 4 } else { 3 };
        } else if q.plain_int && lit.int_digits == 4 && self.c(j) == '年' {
            return Some(self.zh_year(i, lit.value as u32, j + 1));
        } else if q.plain_int && (1.0..=12.0).contains(&lit.value) && self.c(j) == '月' {
            return Some(self.zh_month_day(i, None, lit.value as u32, j + 1));
        } else if q.plain_int
            && let Some(tenths) = self.zh_tenths(i, j, lit.value, Written::Digits)
        {
            return Some(tenths);
        } else if q.plain_int && matches!(self.c(j), '日' | '号') {
            q.day_unit = true;
            q.unit = self.zh_time_unit(u);
        } else {
            q.unit = self.zh_time_unit(u);
        }
        Some(q)
    }

    /// The time unit of a duration at `k` (`天`, `个工作日`, `周`, `个月`, `年`, `小时`). A bare
    /// `月` is a month of the year, not a duration, and `年` after four digits is a year.
    fn zh_time_unit(&self, k: usize) -> Option<Unit> {
        let counted = self.c(k) == '个';
        let k = if counted { k + 1 } else { k };
        let k = if self.at(k, "工作") { k + 2 } else { k };
        match self.c(k) {
            '天' | '日' => Some(Unit::Day),
            '周' => Some(Unit::Week),
            '星' if self.at(k, "星期") => Some(Unit::Week),
            '月' if counted => Some(Unit::Month),
            '年' => Some(Unit::Year),
            '小' if self.at(k, "小时") => Some(Unit::Hour),
            _ => None,
        }
    }

    /// `万`, `亿`, `千`, `百`, `十万`, `千万`, `万亿` … after digits.
    fn zh_scale(&self, k: usize) -> (f64, usize) {
        const TWO: [(&str, f64); 7] = [
            ("十万", 1e5),
            ("百万", 1e6),
            ("千万", 1e7),
            ("十亿", 1e9),
            ("百亿", 1e10),
            ("千亿", 1e11),
            ("万亿", 1e12),
        ];
        for (s, v) in TWO {
            if self.at(k, s) {
                return (v, k + 2);
            }
        }
        match self.c(k) {
            '万' => (1e4, k + 1),
            '亿' => (1e8, k + 1),
            // `千米`, `千克`, `千瓦` are units; `百分之`, `百分点` are percentages.
            '千' if !matches!(self.c(k + 1), '米' | '克' | '瓦') => (1e3, k + 1),
            '百' if self.c(k + 1) != '分' => (1e2, k + 1),
            _ => (1.0, k),
        }
    }

    /// `百分之六十`, `百分之3.5`, `百分之三点五`.
    fn zh_percent_words(&self, i: usize) -> Option<Step> {
        let k = i + 3;
        if let Some(lit) = self.literal(k) {
            let q = Q {
                kind: Kind::Percent,
                ..Q::number(lit.value, lit.precision(), i, lit.end, Written::Digits)
            };
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        let z = zh_numeral_run(&self.chs, k);
        let whole = self.zh_value(k, z)?;
        let mut value = whole as f64;
        let mut precision = 1.0;
        let mut end = k + z;
        if self.c(end) == '点' {
            let digits: Vec<u64> = self
                .chs
                .iter()
                .skip(end + 1)
                .map_while(|c| zh_digit(c.c))
                .take(10)
                .collect();
            for (n, dig) in digits.iter().enumerate() {
                precision = 10f64.powi(-(n as i32 + 1));
                value += *dig as f64 * precision;
            }
            if !digits.is_empty() {
                end += 1 + digits.len();
            }
        }
        let q = Q {
            kind: Kind::Percent,
            ..Q::number(value, precision, i, end, Written::Words)
        };
        Some(Step {
            next: end,
            qs: vec![q],
        })
    }

    /// `第三`, `第28届`: an ordinal (soft). `第一` and `第三方` are not quantities.
    fn zh_ordinal(&self, i: usize) -> Option<Step> {
        let k = i + 1;
        let (value, end, written) = if let Some(lit) = self.literal(k) {
            if !lit.plain_int() || lit.long {
                return None;
            }
            (lit.value, lit.end, Written::Digits)
        } else {
            let z = zh_numeral_run(&self.chs, k);
            (self.zh_value(k, z)? as f64, k + z, Written::Words)
        };
        let q = if value <= 1.0 || (value == 3.0 && self.c(end) == '方') {
            Q::ignored(i, end)
        } else {
            Q {
                kind: Kind::Ordinal,
                ..Q::number(value, 1.0, i, end, written)
            }
        };
        Some(Step {
            next: end,
            qs: vec![q],
        })
    }

    /// `每万人口`, `每10万人`: the base of a rate, which English says as `per ten thousand` or
    /// leaves out; skipped on both sides.
    fn zh_per_base(&self, i: usize) -> Option<Step> {
        let k = i + 1;
        let (value, end) = if let Some(lit) = self.literal(k) {
            let (scale, e) = self.zh_scale(lit.end);
            (scaled(lit.value, scale), e)
        } else {
            let z = zh_numeral_run(&self.chs, k);
            (self.zh_value(k, z)? as f64, k + z)
        };
        is_power_of_ten(value).then_some(Step {
            qs: vec![Q::ignored(i, end)],
            next: end,
        })
    }

    /// The value of the Chinese numeral of `len` characters at `k`.
    pub(super) fn zh_value(&self, k: usize, len: usize) -> Option<u64> {
        if len == 0 || k + len > self.chs.len() {
            return None;
        }
        let run: Vec<char> = self.chs[k..k + len].iter().map(|c| c.c).collect();
        parse_zh_numeral(&run)
    }

    /// A number in Chinese numerals. Only counted when a measure word follows (`三家`, `十二项`,
    /// `十大事件`) or it is a month or a year; a numeral in a set phrase (`一站式`, `三合一`,
    /// `十四五`, `两个确保`) is skipped.
    fn zh_numeral(&self, i: usize) -> Option<Step> {
        let r = zh_numeral_run(&self.chs, i);
        let skip = Step {
            qs: Vec::new(),
            next: i + r,
        };
        // `数十家`, `几十个`, `上百家`, `成千上万`: vague, not a number.
        if r > 20 || matches!(self.before(i), '数' | '几' | '上' | '成' | '若') {
            return Some(skip);
        }
        if self.in_quote(i) || ZH_SET_PHRASES.iter().any(|p| self.at(i, p)) {
            return Some(skip);
        }
        // 二〇二三年
        if r == 4
            && self.c(i + r) == '年'
            && self.chs[i..i + r].iter().all(|c| zh_digit(c.c).is_some())
        {
            let year = self.chs[i..i + r]
                .iter()
                .filter_map(|c| zh_digit(c.c))
                .fold(0u64, |acc, d| acc * 10 + d);
            let q = Q {
                written: Written::Words,
                ..Q::of_kind(Kind::Year, year as f64, i, i + r + 1)
            };
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        // A bare `万`, `百`, `千万` is a unit (`万件`) or an idiom (`千家万户`), not a count.
        let has_digit =
            self.c(i) == '十' || self.chs[i..i + r].iter().any(|c| zh_digit(c.c).is_some());
        // … unless it is approximate: `千余家` (over a thousand), `超亿元`, `近百家`.
        let approximate = matches!(self.c(i + r), '余' | '多')
            || matches!(self.before(i), '超' | '近' | '逾' | '过' | '破');
        let Some(value) = self.zh_value(i, r).filter(|_| has_digit || approximate) else {
            return Some(skip);
        };
        let k = i + r;
        if let Some(step) = self.zh_numeral_range(i, r, value) {
            return Some(step);
        }
        if self.c(k) == '月' && (1..=12).contains(&value) {
            return Some(self.zh_numeral_month(i, value as u32, k + 1));
        }
        if let Some(q) = self.zh_tenths(i, k, value as f64, Written::Words) {
            return Some(Step {
                next: q.end,
                qs: vec![q],
            });
        }
        // `一` is an article or an idiom far more often than a count; `零部件` is not zero parts.
        if value <= 1 || !self.measure_follows(k) {
            return Some(skip);
        }
        let mut q = Q::number(value as f64, 1.0, i, k, Written::Words);
        q.unit = self.zh_time_unit(self.after_approx(k));
        Some(Step {
            next: k,
            qs: vec![q],
        })
    }

    fn after_approx(&self, k: usize) -> usize {
        if matches!(self.c(k), '余' | '多' | '来') {
            k + 1
        } else {
            k
        }
    }

    /// `四成`, `3成`: tenths, a percentage (`近四成` ≈ `nearly 40%`). Not `成员`, `成立`,
    /// `成千上万`, nor `一成不变`.
    fn zh_tenths(&self, i: usize, k: usize, value: f64, written: Written) -> Option<Q> {
        const NOT_TENTHS: &str = "员立为果本功效绩交熟长就型品都年人分千套批像份材色器药";
        if self.c(k) != '成' || !(2.0..=9.0).contains(&value) || NOT_TENTHS.contains(self.c(k + 1))
        {
            return None;
        }
        Some(Q {
            kind: Kind::Percent,
            ..Q::number(value * 10.0, 10.0, i, k + 1, written)
        })
    }

    /// `三至五年`: two numerals joined by a range connector, the second with a measure word.
    fn zh_numeral_range(&self, i: usize, r: usize, low: u64) -> Option<Step> {
        let k = i + r;
        if !matches!(self.c(k), '至' | '到' | '—' | '~' | '-') {
            return None;
        }
        let b = k + 1;
        let rb = zh_numeral_run(&self.chs, b);
        let high = self.zh_value(b, rb)?;
        if !self.measure_follows(b + rb) || low >= high {
            return None;
        }
        let mut lo = Q::number(low as f64, 1.0, i, k, Written::Words);
        let mut hi = Q::number(high as f64, 1.0, b, b + rb, Written::Words);
        lo.part = Part::RangeLow;
        hi.part = Part::RangeHigh;
        hi.unit = self.zh_time_unit(self.after_approx(b + rb));
        lo.unit = hi.unit;
        Some(Step {
            next: b + rb,
            qs: vec![lo, hi],
        })
    }

    /// A measure word (`家`, `项`, `个` …, or `大` before a noun as in `十大事件`) at `k`,
    /// after an optional `余`/`多`.
    fn measure_follows(&self, k: usize) -> bool {
        let k = if matches!(self.c(k), '余' | '多' | '来') {
            k + 1
        } else {
            k
        };
        let c = self.c(k);
        ZH_MEASURES.contains(c)
            || ZH_MEASURES_2.iter().any(|m| self.at(k, m))
            || (c == '大' && is_ideograph(self.c(k + 1)))
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::numbers::test_support::{agree, values, zh};
    use crate::lint::numbers::{Mention, extract_zh};

    #[test]
    fn wan_and_yi_scale() {
        assert_eq!(values(&zh("120万元")), [1_200_000.0]);
        assert_eq!(values(&zh("200亿元")), [20_000_000_000.0]);
        assert_eq!(values(&zh("63.18万件")), [631_800.0]);
        assert_eq!(values(&zh("3.5亿")), [350_000_000.0]);
        assert_eq!(values(&zh("4.6亿元")), [460_000_000.0]); // exact, no binary noise
        assert_eq!(
            values(&zh("1.5万亿元、3千万元、2万余件")),
            [1.5e12, 3e7, 20_000.0]
        );
        agree("120万元", "1.2 million yuan");
        agree("200亿元", "20 billion yuan");
        agree("63.18万件", "631.8 thousand");
        agree("63.18万件", "631,800");
        agree("3.5亿", "350 million");
        // `百分之` and `千米` are not scales.
        assert_eq!(values(&zh("5千米")), [5.0]);
    }

    #[test]
    fn chinese_numerals_count_before_measure_words() {
        assert_eq!(values(&zh("三家企业承担十二项任务")), [3.0, 12.0]);
        assert_eq!(
            values(&zh("新设一百零五个服务站，覆盖二十四个乡镇")),
            [105.0, 24.0]
        );
        assert_eq!(values(&zh("十大事件")), [10.0]);
        assert_eq!(values(&zh("二〇二四年")), [2024.0]);
        agree(
            "三家企业承担十二项任务",
            "Three enterprises will carry out 12 tasks",
        );
        agree("十大事件", "ten major events");
        agree("连续三年", "three years running");
        agree("三至五年", "three to five years");
        assert!(extract_zh("三家企业").iter().all(Mention::is_soft));
    }

    #[test]
    fn chinese_set_phrases_are_not_numbers() {
        for z in [
            "一号改革工程",
            "三合一审判",
            "一站式服务",
            "十四五规划",
            "一带一路",
            "双循环",
            "坚持两个确保",
            "一是完善制度；二是强化协同",
            "四位一体",
            "数十家企业",
            "千家万户",
            "一批货物",
            "汽车零部件",
            "万件",
        ] {
            assert!(zh(z).is_empty(), "{z}: {:?}", zh(z));
        }
        // A numeral in a short quotation is a name.
        assert!(zh("“三个一批”").is_empty());
        // Approximate bare units are numbers: `千余家` is over a thousand.
        assert_eq!(values(&zh("千余家企业、超亿元")), [1000.0, 1e8]);
    }
}
