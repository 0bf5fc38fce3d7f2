import { predecessorsOf, reductionOf, resolveMaterials, type BundleItemMaterials } from '../../../activities/catalog/materials';
import { mergeForm, validateJointForm } from '../../../activities/catalog/form';
import type { Material } from '../../../activities/catalog/schema';

const m = (code: string, sources: Material['sources'], extra: Partial<Material> = {}): Material => ({
  code,
  name: code,
  sources,
  core: false,
  copies: 1,
  ...extra,
});
const ctx = (over: Partial<Parameters<typeof resolveMaterials>[1]> = {}) => ({
  licences: new Set<string>(),
  submitted: new Set<string>(),
  commitments: new Set<string>(),
  deferrals: new Set<string>(),
  ...over,
});

describe('one material set for a bundle', () => {
  const order = predecessorsOf([
    { code: 'CERT', after: [] },
    { code: 'HUKOU', after: ['CERT'] },
    { code: 'INSURE', after: ['HUKOU'] },
  ]);
  const items: BundleItemMaterials[] = [
    {
      code: 'CERT',
      materials: [m('ID', ['e-licence', 'upload'], { core: true, licenceType: 'RESIDENT_ID' }), m('BIRTH_INFO', ['shared-data', 'upload'])],
      producesLicence: 'BIRTH_CERT',
      predecessors: order.get('CERT')!,
    },
    {
      code: 'HUKOU',
      materials: [
        m('ID', ['e-licence', 'upload'], { licenceType: 'RESIDENT_ID' }),
        m('BIRTH_CERT', ['e-licence', 'upload'], { licenceType: 'BIRTH_CERT' }),
        m('MARRIAGE', ['e-licence', 'commitment', 'upload'], { licenceType: 'MARRIAGE' }),
      ],
      producesLicence: 'NEWBORN_HUKOU',
      predecessors: order.get('HUKOU')!,
    },
    {
      code: 'INSURE',
      materials: [m('BIRTH_CERT', ['e-licence', 'upload'], { licenceType: 'BIRTH_CERT' }), m('PHOTO', ['deferrable', 'upload'])],
      predecessors: order.get('INSURE')!,
    },
  ];

  it('when several items need the same material, then it is asked once and shared across them', () => {
    const resolved = resolveMaterials(
      items,
      ctx({ licences: new Set(['RESIDENT_ID']), commitments: new Set(['MARRIAGE']), deferrals: new Set(['PHOTO']) }),
    );
    expect(resolved.map((r) => r.code)).toEqual(['ID', 'BIRTH_INFO', 'BIRTH_CERT', 'MARRIAGE', 'PHOTO']);
    expect(resolved.find((r) => r.code === 'ID')).toMatchObject({
      itemCodes: ['CERT', 'HUKOU'],
      core: true,
      resolution: 'e-licence',
      applicantSubmits: false,
    });
  });

  it('when an earlier item of the bundle produces the licence, then later items take it from the bundle (出生医学证明 → 户口 → 医保)', () => {
    const resolved = resolveMaterials(items, ctx());
    expect(resolved.find((r) => r.code === 'BIRTH_CERT')).toMatchObject({
      resolution: 'bundle',
      applicantSubmits: false,
      itemCodes: ['HUKOU', 'INSURE'],
    });
  });

  it('when sources are tried, then the order is e-licence/shared data → commitment → 容缺 → upload, and a core material is never deferred', () => {
    const none = resolveMaterials(items, ctx({ deferrals: new Set(['ID', 'PHOTO']) }));
    const by = (code: string) => none.find((r) => r.code === code)!;
    expect(by('BIRTH_INFO').resolution).toBe('shared-data');
    expect(by('MARRIAGE').resolution).toBe('missing');
    expect(by('PHOTO').resolution).toBe('deferred');
    expect(by('ID').resolution).toBe('missing'); // core: deferral refused
    const withChoices = resolveMaterials(items, ctx({ commitments: new Set(['MARRIAGE']), submitted: new Set(['ID']) }));
    expect(withChoices.find((r) => r.code === 'MARRIAGE')!.resolution).toBe('commitment');
    expect(withChoices.find((r) => r.code === 'ID')!.resolution).toBe('submitted');
  });

  it('when reduction is measured, then guide materials are counted per item and submissions once', () => {
    const resolved = resolveMaterials(
      items,
      ctx({ licences: new Set(['RESIDENT_ID']), commitments: new Set(['MARRIAGE']), deferrals: new Set(['PHOTO']) }),
    );
    // 7 guide materials; the applicant hands in only the photo (later, 容缺): 1 − 1/7.
    expect(reductionOf(items, resolved)).toEqual({ required: 7, submitted: 1, rate: 0.857 });
  });
});

describe('one joint form', () => {
  it('when items share fields, then each is asked once, and all answers problems are listed at once', () => {
    const form = mergeForm([
      {
        code: 'A',
        formFields: [
          { key: 'babyName', label: '新生儿姓名', type: 'string', required: true },
          { key: 'birthDate', label: '出生日期', type: 'date', required: true },
        ],
      },
      {
        code: 'B',
        formFields: [
          { key: 'birthDate', label: '出生日期', type: 'date', required: true },
          { key: 'motherIdNumber', label: '母亲身份证号', type: 'id-number', required: true },
        ],
      },
    ]);
    expect(form.map((f) => [f.key, f.itemCodes])).toEqual([
      ['babyName', ['A']],
      ['birthDate', ['A', 'B']],
      ['motherIdNumber', ['B']],
    ]);
    const issues = validateJointForm(form, { birthDate: '2026-13-45', motherIdNumber: '123' });
    expect(issues.map((i) => i.field)).toEqual(['babyName', 'birthDate', 'motherIdNumber']);
    expect(validateJointForm(form, { babyName: '王小宝', birthDate: '2026-11-20', motherIdNumber: '61010419950101002X' })).toEqual([]);
  });
});
