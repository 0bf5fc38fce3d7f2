import { handlingConfig } from '../../activities/handling/config';
import type { Database } from '../../server/data/database';
import type { PrismaClient } from '../../server/data/generated/client';
import { seedDemoUsers } from '../../server/data/seed';
import { departmentOf, isRemoved } from '../../server/services/ratings.service';
import { createStatsService } from '../../server/services/stats.service';
import { databaseTargets } from '../helpers/databases';

const T0 = new Date('2026-11-02T01:00:00.000Z').getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/**
 * The overview as it was computed case by case before it became one aggregate query: every case loaded,
 * its department from departmentOf, its tasks and `materials.resolved` record found in the lists. Kept
 * here as the reference the query must agree with.
 */
async function overviewCaseByCase(prisma: PrismaClient, q: { department?: string; from?: string; to?: string }) {
  const cfg = handlingConfig();
  const NOT_A_LEVEL = /inspect|correction|supplement|special_procedure|extension|verify/;
  const period = q.from || q.to ? { gte: q.from ? new Date(q.from) : undefined, lte: q.to ? new Date(q.to) : undefined } : undefined;
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);
  const cases = await prisma.case.findMany({ where: { startedAt: period, processKey: { not: 'mode-rectification' } } });
  const ids = cases.map((c) => c.id);
  const tasks = await prisma.task.findMany({ where: { caseId: { in: ids }, status: 'completed' } });
  const resolved = await prisma.auditEvent.findMany({
    where: { caseId: { in: ids }, action: 'materials.resolved' },
    orderBy: { id: 'asc' },
  });
  const rows = await Promise.all(
    cases.map(async (c) => {
      const result = (c.result ?? {}) as { decision?: string; decidedAt?: string };
      const decided = result.decision === 'approved' || result.decision === 'rejected';
      const minutes = decided && result.decidedAt ? (new Date(result.decidedAt).getTime() - c.startedAt.getTime()) / 60_000 : null;
      const reduction = resolved.find((a) => a.caseId === c.id)?.after as {
        materialReduction?: { required: number; resolved: number };
      } | null;
      return {
        id: c.id,
        processKey: c.processKey,
        department: (await departmentOf(prisma, c.id)) ?? '未分配',
        decided,
        withinWindow: minutes !== null && minutes <= cfg.fastApprovalMinutes,
        levels: tasks.filter((t) => t.caseId === c.id && !NOT_A_LEVEL.test(t.elementId)).length,
        required: reduction?.materialReduction?.required ?? 0,
        resolvedMaterials: reduction?.materialReduction?.resolved ?? 0,
        finished: c.status === 'completed',
      };
    }),
  );
  const selected = q.department ? rows.filter((r) => r.department === q.department) : rows;
  const all = await prisma.rating.findMany({ where: { createdAt: period, serviceKey: { not: { startsWith: 'rerate:' } } } });
  const events = await prisma.ratingEvent.findMany({ where: { ratingId: { in: all.map((r) => r.id) } } });
  const ratings = all.map((r) => ({ ...r, events: events.filter((e) => e.ratingId === r.id) })).filter((r) => !isRemoved(r.events));
  const figures = (rs: typeof rows) => {
    const decided = rs.filter((r) => r.decided);
    const ids = new Set(rs.map((r) => r.id));
    const counted = ratings.filter((r) => ids.has(r.caseId));
    const finished = rs.filter((r) => r.finished).map((r) => r.id);
    const rated = new Set(counted.map((r) => r.caseId));
    const proactive = counted.filter((r) => r.proactive);
    const bad = counted.filter((r) => r.level <= cfg.badRatingMaxLevel);
    return {
      cases: rs.length,
      decided: decided.length,
      withinOneHourShare: ratio(decided.filter((r) => r.withinWindow).length, decided.length),
      averageApprovalLevels: decided.length ? Math.round((decided.reduce((s, r) => s + r.levels, 0) / decided.length) * 100) / 100 : null,
      levelsByProcess: Object.fromEntries(
        [...new Set(decided.map((r) => r.processKey))].map((k) => {
          const of = decided.filter((r) => r.processKey === k);
          return [k, Math.round((of.reduce((s, r) => s + r.levels, 0) / of.length) * 100) / 100];
        }),
      ),
      materialReduction: ratio(
        rs.reduce((s, r) => s + r.resolvedMaterials, 0),
        rs.reduce((s, r) => s + r.required, 0),
      ),
      ratings: counted.length,
      goodRate: ratio(counted.filter((r) => r.level >= 4).length, counted.length),
      proactiveGoodRate: ratio(proactive.filter((r) => r.level >= 4).length, proactive.length),
      unratedRate: ratio(finished.filter((id) => !rated.has(id)).length, finished.length),
      badRatings: bad.length,
      badRectifiedRate: ratio(bad.filter((r) => r.events.some((e) => e.kind === 'rectified')).length, bad.length),
    };
  };
  const departments = [...new Set(selected.map((r) => r.department))].sort();
  return {
    overall: figures(selected),
    byDepartment: departments.map((d) => ({ department: d, ...figures(selected.filter((r) => r.department === d)) })),
  };
}

