import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import { PublicProgressBody, VerifyDocumentBody } from '../../routes/documents.routes';
import { UploadEventMaterialFields } from '../../routes/event-materials.routes';
import { MyCasesQuery } from '../../routes/applicant.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

const tooMany = {
  description: '查询过于频繁 (rate limited)',
  example: { error: { code: 'TOO_MANY_REQUESTS', message: '查询过于频繁，请 42 秒后再试', details: { retryAfterSeconds: 42 } } },
};
const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id), e.g. HB20261128-7K3QF2') });
const EventIdParams = z.object({ id: z.string().describe('一件事办件编号, e.g. EV20261201-7K3QF2') });

const exampleDocument = {
  id: '5b8c1d0e-2f4a-4d8e-9a51-0f7e1f0d2b11',
  caseId: 'HB20261201-7K3QF2',
  kind: 'receipt',
  version: 1,
  versions: 1,
  number: 'SLHB202612017K3QF2-1',
  verifyCode: '48213907',
  title: '受理回执',
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  signer: 'demo-signer（演示签章，不具法律效力）',
  issuedBy: 'system',
  issuedAt: '2026-12-01T09:02:00.000Z',
  url: '/api/cases/HB20261201-7K3QF2/documents/5b8c1d0e-2f4a-4d8e-9a51-0f7e1f0d2b11/content',
};
const exampleProgress = {
  caseNumber: 'HB20261201-7K3QF2',
  title: '食品经营许可（新办）',
  applicant: '张*',
  stage: { code: 'correction', label: '待补正', action: '请按一次性告知书补交材料' },
  startedAt: '2026-12-01T09:02:00.000Z',
  endedAt: null,
  steps: [
    { title: '提交申请', status: 'finish' },
    { title: '受理', status: 'process' },
    { title: '审查决定', status: 'wait' },
    { title: '办结', status: 'wait' },
  ],
  current: ['受理'],
  needed: ['经营场所平面布局图：请加盖公章后重新上传'],
  deadline: '2026-12-08T16:00:00.000Z',
  progress: null,
};

