import { buildChecklist, type MaterialFile } from '../../../activities/domain/materials/checklist';

const REQUIRED = [
  { code: 'BUSINESS_LICENCE', name: '营业执照', sources: ['e-licence', 'upload'], core: true, licenceType: 'BUSINESS_LICENCE' },
  { code: 'PREMISES_LAYOUT', name: '平面布局图', sources: ['upload'], core: true },
  { code: 'FOOD_SAFETY_SYSTEM', name: '食品安全管理制度', sources: ['commitment', 'upload'] },
  { code: 'HEALTH_CERT', name: '健康证明', sources: ['shared-data', 'deferrable', 'upload'] },
  { code: 'SIGN_DESIGN', name: '牌匾设计图', sources: ['deferrable', 'upload'] },
];

let seq = 0;
function file(code: string, status: string, minutesAgo: number, reviewNote: string | null = null): MaterialFile {
  seq += 1;
  return {
    id: `f${seq}`,
    code,
    name: code,
    fileName: `${code}.pdf`,
    contentType: 'application/pdf',
    size: 10,
    sha256: 'x',
    status,
    reviewNote,
    reviewedBy: null,
    reviewedAt: null,
    uploadedBy: 'zhangsan',
    uploadedAt: new Date(Date.now() - minutesAgo * 60_000),
  };
}

describe('material checklist', () => {
  test('when nothing was uploaded, then each material says how it is obtained: e-licence, shared data, or missing; core ones carry why they cannot be deferred', () => {
    const list = buildChecklist({ required: REQUIRED, files: [], variables: {}, licences: new Set(['BUSINESS_LICENCE']) });
    expect(list.items.map((i) => [i.code, i.state])).toEqual([
      ['BUSINESS_LICENCE', 'e-licence'],
      ['PREMISES_LAYOUT', 'missing'],
      ['FOOD_SAFETY_SYSTEM', 'missing'],
      ['HEALTH_CERT', 'shared-data'],
      ['SIGN_DESIGN', 'missing'],
    ]);
    expect(list.items[1].nonDeferrableReason).toContain('核心要件');
    expect(list.items[4].nonDeferrableReason).toBeUndefined();
    expect(list.complete).toBe(false);
  });

  test('when the case defers one material and commits to another, then they show as deferred with the deadline and committed', () => {
    const list = buildChecklist({
      required: REQUIRED,
      files: [],
      variables: {
        deferredMaterials: ['SIGN_DESIGN'],
        supplementDueAt: '2026-12-10T09:00:00.000Z',
        materialCommitments: ['FOOD_SAFETY_SYSTEM'],
      },
      licences: new Set(),
    });
    expect(list.items.find((i) => i.code === 'SIGN_DESIGN')).toMatchObject({ state: 'deferred', deadline: '2026-12-10T09:00:00.000Z' });
    expect(list.items.find((i) => i.code === 'FOOD_SAFETY_SYSTEM')).toMatchObject({ state: 'committed' });
    // No licence held: the e-licence material must be uploaded.
    expect(list.items.find((i) => i.code === 'BUSINESS_LICENCE')).toMatchObject({ state: 'missing' });
  });

  test('when a file was re-uploaded, then the newest counts, the older is history, and a correction request is what is needed from the applicant', () => {
    const old = file('PREMISES_LAYOUT', 'superseded', 10);
    const current = file('PREMISES_LAYOUT', 'needs-correction', 5, '缺少功能分区');
    const extra = file('OTHER', 'submitted', 1);
    const list = buildChecklist({
      required: REQUIRED,
      files: [old, extra, current],
      variables: {},
      licences: new Set(['BUSINESS_LICENCE']),
    });
    expect(list.items.find((i) => i.code === 'PREMISES_LAYOUT')).toMatchObject({
      state: 'needs-correction',
      note: '缺少功能分区',
      file: { id: current.id },
      history: [{ id: old.id }],
    });
    expect(list.items.at(-1)).toMatchObject({ code: 'OTHER', required: false, state: 'submitted' });
    expect(list.neededFromApplicant).toEqual([{ code: 'PREMISES_LAYOUT', name: '平面布局图', reason: '缺少功能分区' }]);
  });

  test('when the process resolved materials from the e-licence library, then that decides e-licence over the demo holdings', () => {
    const list = buildChecklist({
      required: REQUIRED,
      files: [],
      variables: { resolvedMaterials: [] },
      licences: new Set(['BUSINESS_LICENCE']),
    });
    expect(list.items[0].state).toBe('missing');
  });

  test('when the whole case is under 告知承诺制 with an accepted commitment, then every material the catalogue lets a commitment replace is committed', () => {
    const list = buildChecklist({
      required: REQUIRED,
      files: [],
      variables: { handlingMode: 'commitment', commitment: { accepted: true } },
      licences: new Set(),
    });
    expect(list.items.filter((i) => i.state === 'committed').map((i) => i.code)).toEqual(['FOOD_SAFETY_SYSTEM']);
  });
});
