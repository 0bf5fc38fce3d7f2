import type { CatalogItemInput } from '../../../activities/catalog/schema';

/** A valid item in the national implementation-list shape; tests override what they exercise. */
export function sampleItem(overrides: Partial<Record<keyof CatalogItemInput, unknown>> = {}): Record<string, unknown> {
  return {
    code: '000116001000-610104000000-000-11610104MB2984101A-1-00',
    basicCode: '000116001000',
    handleItemCode: '000116001000-610104000000-000-11610104MB2984101A-1-00-001',
    name: '出生医学证明首次签发',
    itemType: '行政确认',
    department: '区卫生健康局',
    deptCode: 'wjj',
    level: '县级',
    serviceObject: ['自然人'],
    legalBasis: ['《中华人民共和国母婴保健法》第二十三条'],
    conditions: ['在本省助产机构内出生的新生儿'],
    materials: [{ code: 'RESIDENT_ID', name: '居民身份证', sources: ['e-licence', 'upload'], core: true, licenceType: 'RESIDENT_ID' }],
    statutoryLimit: { value: 5, unit: 'working-day' },
    promisedLimit: { value: 0, unit: 'working-day' },
    projectType: '即办件',
    channels: ['窗口办理'],
    visits: 0,
    flow: ['申请', '办结'],
    processKey: 'item-wjj',
    formFields: [{ key: 'babyName', label: '新生儿姓名', type: 'string' }],
    ...overrides,
  };
}
