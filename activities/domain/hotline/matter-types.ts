/**
 * 12345 诉求分类 (matter types): two levels after the hotline's 派单目录 headings (城乡建设, 市容环境, 噪声, 物业,
 * 劳动保障, 教育, 医疗卫生, 市场监管, 交通, 政务服务 …). Each leaf lists the words callers and operators use for it
 * (口语词) and the department it is normally dispatched to (承办单位, a code of machines/directory.ts).
 */
export interface MatterType {
  code: string;
  label: string;
  /** Dispatch target (承办单位). */
  department: string;
  words: string[];
}

export interface MatterGroup {
  code: string;
  label: string;
  children: MatterType[];
}

export const MATTER_TREE: MatterGroup[] = [
  {
    code: 'cxjs',
    label: '城乡建设',
    children: [
      {
        code: 'cxjs.weijian',
        label: '违法建设',
        department: 'cgj',
        words: ['违建', '私搭乱建', '乱搭乱建', '加盖', '搭建', '彩钢房', '违章建筑', '圈占', '顶楼加层', '阳光房', '拆除'],
      },
      {
        code: 'cxjs.shigong',
        label: '建筑工地管理',
        department: 'zjj',
        words: ['工地', '扬尘', '渣土', '防尘网', '土堆', '渣土车', '围挡', '洒水'],
      },
      {
        code: 'cxjs.gongshui',
        label: '供水',
        department: 'zjj',
        words: ['停水', '没水', '水压', '自来水', '水管', '爆管', '水小', '水龙头', '水黄'],
      },
      { code: 'cxjs.gongre', label: '供暖', department: 'zjj', words: ['暖气', '供暖', '供热', '不热', '冰凉', '温度不够', '热力'] },
      { code: 'cxjs.ranqi', label: '燃气', department: 'zjj', words: ['燃气', '天然气', '煤气', '漏气', '燃气表'] },
      {
        code: 'cxjs.paishui',
        label: '排水与井盖',
        department: 'cgj',
        words: ['下水道', '污水', '井盖', '堵塞', '冒水', '返水', '化粪池', '雨水', '积水'],
      },
      {
        code: 'cxjs.daolu',
        label: '道路与路灯',
        department: 'cgj',
        words: ['路灯', '不亮', '坑', '路面', '塌陷', '破损', '黑灯瞎火', '坑坑洼洼'],
      },
    ],
  },
  {
    code: 'srhj',
    label: '市容环境',
    children: [
      {
        code: 'srhj.laji',
        label: '垃圾清运',
        department: 'cgj',
        words: ['垃圾', '清运', '垃圾桶', '环卫', '没人拉', '堆成山', '臭气', '建筑垃圾', '苍蝇'],
      },
      {
        code: 'srhj.zhandao',
        label: '占道经营',
        department: 'cgj',
        words: [
          '占道',
          '摆摊',
          '摊贩',
          '烧烤摊',
          '烧烤',
          '人行道',
          '占了半条道',
          '流动摊',
          '夜市',
          '摊位',
          '摊子',
          '小摊',
          '出摊',
          '三轮车卖',
        ],
      },
      { code: 'srhj.youyan', label: '餐饮油烟', department: 'hbj', words: ['油烟', '排烟', '烟味', '呛', '熏', '烟道', '净化器', '排风'] },
      { code: 'srhj.lvhua', label: '园林绿化', department: 'cgj', words: ['树', '绿化', '砍树', '树枝', '草坪', '修剪', '枯树'] },
    ],
  },
  {
    code: 'zs',
    label: '噪声',
    children: [
      {
        code: 'zs.shigong',
        label: '施工噪声',
        department: 'hbj',
        words: ['夜间施工', '半夜施工', '打桩', '电钻', '深夜施工', '凌晨施工', '施工噪音', '机器轰'],
      },
      {
        code: 'zs.shenghuo',
        label: '社会生活噪声',
        department: 'cgj',
        words: ['广场舞', '音响', '噪音', '吵', '扰民', '喇叭', '唱歌', '划拳', '酒吧', 'KTV', '声音大', '睡不着'],
      },
    ],
  },
  {
    code: 'wy',
    label: '物业',
    children: [
      {
        code: 'wy.shoufei',
        label: '物业收费',
        department: 'zjj',
        words: ['物业费', '涨价', '乱收费', '停车费', '收费', '公摊', '多收', '上调', '涨到'],
      },
      { code: 'wy.dianti', label: '电梯', department: 'scjgj', words: ['电梯', '困人', '停运', '维保', '坏了好几天'] },
      {
        code: 'wy.fuwu',
        label: '物业服务',
        department: 'zjj',
        words: ['物业不管', '保洁', '门禁', '漏水', '楼道卫生', '维修基金', '物业不作为', '物业服务'],
      },
    ],
  },
  {
    code: 'ldbz',
    label: '劳动保障',
    children: [
      {
        code: 'ldbz.qianxin',
        label: '拖欠工资',
        department: 'rsj',
        words: ['工资', '欠薪', '工钱', '拖欠', '讨薪', '血汗钱', '结账', '包工头', '不给钱'],
      },
      {
        code: 'ldbz.shebao',
        label: '社会保险',
        department: 'rsj',
        words: ['社保', '养老保险', '社保卡', '断缴', '缴费年限', '退休金', '养老金'],
      },
      {
        code: 'ldbz.hetong',
        label: '劳动关系',
        department: 'rsj',
        words: ['劳动合同', '辞退', '开除', '加班费', '试用期', '赔偿金', '不签合同'],
      },
    ],
  },
  {
    code: 'jy',
    label: '教育',
    children: [
      { code: 'jy.ruxue', label: '入学入园', department: 'jyj', words: ['入学', '学位', '幼儿园', '入园', '划片', '报名', '转学', '上学'] },
      { code: 'jy.peixun', label: '校外培训', department: 'jyj', words: ['培训班', '补课', '培训机构', '退费', '课时费', '跑路'] },
    ],
  },
  {
    code: 'ylws',
    label: '医疗卫生',
    children: [
      {
        code: 'ylws.yiliao',
        label: '医疗服务',
        department: 'wjw',
        words: ['医院', '医生', '看病', '挂号', '门诊', '诊所', '护士', '输液'],
      },
      { code: 'ylws.yibao', label: '医疗保障', department: 'ybj', words: ['医保', '报销', '异地就医', '医保卡', '门特'] },
      { code: 'ylws.weisheng', label: '公共卫生', department: 'wjw', words: ['消杀', '老鼠', '蟑螂', '蚊子', '病媒', '疫苗'] },
    ],
  },
  {
    code: 'scjg',
    label: '市场监管',
    children: [
      {
        code: 'scjg.shipin',
        label: '食品安全',
        department: 'scjgj',
        words: ['过期', '变质', '吃坏', '拉肚子', '后厨', '食品', '发霉', '不卫生', '苍蝇馆子', '无证', '健康证'],
      },
      {
        code: 'scjg.jiage',
        label: '价格与消费',
        department: 'scjgj',
        words: ['价格', '标价', '缺斤少两', '秤', '称', '少了', '宰客', '退款', '不退', '预付卡', '会员卡', '秤', '虚假宣传'],
      },
      { code: 'scjg.yaopin', label: '药品', department: 'scjgj', words: ['药店', '药品', '处方药', '假药'] },
    ],
  },
  {
    code: 'jt',
    label: '交通',
    children: [
      {
        code: 'jt.gongjiao',
        label: '公交出行',
        department: 'jtj',
        words: ['公交', '班次', '站牌', '公交车', '司机', '等车', '发车', '线路'],
      },
      {
        code: 'jt.tingche',
        label: '停车秩序',
        department: 'gaj',
        words: ['乱停', '乱停车', '消防通道', '共享单车', '堵门', '挡路', '僵尸车', '停车'],
      },
      { code: 'jt.sheshi', label: '交通设施', department: 'gaj', words: ['红绿灯', '信号灯', '斑马线', '减速带', '护栏', '指示牌'] },
    ],
  },
  {
    code: 'zwfw',
    label: '政务服务',
    children: [
      {
        code: 'zwfw.banshi',
        label: '办事服务',
        department: 'spj',
        words: ['窗口', '办事', '材料', '审批', '营业执照', '办证', '跑了好几趟', '排队', '工作人员'],
      },
      { code: 'zwfw.shuiwu', label: '税务', department: 'swj', words: ['发票', '税', '个税', '退税', '开票'] },
      { code: 'zwfw.hukou', label: '户籍证件', department: 'gaj', words: ['户口', '身份证', '居住证', '落户', '迁户'] },
    ],
  },
  {
    code: 'mzsw',
    label: '民政事务',
    children: [
      { code: 'mzsw.jiuzhu', label: '社会救助', department: 'mzj', words: ['低保', '救助', '困难补助', '残疾', '补贴', '高龄补贴'] },
      { code: 'mzsw.yanglao', label: '养老服务', department: 'mzj', words: ['养老院', '老年食堂', '助餐', '敬老院', '日间照料'] },
    ],
  },
  {
    code: 'aqsc',
    label: '安全生产与消防',
    children: [
      {
        code: 'aqsc.xiaofang',
        label: '消防安全',
        department: 'xfjy',
        words: ['消防', '灭火器', '安全出口', '电动车充电', '飞线充电', '着火', '堵了消防'],
      },
    ],
  },
];

export const MATTER_TYPES: MatterType[] = MATTER_TREE.flatMap((g) => g.children);
const BY_CODE = new Map(MATTER_TYPES.map((t) => [t.code, t]));

export const matterType = (code: string | null | undefined): MatterType | undefined => (code ? BY_CODE.get(code) : undefined);

/** 市容环境 / 占道经营 */
export function matterTypeLabel(code: string | null | undefined): string | undefined {
  const t = matterType(code);
  if (!t) return undefined;
  const group = MATTER_TREE.find((g) => g.children.includes(t));
  return `${group?.label} / ${t.label}`;
}
