// 办件查询: one search over the case read model for 办件查询 and the inbox. A citizen at the window or on
// the phone quotes a 办件编号 (or its first characters), a name, an ID number or a phone number.
import { Prisma, type PrismaClient } from '../data/generated/client';

export interface CaseSearch {
  /** 办件编号 (exact or prefix), applicant name (prefix), ID number or phone (exact). */
  q?: string;
  itemCode?: string;
  /** The implementing department (实施主体) of the case's item, as the catalogue names it (区市场监督管理局). */
  department?: string;
  status?: string;
  /** Application date range, inclusive of `from`, exclusive of `to`. */
  from?: Date;
  to?: Date;
  /** Applicants see their own cases only. */
  applicantId?: string;
}

/** Inbox searches consider this many most recent matching cases (a search this broad is refined, not paged). */
export const INBOX_SEARCH_CASE_LIMIT = 500;

const hasFilter = (s: CaseSearch) => Boolean(s.q || s.itemCode || s.department || s.from || s.to);

/**
 * WHERE conditions on `"case" c`; each uses an index of migration 20261201090000_case_search. The applicants
 * found by name are an array (`= ANY (ARRAY(…))`), not a sub-select (`IN (SELECT …)`): a sub-select in the OR
 * keeps the planner from combining the indexes, and it reads every case instead.
 */
function conditions(search: CaseSearch): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const q = search.q?.trim();
  if (q) {
    const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(Prisma.sql`(
      (upper(c.id) COLLATE "C") LIKE ${prefix.toUpperCase()}
      OR (lower(c.variables->>'applicantName') COLLATE "C") LIKE ${prefix.toLowerCase()}
      OR c.applicant_id = ANY (ARRAY(SELECT u.id FROM app_user u WHERE (lower(u.name) COLLATE "C") LIKE ${prefix.toLowerCase()}))
      OR upper(c.variables->>'idNumber') = ${q.toUpperCase()}
      OR c.variables->>'contactPhone' = ${q}
      OR c.variables->>'phone' = ${q}
    )`);
  }
  if (search.itemCode) where.push(Prisma.sql`c.item_code = ${search.itemCode}`);
  if (search.department)
    where.push(Prisma.sql`c.item_code IN (SELECT i.code FROM catalog_item i WHERE i.department = ${search.department})`);
  if (search.status) where.push(Prisma.sql`c.status = ${search.status}`);
  if (search.from) where.push(Prisma.sql`c.started_at >= ${search.from}`);
  if (search.to) where.push(Prisma.sql`c.started_at < ${search.to}`);
  if (search.applicantId) where.push(Prisma.sql`c.applicant_id = ${search.applicantId}`);
  return where;
}

export function createCaseSearch(prisma: PrismaClient) {
  const whereOf = (all: Prisma.Sql[]) => (all.length ? Prisma.sql`WHERE ${Prisma.join(all, ' AND ')}` : Prisma.empty);
  const pageOf = async (where: Prisma.Sql, page: { limit: number; offset: number }) =>
    (
      await prisma.$queryRaw<
        { id: string }[]
      >`SELECT c.id FROM "case" c ${where} ORDER BY c.started_at DESC, c.id LIMIT ${page.limit} OFFSET ${page.offset}`
    ).map((r) => r.id);
  return {
    hasFilter,

    /** One page of matching case ids, newest first, and the total count. */
    async page(
      search: CaseSearch,
      extra: Prisma.Sql[],
      page: { limit: number; offset: number },
    ): Promise<{ ids: string[]; total: number }> {
      const where = whereOf([...conditions(search), ...extra]);
      const [ids, count] = await Promise.all([
        pageOf(where, page),
        prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "case" c ${where}`,
      ]);
      return { ids, total: Number(count[0]?.n ?? 0) };
    },

    /** Ids of the most recent matching cases, for narrowing the inbox (no count: the inbox counts tasks). */
    async caseIds(search: CaseSearch): Promise<string[]> {
      return pageOf(whereOf(conditions(search)), { limit: INBOX_SEARCH_CASE_LIMIT, offset: 0 });
    },
  };
}

export type CaseSearchService = ReturnType<typeof createCaseSearch>;
