import path from 'node:path';
import { loadCatalogDirectory } from '../../../activities/catalog/load-directory';
import { describeProblem } from '../../../activities/catalog/problems';
import { EventInput } from '../../../activities/catalog/schema';
import { checkEvent, validateItems, type BundleItemView } from '../../../activities/catalog/validate';
import { sampleItem } from './fixtures';

describe('catalogue validation (zod at load)', () => {
  it('when one item has a bad field, then the problem names file, item code and field and the other items still load', () => {
    const good = sampleItem();
    const bad = sampleItem({ code: '000172001000-610104000000-000-11610104MB2984102B-1-00', projectType: '加急件' });
    const { items, problems } = validateItems([good, bad], 'items/gaj.json');
    expect(items.map((i) => i.code)).toEqual([good.code]);
    expect(problems).toEqual([expect.objectContaining({ file: 'items/gaj.json', code: bad.code, field: 'projectType' })]);
    expect(describeProblem(problems[0])).toContain(`事项/事件 ${bad.code} 字段 projectType`);
  });

  it('when a core material is marked deferrable, then it is rejected citing the 容缺 rule', () => {
    const { problems } = validateItems(
      [sampleItem({ materials: [{ code: 'ARTICLES', name: '公司章程', sources: ['deferrable', 'upload'], core: true }] })],
      'x.json',
    );
    expect(problems[0]).toMatchObject({ field: 'materials[0].sources' });
    expect(problems[0].message).toContain('核心要件不得容缺');
  });

  it('when the promised limit exceeds the statutory one, then the field promisedLimit.value is named', () => {
    const { problems } = validateItems(
      [sampleItem({ projectType: '承诺件', statutoryLimit: { value: 5 }, promisedLimit: { value: 8 } })],
      'x.json',
    );
    expect(problems.map((p) => p.field)).toEqual(['promisedLimit.value']);
  });

  it('when a material refers to the library by code, then it is expanded; an unknown code is a problem naming the material', () => {
    const library = { PHOTO: { name: '照片', sources: ['deferrable', 'upload'] } };
    const ok = validateItems([sampleItem({ materials: ['PHOTO'] })], 'x.json', library);
    expect(ok.items[0].materials[0]).toMatchObject({ code: 'PHOTO', name: '照片', core: false });
    const bad = validateItems([sampleItem({ materials: ['NOPE'] })], 'x.json', library);
    expect(bad.problems[0]).toMatchObject({ field: 'materials[0]' });
  });

  it('when two items of an event ask the same field with different types, then the event is rejected naming both item codes', () => {
    const a: BundleItemView = {
      code: 'A-ITEM-0001',
      formFields: [{ key: 'birthDate', label: '出生日期', type: 'date' as const, required: true }],
    };
    const b: BundleItemView = {
      code: 'B-ITEM-0002',
      formFields: [{ key: 'birthDate', label: '出生日期', type: 'string' as const, required: true }],
    };
    const event = EventInput.parse({
      code: 'EV-TEST',
      name: '测试',
      theme: 'T-X',
      leadDepartment: '区卫生健康局',
      promisedDays: 1,
      items: [{ code: a.code }, { code: b.code }],
    });
    const problems = checkEvent(
      event,
      new Map([
        [a.code, a],
        [b.code, b],
      ]),
      'events.json',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'EV-TEST', field: 'form.birthDate' });
    expect(problems[0].message).toContain('A-ITEM-0001');
    expect(problems[0].message).toContain('B-ITEM-0002');
  });

  it('when an event orders its items in a cycle or names an unknown item, then both are reported', () => {
    const x = { code: 'X', formFields: [] };
    const event = EventInput.parse({
      code: 'EV-CYCLE',
      name: '循环',
      theme: 'T',
      leadDepartment: 'd',
      promisedDays: 1,
      items: [
        { code: 'X', after: ['Y'] },
        { code: 'Y', after: ['X'] },
      ],
    });
    const problems = checkEvent(event, new Map([['X', x]]), 'events.json');
    expect(problems.map((p) => p.field)).toEqual(['items[1].code', 'items']);
  });
});

describe('the demo catalogue in definitions/catalog', () => {
  it('when loaded, then it has no problems, the natural tree has 4 stages and the legal tree 3, and the required events exist', async () => {
    const { bundle, problems } = await loadCatalogDirectory(path.join(__dirname, '../../../definitions/catalog'));
    expect(problems).toEqual([]);
    expect(bundle.items.length).toBeGreaterThanOrEqual(30);
    const natural = bundle.trees!.find((t) => t.subject === 'natural')!;
    const legal = bundle.trees!.find((t) => t.subject === 'legal')!;
    expect(natural.stages.map((s) => s.name)).toEqual(['出生', '学龄', '劳动年龄', '老年']);
    expect(legal.stages.map((s) => s.name)).toEqual(['设立', '经营', '注销']);
    const names = bundle.events!.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['新生儿出生一件事', '企业开办一件事', '开办餐饮店一件事', '退休一件事', '企业注销一件事']),
    );
    const items = new Map(bundle.items.map((i) => [i.code, i]));
    for (const event of bundle.events!) expect(checkEvent(event, items, 'events.json')).toEqual([]);
    expect(bundle.entries!.filter((e) => e.kind === 'knowledge').length).toBeGreaterThanOrEqual(50);
  });
});
