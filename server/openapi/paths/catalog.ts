import { z } from 'zod';
import { CatalogSearchQuery, ImportBody, ItemQuery, ListItemsQuery, TreeQuery } from '../../routes/catalog.routes';
import { ListEventCasesQuery, ListEventsQuery, ReductionQuery, StartEventCaseBody } from '../../routes/events.routes';
import { KnowledgeSearchQuery } from '../../routes/knowledge.routes';
import {
  ListPrereviewQuery,
  ResubmitPrereviewBody,
  ReviewPrereviewBody,
  StartFormalBody,
  SubmitPrereviewBody,
  UploadPrereviewFileFields,
} from '../../routes/prereview.routes';
import { IndustryQuery, InspectionExemptionBody } from '../../routes/servicemap.routes';
import { FindVenuesQuery } from '../../routes/venues.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleCaseView } from './examples';

const CodeParams = z.object({ code: z.string().describe('编码 (code)') });
const IdParams = z.object({ id: z.string().describe('编号 (id)') });
const itemRef = {
  code: '11350100MB0000000X4000111900001',
  name: '食品经营许可（新办）',
  department: '区市场监督管理局',
  projectType: '承诺件',
};
const event = {
  code: 'EV_OPEN_RESTAURANT',
  name: '开办餐饮店',
  description: '营业执照、食品经营许可、招牌设置等一次办',
  items: [{ ...itemRef, after: [] }],
};
const eventCase = {
  eventCaseId: 'EC20261128-AB12CD',
  eventCode: 'EV_OPEN_RESTAURANT',
  applicantId: 'zhangsan',
  status: 'running',
  children: [{ caseId: 'HB20261128-7K3QF2', itemCode: itemRef.code, status: 'running' }],
  createdAt: '2026-11-28T09:00:00.000Z',
};
const prereview = {
  id: 'PR20261128-01',
  applicantId: 'zhangsan',
  itemCode: itemRef.code,
  eventCode: null,
  status: 'submitted',
  materials: [{ code: 'BUSINESS_LICENCE', fileRef: 'upload://2026/11/28/licence.pdf', status: 'pending' }],
  createdAt: '2026-11-28T08:30:00.000Z',
};
const venue = {
  code: 'V-LH-001',
  name: '莲湖区政务服务中心',
  kind: 'district-centre',
  address: '莲湖区北关正街 1 号',
  lat: 34.27,
  lng: 108.93,
  hours: '周一至周五 9:00–17:00',
  distanceKm: 1.2,
};

