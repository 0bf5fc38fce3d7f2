import { z } from 'zod';

/**
 * The catalogue's data shapes (事项实施清单, 一件事, 生命周期树), validated at load and import.
 * Field names follow the national implementation-list upload table (《国家政务服务平台政务服务事项基本目录及实施清单》 C0109 naming).
 */

/** Where a material can come from, tried in this order (国务院令第716号 第七条: shared data first). */
export const MATERIAL_SOURCES = ['e-licence', 'shared-data', 'commitment', 'deferrable', 'upload', 'paper'] as const;
export type MaterialSource = (typeof MATERIAL_SOURCES)[number];

export const Material = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,40}$/, '材料编码须为大写字母、数字、下划线 (material code: A-Z, 0-9, _)'),
  name: z.string().min(1),
  /** Allowed sources in priority order; resolution picks the first that applies. */
  sources: z.array(z.enum(MATERIAL_SOURCES)).min(1),
  /** 核心要件: never deferrable (化府办〔2025〕22号). */
  core: z.boolean().default(false),
  /** E-licence type looked up in the 电子证照库 when `e-licence` is allowed. */
  licenceType: z.string().optional(),
  copies: z.number().int().min(0).default(1),
  note: z.string().optional(),
});
export type Material = z.infer<typeof Material>;

export const TimeLimit = z.object({
  value: z.number().int().min(0),
  unit: z.enum(['working-day', 'natural-day', 'hour']).default('working-day'),
  note: z.string().optional(),
});

export const FormField = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'boolean', 'enum', 'id-number', 'phone']),
  required: z.boolean().default(true),
  options: z.array(z.string()).optional(),
});
export type FormField = z.infer<typeof FormField>;

/** 办件类型 (project_type): 即办件, 承诺件, 上报件, 联办件. */
export const PROJECT_TYPES = ['即办件', '承诺件', '上报件', '联办件'] as const;
export const ITEM_TYPES = ['行政许可', '行政确认', '行政给付', '行政征收', '行政裁决', '行政奖励', '其他行政权力', '公共服务'] as const;
export const LEVELS = ['国家级', '省级', '市级', '县级', '乡级', '村级'] as const;
export const CHANNELS = ['窗口办理', '网上办理', '掌上办理', '自助终端', '邮寄办理'] as const;

export const CatalogItemInput = z
  .object({
    /** 实施编码 (task_code): the item's stable identity in haoban. */
    code: z.string().min(6).max(64),
    /** 基本编码 (catalog_code). */
    basicCode: z.string().min(4).max(40),
    /** 业务办理项编码 (task_handle_item). */
    handleItemCode: z.string().max(80).optional(),
    name: z.string().min(2).max(120),
    itemType: z.enum(ITEM_TYPES),
    department: z.string().min(2),
    /** Internal department code: its staff group `dept-<deptCode>` sees the item's tasks. */
    deptCode: z.string().regex(/^[a-z][a-z0-9-]*$/),
    level: z.enum(LEVELS),
    serviceObject: z.array(z.enum(['自然人', '法人'])).min(1),
    legalBasis: z.array(z.string().min(2)).min(1),
    conditions: z.array(z.string().min(2)).min(1),
    materials: z.array(Material),
    statutoryLimit: TimeLimit,
    promisedLimit: TimeLimit,
    projectType: z.enum(PROJECT_TYPES),
    /** 一证通办: the applicant's identity document alone suffices; the rest comes from e-licences and shared data. */
    oneLicence: z.boolean().optional(),
    /**
     * Where an application is received (受理): 综合窗口 (default when absent) — 无差别受理, the centre's
     * comprehensive window receives every application first and passes it to the department
     * ("前台综合受理、后台分类审批、综合窗口出件", 国办发〔2018〕45号); 部门窗口 — the department's own
     * window receives it, for items that need the department at the counter (e.g. 居民身份证 fingerprints
     * and photo, 《中华人民共和国居民身份证法》第三条).
     */
    reception: z.enum(['综合窗口', '部门窗口']).optional(),
    fee: z.object({ charged: z.boolean(), standard: z.string().optional(), basis: z.string().optional() }).default({ charged: false }),
    channels: z.array(z.enum(CHANNELS)).min(1),
    venues: z.array(z.string()).default([]),
    visits: z.number().int().min(0).max(5),
    flow: z.array(z.string()).min(1),
    resultName: z.string().optional(),
    /** The e-licence this item produces, fed to later items of a bundle (出生医学证明 → 户口). */
    producesLicence: z.string().optional(),
    processKey: z.string().min(1),
    formFields: z.array(FormField).default([]),
    consult: z.string().optional(),
    complaint: z.string().optional(),
  })
  .superRefine((item, ctx) => {
    if (item.promisedLimit.value > item.statutoryLimit.value)
      ctx.addIssue({
        code: 'custom',
        path: ['promisedLimit', 'value'],
        message: '承诺时限不得超过法定时限 (promised ≤ statutory, 《行政许可法》第四十二条)',
      });
    if (item.projectType === '即办件' && item.promisedLimit.value !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['promisedLimit', 'value'],
        message: '即办件的承诺时限为 0 (即办件 has promised limit 0, 《行政许可法》第四十二条)',
      });
    const seen = new Set<string>();
    item.materials.forEach((m, i) => {
      if (seen.has(m.code))
        ctx.addIssue({ code: 'custom', path: ['materials', i, 'code'], message: `材料重复 (duplicate material) ${m.code}` });
      seen.add(m.code);
      if (m.core && m.sources.includes('deferrable'))
        ctx.addIssue({
          code: 'custom',
          path: ['materials', i, 'sources'],
          message: '核心要件不得容缺 (core materials are never deferrable)',
        });
      if (m.sources.includes('e-licence') && !m.licenceType)
        ctx.addIssue({
          code: 'custom',
          path: ['materials', i, 'licenceType'],
          message: '电子证照来源须指明证照类型 (e-licence source needs licenceType)',
        });
    });
  });
