// 差评原因: the choices a 1–2 star rating must pick from, following the evaluation items of the national
// integrated government-service platform's 好差评 system (国办发〔2019〕51号, GB/T 39734).
export const BAD_RATING_REASONS = [
  '办事指南不准确、不清楚',
  '材料要求多、重复提交',
  '未一次性告知需要补正的内容',
  '办理时间长、超出承诺时限',
  '多次往返跑腿',
  '窗口等候时间长',
  '服务态度不好',
  '网上办事系统不好用',
  '收费不合理',
  '结果不满意、问题未解决',
] as const;
