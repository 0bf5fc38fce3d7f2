import path from 'node:path';
import { readFileSync } from 'node:fs';
import { haversineKm } from '../../../activities/catalog/geo';
import { decideInspectionExemption } from '../../../activities/catalog/inspection-exemption';
import type { KnowledgeInput } from '../../../activities/catalog/schema';
import { bm25, tokenize } from '../../../activities/catalog/search';

const kb: KnowledgeInput[] = JSON.parse(readFileSync(path.join(__dirname, '../../../definitions/catalog/knowledge.json'), 'utf8'));
const search = (q: string) =>
  bm25(
    kb.map((e) => ({
      doc: e,
      fields: [
        { text: e.question, weight: 3 },
        { text: e.tags.join(' '), weight: 2 },
        { text: e.answer, weight: 1 },
      ],
    })),
    q,
  );

describe('Chinese search over the knowledge base', () => {
  it('when a question is segmented, then words and bigrams are kept and question words dropped', () => {
    const tokens = tokenize('宝宝上户口需要什么材料？');
    expect(tokens).toEqual(expect.arrayContaining(['宝宝', '户口', '材料']));
    expect(tokens).not.toContain('什么');
  });

  it('when asking in everyday words, then the best answer ranks first', () => {
    expect(search('宝宝上户口要结婚证吗')[0].doc.question).toBe('宝宝上户口需要结婚证吗？');
    expect(search('开饭店要不要现场踏勘')[0].doc.question).toBe('食品经营许可需要现场踏勘吗？');
    expect(search('退休以后公积金怎么取')[0].doc.question).toBe('退休后公积金怎么提取？');
  });

  it('when nothing matches, then there are no results', () => {
    expect(search('量子计算机')).toEqual([]);
  });
});

describe('haversine and the 免踏勘 rule', () => {
  it('when measuring Xi’an Bell Tower to Lianhu Park, then the distance is about 1.5 km', () => {
    expect(haversineKm({ lat: 34.2611, lng: 108.9423 }, { lat: 34.2689, lng: 108.9301 })).toBeCloseTo(1.4, 1);
  });

  it('when the business type and main structure do not change, then the premises are exempt; otherwise not, with a reason', () => {
    expect(
      decideInspectionExemption({
        previouslyLicensed: true,
        businessType: '餐饮服务',
        previousBusinessType: '餐饮服务',
        mainStructureChanged: false,
      }).exempt,
    ).toBe(true);
    const changed = decideInspectionExemption({
      previouslyLicensed: true,
      businessType: '餐饮服务',
      previousBusinessType: '美容美发',
      mainStructureChanged: false,
    });
    expect(changed).toMatchObject({ exempt: false });
    expect(changed.reason).toContain('业态');
    expect(
      decideInspectionExemption({
        previouslyLicensed: true,
        businessType: '餐饮服务',
        previousBusinessType: '餐饮服务',
        mainStructureChanged: true,
      }).exempt,
    ).toBe(false);
    expect(
      decideInspectionExemption({
        previouslyLicensed: false,
        businessType: '餐饮服务',
        previousBusinessType: '餐饮服务',
        mainStructureChanged: false,
      }).exempt,
    ).toBe(false);
  });
});
