import { evaluate, loadOrders } from '../../fixtures/hotline/evaluate';
import { classify, isCallback } from '../../../activities/domain/hotline/classify';
import { linkOf, profile, REPEAT_RULE_DEFAULTS } from '../../../activities/domain/hotline/matching';
import { LIANHU_STREETS, placeOf } from '../../../activities/domain/hotline/place';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2));
const order = (id: string, callerPhone: string, subject: string | null, content: string, day = 1) =>
  profile({ id, callerPhone, subject, content, receivedAt: at(day) });

describe('12345 place keys (诉求地点)', () => {
  it('when one compound is written by name, by road and name, by full address or only in the text, then it gets one key', () => {
    const keys = [
      placeOf('丰庆苑', ''),
      placeOf('丰庆路丰庆苑小区', ''),
      placeOf('陕西省西安市莲湖区丰庆路12号院', ''),
      placeOf('西安市莲湖区丰庆路十二号', ''),
      placeOf(null, '丰庆苑门口烧烤摊'),
    ].map((p) => p?.key);
    expect(new Set(keys)).toEqual(new Set(['poi:丰庆苑']));
  });
  it('when roads share a stem, then 桃园路 and 桃园南路 stay different, and a 街道 name is not read as its road', () => {
    expect(placeOf('桃园路5号', '')?.key).toBe('addr:桃园路#5');
    expect(placeOf('桃园南路5号', '')?.key).toBe('addr:桃园南路#5');
    expect(placeOf(null, '桃园南路上的路灯')?.key).toBe('road:桃园南路');
    expect(placeOf(null, '桃园路街道办说不归他们管')?.key).toBe('jd:桃园路街道');
  });
  it('when an enterprise is named by its full and its short name, then both get one key', () => {
    expect(placeOf('西安鑫源餐饮管理有限公司莲湖分公司', '')?.key).toBe(placeOf('鑫源饭店（莲湖店）', '')?.key);
    expect(placeOf('西安市莲湖区乐学教育培训学校有限公司', '')?.key).toBe(placeOf('乐学培训', '')?.key);
  });
  it('lists the nine 街道 of 莲湖区 from the administrative-division data', () => {
    expect(LIANHU_STREETS.map((s) => s.name)).toEqual([
      '青年路街道',
      '北院门街道',
      '北关街道',
      '红庙坡街道',
      '环城西路街道',
      '西关街道',
      '土门街道',
      '桃园路街道',
      '枣园街道',
    ]);
  });
});

describe('12345 matter types (诉求分类)', () => {
  it('classifies colloquial words into the two-level tree and tells a bare callback', () => {
    expect(classify('楼下天天晚上摆烧烤摊子，人行道都走不成了').code).toBe('srhj.zhandao');
    expect(classify('老板三个月工钱不给，电话也不接').code).toBe('ldbz.qianxin');
    expect(classify('屋里暖气片冰凉').code).toBe('cxjs.gongre');
    expect(classify('又打电话了，上次说处理到现在没人管').code).toBeUndefined();
    expect(isCallback('又打电话了，上次说处理到现在没人管')).toBe(true);
    expect(isCallback('楼下垃圾没人清运')).toBe(false);
  });
});

describe('12345 linking', () => {
  const stall = order('A', '139001', '丰庆苑', '门口有个烧烤摊，桌子摆到人行道上');
  it('links one place and one type across callers, and a bare callback of the same caller', () => {
    expect(linkOf(order('B', '139002', null, '丰庆路12号院外头一到晚上就出来烧烤摊，占了半条道', 3), stall)?.kind).toBe('samePlace');
    expect(linkOf(order('C', '139001', null, '又打电话了，上次说处理到现在没人管', 9), stall)?.kind).toBe('callback');
  });
  it('does not link the same place about another matter, the same words at another place, the same caller about another matter, or beyond the window', () => {
    expect(linkOf(order('D', '139003', '丰庆苑', '3号楼电梯坏了一个多星期', 2), stall)).toBeUndefined();
    expect(linkOf(order('E', '139004', '桃园新村', '门口有个烧烤摊，桌子摆到人行道上', 2), stall)).toBeUndefined();
    expect(linkOf(order('F', '139001', '丰庆苑', '家里暖气不热，屋里才十四度', 2), stall)).toBeUndefined();
    expect(linkOf(order('G', '139001', '丰庆苑', '门口烧烤摊还在', 1 + REPEAT_RULE_DEFAULTS.windowDays + 1), stall)).toBeUndefined();
  });
});

describe('12345 repeat matching on the labelled Lianhu set', () => {
  it('meets the bar on the held-out part: pairwise recall ≥ 0.85 at precision ≥ 0.95, no group mixing two places', () => {
    const heldOut = loadOrders().filter((o) => o.split === 'heldout');
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
    const f = evaluate(heldOut);
    console.info(
      `held-out: precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}, matters flagged ${f.flagged}/${f.repeatMatters}`,
    );
    expect(f.precision).toBeGreaterThanOrEqual(0.95);
    expect(f.recall).toBeGreaterThanOrEqual(0.85);
    expect(f.mixedPlaceGroups).toBe(0);
  });
  it('has at least 200 orders about at least 60 matters, split by scene so no matter is in both parts', () => {
    const all = loadOrders();
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(new Set(all.map((o) => o.matter)).size).toBeGreaterThanOrEqual(60);
    const splitOf = new Map<string, Set<string>>();
    for (const o of all) splitOf.set(o.matter, (splitOf.get(o.matter) ?? new Set()).add(o.split));
    expect([...splitOf.values()].every((s) => s.size === 1)).toBe(true);
  });
});
