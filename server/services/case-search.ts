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

/** WHERE conditions on `"case" c`; each uses an index of migration 20261201090000_case_search. */
function conditions(search: CaseSearch): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  const q = search.q?.trim();
  if (q) {
    const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(Prisma.sql`(
      (upper(c.id) COLLATE "C") LIKE ${prefix.toUpperCase()}
      OR (lower(c.variables->>'applicantName') COLLATE "C") LIKE ${prefix.toLowerCase()}
      OR c.applicant_id IN (SELECT u.id FROM app_user u WHERE (lower(u.name) COLLATE "C") LIKE ${prefix.toLowerCase()})
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
  return {
    hasFilter,

    /** One page of matching case ids, newest first, and the total count. */
    async page(
      search: CaseSearch,
      extra: Prisma.Sql[],
      page: { limit: number; offset: number },
    ): Promise<{ ids: string[]; total: number }> {
      const all = [...conditions(search), ...extra];
      const where = all.length ? Prisma.sql`WHERE ${Prisma.join(all, ' AND ')}` : Prisma.empty;
      const [rows, count] = await Promise.all([
        prisma.$queryRaw<
          { id: string }[]
        >`SELECT c.id FROM "case" c ${where} ORDER BY c.started_at DESC, c.id LIMIT ${page.limit} OFFSET ${page.offset}`,
        prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "case" c ${where}`,
      ]);
      return { ids: rows.map((r) => r.id), total: Number(count[0]?.n ?? 0) };
    },

    /** Ids of the most recent matching cases, for narrowing the inbox. */
    async caseIds(search: CaseSearch): Promise<string[]> {
      return (await this.page(search, [], { limit: INBOX_SEARCH_CASE_LIMIT, offset: 0 })).ids;
    },
  };
}

export type CaseSearchService = ReturnType<typeof createCaseSearch>;