export type CatalogItemInput = z.infer<typeof CatalogItemInput>;

/** An item of a bundle: `after` lists the items whose result feeds this one (run in order). */
export const EventItem = z.object({ code: z.string(), after: z.array(z.string()).default([]) });

export const EventInput = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{2,40}$/),
  name: z.string().min(2),
  theme: z.string(),
  description: z.string().default(''),
  leadDepartment: z.string(),
  items: z.array(EventItem).min(1),
  promisedDays: z.number().int().min(0),
  keywords: z.array(z.string()).default([]),
});
export type EventInput = z.infer<typeof EventInput>;

export const TreeInput = z.object({
  subject: z.enum(['natural', 'legal']),
  name: z.string(),
  stages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      themes: z.array(z.object({ code: z.string(), name: z.string(), description: z.string().default('') })).min(1),
    }),
  ),
});
export type TreeInput = z.infer<typeof TreeInput>;

export const VenueInput = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['district-centre', 'subdistrict-centre', 'community-station', 'service-post', 'shop']),
  subdistrict: z.string(),
  community: z.string().optional(),
  address: z.string(),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  phone: z.string().optional(),
  hours: z.string(),
  /** Item codes (实施编码) or basic codes this venue can handle; `*` = every item. */
  items: z.array(z.string()).min(1),
});
export type VenueInput = z.infer<typeof VenueInput>;

export const KnowledgeInput = z.object({
  code: z.string(),
  kind: z.enum(['qa', 'guide']),
  question: z.string().min(2),
  answer: z.string().min(2),
  itemCodes: z.array(z.string()).default([]),
  eventCodes: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
});
export type KnowledgeInput = z.infer<typeof KnowledgeInput>;

export const ZoneInput = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['business-district', 'street-zone', 'park']),
  subdistrict: z.string(),
  lat: z.number(),
  lng: z.number(),
  description: z.string(),
  industries: z.array(z.string()).default([]),
});
export const IndustryInput = z.object({
  code: z.string(),
  name: z.string(),
  eventCode: z.string().optional(),
  itemCodes: z.array(z.string()).default([]),
  guidance: z.array(z.string()).min(1),
  zoneAdvice: z.record(z.string(), z.string()).default({}),
});
export const ServiceMapInput = z.object({ zones: z.array(ZoneInput), industries: z.array(IndustryInput) });
