import type { PrismaClient } from '../data/generated/client';
import type { KnowledgeInput } from '../../activities/catalog/schema';
import { bm25, tokenize } from '../../activities/catalog/search';
import { notFound } from '../errors';

/** 咨询引导: the knowledge base of Q&A and guides, searched in Chinese and linked to items and events. */
export function createKnowledgeService(prisma: PrismaClient) {
  async function entries(): Promise<KnowledgeInput[]> {
    const rows = await prisma.catalogEntry.findMany({ where: { kind: 'knowledge' }, select: { data: true } });
    return rows.map((r) => r.data as unknown as KnowledgeInput);
  }
  async function links(entry: KnowledgeInput) {
    const [items, events] = await Promise.all([
      entry.itemCodes.length
        ? prisma.catalogItem.findMany({
            where: { code: { in: entry.itemCodes }, isLatest: true },
            select: { code: true, name: true, department: true },
          })
        : [],
      entry.eventCodes.length
        ? prisma.catalogNode.findMany({ where: { code: { in: entry.eventCodes }, level: 'event' }, select: { code: true, name: true } })
        : [],
    ]);
    return {
      items: items.map((i) => ({ ...i, guide: `/api/catalog/items/${encodeURIComponent(i.code)}/guide` })),
      events: events.map((e) => ({ ...e, href: `/api/events/${e.code}` })),
    };
  }
  return {
    async search(q: string, limit: number) {
      const all = await entries();
      const hits = bm25(
        all.map((e) => ({
          doc: e,
          fields: [
            { text: e.question, weight: 3 },
            { text: e.tags.join(' '), weight: 2 },
            { text: e.answer, weight: 1 },
          ],
        })),
        q,
      );
      const items = await Promise.all(
        hits.slice(0, limit).map(async (h) => ({
          code: h.doc.code,
          kind: h.doc.kind,
          question: h.doc.question,
          answer: h.doc.answer,
          score: h.score,
          ...(await links(h.doc)),
        })),
      );
      return { query: q, tokens: [...new Set(tokenize(q))], items, total: hits.length };
    },
    async get(code: string) {
      const row = await prisma.catalogEntry.findUnique({ where: { id: `knowledge:${code}` } });
      if (!row) throw notFound('knowledge', code);
      const entry = row.data as unknown as KnowledgeInput;
      return { ...entry, ...(await links(entry)) };
    },
  };
}
export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