async function seedFixture(db: Database): Promise<void> {
  const { prisma } = db;
  await seedDemoUsers(prisma);
  await prisma.user.createMany({
    data: [
      { id: 'mzj-officer', name: '民政干事', department: '区民政局', roles: ['window'], groups: ['dept-mzj'] },
      { id: 'no-department', name: '无部门', roles: ['window'], groups: ['window'] },
    ],
  });
  await prisma.processDefinition.create({ data: { id: 'def-1', key: 'mode-standard', version: 1, hash: 'h', xml: '<x/>', graph: {} } });
  const item = (code: string, version: number, department: string) => ({
    id: `${code}-v${version}`,
    code,
    version,
    basicCode: code,
    name: code,
    itemType: '行政许可',
    department,
    level: '区级',
    projectType: '即办件',
    processKey: 'mode-standard',
    promisedDays: 1,
    statutoryDays: 20,
    hash: `${code}-${version}`,
    isLatest: version === 2 || code !== 'ITEM-A',
    source: 'test',
    data: {},
  });
  await prisma.catalogItem.createMany({
    data: [item('ITEM-A', 1, '区教育局'), item('ITEM-A', 2, '区市场监督管理局'), item('ITEM-B', 1, '')],
  });

  const decided = (decision: string, minutes: number, start: number) => ({ decision, decidedAt: at(start + minutes).toISOString() });
  type Row = {
    id: string;
    processKey?: string;
    itemCode?: string;
    status?: string;
    start: number;
    result?: object | null;
    tasks?: [element: string, by: string | null, minute: number][];
  };
  const cases: Row[] = [
    // The item's latest catalogue version names the department; inspection is not a level.
    {
      id: 'C1',
      itemCode: 'ITEM-A',
      start: 0,
      result: decided('approved', 30, 0),
      tasks: [
        ['front_desk_accept', 'window1', 5],
        ['handle', 'scjgj1', 20],
        ['inspect', 'scjgj1', 25],
      ],
    },
    // An item without a department: the staff who completed the first task (the earliest, not the first listed).
    {
      id: 'C2',
      itemCode: 'ITEM-B',
      start: 60,
      result: decided('rejected', 120, 60),
      tasks: [
        ['review', 'mzj-officer', 100],
        ['accept', 'window1', 70],
      ],
    },
    // An unknown item: its first completer has no department, so 未分配; running, undecided.
    { id: 'C3', itemCode: 'NO-SUCH', status: 'running', start: 120, result: null, tasks: [['accept', 'no-department', 130]] },
    // No item, no tasks: 未分配; decided exactly at the window's edge.
    { id: 'C4', start: 180, result: decided('approved', 60, 180) },
    // A task completed by nobody does not decide the department; terminated is not decided.
    {
      id: 'C5',
      processKey: 'general-approval',
      start: 240,
      result: { decision: 'terminated', decidedAt: at(250).toISOString() },
      tasks: [
        ['accept', null, 241],
        ['approve', 'mzj-officer', 245],
        ['supplement_receive', 'mzj-officer', 246],
      ],
    },
    // Rectification cases are not counted; a case started after the period is counted only without one.
    {
      id: 'C6',
      processKey: 'mode-rectification',
      start: 300,
      result: decided('approved', 10, 300),
      tasks: [['assign', 'supervisor1', 305]],
    },
    {
      id: 'C7',
      itemCode: 'ITEM-A',
      start: 60 * 24 * 40,
      result: decided('approved', 61, 60 * 24 * 40),
      tasks: [['handle', 'scjgj1', 60 * 24 * 40 + 1]],
    },
    { id: 'C8', status: 'failed', start: 400, result: null },
  ];
  for (const c of cases) {
    await prisma.case.create({
      data: {
        id: c.id,
        workflowId: `case-${c.id}`,
        definitionId: 'def-1',
        processKey: c.processKey ?? 'mode-standard',
        itemCode: c.itemCode ?? null,
        title: c.id,
        applicantId: 'zhangsan',
        status: c.status ?? 'completed',
        startedAt: at(c.start),
        endedAt: c.status === 'running' ? null : at(c.start + 200),
        ...(c.result ? { result: c.result } : {}),
      },
    });
    for (const [element, by, minute] of c.tasks ?? []) {
      await prisma.task.create({
        data: {
          id: `${c.id}-${element}`,
          caseId: c.id,
          elementId: element,
          name: element,
          status: 'completed',
          assignee: by,
          candidateGroups: ['window'],
          createdAt: at(c.start),
          completedAt: at(minute),
          completedBy: by,
        },
      });
    }
  }
  // An open task does not count as a level.
  await prisma.task.create({
    data: { id: 'C3-open', caseId: 'C3', elementId: 'review', name: '审核', status: 'open', candidateGroups: ['approver'] },
  });
  // The first materials.resolved record counts; a record without figures counts as nothing.
  await prisma.auditEvent.create({
    data: { actor: 'system', action: 'materials.resolved', caseId: 'C1', after: { materialReduction: { required: 4, resolved: 2 } } },
  });
  await prisma.auditEvent.create({
    data: { actor: 'system', action: 'materials.resolved', caseId: 'C1', after: { materialReduction: { required: 4, resolved: 4 } } },
  });
  await prisma.auditEvent.create({ data: { actor: 'system', action: 'materials.resolved', caseId: 'C2', after: { materials: [] } } });
  await prisma.auditEvent.create({
    data: { actor: 'system', action: 'materials.resolved', caseId: 'C4', after: { materialReduction: { required: 3, resolved: 3 } } },
  });
  await prisma.auditEvent.create({
    data: { actor: 'system', action: 'materials.resolved', caseId: 'C6', after: { materialReduction: { required: 9, resolved: 0 } } },
  });
  await prisma.auditEvent.create({ data: { actor: 'window1', action: 'task.completed', caseId: 'C4' } });

  const rating = (id: string, caseId: string, serviceKey: string, level: number, proactive: boolean, minute: number) => ({
    id,
    caseId,
    serviceKey,
    raterId: 'zhangsan',
    level,
    scope: serviceKey === 'matter' ? 'online' : 'on-site',
    channel: proactive ? 'online' : 'sms',
    proactive,
    createdAt: at(minute),
  });
  await prisma.rating.createMany({
    data: [
      rating('R1', 'C1', 'matter', 5, true, 300),
      rating('R2', 'C1', 'service:window', 2, true, 300),
      rating('R3', 'C2', 'matter', 1, false, 400),
      rating('R4', 'C2', 'rerate:matter', 5, true, 500),
      rating('R5', 'C4', 'matter', 4, false, 400),
      rating('R6', 'C5', 'matter', 2, true, 400),
      rating('R7', 'C7', 'matter', 1, true, 60 * 24 * 41),
      rating('R8', 'C6', 'matter', 5, true, 400),
    ],
  });
  await prisma.ratingEvent.createMany({
    data: [
      { id: 'E1', ratingId: 'R2', caseId: 'C1', kind: 'rectified', actor: 'supervisor1' },
      { id: 'E2', ratingId: 'R3', caseId: 'C2', kind: 'review', actor: 'supervisor1', details: { decision: 'remove' } },
      { id: 'E3', ratingId: 'R6', caseId: 'C5', kind: 'review', actor: 'supervisor1', details: { decision: 'keep' } },
      { id: 'E4', ratingId: null, caseId: 'C5', kind: 'rectified', actor: 'supervisor1' },
    ],
  });
}

