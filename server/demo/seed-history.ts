// Demo history (演示历史数据): on a fresh demo start with DEMO_HISTORY=1, a few hundred cases of the
// catalogue run through the real API and engine — 综合窗口受理, the department's review and decision,
// ratings — and 12345 orders are dispatched and answered, so the supervisor pages show figures computed
// from real cases on first sight. The engine runs in real time; a compressed working-day clock then
// places each case's recorded times (start, tasks, audit, decision, rating) on the past weeks' working
// days, 09:00–15:00 Beijing time. Demo mode only: the config refuses demo mode in production.
import { isWorkingDay } from '../../workflows/calendar';
import { DEPARTMENTS as ITEM_DEPARTMENTS, staffGroupOf } from '../../activities/catalog/departments';
import type { PrismaClient } from '../data/generated/client';
import { BAD_RATING_REASONS } from '../../activities/domain/rating-reasons';
import type { Logger } from '../logger';

interface Deps {
  prisma: PrismaClient;
  baseUrl: string;
  token: (userId: string) => Promise<string>;
  logger: Logger;
  /** How many cases (default 240) and 12345 orders (default 40). */
  cases?: number;
  orders?: number;
  /** Working days back the history reaches (default 20, four weeks). */
  workingDays?: number;
  concurrency?: number;
}

const NAMES = [
  '王建华',
  '李秀英',
  '张伟',
  '刘洋',
  '陈静',
  '杨帆',
  '赵磊',
  '黄丽',
  '周杰',
  '吴敏',
  '徐强',
  '孙悦',
  '马超',
  '朱琳',
  '胡军',
  '郭婷',
  '何磊',
  '高峰',
  '林芳',
  '罗斌',
];
const HOUR = 3_600_000;

/** A small deterministic generator: the same history on every fresh start. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The `n`-th working day before `from` (Beijing dates; weekends and holidays of the loaded notices skipped). */
function workingDayBefore(from: Date, n: number): Date {
  let d = new Date(from.getTime() + 8 * HOUR);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() - 24 * HOUR);
    if (isWorkingDay(d.toISOString().slice(0, 10))) left -= 1;
  }
  return d;
}

