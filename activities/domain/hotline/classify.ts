import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import gazetteer from './lianhu-gazetteer.json';
import { MATTER_TYPES } from './matter-types';
import { normaliseText } from './place';

/**
 * Matter-type classification (诉求分类) and content words for 12345 orders. Segmentation is jieba's
 * (native; used only in services, never in workflow code) with the category lexicons and the district's
 * place names added as words, loaded once when the module loads.
 */
const jieba = Jieba.withDict(dict);
const extraWords = [
  ...MATTER_TYPES.flatMap((t) => t.words),
  ...gazetteer.roads,
  ...gazetteer.compounds.flatMap((c) => [c.name, ...c.aliases]),
  ...gazetteer.markets.flatMap((m) => [m.name, ...m.aliases]),
  '没人管',
  '又打',
  '打过',
  '反映过',
  '还是那个',
];
jieba.loadDict(Buffer.from([...new Set(extraWords)].map((w) => `${w} 200000 n`).join('\n')));

export const cut = (text: string): string[] => jieba.cut(normaliseText(text), false);

const STOP = new Set(
  (
    '的 了 我 我们 你 您 他 她 它 他们 是 在 有 和 与 及 就 都 也 还 很 这 那 这个 那个 这家 那家 吗 呢 啊 吧 请 一 一直 已经 到 又 被 把 给 让 说 要 会 能 ' +
    '没 没有 不 个 上 下 里 去 来 着 过 对 从 但 却 而 等 好 再 次 希望 要求 反映 投诉 请求 问题 事情 情况 现在 到底 能不能 什么 怎么 为什么 ' +
    '尽快 帮忙 一下 一个 多次 好几 几次 再次 之前 还是 可以 如果 因为 所以 自己 大家 非常 特别 严重 这么 那么 时候 每天 今年 已 仍 ' +
    '市民 来电 来电人 称 表示 诉求 处理 解决 管管 没人管 打电话 电话 上次 处理一下 谢谢 麻烦 相关 部门 门口 附近 旁边 对面 小区 楼下 家 号 号楼 单元 ' +
    '天天 晚上 白天 最近 这边 那边 那里 这里 一下子 得 地 着 啥 咋 嘛 哎 唉 呀 哦 咱 人 事 给个 说法 赶紧 看看 想 问 知道'
  )
    .split(/\s+/)
    .filter(Boolean),
);

/** Character bigrams of the Han text, for overlap where jieba cuts one matter differently (垃圾桶 / 垃圾). */
export function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of normaliseText(text).match(/\p{Script=Han}+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  return out;
}

/** Content words of an order (no function words, digits, punctuation or place names). */
export function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of cut(text)) {
    if (STOP.has(w) || !/\p{Script=Han}|[a-z]{2,}/iu.test(w) || /^\d+$/.test(w)) continue;
    out.add(w);
  }
  return out;
}

/** Single-character lexicon words (吵, 树, 坑, 税) count only as whole jieba words, not inside other words. */
function present(word: string, text: string, words: Set<string>): boolean {
  return word.length === 1 ? words.has(word) : text.includes(word);
}

export interface Classification {
  /** Leaf code (`srhj.zhandao`), undefined when no lexicon word is present (a bare callback). */
  code?: string;
  score: number;
  matched: string[];
  /** Leaves scoring at least half the best, best first (at most two): an order may fit both (烧烤摊 吵得睡不着). */
  close: string[];
}

/** The matter type whose colloquial words the text uses most (longer words weigh more). */
export function classify(text: string): Classification {
  const t = normaliseText(text);
  const words = new Set(cut(t));
  const scored = MATTER_TYPES.map((type) => {
    const matched = type.words.filter((w) => present(w, t, words));
    return { type, matched, score: matched.reduce((s, w) => s + (w.length >= 3 ? 2 : w.length === 2 ? 1.5 : 0.75), 0) };
  })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best) return { score: 0, matched: [], close: [] };
  return {
    code: best.type.code,
    score: best.score,
    matched: best.matched,
    close: scored
      .filter((x) => x.score >= best.score / 2)
      .slice(0, 2)
      .map((x) => x.type.code),
  };
}

/** 回头来电: the caller refers back to an earlier call instead of restating the problem. */
const CALLBACK =
  /又(打|来|反映|找)|再次|再一次|第[二三四五六2-6]次|上次|上回|还是那个|还是那件|还是之前|之前(反映|打|说)|打过(电话|好几次)|反映过|没人管|没(有)?解决|没人(处理|来)|没有回复|一直没|至今|到现在还|老问题|还没(处理|弄|管)/;
export const isCallback = (text: string): boolean => CALLBACK.test(normaliseText(text));
