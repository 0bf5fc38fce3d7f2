import { handlingConfig } from '../../activities/handling/config';
import type { Variables } from '../../workflows/engine/model';
import { Prisma, type PrismaClient } from '../data/generated/client';
import { isRemoved } from './ratings.service';

const GOOD_MIN_LEVEL = 4; // 满意 and 非常满意 (国办发〔2019〕51号 five levels, docs/rules.md#ratings)
const RECTIFICATION_PROCESS = 'mode-rectification';
/** The district's own 集成快办 target, shown to supervisors beside the measured share (docs/rules.md#integrated-fast-handling). */
const FAST_APPROVAL_SOURCE = '莲湖区数据和行政审批局：集成快办，70%的审批事项1小时内办结';
/**
 * Tasks that are not approval levels, by a word of their element id: inspections (踏勘), receiving
 * corrections or supplements, special procedures, extension approvals and post-decision verification. 集成快办 compresses the
 * levels (受理/审核/审批/决定) to two; inspection moves to the window and does not add a level.
 */
const NOT_A_LEVEL = ['inspect', 'correction', 'supplement', 'special_procedure', 'extension', 'verify'];
/** A decision time as the engine writes it (toISOString), safe to read as a timestamp (LIKE: cheaper than a regex). */
const ISO_INSTANT = '____-__-__T__:__%';

interface Period {
  from?: string;
  to?: string;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);

/** Counts behind the rating rates: counted ratings, and the finished cases they may or may not rate. */
interface RatingTally {
  ratings: number;
  good: number;
  proactive: number;
  proactiveGood: number;
  finished: number;
  finishedUnrated: number;
  bad: number;
  badRectified: number;
}

/** 好评率, 主动评价好评率, 未评价率, 差评整改率 (GB/T 39734-2020 / GB/T 39735-2020, docs/rules.md#ratings). */
function rateFigures(t: RatingTally) {
  return {
    ratings: t.ratings,
    goodRate: ratio(t.good, t.ratings),
    proactiveGoodRate: ratio(t.proactiveGood, t.proactive),
    unratedRate: ratio(t.finishedUnrated, t.finished),
    badRatings: t.bad,
    badRectifiedRate: ratio(t.badRectified, t.bad),
  };
}

/** The overview's counts for the cases of one department and process. */
interface OverviewTally extends RatingTally {
  department: string;
  processKey: string;
  cases: number;
  decided: number;
  /** Decided within the fast-approval window. */
  within: number;
  /** Approval levels (staff tasks completed that are levels) summed over the decided cases. */
  decidedLevels: number;
  required: number;
  resolved: number;
}

/**
 * The overview's figures counted in the database, grouped by department and process, for the cases started
 * in the period (rectification cases aside). Per case, as before: the department is the item's (its latest
 * catalogue version), else that of the staff who completed the case's first task, else 未分配 (谁办理谁负责,
 * as ratings.service departmentOf); a case is decided with an approval or a rejection, within the window when
 * decided at most `fastApprovalMinutes` after it started; its approval levels are its completed tasks that are
 * levels; its material reduction is its first `materials.resolved` record; ratings count when given in the
 * period, not a re-rating and not removed on review, rectified when a `rectified` event follows.
 */
