import { z } from 'zod';
import { STAFF_ROLES } from '../../auth/roles';
import { ReviewMaterialBody, UploadMaterialFields } from '../../routes/materials.routes';
import { CorrectionBody } from '../../routes/correction.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';

const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id), e.g. HB20261128-7K3QF2') });
const MaterialParams = CaseIdParams.extend({ materialId: z.string().describe('材料文件编号 (material file id)') });
const ContentQuery = z.object({ inline: z.enum(['1']).optional().describe('1 = 在浏览器中打开 (Content-Disposition: inline)') });

const { $schema: _drop, ...fieldsSchema } = z.toJSONSchema(UploadMaterialFields, { io: 'input' }) as Record<string, unknown> & {
  properties: Record<string, unknown>;
  required?: string[];
};
/** The multipart body: the file plus the zod-validated text fields. */
const multipartSchema = {
  ...fieldsSchema,
  properties: {
    file: { type: 'string', format: 'binary', description: 'PDF、JPG、PNG 或 OFD，按文件内容识别 (checked by content)' },
    ...fieldsSchema.properties,
  },
  required: ['file', ...(fieldsSchema.required ?? [])],
};

const exampleFile = {
  id: '3f0b8a52-2c61-4c44-9a51-0f7e1f0d2b11',
  code: 'PREMISES_LAYOUT',
  name: '经营场所平面布局图（含功能分区、设备布局）',
  fileName: '平面布局图.pdf',
  contentType: 'application/pdf',
  size: 48213,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  status: 'submitted',
  reviewNote: null,
  reviewedBy: null,
  reviewedAt: null,
  uploadedBy: 'zhangsan',
  uploadedAt: '2026-11-28T09:02:00.000Z',
};

const exampleChecklist = {
  caseId: 'HB20261128-7K3QF2',
  caseStatus: 'running',
  items: [
    {
      code: 'BUSINESS_LICENCE',
      name: '营业执照',
      required: true,
      core: true,
      sources: ['e-licence', 'upload'],
      state: 'e-licence',
      note: '电子证照库调取，免提交 (taken from the e-licence library)',
      history: [],
    },
    {
      code: 'PREMISES_LAYOUT',
      name: '经营场所平面布局图（含功能分区、设备布局）',
      required: true,
      core: true,
      sources: ['upload'],
      state: 'needs-correction',
      note: '未标明功能分区，请补充后重新上传',
      file: {
        ...exampleFile,
        status: 'needs-correction',
        reviewNote: '未标明功能分区，请补充后重新上传',
        reviewedBy: 'window1',
        reviewedAt: '2026-11-28T09:30:00.000Z',
      },
      history: [],
      nonDeferrableReason: '「经营场所平面布局图（含功能分区、设备布局）」是核心要件，不得容缺',
    },
    {
      code: 'FOOD_SAFETY_SYSTEM',
      name: '食品安全管理制度文本',
      required: true,
      core: false,
      sources: ['commitment', 'upload'],
      state: 'committed',
      note: '以书面承诺替代 (replaced by a written commitment, 告知承诺)',
      history: [],
    },
    {
      code: 'HEALTH_CERT',
      name: '从业人员健康证明',
      required: true,
      core: false,
      sources: ['shared-data', 'deferrable', 'upload'],
      state: 'deferred',
      deadline: '2026-12-10T09:00:00.000Z',
      note: '容缺受理，限期补齐 (to be supplied by the deadline)',
      history: [],
    },
  ],
  total: 4,
  complete: false,
  neededFromApplicant: [
    { code: 'PREMISES_LAYOUT', name: '经营场所平面布局图（含功能分区、设备布局）', reason: '未标明功能分区，请补充后重新上传' },
  ],
};

const tooLarge = {
  description: '文件超过大小上限 (file too large)',
  example: {
    error: {
      code: 'PAYLOAD_TOO_LARGE',
      message: '文件超过大小上限 20 MB (file larger than the limit)',
      details: { field: 'file', limitBytes: 20971520 },
    },
  },
};