describe.each(databaseTargets())('supervisor overview on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
    await seedFixture(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('when cases belong to items, to their first completer or to no one, then each department has its own figures', async () => {
    const overview = await createStatsService(db.prisma).overview({});
    expect(overview.byDepartment.map((d) => [d.department, d.cases])).toEqual([
      ['区市场监督管理局', 2],
      ['区数据和行政审批局', 1],
      ['区民政局', 1],
      ['未分配', 3],
    ]);
    expect(overview.overall).toMatchObject({ cases: 7, decided: 4, withinOneHourShare: 0.5, materialReduction: 0.7143 });
    expect(overview.overall.levelsByProcess).toEqual({ 'mode-standard': 1.25 });
    const smb = overview.byDepartment.find((d) => d.department === '区市场监督管理局')!;
    expect(smb).toMatchObject({ decided: 2, averageApprovalLevels: 1.5, ratings: 3, badRatings: 2, badRectifiedRate: 0.5 });
  });

  it.each([
    ['everything', {}],
    ['one department', { department: '区市场监督管理局' }],
    ['未分配', { department: '未分配' }],
    ['a period', { from: at(0).toISOString(), to: at(60 * 24 * 30).toISOString() }],
    ['a department in a period', { department: '区民政局', from: at(100).toISOString(), to: at(60 * 24 * 30).toISOString() }],
    ['an empty period', { from: at(-100).toISOString(), to: at(-50).toISOString() }],
  ])('when asked for %s, then the figures are those counted case by case', async (_name, q) => {
    const overview = await createStatsService(db.prisma).overview(q);
    const reference = await overviewCaseByCase(db.prisma, q);
    expect({ overall: overview.overall, byDepartment: overview.byDepartment }).toEqual(reference);
  });
});
