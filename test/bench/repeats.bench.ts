/**
 * 12345 重复诉求 matching measured on the labelled Lianhu set (test/fixtures/hotline/orders.json): pairwise
 * precision and recall, matters flagged (≥ 3 orders) and groups mixing two places, on the held-out part and
 * on the train part. `npm run bench:repeats [-- --errors]` (--errors lists the held-out mistakes).
 */
import { evaluate, loadOrders, type LabelledOrder } from '../fixtures/hotline/evaluate';
import { profile } from '../../activities/domain/hotline/matching';

const all = loadOrders();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const split of ['heldout', 'train'] as const) {
  const orders = all.filter((o) => o.split === split);
  const f = evaluate(orders);
  console.log(
    `${split === 'heldout' ? 'held-out' : 'train   '}: ${f.orders} orders, ${f.matters} matters | pairwise precision ${pct(f.precision)} recall ${pct(f.recall)} ` +
      `(${f.linkedPairs} pairs linked, ${f.truePairs} true) | matters flagged ${f.flagged}/${f.repeatMatters} | groups mixing two places ${f.mixedPlaceGroups}`,
  );
  if (process.argv.includes('--errors') && (process.argv.includes('--train') ? split === 'train' : split === 'heldout')) {
    const show = (o: LabelledOrder) => {
      const p = profile({ ...o, receivedAt: new Date(o.receivedAt) });
      return `  ${o.id} ${o.matter} ${o.callerPhone} [${p.place?.key ?? '-'} ${p.type ?? '-'}${p.callback ? ' 回头' : ''}] ${o.subject ?? '∅'} | ${o.content}`;
    };
    const byMatter = new Map<string, LabelledOrder[]>();
    for (const o of orders) byMatter.set(o.matter, [...(byMatter.get(o.matter) ?? []), o]);
    for (const [m, list] of byMatter)
      if (new Set(list.map((o) => f.groups.get(o.id))).size > 1)
        console.log(`split ${m}:\n${list.map((o) => `${show(o)} → ${f.groups.get(o.id)}`).join('\n')}`);
    const groups = new Map<string, LabelledOrder[]>();
    for (const o of orders) groups.set(f.groups.get(o.id) as string, [...(groups.get(f.groups.get(o.id) as string) ?? []), o]);
    for (const [g, list] of groups)
      if (new Set(list.map((o) => o.matter)).size > 1) console.log(`mixed ${g}:\n${list.map(show).join('\n')}`);
  }
}
