import { handlingConfig } from '../../activities/handling/config';
import type { Variables } from '../../workflows/engine/model';
import type { PrismaClient } from '../data/generated/client';
import { departmentOf, isRemoved } from './ratings.service';

const GOOD_MIN_LEVEL = 4; // 满意 and 非常满意 (国办发〔2019〕51号 five levels, docs/rules.md#ratings)
const RECTIFICATION_PROCESS = 'mode-rectification';
/** The district's own 集成快办 target, shown to supervisors beside the measured share (docs/rules.md#integrated-fast-handling). */
const FAST_APPROVAL_SOURCE = '莲湖区数据和行政审批局：集成快办，70%的审批事项1小时内办结';
/**
 * Tasks that are not approval levels: inspections (踏勘), receiving corrections or supplements,
 * special procedures, extension approvals and post-decision verification. 集成快办 compresses the
 * levels (受理/审核/审批/决定) to two; inspection moves to the window and does not add a level.
 */
const NOT_A_LEVEL = /inspect|correction|supplement|special_procedure|extension|verify/;

interface Period {
  from?: string;
  to?: string;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

function period(p: Period) {
  return p.from || p.to ? { gte: p.from ? new Date(p.from) : undefined, lte: p.to ? new Date(p.to) : undefined } : undefined;
}

export function createStatsService(prisma: PrismaClient) {
  /** Ratings with their appeal/review outcome; removed ones (剔除) do not count. */
  async function countedRatings(p: Period) {
    const ratings = await prisma.rating.findMany({ where: { createdAt: period(p), serviceKey: { not: { startsWith: 'rerate:' } } } });
    const events = await prisma.ratingEvent.findMany({ where: { ratingId: { in: ratings.map((r) => r.id) } } });
    const byRating = new Map<string, typeof events>();
    for (const e of events) byRating.set(e.ratingId as string, [...(byRating.get(e.ratingId as string) ?? []), e]);
    return ratings.filter((r) => !isRemoved(byRating.get(r.id) ?? [])).map((r) => ({ ...r, events: byRating.get(r.id) ?? [] }));
  }

  /** 好评率, 主动评价好评率, 未评价率, 差评整改率 (GB/T 39734-2020 / GB/T 39735-2020, docs/rules.md#ratings). */
  function rates(ratings: Awaited<ReturnType<typeof countedRatings>>, finishedCases: string[]) {
    const bad = handlingConfig().badRatingMaxLevel;
    const good = ratings.filter((r) => r.level >= GOOD_MIN_LEVEL);
    const proactive = ratings.filter((r) => r.proactive);
    const badOnes = ratings.filter((r) => r.level <= bad);
    const rated = new Set(ratings.map((r) => r.caseId));
    return {
      ratings: ratings.length,
      goodRate: ratio(good.length, ratings.length),
      proactiveGoodRate: ratio(proactive.filter((r) => r.level >= GOOD_MIN_LEVEL).length, proactive.length),
      unratedRate: ratio(finishedCases.filter((id) => !rated.has(id)).length, finishedCases.length),
      badRatings: badOnes.length,
      badRectifiedRate: ratio(badOnes.filter((r) => r.events.some((e) => e.kind === 'rectified')).length, badOnes.length),
    };
  }

  async function finishedCases(p: Period) {
    return prisma.case.findMany({ where: { status: 'completed', processKey: { not: RECTIFICATION_PROCESS }, endedAt: period(p) } });
  }

  return {
    async ratings(q: { groupBy: 'district' | 'subdistrict' | 'community' } & Period) {
      const [ratings, cases] = await Promise.all([countedRatings(q), finishedCases(q)]);
      const keyOfCase = (c: { variables: unknown }) => String(((c.variables ?? {}) as Variables)[q.groupBy] ?? '未知');
      const groups = new Set<string>([...ratings.map((r) => r[q.groupBy] ?? '未知'), ...cases.map(keyOfCase)]);
      const items = [...groups].sort().map((key) => ({
        [q.groupBy]: key,
        ...rates(
          ratings.filter((r) => (r[q.groupBy] ?? '未知') === key),
          cases.filter((c) => keyOfCase(c) === key).map((c) => c.id),
        ),
      }));
      return {
        groupBy: q.groupBy,
        overall: rates(
          ratings,
          cases.map((c) => c.id),
        ),
        items,
        total: items.length,
      };
    },

    /**
     * Supervisor figures from real cases: the share of approvals decided within the fast-approval
     * window (the district reports 70% within 1 hour), approval levels per case (staff tasks
     * completed), material reduction (免证办), and the rating rates; overall and by department.
     */
    async overview(q: { department?: string } & Period) {
      const cfg = handlingConfig();
      const cases = await prisma.case.findMany({ where: { startedAt: period(q), processKey: { not: RECTIFICATION_PROCESS } } });
      const ids = cases.map((c) => c.id);
      const [tasks, resolved] = await Promise.all([
        prisma.task.findMany({ where: { caseId: { in: ids }, status: 'completed' } }),
        prisma.auditEvent.findMany({ where: { caseId: { in: ids }, action: 'materials.resolved' } }),
      ]);
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
      const ratings = await countedRatings(q);
      const figures = (rs: typeof rows) => {
        const decided = rs.filter((r) => r.decided);
        const required = rs.reduce((s, r) => s + r.required, 0);
        const ids = new Set(rs.map((r) => r.id));
        return {
          cases: rs.length,
          decided: decided.length,
          withinOneHourShare: ratio(decided.filter((r) => r.withinWindow).length, decided.length),
          averageApprovalLevels: decided.length
            ? Math.round((decided.reduce((s, r) => s + r.levels, 0) / decided.length) * 100) / 100
            : null,
          levelsByProcess: Object.fromEntries(
            [...new Set(decided.map((r) => r.processKey))].map((k) => {
              const of = decided.filter((r) => r.processKey === k);
              return [k, Math.round((of.reduce((s, r) => s + r.levels, 0) / of.length) * 100) / 100];
            }),
          ),
          materialReduction: ratio(
            rs.reduce((s, r) => s + r.resolvedMaterials, 0),
            required,
          ),
          ...rates(
            ratings.filter((r) => ids.has(r.caseId)),
            rs.filter((r) => r.finished).map((r) => r.id),
          ),
        };
      };
      const departments = [...new Set(selected.map((r) => r.department))].sort();
      return {
        period: { from: q.from ?? null, to: q.to ?? null },
        target: { withinMinutes: cfg.fastApprovalMinutes, share: cfg.fastApprovalTargetShare, source: FAST_APPROVAL_SOURCE },
        overall: figures(selected),
        byDepartment: departments.map((d) => ({ department: d, ...figures(selected.filter((r) => r.department === d)) })),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
