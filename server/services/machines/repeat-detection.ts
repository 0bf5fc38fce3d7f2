import { DEFAULT_SIMILARITY, TfIdfSpace, type SimilarityOptions } from './text-similarity';

/**
 * 12345 重复诉求 detection. RULES.md §5.1/§5.2: 国办函〔2025〕66号 asks that 重复诉求原则上并单处理, and Shaanxi
 * has a 重复诉求 mechanism, but no national definition (same caller, same matter, N times in M days) was
 * found — so every number here is a configurable engine default.
 */
export interface RepeatConfig {
  /** This many orders about one matter (the new one included) make it a repeat. */
  minOrders: number;
  /** Orders older than this many days (natural days) are not compared. */
  windowDays: number;
  /** Cosine similarity at or above which two orders are about the same matter. */
  threshold: number;
  similarity: SimilarityOptions;
  source: string;
}

export const REPEAT_DEFAULTS: RepeatConfig = {
  minOrders: 3,
  windowDays: 30,
  threshold: 0.18,
  similarity: DEFAULT_SIMILARITY,
  source: 'RULES.md §5.2 重复诉求: no national definition (并单 only, 国办函〔2025〕66号); engine defaults N=3 in 30 days [待核]',
};

/** Reads overrides from the environment: HOTLINE_REPEAT_MIN_ORDERS, HOTLINE_REPEAT_WINDOW_DAYS, HOTLINE_REPEAT_THRESHOLD. */
export function repeatConfig(env: NodeJS.ProcessEnv = process.env): RepeatConfig {
  const num = (v: string | undefined, d: number) => (v === undefined || v === '' ? d : Number(v));
  return {
    ...REPEAT_DEFAULTS,
    minOrders: num(env.HOTLINE_REPEAT_MIN_ORDERS, REPEAT_DEFAULTS.minOrders),
    windowDays: num(env.HOTLINE_REPEAT_WINDOW_DAYS, REPEAT_DEFAULTS.windowDays),
    threshold: num(env.HOTLINE_REPEAT_THRESHOLD, REPEAT_DEFAULTS.threshold),
  };
}

export interface OrderText {
  id: string;
  callerPhone: string;
  subject?: string | null;
  content: string;
  receivedAt: Date;
}

/** Two orders are compared only when the same caller made them or they name the same subject. */
export const sameCallerOrSubject = (a: OrderText, b: OrderText) => a.callerPhone === b.callerPhone || (!!a.subject && a.subject === b.subject);

/** Similarity of two orders; a shared subject (address, company) is taken out of both texts first. */
export function orderSimilarity(space: TfIdfSpace, a: OrderText, b: OrderText): number {
  return space.similarity(a.content, b.content, a.subject && a.subject === b.subject ? [a.subject] : []);
}

export interface RepeatResult {
  /** Earlier orders about the same matter (single-link: similar to the new order or to one already found). */
  related: { id: string; score: number }[];
  isRepeat: boolean;
}

/**
 * Finds the earlier orders about the same matter as `order` among `recent` (orders of the window).
 * `corpus` gives the IDF statistics; by default the window's orders.
 */
export function findRepeats(order: OrderText, recent: OrderText[], config: RepeatConfig = REPEAT_DEFAULTS, corpus?: string[]): RepeatResult {
  const since = order.receivedAt.getTime() - config.windowDays * 86_400_000;
  const candidates = recent.filter((o) => o.id !== order.id && o.receivedAt.getTime() >= since && o.receivedAt.getTime() <= order.receivedAt.getTime());
  const space = new TfIdfSpace(corpus ?? [order.content, ...recent.map((o) => o.content)], config.similarity);
  const found = new Map<string, number>();
  const frontier: OrderText[] = [order];
  while (frontier.length) {
    const current = frontier.pop() as OrderText;
    for (const c of candidates) {
      if (found.has(c.id) || !sameCallerOrSubject(current, c)) continue;
      const score = orderSimilarity(space, current, c);
      if (score >= config.threshold) {
        found.set(c.id, score);
        frontier.push(c);
      }
    }
  }
  const related = [...found].map(([id, score]) => ({ id, score }));
  return { related, isRepeat: related.length + 1 >= config.minOrders };
}
