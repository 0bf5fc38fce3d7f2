/**
 * The district departments (实施主体) the demo catalogue uses. Each one's staff group `dept-<code>`
 * receives the tasks of that department's items, so staff see their own item's tasks only.
 */
export const DEPARTMENTS: { code: string; name: string; staffId: string; staffName: string }[] = [
  { code: 'wjj', name: '区卫生健康局', staffId: 'wjj1', staffName: '刘卫健' },
  { code: 'gaj', name: '公安分局', staffId: 'gaj1', staffName: '孙户政' },
  { code: 'ybj', name: '区医疗保障局', staffId: 'ybj1', staffName: '何医保' },
  { code: 'rsj', name: '区人力资源和社会保障局', staffId: 'rsj1', staffName: '吴社保' },
  { code: 'scjgj', name: '区市场监督管理局', staffId: 'scjgj1', staffName: '郑市监' },
  { code: 'swj', name: '国家税务总局西安市莲湖区税务局', staffId: 'swj1', staffName: '冯税务' },
  { code: 'jyj', name: '区教育局', staffId: 'jyj1', staffName: '陈教育' },
  { code: 'mzj', name: '区民政局', staffId: 'mzj1', staffName: '褚民政' },
  { code: 'gjj', name: '西安住房公积金管理中心莲湖区分中心', staffId: 'gjj1', staffName: '卫公积金' },
  { code: 'xfjy', name: '区消防救援大队', staffId: 'xfjy1', staffName: '蒋消防' },
  { code: 'cgj', name: '区城市管理和综合执法局', staffId: 'cgj1', staffName: '沈城管' },
  { code: 'sjj', name: '区数据和行政审批局', staffId: 'sjj1', staffName: '韩审批' },
];

export const staffGroupOf = (deptCode: string) => `dept-${deptCode}`;
