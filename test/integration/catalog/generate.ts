/**
 * A generated catalogue in the national implementation-list shape, for bulk-import tests and the
 * benchmark: `n` items spread over departments, each with 3–6 materials from the shared library.
 */
const DEPTS = [
  ['wjj', '区卫生健康局'],
  ['gaj', '西安市公安局莲湖分局'],
  ['ybj', '区医疗保障局'],
  ['rsj', '区人力资源和社会保障局'],
  ['scjgj', '区市场监督管理局'],
  ['mzj', '区民政局'],
] as const;
const MATERIALS = [
  'RESIDENT_ID',
  'HOUSEHOLD_REGISTER',
  'MARRIAGE_CERT',
  'BUSINESS_LICENCE',
  'PHOTO',
  'BANK_CARD',
  'PREMISES_PROOF',
  'HEALTH_CERT',
];

export function generateCatalogue(n: number, revision = 0): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const [deptCode, department] = DEPTS[i % DEPTS.length];
    const basic = `9${String(i).padStart(11, '0')}`;
    const promised = (i % 5) + (revision % 3);
    return {
      code: `${basic}-610104000000-000-11610104MB29${String(i % 100).padStart(4, '0')}X-1-00`,
      basicCode: basic,
      handleItemCode: `${basic}-001`,
      name: `测试事项${i + 1}（${department}）`,
      itemType: i % 3 === 0 ? '行政许可' : '公共服务',
      department,
      deptCode,
      level: '县级',
      serviceObject: i % 2 ? ['法人'] : ['自然人'],
      legalBasis: ['《中华人民共和国行政许可法》第三十二条'],
      conditions: ['符合法定条件'],
      materials: MATERIALS.slice(i % 4, (i % 4) + 3 + (i % 3)),
      statutoryLimit: { value: 20, unit: 'working-day' },
      promisedLimit: { value: promised, unit: 'working-day' },
      projectType: promised === 0 ? '即办件' : '承诺件',
      channels: ['窗口办理', '网上办理'],
      venues: ['V-DISTRICT'],
      visits: i % 2,
      flow: ['申请', '受理', '审核', '办结'],
      processKey: `item-${deptCode}`,
      formFields: [{ key: 'applicantName', label: '申请人姓名', type: 'string' }],
    };
  });
}

export const GENERATED_LIBRARY = {
  RESIDENT_ID: { name: '居民身份证', sources: ['e-licence', 'upload'], core: true, licenceType: 'RESIDENT_ID' },
  HOUSEHOLD_REGISTER: { name: '居民户口簿', sources: ['e-licence', 'upload'], core: true, licenceType: 'HOUSEHOLD_REGISTER' },
  MARRIAGE_CERT: { name: '结婚证', sources: ['e-licence', 'commitment', 'upload'], licenceType: 'MARRIAGE_CERT' },
  BUSINESS_LICENCE: { name: '营业执照', sources: ['e-licence', 'upload'], core: true, licenceType: 'BUSINESS_LICENCE' },
  PHOTO: { name: '照片', sources: ['deferrable', 'upload'] },
  BANK_CARD: { name: '银行卡', sources: ['upload'] },
  PREMISES_PROOF: { name: '经营场所证明', sources: ['commitment', 'upload'] },
  HEALTH_CERT: { name: '健康证明', sources: ['shared-data', 'deferrable', 'upload'] },
};
