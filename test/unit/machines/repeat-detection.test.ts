import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepeats, orderSimilarity, REPEAT_DEFAULTS, sameCallerOrSubject, type OrderText } from '../../../server/services/machines/repeat-detection';
import { TfIdfSpace } from '../../../server/services/machines/text-similarity';

interface Labelled {
  id: string;
  caller: string;
  subject: string | null;
  matter: string;
  text: string;
}
const load = (file: string) => (JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures/complaints', file), 'utf8')) as { items: Labelled[] }).items;
const items = load('complaints.json');
const toOrders = (list: Labelled[]): (OrderText & { matter: string })[] => list.map((i, n) => ({
  id: i.id,
  callerPhone: i.caller,
  subject: i.subject,
  content: i.text,
  matter: i.matter,
  receivedAt: new Date(Date.UTC(2026, 10, 1) + n * 3_600_000),
}));
const orders = toOrders(items);
const holdout = toOrders(load('holdout.json'));

/** Pairwise precision/recall over every pair the detector compares (same caller or same subject). */
function pairwise(options = REPEAT_DEFAULTS.similarity, threshold = REPEAT_DEFAULTS.threshold, orders = toOrders(items)) {
  const space = new TfIdfSpace(orders.map((o) => o.content), options);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < orders.length; i++) {
    for (let j = i + 1; j < orders.length; j++) {
      const [a, b] = [orders[i], orders[j]];
      if (!sameCallerOrSubject(a, b)) continue;
      const predicted = orderSimilarity(space, a, b) >= threshold;
      const actual = a.matter === b.matter;
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

describe('12345 repeat detection on labelled Chinese complaints', () => {
  it('when the fixture set is loaded, then it has 60+ texts with repeats and near-misses', () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    const matters = new Map<string, number>();
    for (const i of items) matters.set(i.matter, (matters.get(i.matter) ?? 0) + 1);
    expect([...matters.values()].filter((n) => n >= 3).length).toBeGreaterThanOrEqual(15);
  });

  it('when every compared pair is scored, then pairwise precision and recall stay above the floor (and are reported)', () => {
    const full = pairwise();
    const lexical = pairwise({ ...REPEAT_DEFAULTS.similarity, concepts: false });
    const lexicalBest = [0.1, 0.12, 0.15, 0.18, 0.2, 0.25].map((t) => ({ t, ...pairwise({ ...REPEAT_DEFAULTS.similarity, concepts: false }, t) }));
    console.info(
      [
        `tuning set (${orders.length} texts), threshold ${REPEAT_DEFAULTS.threshold}:`,
        `words+bigrams+concepts: precision ${pct(full.precision)} recall ${pct(full.recall)} (tp ${full.tp}, fp ${full.fp}, fn ${full.fn})`,
        `words+bigrams only:     precision ${pct(lexical.precision)} recall ${pct(lexical.recall)}`,
        ...lexicalBest.map((r) => `  lexical @${r.t}: P ${pct(r.precision)} R ${pct(r.recall)}`),
      ].join('\n'),
    );
    expect(full.precision).toBeGreaterThanOrEqual(0.9);
    expect(full.recall).toBeGreaterThanOrEqual(0.9);
    expect(lexical.precision).toBeGreaterThanOrEqual(0.6);
  });

  it('when the held-out set (written after tuning) is scored, then precision and recall are reported and stay above a lower floor', () => {
    const heldOut = pairwise(REPEAT_DEFAULTS.similarity, REPEAT_DEFAULTS.threshold, holdout);
    const lexical = pairwise({ ...REPEAT_DEFAULTS.similarity, concepts: false }, REPEAT_DEFAULTS.threshold, holdout);
    console.info(
      `held-out (${holdout.length} texts): precision ${pct(heldOut.precision)} recall ${pct(heldOut.recall)} (tp ${heldOut.tp}, fp ${heldOut.fp}, fn ${heldOut.fn}); ` +
        `words+bigrams only: precision ${pct(lexical.precision)} recall ${pct(lexical.recall)}`,
    );
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.7);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.3);
  });

  it('when orders arrive one by one, then every matter reported 3+ times is merged and no order is merged into another matter', () => {
    const merged = new Map<string, string>(); // order id → group key
    const seen: typeof orders = [];
    const corpus = orders.map((o) => o.content);
    for (const order of orders) {
      const result = findRepeats(order, seen, REPEAT_DEFAULTS, corpus);
      if (result.isRepeat) {
        const group = result.related.map((r) => merged.get(r.id)).find(Boolean) ?? order.id;
        for (const id of [order.id, ...result.related.map((r) => r.id)]) merged.set(id, group);
      }
      seen.push(order);
    }
    const byId = new Map(orders.map((o) => [o.id, o]));
    let correct = 0;
    for (const [id, group] of merged) if (byId.get(id)!.matter === byId.get(group)!.matter) correct++;
    const shouldMerge = orders.filter((o) => orders.filter((p) => p.matter === o.matter && sameCallerOrSubject(o, p)).length >= 3);
    const recall = shouldMerge.filter((o) => merged.has(o.id)).length / shouldMerge.length;
    const precision = correct / (merged.size || 1);
    console.info(`merge level: ${merged.size} orders merged, precision ${pct(precision)}, recall ${pct(recall)} of ${shouldMerge.length} orders in matters reported 3+ times`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('when an order is outside the window or from another caller and subject, then it is not compared', () => {
    const [a, b, c] = orders;
    const old = { ...a, id: 'OLD', receivedAt: new Date(c.receivedAt.getTime() - 31 * 86_400_000) };
    const corpus = orders.map((o) => o.content);
    expect(findRepeats(c, [old, b], REPEAT_DEFAULTS, corpus).related.map((r) => r.id)).toEqual(['C02']);
    const stranger = { ...a, id: 'X', callerPhone: '100', subject: null };
    expect(findRepeats(c, [stranger, b], REPEAT_DEFAULTS, corpus).related.map((r) => r.id)).toEqual(['C02']);
    expect(findRepeats(c, [b], REPEAT_DEFAULTS, corpus).isRepeat).toBe(false);
    expect(findRepeats(c, [a, b], REPEAT_DEFAULTS, corpus).isRepeat).toBe(true);
  });
});
