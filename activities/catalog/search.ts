/**
 * Chinese full-text ranking for the knowledge base and catalogue search: words from Intl.Segmenter('zh')
 * plus CJK character bigrams (so 医保 matches even when the segmenter splits it), ranked with BM25.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const CJK = /\p{Script=Han}/u;
/** Question words that carry no topic (怎么/需要/什么 …). */
const STOPWORDS = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '是',
  '在',
  '要',
  '和',
  '与',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '需要',
  '哪些',
  '哪里',
  '可以',
  '能',
  '我',
  '我们',
]);

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) {
    if (!s.isWordLike) continue;
    const word = s.segment;
    tokens.push(word);
  }
  // Bigrams over each run of Han characters.
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run[i] + run[i + 1]);
    run = [];
  };
  for (const c of text) {
    if (CJK.test(c)) run.push(c);
    else flush();
  }
  flush();
  return tokens.filter((t) => !STOPWORDS.has(t));
}

/** BM25 parameters (Robertson & Zaragoza's usual defaults). */
export const BM25_DEFAULTS = { k1: 1.2, b: 0.75 };

export interface SearchDoc<T> {
  doc: T;
  /** Weighted fields: the title counts more than the body. */
  fields: { text: string; weight: number }[];
}

export function bm25<T>(docs: SearchDoc<T>[], query: string, params = BM25_DEFAULTS): { doc: T; score: number }[] {
  const q = [...new Set(tokenize(query))];
  if (q.length === 0) return [];
  const bags = docs.map((d) => {
    const tf = new Map<string, number>();
    let len = 0;
    for (const f of d.fields) {
      for (const t of tokenize(f.text)) {
        tf.set(t, (tf.get(t) ?? 0) + f.weight);
        len += f.weight;
      }
    }
    return { tf, len };
  });
  const avg = bags.reduce((n, b) => n + b.len, 0) / Math.max(1, bags.length);
  const df = new Map<string, number>();
  for (const t of q) df.set(t, bags.filter((b) => b.tf.has(t)).length);
  const n = docs.length;
  return docs
    .map((d, i) => {
      const { tf, len } = bags[i];
      let score = 0;
      for (const t of q) {
        const f = tf.get(t);
        if (!f) continue;
        const idf = Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
        score += (idf * f * (params.k1 + 1)) / (f + params.k1 * (1 - params.b + (params.b * len) / avg));
      }
      return { doc: d.doc, score: Math.round(score * 1000) / 1000 };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score);
}
