import type { PrismaClient } from '../data/generated/client';
import { importCatalog, type CatalogBundle, type ImportSummary } from '../../activities/catalog/import';
import type { CatalogProblem } from '../../activities/catalog/problems';
import { TreeInput, type CatalogItemInput, type EventInput as EventDef } from '../../activities/catalog/schema';
import { validateEvents, validateItems, type MaterialLibrary } from '../../activities/catalog/validate';
import { bm25 } from '../../activities/catalog/search';
import { AppError, notFound } from '../errors';
import type { AuthenticatedActor } from '../auth/authenticate';

export type CatalogItem = CatalogItemInput & { id: string; version: number };
type ItemRow = { id: string; version: number; data: unknown };
const asItem = (row: ItemRow): CatalogItem => ({ ...(row.data as CatalogItemInput), id: row.id, version: row.version });

const SUBJECT_LABEL = { natural: '自然人', legal: '法人' } as const;
const UNIT_LABEL = { 'working-day': '个工作日', 'natural-day': '个自然日', hour: '小时' } as const;
const SOURCE_LABEL: Record<string, string> = {
  'e-licence': '电子证照免提交',
  'shared-data': '部门共享免提交',
  commitment: '可告知承诺替代',
  deferrable: '可容缺后补',
  upload: '上传电子件',
  paper: '提交纸质件',
};

