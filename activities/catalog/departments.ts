import { streetCode } from '../domain/machines/directory';
import { LIANHU_STREETS } from '../domain/hotline/place';
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
  // 12345 承办单位 without catalogue items, so every unit a 诉求分类 dispatches to has a 承办人.
  { code: 'hbj', name: '生态环境局莲湖分局', staffId: 'hbj1', staffName: '秦环保' },
  { code: 'zjj', name: '区住房和城乡建设局', staffId: 'zjj1', staffName: '许住建' },
  { code: 'jtj', name: '区交通运输局', staffId: 'jtj1', staffName: '尤交通' },
  ...LIANHU_STREETS.map((s, i) => ({
    code: streetCode(s.code),
    name: `${s.name}办事处`,
    staffId: `${streetCode(s.code)}-1`,
    staffName: `${s.name.slice(0, 2)}·${'施张孔曹严华金魏陶'[i] ?? '街'}干事`,
  })),
];

export const staffGroupOf = (deptCode: string) => `dept-${deptCode}`;