/** Application materials (申请材料) of a case: upload, checklist, download, review. */
export const materialsRouteDocs = routeDocs([
  {
    method: 'post',
    path: '/api/cases/:id/materials',
    tags: ['申请材料 materials'],
    access: ['applicant', 'window', 'approver', 'agent'],
    summary: '上传申请材料 (upload a material file)',
    description:
      '`multipart/form-data`：字段 `file`（一个文件）与 `code`（事项材料编码；一般流程可用自定义编码并给出 `name`；事项办件的清单外材料用 `OTHER`）。' +
      '文件类型按内容识别（PDF、JPG、PNG、OFD），大小上限默认 20 MB（MATERIALS_CONFIG 可调）。同一编码再次上传时，旧文件标记为 superseded 并保留。' +
      '申请人只能上传到本人的办件（他人办件 404），窗口人员可代为扫描上传；已结束的办件 409。上传记入审计与办理过程。',
    params: CaseIdParams,
    bodyAlternatives: [
      { contentType: 'multipart/form-data', schema: multipartSchema, example: { code: 'PREMISES_LAYOUT', file: '(binary)' } },
    ],
    responses: {
      201: {
        description: '已上传 (stored)',
        example: exampleFile,
        headers: { Location: '/api/cases/{id}/materials/{materialId}/content' },
      },
      400: {
        description: '编码不属于该事项、文件类型不符或缺少文件 (unknown code, type not allowed, no file)',
        example: {
          error: {
            code: 'BAD_REQUEST',
            message: '材料编码 NOPE 不是该事项的申请材料 (not a material of this item)；可用编码：BUSINESS_LICENCE、PREMISES_LAYOUT、OTHER',
            details: { field: 'code', code: 'NOPE', codes: [{ code: 'BUSINESS_LICENCE', name: '营业执照' }] },
          },
        },
      },
      ...errors(401, 403, 404, 409),
      413: tooLarge,
      415: {
        description: '不是 multipart/form-data (not multipart)',
        example: {
          error: {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: '请以 multipart/form-data 上传文件 (upload as multipart/form-data)',
            details: { contentType: 'application/json' },
          },
        },
      },
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id/materials',
    tags: ['申请材料 materials'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '材料清单 (the case’s material checklist)',
    description:
      '事项办件：事项的每一项申请材料（名称、是否核心要件、获取方式）与本办件的状态合并：已提交 / 已通过 / 需补正（附原因）/ 容缺待补（附期限）/ 已承诺（告知承诺）/ 电子证照或共享数据免提交 / 未提交；其后是清单外的上传。一般流程只列上传的文件。`history` 为被取代的旧文件。',
    params: CaseIdParams,
    responses: { 200: { description: '材料清单', example: exampleChecklist }, ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/api/cases/:id/materials/:materialId/content',
    tags: ['申请材料 materials'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '下载材料文件 (download a material file, byte for byte)',
    description: '带原始内容类型与 `Content-Disposition`（UTF-8 文件名按 RFC 5987 编码），`X-Content-SHA256` 为文件摘要。',
    params: MaterialParams,
    query: ContentQuery,
    responses: {
      200: {
        description: '文件内容',
        contentType: 'application/octet-stream',
        example: '(binary)',
        headers: {
          'Content-Disposition': 'attachment; filename="___.pdf"; filename*=UTF-8\'\'%E5%B9%B3%E9%9D%A2.pdf',
          'X-Content-SHA256': '文件的 SHA-256 (hex)',
        },
      },
      ...errors(401, 404),
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/materials/:materialId/review',
    tags: ['申请材料 materials'],
    access: ['window', 'approver'],
    summary: '审查材料：通过或需补正 (review a material file)',
    description: '需补正须写明原因（一次性告知）：申请人的办件进度“需要您做的”随即列出，并通过通知渠道告知一次。已被取代的文件 409。',
    params: MaterialParams,
    body: ReviewMaterialBody,
    bodyExample: { verdict: 'needs-correction', note: '未标明功能分区，请补充后重新上传' },
    responses: {
      200: {
        description: '审查结果',
        example: {
          ...exampleFile,
          status: 'needs-correction',
          reviewNote: '未标明功能分区，请补充后重新上传',
          reviewedBy: 'window1',
          reviewedAt: '2026-11-28T09:30:00.000Z',
        },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'post',
    path: '/api/cases/:id/correction',
    tags: ['申请材料 materials'],
    access: ['window', 'approver'],
    summary: '一次性告知补正 (ask for every correction at once)',
    description:
      '受理时发现材料不齐全或不符合法定形式：一次列出全部需补正的材料（已提交的文件标为需补正，未提交的列为需补交），' +
      '出具《补正材料一次性告知书》、通知申请人，并暂停办理时限计时（《中华人民共和国行政许可法》第三十二条第一款第四项）。受理任务保持待办。' +
      '内容相同的重复请求不会再次告知。材料编码不在本办件清单中 400；办件已结束 409。',
    params: CaseIdParams,
    body: CorrectionBody,
    bodyExample: {
      items: [
        { code: 'PREMISES_LAYOUT', reason: '未标明功能分区和设备布局' },
        { code: 'HEALTH_CERT', reason: '未提交从业人员健康证明' },
      ],
      note: '请补齐后到综合窗口或在网上重新提交',
    },
    responses: {
      200: {
        description: '已告知；`notice` 为告知书（PDF 地址在 `url`）',
        example: {
          caseId: 'HB20261128-7K3QF2',
          items: [{ code: 'PREMISES_LAYOUT', name: '经营场所平面布局图（含功能分区、设备布局）', reason: '未标明功能分区和设备布局' }],
          note: null,
          clockPaused: true,
          notice: {
            kind: 'correction-notice',
            title: '补正材料一次性告知书',
            number: 'BZHB202611287K3QF2-1',
            url: '/api/cases/HB20261128-7K3QF2/documents/…/content',
          },
        },
      },
      ...errors(400, 401, 403, 404, 409),
    },
  },
]);