async function overviewTallies(
  prisma: PrismaClient,
  p: Period,
  rules: { fastApprovalMinutes: number; badRatingMaxLevel: number },
): Promise<OverviewTally[]> {
  const cases = [Prisma.sql`c.process_key <> ${RECTIFICATION_PROCESS}`];
  if (p.from) cases.push(Prisma.sql`c.started_at >= ${new Date(p.from)}`);
  if (p.to) cases.push(Prisma.sql`c.started_at <= ${new Date(p.to)}`);
  const ratings = [Prisma.sql`r.service_key NOT LIKE 'rerate:%'`];
  if (p.from) ratings.push(Prisma.sql`r.created_at >= ${new Date(p.from)}`);
  if (p.to) ratings.push(Prisma.sql`r.created_at <= ${new Date(p.to)}`);
  const number = (json: Prisma.Sql) => Prisma.sql`CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::text::float8 ELSE 0 END`;
  const tallies = prisma.$queryRaw<OverviewTally[]>`
    WITH c AS (
      SELECT c.id, c.process_key, c.item_code, c.status = 'completed' AS finished,
             coalesce(c.result->>'decision' IN ('approved', 'rejected'), false) AS decided,
             CASE WHEN c.result->>'decidedAt' LIKE ${ISO_INSTANT} THEN (c.result->>'decidedAt')::timestamptz - c.started_at END AS took
      FROM "case" c WHERE ${Prisma.join(cases, ' AND ')}
    ),
    item AS (SELECT DISTINCT ON (code) code, nullif(department, '') AS department FROM catalog_item ORDER BY code, version DESC),
    levels AS (
      SELECT t.case_id, count(*) FILTER (WHERE ${Prisma.join(
        NOT_A_LEVEL.map((word) => Prisma.sql`strpos(t.element_id, ${word}) = 0`),
        ' AND ',
      )}) AS levels
      FROM task t JOIN c ON c.id = t.case_id WHERE t.status = 'completed' GROUP BY t.case_id
    ),
    reduction AS (
      SELECT DISTINCT ON (a.case_id) a.case_id, a.after->'materialReduction' AS m
      FROM audit_event a JOIN c ON c.id = a.case_id WHERE a.action = 'materials.resolved' ORDER BY a.case_id, a.id
    ),
    rated AS (
      SELECT r.case_id, count(*) AS ratings,
             count(*) FILTER (WHERE r.level >= ${GOOD_MIN_LEVEL}) AS good,
             count(*) FILTER (WHERE r.proactive) AS proactive,
             count(*) FILTER (WHERE r.proactive AND r.level >= ${GOOD_MIN_LEVEL}) AS proactive_good,
             count(*) FILTER (WHERE r.level <= ${rules.badRatingMaxLevel}) AS bad,
             count(*) FILTER (WHERE r.level <= ${rules.badRatingMaxLevel}
               AND EXISTS (SELECT 1 FROM rating_event e WHERE e.rating_id = r.id AND e.kind = 'rectified')) AS bad_rectified
      FROM rating r
      WHERE ${Prisma.join(ratings, ' AND ')}
        AND NOT EXISTS (SELECT 1 FROM rating_event e WHERE e.rating_id = r.id AND e.kind = 'review' AND e.details->>'decision' = 'remove')
      GROUP BY r.case_id
    ),
    per_case AS (
      SELECT c.*, coalesce(l.levels, 0) AS levels, ${number(Prisma.sql`m.m->'required'`)} AS required,
             ${number(Prisma.sql`m.m->'resolved'`)} AS resolved, r.ratings, r.good, r.proactive, r.proactive_good, r.bad, r.bad_rectified,
             coalesce(i.department, (
               SELECT u.department FROM app_user u WHERE u.id = (
                 SELECT t.completed_by FROM task t
                 WHERE t.case_id = c.id AND t.status = 'completed' AND t.completed_by IS NOT NULL
                 ORDER BY t.completed_at, t.id LIMIT 1)
             ), '未分配') AS department
      FROM c
      LEFT JOIN item i ON i.code = c.item_code
      LEFT JOIN levels l ON l.case_id = c.id
      LEFT JOIN reduction m ON m.case_id = c.id
      LEFT JOIN rated r ON r.case_id = c.id
    )
    SELECT department, process_key AS "processKey",
           count(*)::int AS cases,
           count(*) FILTER (WHERE decided)::int AS decided,
           count(*) FILTER (WHERE decided AND took <= make_interval(secs => ${rules.fastApprovalMinutes * 60}::float8))::int AS within,
           coalesce(sum(levels) FILTER (WHERE decided), 0)::int AS "decidedLevels",
           coalesce(sum(required), 0)::float8 AS required,
           coalesce(sum(resolved), 0)::float8 AS resolved,
           count(*) FILTER (WHERE finished)::int AS finished,
           count(*) FILTER (WHERE finished AND ratings IS NULL)::int AS "finishedUnrated",
           coalesce(sum(ratings), 0)::int AS ratings,
           coalesce(sum(good), 0)::int AS good,
           coalesce(sum(proactive), 0)::int AS proactive,
           coalesce(sum(proactive_good), 0)::int AS "proactiveGood",
           coalesce(sum(bad), 0)::int AS bad,
           coalesce(sum(bad_rectified), 0)::int AS "badRectified"
    FROM per_case GROUP BY department, process_key`;
  // PostgreSQL would JIT-compile this query (its estimate counts a subquery per case), which takes seconds,
  // longer than running it: not for this transaction. PGlite has no JIT; the setting is harmless there.
  // Over all time and 200,000 cases the query takes seconds on PGlite: past Prisma's 5 s transaction default.
  const [, rows] = await prisma.$transaction([prisma.$executeRaw`SET LOCAL jit = off`, tallies], {
    maxWait: 10_000,
    timeout: 120_000,
  });
  return rows;
}

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

  /** The rates (rateFigures) of these ratings over these finished cases. */
  function rates(ratings: Awaited<ReturnType<typeof countedRatings>>, finishedCases: string[]) {
    const bad = handlingConfig().badRatingMaxLevel;
    const badOnes = ratings.filter((r) => r.level <= bad);
    const proactive = ratings.filter((r) => r.proactive);
    const rated = new Set(ratings.map((r) => r.caseId));
    return rateFigures({
      ratings: ratings.length,
      good: ratings.filter((r) => r.level >= GOOD_MIN_LEVEL).length,
      proactive: proactive.length,
      proactiveGood: proactive.filter((r) => r.level >= GOOD_MIN_LEVEL).length,
      finished: finishedCases.length,
      finishedUnrated: finishedCases.filter((id) => !rated.has(id)).length,
      bad: badOnes.length,
      badRectified: badOnes.filter((r) => r.events.some((e) => e.kind === 'rectified')).length,
    });
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
     * One aggregate query (overviewTallies) whatever the number of cases.
     */
    async overview(q: { department?: string } & Period) {
      const cfg = handlingConfig();
      const tallies = await overviewTallies(prisma, q, {
        fastApprovalMinutes: cfg.fastApprovalMinutes,
        badRatingMaxLevel: cfg.badRatingMaxLevel,
      });
      const selected = q.department ? tallies.filter((t) => t.department === q.department) : tallies;
      const figures = (ts: OverviewTally[]) => {
        const sum = (f: (t: OverviewTally) => number, of = ts) => of.reduce((s, t) => s + f(t), 0);
        const decided = sum((t) => t.decided);
        const decidedOf = ts.filter((t) => t.decided > 0);
        const levelsByProcess = new Map<string, { decided: number; levels: number }>();
        for (const t of decidedOf) {
          const k = levelsByProcess.get(t.processKey) ?? { decided: 0, levels: 0 };
          levelsByProcess.set(t.processKey, { decided: k.decided + t.decided, levels: k.levels + t.decidedLevels });
        }
        return {
          cases: sum((t) => t.cases),
          decided,
          withinOneHourShare: ratio(
            sum((t) => t.within),
            decided,
          ),
          averageApprovalLevels: decided ? Math.round((sum((t) => t.decidedLevels) / decided) * 100) / 100 : null,
          levelsByProcess: Object.fromEntries(
            [...levelsByProcess].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, Math.round((v.levels / v.decided) * 100) / 100]),
          ),
          materialReduction: ratio(
            sum((t) => t.resolved),
            sum((t) => t.required),
          ),
          ...rateFigures({
            ratings: sum((t) => t.ratings),
            good: sum((t) => t.good),
            proactive: sum((t) => t.proactive),
            proactiveGood: sum((t) => t.proactiveGood),
            finished: sum((t) => t.finished),
            finishedUnrated: sum((t) => t.finishedUnrated),
            bad: sum((t) => t.bad),
            badRectified: sum((t) => t.badRectified),
          }),
        };
      };
      const departments = [...new Set(selected.map((t) => t.department))].sort();
      return {
        period: { from: q.from ?? null, to: q.to ?? null },
        target: { withinMinutes: cfg.fastApprovalMinutes, share: cfg.fastApprovalTargetShare, source: FAST_APPROVAL_SOURCE },
        overall: figures(selected),
        byDepartment: departments.map((d) => ({ department: d, ...figures(selected.filter((t) => t.department === d)) })),
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
