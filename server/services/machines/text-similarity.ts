/**
 * Chinese text similarity for 12345 repeat detection: TF-IDF cosine over words (Intl.Segmenter 'zh', ICU
 * dictionary segmentation) plus character bigrams, which catch the same matter phrased with different
 * word boundaries (垃圾没人拉走 / 垃圾清运). Function words are dropped; IDF comes from the orders compared.
 */
const STOP_WORDS = new Set(
  ('的 了 我 我们 你 您 他 她 它 他们 是 在 有 和 与 及 就 都 也 还 很 这 那 这个 那个 这家 那家 吗 呢 啊 吧 请 一 一直 已经 到 又 被 把 给 让 说 要 会 能 ' +
    '没 没有 不 个 上 下 里 去 来 着 过 对 从 但 却 而 等 好 再 次 希望 要求 反映 投诉 请求 问题 事情 情况 现在 到底 能不能 什么 怎么 为什么 ' +
    '尽快 帮忙 一下 一个 多次 好几 几次 第三 再次 之前 还是 可以 如果 因为 所以 自己 大家 非常 特别 严重 这么 那么 时候 每天 今年 已 仍')
    .split(/\s+/)
    .filter(Boolean),
);
const STOP_CHARS = new Set('的了我你他她它是在有和就都也还很这那吗呢啊吧请一到又被把给让说要会能没不个上下里去来着过对从但却而等好再次'.split(''));

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * 诉求 concepts: common 12345 matters and the ways callers name them. A text mentioning any variant gets
 * the concept as a feature, so paraphrases (欠薪 / 拖欠工资 / 讨薪) meet. Extend per district.
 */
export const CONCEPTS: Record<string, string[]> = {
  垃圾: ['垃圾', '清运', '拉走', '垃圾桶', '环卫'],
  油烟: ['油烟', '排烟', '烟', '净化器'],
  噪音: ['噪音', '吵', '扰民', '划拳', '叫个不停'],
  夜间施工: ['夜间施工', '半夜施工', '深夜作业', '打桩', '凌晨', '夜里施工'],
  扬尘: ['扬尘', '尘土', '防尘网', '灰'],
  暖气: ['暖气', '供暖', '供热', '取暖', '热力'],
  水压: ['水压', '没水', '自来水', '停水'],
  执照变更: ['营业执照', '变更', '经营范围', '退回', '退件', '驳回', '登记'],
  发票: ['发票', '开票', '税务'],
  社保卡: ['社保卡', '补卡', '补办'],
  医保: ['医保', '报销'],
  占道: ['占道', '摆摊', '摊贩', '人行道', '流动摊'],
  单车: ['共享单车', '单车', '乱停乱放'],
  物业费: ['物业费', '物业管理费', '涨价', '上调', '乱收费', '涨'],
  电梯: ['电梯', '困人'],
  公租房: ['公租房', '公共租赁住房', '保障房'],
  租赁补贴: ['租赁补贴', '租金补贴'],
  下水道: ['下水道', '污水', '疏通', '井盖', '下水管道', '堵塞'],
  漏水: ['漏水', '防水', '渗水'],
  违建: ['违建', '私搭乱建', '违法搭建', '加盖', '搭建', '违章建筑'],
  停车: ['乱停', '停车', '消防通道'],
  欠薪: ['欠薪', '拖欠', '工资', '工钱', '讨薪', '欠薪'],
  劳动合同: ['劳动合同', '工伤保险'],
  入园: ['幼儿园', '入园', '学位', '公办园'],
  过期药: ['过期', '有效期', '保质期', '过了'],
  价格: ['标价', '价格欺诈', '收费'],
  养老金认证: ['资格认证', '人脸识别', '刷脸', '认证', '养老金'],
  残疾补贴: ['残疾', '两项补贴', '残联'],
  候车亭: ['候车亭', '顶棚', '遮雨棚', '站台'],
  班次: ['发车间隔', '班次', '等不来'],
  未成年上网: ['未成年', '学生', '十四岁', '身份证', '不查证件'],
  消防: ['安全出口', '灭火器', '着火', '消防'],
  路灯: ['路灯', '黑乎乎', '照明'],
};
const CONCEPT_WEIGHT = 2;

export interface SimilarityOptions {
  /** Weight of a character bigram relative to a segmented word. */
  bigramWeight: number;
  /** Add 诉求 concept features from CONCEPTS (off = purely lexical words + bigrams). */
  concepts: boolean;
}

export const DEFAULT_SIMILARITY: SimilarityOptions = { bigramWeight: 0.3, concepts: true };

/** Term counts of a text: `w:<word>` and `b:<bigram>` features. */
export function features(text: string, options: SimilarityOptions = DEFAULT_SIMILARITY): Map<string, number> {
  const clean = text.normalize('NFKC').replace(/[^\p{Script=Han}\p{L}\p{N}]+/gu, ' ');
  const out = new Map<string, number>();
  const add = (key: string, w: number) => out.set(key, (out.get(key) ?? 0) + w);
  for (const seg of segmenter.segment(clean)) {
    const word = seg.segment.trim();
    // Single characters are left to the bigrams: ICU often splits domain words (清运 → 清 / 运).
    if (!seg.isWordLike || word.length < 2 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    add(`w:${word}`, 1);
  }
  for (const [concept, variants] of options.concepts ? Object.entries(CONCEPTS) : []) {
    if (variants.some((v) => clean.includes(v))) add(`c:${concept}`, CONCEPT_WEIGHT);
  }
  for (const run of clean.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      const bigram = run.slice(i, i + 2);
      if (STOP_CHARS.has(bigram[0]) && STOP_CHARS.has(bigram[1])) continue;
      add(`b:${bigram}`, options.bigramWeight);
    }
  }
  return out;
}

/** A TF-IDF space over a set of documents; vectors are L2-normalised, so the dot product is the cosine. */
export class TfIdfSpace {
  private readonly df = new Map<string, number>();
  private readonly n: number;

  constructor(
    docs: string[],
    private readonly options: SimilarityOptions = DEFAULT_SIMILARITY,
  ) {
    this.n = docs.length;
    for (const doc of docs) for (const key of features(doc, options).keys()) this.df.set(key, (this.df.get(key) ?? 0) + 1);
  }

  vector(text: string): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [key, tf] of features(text, this.options)) {
      const idf = Math.log((1 + this.n) / (1 + (this.df.get(key) ?? 0))) + 1;
      const w = tf * idf;
      v.set(key, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [k, w] of v) v.set(k, w / norm);
    return v;
  }

  /**
   * Cosine of two texts. Terms of `ignore` (e.g. the shared subject: an address or a company name) are
   * removed from both first, so two different matters at the same place do not look alike for that alone.
   */
  similarity(a: string, b: string, ignore: string[] = []): number {
    return cosine(this.vector(strip(a, ignore)), this.vector(strip(b, ignore)));
  }
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, w] of small) dot += w * (large.get(k) ?? 0);
  return dot;
}

function strip(text: string, ignore: string[]): string {
  let out = text;
  for (const phrase of ignore) {
    if (!phrase) continue;
    out = out.split(phrase).join(' ');
    // Also drop the subject's own words where they appear apart (e.g. 老王家川菜馆 → 川菜馆).
    for (const seg of segmenter.segment(phrase)) if (seg.isWordLike && seg.segment.length >= 2) out = out.split(seg.segment).join(' ');
  }
  return out;
}