export function createCatalogService(prisma: PrismaClient) {
  const service = {
    /** Latest version of an item by 实施编码 (or one given version). Unknown → 404 naming the code. */
    async item(code: string, version?: number): Promise<CatalogItem> {
      const row = await prisma.catalogItem.findFirst({
        where: version ? { code, version } : { code, isLatest: true },
        select: { id: true, version: true, data: true },
      });
      if (!row) throw notFound('itemCode', version ? `${code}@v${version}` : code);
      return asItem(row);
    },

    async itemsByCode(codes: string[]): Promise<Map<string, CatalogItem>> {
      const rows = await prisma.catalogItem.findMany({
        where: { code: { in: codes }, isLatest: true },
        select: { id: true, version: true, data: true },
      });
      return new Map(rows.map((r) => [asItem(r).code, asItem(r)]));
    },

    async versions(code: string) {
      const rows = await prisma.catalogItem.findMany({
        where: { code },
        orderBy: { version: 'desc' },
        select: { id: true, version: true, hash: true, isLatest: true, source: true, createdAt: true },
      });
      if (rows.length === 0) throw notFound('itemCode', code);
      return rows;
    },

    async list(filter: { department?: string; q?: string; oneLicence?: boolean; limit: number; offset: number }) {
      // 一证通办 lives in the item's JSON; an absent flag counts as false.
      const flagged =
        filter.oneLicence === undefined
          ? undefined
          : (
              await prisma.$queryRaw<
                { id: string }[]
              >`SELECT "id" FROM "catalog_item" WHERE "is_latest" AND COALESCE(("data"->>'oneLicence')::boolean, false) = ${filter.oneLicence}`
            ).map((r) => r.id);
      const where = {
        isLatest: true,
        ...(flagged ? { id: { in: flagged } } : {}),
        ...(filter.department ? { department: filter.department } : {}),
        ...(filter.q
          ? { OR: [{ name: { contains: filter.q } }, { code: { contains: filter.q } }, { basicCode: { contains: filter.q } }] }
          : {}),
      };
      const select = {
        code: true,
        version: true,
        basicCode: true,
        name: true,
        itemType: true,
        department: true,
        projectType: true,
        promisedDays: true,
        statutoryDays: true,
        data: true,
      } as const;
      const [rows, total] = await Promise.all([
        prisma.catalogItem.findMany({
          where,
          select,
          orderBy: [{ department: 'asc' }, { basicCode: 'asc' }],
          take: filter.limit,
          skip: filter.offset,
        }),
        prisma.catalogItem.count({ where }),
      ]);
      const items = rows.map(({ data, ...row }) => ({ ...row, oneLicence: (data as { oneLicence?: boolean }).oneLicence === true }));
      return { items, total };
    },

    async event(code: string): Promise<EventDef> {
      const node = await prisma.catalogNode.findUnique({ where: { code } });
      if (!node || node.level !== 'event') throw notFound('eventCode', code);
      return node.data as unknown as EventDef;
    },

    async events(subject?: 'natural' | 'legal') {
      const nodes = await prisma.catalogNode.findMany({
        where: { level: 'event', ...(subject ? { subject } : {}) },
        orderBy: [{ parentCode: 'asc' }, { sortOrder: 'asc' }],
      });
      return nodes.map((n) => ({
        code: n.code,
        name: n.name,
        subject: n.subject,
        theme: n.parentCode,
        itemCount: (n.data as unknown as EventDef).items.length,
      }));
    },

    /** Stages → themes → events → items, with counts per level (全生命周期树). */
    async tree(subject: 'natural' | 'legal') {
      const nodes = await prisma.catalogNode.findMany({ where: { subject }, orderBy: { sortOrder: 'asc' } });
      const events = nodes.filter((n) => n.level === 'event');
      const itemCodes = [...new Set(events.flatMap((e) => (e.data as unknown as EventDef).items.map((i) => i.code)))];
      const items = await service.itemsByCode(itemCodes);
      const itemView = (code: string) => {
        const i = items.get(code);
        return { code, name: i?.name ?? code, department: i?.department, projectType: i?.projectType };
      };
      const stages = nodes
        .filter((n) => n.level === 'stage')
        .map((stage) => {
          const themes = nodes
            .filter((t) => t.level === 'theme' && t.parentCode === stage.code)
            .map((theme) => {
              const evs = events
                .filter((e) => e.parentCode === theme.code)
                .map((e) => {
                  const def = e.data as unknown as EventDef;
                  return {
                    code: e.code,
                    name: e.name,
                    description: def.description,
                    items: def.items.map((i) => ({ ...itemView(i.code), after: i.after })),
                  };
                });
              const distinct = new Set(evs.flatMap((e) => e.items.map((i) => i.code)));
              return { code: theme.code, name: theme.name, counts: { events: evs.length, items: distinct.size }, events: evs };
            });
          const distinct = new Set(themes.flatMap((t) => t.events.flatMap((e) => e.items.map((i) => i.code))));
          return {
            code: stage.code,
            name: stage.name,
            counts: { themes: themes.length, events: themes.reduce((n, t) => n + t.events.length, 0), items: distinct.size },
            themes,
          };
        });
      const distinct = new Set(stages.flatMap((s) => s.themes.flatMap((t) => t.events.flatMap((e) => e.items.map((i) => i.code)))));
      return {
        subject,
        name: `${SUBJECT_LABEL[subject]}全生命周期`,
        counts: {
          stages: stages.length,
          themes: stages.reduce((n, s) => n + s.counts.themes, 0),
          events: events.length,
          items: distinct.size,
        },
        stages,
      };
    },

    /** Search across themes, events and items (Chinese segmentation + BM25). */
    async search(q: string, subject: 'natural' | 'legal' | undefined, limit: number) {
      const nodes = await prisma.catalogNode.findMany({ where: { level: { in: ['theme', 'event'] }, ...(subject ? { subject } : {}) } });
      const items = await prisma.catalogItem.findMany({
        where: { isLatest: true },
        select: { code: true, name: true, department: true, data: true },
      });
      const docs: {
        doc: { kind: string; code: string; name: string; subject?: string; department?: string };
        fields: { text: string; weight: number }[];
      }[] = [
        ...nodes.map((n) => {
          const def = n.data as { description?: string; keywords?: string[] };
          return {
            doc: { kind: n.level, code: n.code, name: n.name, subject: n.subject },
            fields: [
              { text: n.name, weight: 3 },
              { text: (def.keywords ?? []).join(' '), weight: 2 },
              { text: def.description ?? '', weight: 1 },
            ],
          };
        }),
        ...items
          .filter((i) => !subject || (i.data as CatalogItemInput).serviceObject.includes(SUBJECT_LABEL[subject]))
          .map((i) => ({
            doc: { kind: 'item', code: i.code, name: i.name, department: i.department },
            fields: [
              { text: i.name, weight: 3 },
              { text: i.department, weight: 1 },
            ],
          })),
      ];
      const hits = bm25(docs, q);
      return { items: hits.slice(0, limit).map((h) => ({ ...h.doc, score: h.score })), total: hits.length };
    },

    /** 办事指南 (服务公开): the published guide of an item, in Chinese. */
    async guide(code: string) {
      const item = await service.item(code);
      const limit = (l: CatalogItemInput['statutoryLimit']) => (l.value === 0 ? '即办' : `${l.value}${UNIT_LABEL[l.unit]}`);
      return {
        code: item.code,
        version: item.version,
        事项名称: item.name,
        基本编码: item.basicCode,
        实施编码: item.code,
        业务办理项编码: item.handleItemCode,
        事项类型: item.itemType,
        实施主体: item.department,
        行使层级: item.level,
        服务对象: item.serviceObject,
        设定依据: item.legalBasis,
        受理条件: item.conditions,
        申请材料: item.materials.map((m) => ({
          材料编码: m.code,
          材料名称: m.name,
          份数: m.copies,
          是否核心要件: m.core ? '是' : '否',
          获取方式: m.sources.map((s) => SOURCE_LABEL[s]),
          备注: m.note,
        })),
        办理流程: item.flow,
        法定办结时限: limit(item.statutoryLimit),
        承诺办结时限: limit(item.promisedLimit),
        办件类型: item.projectType,
        一证通办: item.oneLicence ? '是' : '否',
        收费: item.fee.charged
          ? { 是否收费: '是', 收费标准: item.fee.standard, 收费依据: item.fee.basis }
          : { 是否收费: '否', 收费依据: item.fee.basis },
        办理渠道: item.channels,
        办理地点: item.venues,
        到办事现场次数: item.visits,
        审批结果: item.resultName,
        咨询方式: item.consult,
        监督投诉方式: item.complaint,
      };
    },

    /** Bulk import (admin): validated like the start-up load; batched writes in one transaction. */
    async importBundle(
      raw: { items?: unknown[]; events?: unknown[]; trees?: unknown[]; materials?: MaterialLibrary; problems?: CatalogProblem[] },
      actor: AuthenticatedActor,
      source = 'api',
    ): Promise<ImportSummary> {
      const file = `POST /api/catalog/import`;
      // Lines an NDJSON upload could not read are reported with the rest; the good lines still load.
      const problems: CatalogProblem[] = [...(raw.problems ?? [])];
      const items = validateItems(raw.items ?? [], file, raw.materials ?? {});
      const events = validateEvents(raw.events ?? [], file);
      const trees: TreeInput[] = [];
      (raw.trees ?? []).forEach((t, i) => {
        const parsed = TreeInput.safeParse(t);
        if (parsed.success) trees.push(parsed.data);
        else
          problems.push(
            ...parsed.error.issues.map((issue) => ({ file, code: `trees[${i}]`, field: issue.path.join('.'), message: issue.message })),
          );
      });
      problems.push(...items.problems, ...events.problems);
      const bundle: CatalogBundle = { items: items.items, events: events.events, trees };
      if (!bundle.items.length && !bundle.events?.length && !trees.length) {
        throw new AppError(
          400,
          'CATALOG_INVALID',
          problems.length ? '事项清单数据无效 (invalid catalogue data)' : '没有可导入的数据 (nothing to import)',
          problems,
        );
      }
      const summary = await importCatalog(prisma, bundle, { source, actor: actor.id, file });
      return { ...summary, problems: [...problems, ...summary.problems] };
    },

    /** One item per line (NDJSON): large catalogues without the 1 MB JSON body limit. */
    parseNdjson(text: string): { items: unknown[]; events: unknown[]; problems: CatalogProblem[] } {
      const items: unknown[] = [];
      const events: unknown[] = [];
      const problems: CatalogProblem[] = [];
      text.split('\n').forEach((line, i) => {
        const trimmed = line.trim();
        if (!trimmed) return;
        let value: unknown;
        try {
          value = JSON.parse(trimmed);
        } catch {
          problems.push({
            file: 'POST /api/catalog/import',
            code: `第 ${i + 1} 行`,
            field: 'line',
            message: `第 ${i + 1} 行不是合法 JSON，已跳过 (line ${i + 1} is not valid JSON; skipped)`,
          });
          return;
        }
        const v = value as { event?: unknown };
        if (v && typeof v === 'object' && !Array.isArray(v) && 'event' in v) events.push(v.event);
        else items.push(value);
      });
      return { items, events, problems };
    },
  };
  return service;
}

export type CatalogService = ReturnType<typeof createCatalogService>;