export async function seedDemoHistory(deps: Deps): Promise<{ cases: number; orders: number; ms: number } | undefined> {
  const { prisma, logger } = deps;
  // Once per data directory: a restart with the flag still set adds nothing.
  if ((await prisma.case.count({ where: { variables: { path: ['demoHistory'], equals: true } } })) > 0) return undefined;
  const started = Date.now();
  const rnd = random(20261202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

  const call = async (userId: string, method: string, path: string, body?: object) => {
    const res = await fetch(`${deps.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await deps.token(userId)}` },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    return res.json() as Promise<Record<string, unknown>>;
  };

  const items = await prisma.catalogItem.findMany({
    where: { isLatest: true, processKey: { startsWith: 'item-' } },
    select: { code: true, name: true, processKey: true },
  });
  if (!items.length) return undefined;
  const staffOfGroup = (group: string): string | undefined =>
    group === 'window'
      ? 'window1'
      : group === 'approver'
        ? 'approver1'
        : ITEM_DEPARTMENTS.find((d) => staffGroupOf(d.code) === group)?.staffId;

  let failures = 0;
  /** Completes the case's open tasks as the staff they belong to until it ends (or gets stuck). */
  async function drive(caseId: string, refuse: boolean, reject: boolean) {
    for (let round = 0; round < 12; round++) {
      const row = await prisma.case.findUnique({ where: { id: caseId }, select: { status: true } });
      if (!row || row.status !== 'running') return;
      const open = await prisma.task.findMany({ where: { caseId, status: 'open' } });
      if (!open.length) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      for (const task of open) {
        const user = task.candidateGroups.map(staffOfGroup).find(Boolean) ?? task.assignee ?? 'approver1';
        const accept = /accept|受理/.test(task.elementId + task.name) && !/审查/.test(task.name);
        const variables = accept
          ? { accepted: !refuse, opinion: refuse ? '申请事项不属于本中心受理范围' : '材料齐全，符合法定形式，予以受理' }
          : {
              decision: reject ? 'rejected' : 'approved',
              opinion: reject ? '经审查不符合法定条件' : '符合法定条件，准予许可',
              accepted: true,
              passed: true,
              inspectionExempt: rnd() < 0.6,
            };
        await call(user, 'POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { variables }).catch((err: Error) => {
          // The first few failures are worth a look; a race with a finished task is not.
          if ((failures += 1) <= 5) logger.warn({ err: err.message, caseId }, 'demo history: task not completed');
        });
      }
    }
  }

  // The compressed working-day clock: each case's recorded times move to a working day in the past.
  const now = new Date();
  const reach = deps.workingDays ?? 20;
  async function backdate(caseId: string, daysAgo: number, fast: boolean) {
    const row = await prisma.case.findUnique({ where: { id: caseId }, select: { startedAt: true, endedAt: true, result: true } });
    if (!row) return;
    const day = workingDayBefore(now, daysAgo);
    const start = new Date(
      Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 1 + Math.floor(rnd() * 6), Math.floor(rnd() * 60)),
    );
    // Real seconds become working minutes: fast cases end within the hour, others take hours to days.
    const span = row.endedAt ? row.endedAt.getTime() - row.startedAt.getTime() : 0;
    const simulated = fast ? (10 + rnd() * 45) * 60_000 : (2 + rnd() * 6) * HOUR + Math.floor(rnd() * Math.min(daysAgo, 8)) * 24 * HOUR;
    const scale = span > 0 ? simulated / span : 1;
    const at = (t: Date | null) => (t ? new Date(start.getTime() + (t.getTime() - row.startedAt.getTime()) * scale) : null);
    const result = row.result as { decidedAt?: string } | null;
    await prisma.$transaction(async (tx) => {
      await tx.case.update({
        where: { id: caseId },
        data: {
          startedAt: start,
          endedAt: at(row.endedAt),
          ...(result?.decidedAt ? { result: { ...result, decidedAt: at(new Date(result.decidedAt))!.toISOString() } } : {}),
        },
      });
      for (const t of await tx.task.findMany({ where: { caseId }, select: { id: true, createdAt: true, completedAt: true } })) {
        await tx.task.update({ where: { id: t.id }, data: { createdAt: at(t.createdAt)!, completedAt: at(t.completedAt) } });
      }
      for (const a of await tx.auditEvent.findMany({ where: { caseId }, select: { id: true, at: true } })) {
        await tx.auditEvent.update({ where: { id: a.id }, data: { at: at(a.at)! } });
      }
      await tx.rating.updateMany({ where: { caseId }, data: { createdAt: at(row.endedAt) ?? start } });
    });
  }

  const total = deps.cases ?? 240;
  const concurrency = deps.concurrency ?? 4;
  let done = 0;
  let next = 0;
  const one = async (n: number) => {
    const item = pick(items);
    const applicant = pick(['zhangsan', 'lisi']);
    const refuse = rnd() < 0.04;
    const reject = rnd() < 0.08;
    const fast = rnd() < 0.72;
    const view = await call(applicant, 'POST', '/api/cases', {
      processKey: item.processKey,
      itemCode: item.code,
      title: item.name,
      variables: {
        applicantName: pick(NAMES),
        contactPhone: `138${String(10_000_000 + n * 7919).slice(-8)}`,
        idNumber: `610104198${n % 10}0101${String(1000 + n).slice(-4)}`,
        demoHistory: true,
      },
    });
    const caseId = String(view.caseId);
    await drive(caseId, refuse, reject);
    const ended = await prisma.case.findUnique({ where: { id: caseId }, select: { status: true } });
    if (ended?.status === 'completed' && !refuse && rnd() < 0.7) {
      const level = rnd() < 0.9 ? pick([4, 5, 5, 5]) : pick([1, 2, 3]);
      await call(applicant, 'POST', '/api/ratings', {
        caseId,
        level,
        channel: pick(['online', 'device', 'sms']),
        ...(level <= 2 ? { reasons: [BAD_RATING_REASONS[3]], comment: '等待时间较长' } : {}),
      }).catch(() => undefined);
    }
    await backdate(caseId, 1 + Math.floor(rnd() * reach), fast);
  };
  const worker = async () => {
    while (next < total) {
      const n = next++;
      await one(n).catch((err: Error) => logger.warn({ err: err.message }, 'demo history: case skipped'));
      done += 1;
      if (done % 20 === 0)
        logger.info(`演示历史数据 demo history: ${done}/${total} 件 (cases) · ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  // 12345 orders: entered, dispatched to a department, signed and answered.
  const orders = deps.orders ?? 40;
  // Distinct places and matters, so the repeat check (同一来电人或同一地点的相似诉求) merges only a few.
  const places = [
    '西关正街18号',
    '丰庆苑3号楼',
    '劳动南路药店',
    '桃园北路公交站',
    '大庆路农贸市场',
    '青年路120号院',
    '土门街道办',
    '红庙坡十字',
    '北关正街商铺',
    '枣园东路小区',
  ];
  const matters = [
    ['complaint', '餐馆油烟扰民，晚上十点后仍在营业'],
    ['help', '门口路灯不亮，夜间出行不便'],
    ['complaint', '未按规定公示执业药师信息'],
    ['consult', '新办营业执照需要准备哪些材料'],
  ] as const;
  const departments = (await call('window1', 'GET', '/api/linkage/departments')).items as { code: string; staff: { id: string }[] }[];
  for (let n = 0; n < orders; n++) {
    // Each round of places meets a different matter: a place repeats, its matter does not.
    const [category, content] = matters[(n + Math.floor(n / places.length)) % matters.length]!;
    const subject = places[n % places.length]!;
    const orderId = `DEMO-${String(n + 1).padStart(4, '0')}`;
    try {
      await call('window1', 'POST', '/api/hotline/orders', {
        orderId,
        callerPhone: `139${String(20_000_000 + n * 104_729).slice(-8)}`,
        callerName: pick(NAMES),
        category,
        subject,
        content: `${subject}${content}`,
      });
      const dept = pick(departments.filter((d) => d.staff.length));
      const holder = dept.staff[0]!.id;
      // The order's id is the centre's order number.
      const row = { id: orderId };
      await call('window1', 'POST', `/api/hotline/orders/${encodeURIComponent(row.id)}/events`, {
        type: 'order.dispatch',
        department: dept.code,
        holder,
      });
      if (rnd() < 0.8) {
        await call(holder, 'POST', `/api/hotline/orders/${encodeURIComponent(row.id)}/events`, { type: 'order.sign' });
        if (rnd() < 0.75)
          await call(holder, 'POST', `/api/hotline/orders/${encodeURIComponent(row.id)}/events`, {
            type: 'order.reply',
            content: '已联系相关单位现场处理，情况已答复来电人',
          });
      }
    } catch (err) {
      logger.debug({ err: (err as Error).message, orderId }, 'demo history: order step skipped');
    }
  }
  const ms = Date.now() - started;
  logger.info(
    `演示历史数据已生成 demo history seeded: ${total} 件办件 (cases), ${orders} 件 12345 工单 (orders), 用时 ${Math.round(ms / 1000)} s`,
  );
  return { cases: total, orders, ms };
}