/** The applicant's side: own identity and cases, 一件事 materials, issued documents, and the public lookup. */
export const applicantRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/api/me/identity',
    tags: ['申请人 applicant'],
    access: 'authenticated',
    summary: '本人实名信息 (the signed-in identity, to prefill forms)',
    responses: {
      200: { description: '姓名、身份证号、手机号', example: { name: '张三', idNumber: '610104199001011234', phone: '13800000001' } },
      ...errors(401),
    },
  },
  {
    method: 'get',
    path: '/api/me/cases',
    tags: ['申请人 applicant'],
    access: 'authenticated',
    summary: '我的办件及其状态 (own cases with the stage in plain words: 待补正 / 待缴费 / 待领取 …)',
    query: MyCasesQuery,
    responses: {
      200: {
        description: '办件列表',
        example: {
          items: [
            {
              id: 'HB20261201-7K3QF2',
              title: '食品经营许可（新办）',
              status: 'running',
              stage: exampleProgress.stage,
              startedAt: '2026-12-01T09:02:00.000Z',
              endedAt: null,
            },
          ],
          total: 1,
        },
      },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/me/cases/:id',
    tags: ['申请人 applicant'],
    access: 'authenticated',
    summary: '本人一件办件的状态 (one own case with the stage in plain words)',
    params: z.object({ id: z.string().describe('办件编号') }),
    responses: {
      200: {
        description: '办件状态',
        example: {
          id: 'HB20261201-7K3QF2',
          title: '食品经营许可（新办）',
          status: 'completed',
          stage: { code: 'pickup', label: '待领取', action: '请携带身份证件到窗口领取结果' },
          startedAt: '2026-12-01T09:02:00.000Z',
          endedAt: '2026-12-03T10:00:00.000Z',
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/events/cases/:id/materials',
    tags: ['一件事 events'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '一件事的合并材料清单 (the merged material set and each material’s state)',
    params: EventIdParams,
    responses: {
      200: {
        description: '材料清单',
        example: {
          eventCaseId: 'EV20261201-7K3QF2',
          status: 'running',
          items: [
            {
              code: 'ARTICLES',
              name: '公司章程',
              core: true,
              resolution: 'submitted',
              state: 'submitted',
              file: {
                id: 'x',
                caseId: 'EV20261201-7K3QF2-01',
                fileName: '章程.pdf',
                size: 48213,
                uploadedAt: '2026-12-01T09:02:00.000Z',
                reviewNote: null,
              },
            },
          ],
          missing: 0,
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/events/cases/:id/materials',
    tags: ['一件事 events'],
    access: ['applicant', 'window', 'agent'],
    summary: '上传一件事材料 (one upload, filed with every item that needs it)',
    description:
      '`multipart/form-data`：`code` 与 `file`。文件存入每个已开始且需要该材料的事项办件；其余事项尚未开始时，存入牵头事项办件。',
    params: EventIdParams,
    bodyAlternatives: [
      {
        contentType: 'multipart/form-data',
        schema: {
          type: 'object',
          properties: {
            code: (z.toJSONSchema(UploadEventMaterialFields) as { properties: Record<string, unknown> }).properties.code,
            file: { type: 'string', format: 'binary' },
          },
          required: ['code', 'file'],
        },
        example: { code: 'ARTICLES', file: '(binary)' },
      },
    ],
    responses: {
      201: {
        description: '已上传',
        example: { code: 'ARTICLES', name: '公司章程', fileName: '章程.pdf', cases: ['EV20261201-7K3QF2-01'] },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/documents',
    tags: ['办件文书 documents'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '办件文书 (receipt, correction notice, decisions, e-licence as PDF)',
    description:
      '办件到达相应阶段时生成并保存：受理回执、补正材料一次性告知书、不予受理决定书、准予行政许可决定书、电子证照。内容变化时出具新版本，每次出具记入办理过程。',
    params: CaseIdParams,
    responses: {
      200: { description: '每种文书的最新版本', example: { caseId: 'HB20261201-7K3QF2', items: [exampleDocument] } },
      ...errors(401, 404),
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/documents/:documentId/content',
    tags: ['办件文书 documents'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '下载文书 PDF (download a document)',
    params: CaseIdParams.extend({ documentId: z.string() }),
    responses: { 200: { description: 'PDF', contentType: 'application/pdf', example: '(binary)' }, ...errors(401, 404) },
  },
  {
    method: 'post',
    path: '/api/cases/:id/documents/:kind/reissue',
    tags: ['办件文书 documents'],
    access: ['window', 'approver'],
    summary: '重新出具文书 (reissue: a new version)',
    params: CaseIdParams.extend({ kind: z.enum(['receipt', 'correction-notice', 'rejection', 'approval', 'licence']) }),
    responses: {
      201: { description: '文书列表', example: { caseId: 'HB20261201-7K3QF2', items: [{ ...exampleDocument, version: 2, versions: 2 }] } },
      ...errors(400, 401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/public/progress',
    tags: ['免登录查询 public'],
    access: 'public',
    summary: '免登录查询办件进度 (progress by number and phone or query code)',
    description:
      '办件编号加申请时的手机号，或受理回执上的 6 位查询码。编号不存在与不匹配同样答复 404；只显示脱敏姓名。每个地址每分钟限 20 次（429）。',
    body: PublicProgressBody,
    bodyExample: { caseNumber: 'HB20261201-7K3QF2', phone: '13800000001' },
    responses: { 200: { description: '进度', example: exampleProgress }, ...errors(400, 404), 429: tooMany },
  },
  {
    method: 'post',
    path: '/api/public/documents/verify',
    tags: ['免登录查询 public'],
    access: 'public',
    summary: '核验文书 (check a paper’s number and verification code)',
    body: VerifyDocumentBody,
    bodyExample: { number: 'SLHB202612017K3QF2-1', verifyCode: '48213907' },
    responses: {
      200: {
        description: '核验结果',
        example: {
          valid: true,
          number: 'SLHB202612017K3QF2-1',
          title: '受理回执',
          issuedAt: '2026-12-01T09:02:00.000Z',
          superseded: false,
        },
      },
      ...errors(400),
      429: tooMany,
    },
  },
  {
    method: 'get',
    path: '/api/ratings/reasons',
    tags: ['好差评 ratings'],
    access: 'authenticated',
    summary: '差评原因列表 (the reasons a 1–2 star rating picks from)',
    responses: { 200: { description: '原因', example: { items: ['办事指南不准确、不清楚', '办理时间长、超出承诺时限'] } }, ...errors(401) },
  },
  {
    method: 'get',
    path: '/api/ratings/mine',
    tags: ['好差评 ratings'],
    access: ['applicant'],
    summary: '本人对办件的评价及整改进度 (own rating of a case and its rectification)',
    query: z.object({ caseId: z.string() }),
    responses: {
      200: {
        description: '评价',
        example: {
          rating: {
            id: 'r1',
            level: 2,
            label: '不满意',
            comment: null,
            reasons: ['办理时间长、超出承诺时限'],
            createdAt: '2026-12-01T09:02:00.000Z',
            removed: false,
          },
          rectification: { status: 'running', rectified: false, startedAt: '2026-12-01T09:02:00.000Z', endedAt: null },
          rerating: null,
        },
      },
      ...errors(401, 403),
    },
  },
]);