/** Catalogue and pre-handling: lifecycle trees, guides, search, import, 一件事 events, knowledge, venues, service map, pre-review. */
export const catalogRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/api/catalog/tree',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '个人/法人全生命周期事项树（阶段→主题→一件事→事项）(lifecycle tree)',
    query: TreeQuery,
    responses: {
      200: {
        description: '事项树',
        example: {
          subject: 'legal',
          name: '法人全生命周期',
          counts: { stages: 1, themes: 1, events: 1, items: 1 },
          stages: [
            {
              code: 'ST_START',
              name: '企业开办',
              counts: { themes: 1, events: 1, items: 1 },
              themes: [{ code: 'TH_CATERING', name: '餐饮', counts: { events: 1, items: 1 }, events: [event] }],
            },
          ],
        },
      },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/catalog/search',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '搜索主题、一件事与事项（中文分词 + BM25）(search)',
    query: CatalogSearchQuery,
    responses: {
      200: {
        description: '{items,total}，按相关度',
        example: {
          items: [{ kind: 'item', code: itemRef.code, name: itemRef.name, department: itemRef.department, score: 7.2 }],
          total: 1,
        },
      },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/catalog/items',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '事项清单 (catalogue items)',
    query: ListItemsQuery,
    responses: { 200: { description: '{items,total}', example: { items: [itemRef], total: 1 } }, ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/api/catalog/items/:code',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '事项（实施清单要素）(one item)',
    params: CodeParams,
    query: ItemQuery,
    responses: {
      200: {
        description: '事项',
        example: {
          ...itemRef,
          version: 1,
          materials: [{ code: 'BUSINESS_LICENCE', name: '营业执照', copies: 1, core: true, sources: ['licence'] }],
        },
      },
      ...errors(400, 401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/catalog/items/:code/versions',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '事项的版本 (item versions)',
    params: CodeParams,
    responses: {
      200: {
        description: '{items}',
        example: {
          items: [
            {
              id: 'ci-1',
              version: 1,
              hash: 'ab12…',
              isLatest: true,
              source: 'definitions/catalog/items',
              createdAt: '2026-11-28T08:00:00.000Z',
            },
          ],
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/catalog/items/:code/guide',
    tags: ['事项目录 catalog'],
    access: 'authenticated',
    summary: '办事指南 (service guide)',
    params: CodeParams,
    responses: {
      200: {
        description: '办事指南要素',
        example: {
          code: itemRef.code,
          version: 1,
          事项名称: itemRef.name,
          实施主体: itemRef.department,
          申请材料: [{ 材料编码: 'BUSINESS_LICENCE', 材料名称: '营业执照', 份数: 1, 是否核心要件: '是', 获取方式: ['电子证照'] }],
          法定办结时限: '20工作日',
          承诺办结时限: '5工作日',
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/catalog/import',
    tags: ['事项目录 catalog'],
    access: ['admin'],
    summary: '导入事项目录（JSON 或 NDJSON）(catalogue import)',
    description: '返回导入摘要；部分条目有问题时返回 207，problems 指明文件、编码与字段。',
    body: ImportBody,
    bodyExample: { items: [], events: [], trees: [], materials: {} },
    bodyAlternatives: [
      { contentType: 'application/x-ndjson', example: '{"code":"11350100MB0000000X4000111900001","name":"食品经营许可（新办）"}\n' },
    ],
    responses: {
      200: {
        description: '导入摘要',
        example: { items: { created: 10, unchanged: 2 }, events: { created: 3 }, trees: { created: 2 }, problems: [] },
      },
      207: {
        description: '部分导入',
        example: {
          items: { created: 9, unchanged: 2 },
          events: { created: 3 },
          trees: { created: 2 },
          problems: [{ code: 'X1', field: 'materials', message: '缺少材料' }],
        },
      },
      ...errors(400, 401, 403),
    },
  },

  {
    method: 'get',
    path: '/api/events',
    tags: ['一件事 events'],
    access: 'authenticated',
    summary: '一件事列表 (integrated “one thing” services)',
    query: ListEventsQuery,
    responses: { 200: { description: '{items,total}', example: { items: [event], total: 1 } }, ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/api/events/cases',
    tags: ['一件事 events'],
    access: 'authenticated',
    summary: '一件事办件 (event cases)',
    query: ListEventCasesQuery,
    responses: { 200: { description: '{items,total}', example: { items: [eventCase], total: 1 } }, ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/api/events/cases/:id',
    tags: ['一件事 events'],
    access: 'authenticated',
    summary: '一件事办件详情（含各子办件）(one event case)',
    params: IdParams,
    responses: { 200: { description: '详情', example: eventCase }, ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/api/events/:code',
    tags: ['一件事 events'],
    access: 'authenticated',
    summary: '一件事详情：联办表单与材料清单（去重、可免提交）(event with joint form and materials)',
    params: CodeParams,
    responses: {
      200: {
        description: '详情',
        example: {
          ...event,
          form: { fields: [{ key: 'shopName', label: '店铺名称', required: true }] },
          materials: [{ code: 'BUSINESS_LICENCE', name: '营业执照', resolvable: true }],
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/events/:code/cases',
    tags: ['一件事 events'],
    access: 'authenticated',
    summary: '申请一件事（联办）(apply for an event)',
    params: CodeParams,
    body: StartEventCaseBody,
    bodyExample: { form: { shopName: '好味面馆' }, materials: { submitted: ['ID_CARD'], commitments: [], deferrals: [] } },
    responses: {
      201: { description: '已创建', example: eventCase, headers: { Location: '/api/events/cases/{eventCaseId}' } },
      ...errors(400, 401, 403, 404),
    },
  },
  {
    method: 'get',
    path: '/api/stats/material-reduction',
    tags: ['统计 stats'],
    access: ['supervisor', 'admin'],
    summary: '材料精简率（一件事）(material reduction rate)',
    query: ReductionQuery,
    responses: {
      200: { description: '精简率', example: { cases: 12, required: 120, resolved: 42, rate: 0.35 } },
      ...errors(400, 401, 403),
    },
  },

  {
    method: 'get',
    path: '/api/knowledge/search',
    tags: ['咨询 knowledge'],
    access: 'authenticated',
    summary: '知识库检索 (knowledge search)',
    query: KnowledgeSearchQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: { items: [{ code: 'KB-001', question: '开餐馆需要办哪些证？', score: 5.1 }], total: 1 },
      },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/knowledge/:code',
    tags: ['咨询 knowledge'],
    access: 'authenticated',
    summary: '知识条目 (one entry)',
    params: CodeParams,
    responses: {
      200: { description: '条目', example: { code: 'KB-001', question: '开餐馆需要办哪些证？', answer: '营业执照、食品经营许可证……' } },
      ...errors(401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/venues',
    tags: ['就近办 venues'],
    access: 'authenticated',
    summary: '可办理某事项的场所，近者在前 (venues nearby)',
    query: FindVenuesQuery,
    responses: { 200: { description: '{items,total}', example: { items: [venue], total: 1 } }, ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/api/venues/:code',
    tags: ['就近办 venues'],
    access: 'authenticated',
    summary: '场所详情 (one venue)',
    params: CodeParams,
    responses: { 200: { description: '场所', example: venue }, ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/api/servicemap',
    tags: ['审批服务地图 service map'],
    access: 'authenticated',
    summary: '审批服务地图：片区、热门行业与指引 (service map)',
    responses: {
      200: {
        description: '概览',
        example: { zones: [{ code: 'Z1', name: '大兴片区' }], industries: [{ code: 'catering', name: '餐饮' }] },
      },
      ...errors(401),
    },
  },
  {
    method: 'get',
    path: '/api/servicemap/industries/:code',
    tags: ['审批服务地图 service map'],
    access: 'authenticated',
    summary: '行业准营指引 (industry guidance)',
    params: CodeParams,
    query: IndustryQuery,
    responses: {
      200: { description: '指引', example: { code: 'catering', name: '餐饮', items: [itemRef], zone: null } },
      ...errors(400, 401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/servicemap/inspection-exemption',
    tags: ['审批服务地图 service map'],
    access: 'authenticated',
    summary: '免踏勘判定 (on-site inspection exemption check)',
    body: InspectionExemptionBody,
    bodyExample: { businessType: 'catering', previousBusinessType: 'catering', mainStructureChanged: false, previouslyLicensed: true },
    responses: {
      200: { description: '判定结果', example: { exempt: true, reason: '同业态、主体结构未变且原已取得许可，可免踏勘' } },
      ...errors(400, 401),
    },
  },

  {
    method: 'post',
    path: '/api/prereview',
    tags: ['预审 prereview'],
    access: ['applicant', 'agent', 'window', 'admin'],
    summary: '提交资料预审 (submit for pre-review)',
    body: SubmitPrereviewBody,
    bodyExample: { itemCode: itemRef.code, materials: [{ code: 'BUSINESS_LICENCE', fileRef: 'upload://2026/11/28/licence.pdf' }] },
    responses: { 201: { description: '已提交', example: prereview }, ...errors(400, 401, 403, 404) },
  },
  {
    method: 'get',
    path: '/api/prereview',
    tags: ['预审 prereview'],
    access: 'authenticated',
    summary: '预审列表（工作人员：全部；申请人：本人）(pre-reviews)',
    query: ListPrereviewQuery,
    responses: { 200: { description: '{items,total}', example: { items: [prereview], total: 1 } }, ...errors(400, 401) },
  },
  {
    method: 'get',
    path: '/api/prereview/:id',
    tags: ['预审 prereview'],
    access: 'authenticated',
    summary: '预审详情 (one pre-review)',
    params: IdParams,
    responses: { 200: { description: '详情', example: prereview }, ...errors(401, 404) },
  },
  {
    method: 'post',
    path: '/api/prereview/:id/review',
    tags: ['预审 prereview'],
    access: ['window', 'approver'],
    summary: '预审意见：逐项通过或需补正，一次性告知 (review)',
    params: IdParams,
    body: ReviewPrereviewBody,
    bodyExample: { materials: [{ code: 'BUSINESS_LICENCE', status: 'fix', reason: '副本不清晰，请重新上传' }] },
    responses: { 200: { description: '已审', example: { ...prereview, status: 'reviewed' } }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/prereview/:id/materials',
    tags: ['预审 prereview'],
    access: 'authenticated',
    summary: '补正后重新提交材料 (resubmit materials)',
    params: IdParams,
    body: ResubmitPrereviewBody,
    bodyExample: { materials: [{ code: 'BUSINESS_LICENCE', fileRef: 'upload://2026/11/28/licence-v2.pdf' }] },
    responses: { 200: { description: '已重新提交', example: prereview }, ...errors(400, 401, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/prereview/files',
    tags: ['预审 prereview'],
    access: ['applicant', 'agent', 'window', 'admin'],
    summary: '上传预审材料文件 (upload a file for pre-review, before any case exists)',
    description: '`multipart/form-data`：`code` 与 `file`（PDF/JPG/PNG/OFD，按内容识别）。答复中的 `fileRef` 用于提交或补正预审。',
    bodyAlternatives: [
      {
        contentType: 'multipart/form-data',
        schema: {
          type: 'object',
          properties: {
            code: (z.toJSONSchema(UploadPrereviewFileFields) as { properties: Record<string, unknown> }).properties.code,
            file: { type: 'string', format: 'binary' },
          },
          required: ['code', 'file'],
        },
        example: { code: 'BUSINESS_LICENCE', file: '(binary)' },
      },
    ],
    responses: {
      201: {
        description: '已上传',
        example: {
          id: '5f0c…',
          ownerId: 'zhangsan',
          code: 'BUSINESS_LICENCE',
          fileName: '营业执照.pdf',
          contentType: 'application/pdf',
          size: 48213,
          sha256: '…',
          uploadedAt: '2026-11-28T08:29:00.000Z',
          fileRef: 'prereview-file:5f0c…',
        },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/prereview/:id/files/:fileId/content',
    tags: ['预审 prereview'],
    access: 'authenticated',
    summary: '下载预审材料文件 (download a pre-review file)',
    params: z.object({ id: z.string().describe('预审编号'), fileId: z.string().describe('文件编号') }),
    responses: { 200: { description: '文件内容', contentType: 'application/octet-stream', example: '(binary)' }, ...errors(401, 404) },
  },
  {
    method: 'post',
    path: '/api/prereview/:id/case',
    tags: ['预审 prereview'],
    access: 'authenticated',
    summary: '预审通过后转正式申请 (start the formal case)',
    params: IdParams,
    body: StartFormalBody,
    bodyExample: { form: { shopName: '好味面馆' }, materials: { submitted: ['BUSINESS_LICENCE'], commitments: [], deferrals: [] } },
    responses: { 201: { description: '已创建办件', example: exampleCaseView }, ...errors(400, 401, 404, 409) },
  },
]);
