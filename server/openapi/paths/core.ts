import { z } from 'zod';
import { TokenRequest } from '../../routes/auth.routes';
import { AuditQuery } from '../../routes/audit.routes';
import { DESK_ROLES, MonthlyReportQuery } from '../../routes/exports.routes';
import { ListFallbackQuery } from '../../routes/fallback.routes';
import { ListHotlineQuery } from '../../routes/hotline.routes';
import { AssessmentQuery } from '../../routes/linkage.routes';
import { OverviewQuery } from '../../routes/stats.routes';
import { ListCasesQuery, StartCaseBody } from '../../routes/cases.routes';
import { DeployBody } from '../../routes/definitions.routes';
import { CompleteTaskBody, ListTasksQuery } from '../../routes/tasks.routes';
import { STAFF_ROLES } from '../../auth/roles';
import { RevealBody } from '../../routes/privacy.routes';
import { errors } from '../conventions';
import { routeDocs } from '../registry';
import { exampleBpmn, exampleCaseDetail, exampleCaseRow, exampleCaseView, exampleDefinition, exampleTask } from './examples';

const CaseIdParams = z.object({ id: z.string().describe('办件编号 (case id), e.g. HB20261128-7K3QF2') });
const TaskIdParams = z.object({ id: z.string().describe('任务编号 (task id)') });
const KeyParams = z.object({ key: z.string().describe('流程标识 (process key = BPMN process id)') });
const VersionQuery = z.object({
  version: z.coerce.number().int().min(1).optional().describe('版本号，缺省为最新 (version; latest when omitted)'),
});

/** The foundation's routes: health, sign-in, cases, tasks, definitions, plus audit and the docs themselves. */
/** A 导出 route's answers: the workbook, or the list route's errors. */
const workbookResponses = () => ({
  200: {
    description: 'Excel 工作簿',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    example: '(binary)',
  },
  ...errors(400, 401, 403),
});

export const coreRouteDocs = routeDocs([
  {
    method: 'get',
    path: '/healthz',
    tags: ['系统 system'],
    access: 'public',
    summary: '健康检查 (health: Temporal and database reachability)',
    responses: {
      200: {
        description: '一切正常 (all reachable); calendar.warnings 提醒未载入的年度放假通知 (from 1 November for next year)',
        example: {
          status: 'ok',
          database: { ok: true, latencyMs: 2 },
          temporal: { ok: true, latencyMs: 4 },
          calendar: {
            ok: false,
            warnings: [
              {
                code: 'CALENDAR_YEAR_MISSING',
                year: 2027,
                message: '2027 年节假日安排尚未载入，涉及该年的期限只按周末和法定节假日暂定计算，请载入国务院办公厅的放假通知',
              },
            ],
          },
        },
      },
      503: {
        description: '部分不可达 (degraded)',
        example: {
          status: 'degraded',
          database: { ok: true, latencyMs: 2 },
          temporal: { ok: false, latencyMs: 3000, error: 'timed out after 3000 ms' },
        },
      },
    },
  },
  {
    method: 'post',
    path: '/api/auth/token',
    tags: ['认证 auth'],
    access: 'public',
    summary: '演示登录：以演示账号换取令牌 (demo sign-in)',
    description: '仅演示模式可用。生产环境由统一身份认证替代。',
    body: TokenRequest,
    bodyExample: { userId: 'window1' },
    responses: {
      200: {
        description: '令牌与用户 (token and user)',
        example: {
          token: 'eyJhbGciOiJIUzI1NiJ9…',
          user: { id: 'window1', name: '王晓窗', roles: ['window'], groups: ['window'], department: '区数据和行政审批局' },
        },
      },
      400: errors(400)[400],
      401: {
        description: '没有这个用户 (no such user)',
        example: { error: { code: 'UNAUTHORIZED', message: '没有这个用户 (no such user): nobody', details: null } },
      },
    },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tags: ['系统 system'],
    access: 'public',
    summary: '本接口文档 (this OpenAPI 3.1 document)',
    responses: { 200: { description: 'OpenAPI 文档', example: { openapi: '3.1.0', info: { title: '好办 haoban API' } } } },
  },
  {
    method: 'get',
    path: '/api/docs',
    tags: ['系统 system'],
    access: 'public',
    summary: '交互式接口文档 (interactive viewer, Swagger UI)',
    responses: { 200: { description: 'HTML 页面', contentType: 'text/html', example: '<!doctype html>…' } },
  },
  {
    method: 'get',
    path: '/api/docs/init.js',
    tags: ['系统 system'],
    access: 'public',
    summary: '接口文档页的初始化脚本 (viewer bootstrap script)',
    responses: {
      200: {
        description: 'JavaScript',
        contentType: 'application/javascript',
        example: "window.ui = SwaggerUIBundle({ url: '/api/openapi.json' })",
      },
    },
  },
  {
    method: 'post',
    path: '/api/cases',
    tags: ['办件 cases'],
    access: ['applicant', ...STAFF_ROLES],
    summary: '申请：启动一个办件 (start a case)',
    description:
      '按流程最新版本启动办件；返回时读模型已包含办件及其首批待办任务。申请人只能为自己申请。流程声明的启动规则（startableBy 角色、startVia 途径）不允许直接申请或当前角色时返回 403 START_NOT_ALLOWED（如各办理模式 mode-* 只能经 POST /api/handling/applications）。',
    body: StartCaseBody,
    bodyExample: { processKey: 'general-approval', title: '食品经营许可', variables: { shopName: '好味面馆' } },
    responses: {
      201: { description: '已创建 (created)', example: exampleCaseView, headers: { Location: '/api/cases/{caseId}' } },
      ...errors(400, 401, 403, 404),
    },
  },
  {
    method: 'get',
    path: '/api/cases',
    tags: ['办件 cases'],
    access: 'authenticated',
    summary: '办件列表 (list cases: applicants see their own, staff see all; 一件事 item cases only with eventItems=1 or eventCaseId)',
    query: ListCasesQuery,
    responses: {
      200: { description: '{items,total}，按申请时间倒序', example: { items: [exampleCaseRow], total: 1 } },
      ...errors(400, 401),
    },
  },
  {
    method: 'get',
    path: '/api/cases/:id',
    tags: ['办件 cases'],
    access: 'authenticated',
    summary: '办件详情：实时状态、当前环节、待办任务、变量与已走路径 (live case state)',
    params: CaseIdParams,
    responses: { 200: { description: '办件详情', example: exampleCaseDetail }, ...errors(401, 404) },
  },
  {
    method: 'get',
    path: '/api/tasks',
    tags: ['任务 tasks'],
    access: STAFF_ROLES,
    summary: '待办箱 (task inbox)',
    description: '`mine=1` 只看本人的：指派给本人、候选人含本人或本人所在组。按优先级、创建时间排序。',
    query: ListTasksQuery,
    responses: { 200: { description: '{items,total}', example: { items: [exampleTask], total: 1 } }, ...errors(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/tasks/:id',
    tags: ['任务 tasks'],
    access: STAFF_ROLES,
    summary: '任务详情 (one task)',
    params: TaskIdParams,
    responses: {
      200: {
        description: '任务',
        example: { ...exampleTask, case: { title: '一般审批事项', workflowId: 'case-HB20261128-7K3QF2', applicantId: 'zhangsan' } },
      },
      ...errors(401, 403, 404),
    },
  },
  {
    method: 'post',
    path: '/api/tasks/:id/complete',
    tags: ['任务 tasks'],
    access: STAFF_ROLES,
    summary: '办理（完成）任务 (complete a user task)',
    description:
      '以 Temporal update 提交，由办件流程校验：不是候选人返回 403，任务已办理返回 409。两位工作人员同时提交同一任务，一位成功，另一位得到 409。',
    params: TaskIdParams,
    body: CompleteTaskBody,
    bodyExample: { variables: { decision: 'approved', opinion: '准予许可' } },
    responses: { 200: { description: '办理后办件的实时状态', example: exampleCaseView }, ...errors(400, 401, 403, 404, 409) },
  },
  {
    method: 'post',
    path: '/api/definitions',
    tags: ['流程定义 definitions'],
    access: ['admin'],
    summary: '部署流程定义 (deploy a BPMN definition)',
    description:
      '请求体为 BPMN XML（application/xml），或 JSON `{xml}`。内容相同则返回已有版本（200），否则新版本（201）。校验失败返回 400 `DEFINITION_INVALID`，`details` 为 `[{elementId, message}]`，可在图上定位。',
    body: DeployBody,
    bodyExample: { xml: exampleBpmn },
    bodyAlternatives: [{ contentType: 'application/xml', example: exampleBpmn }],
    responses: {
      201: { description: '新版本 (new version)', example: { ...exampleDefinition, created: true } },
      200: { description: '内容相同，未新建版本 (same content)', example: { ...exampleDefinition, created: false } },
      400: {
        description: '流程定义无效 (invalid definition)',
        example: {
          error: {
            code: 'DEFINITION_INVALID',
            message: '流程定义无效 (invalid process definition)',
            details: [{ elementId: 'approve', message: '用户任务缺少候选组 (user task has no assignment)' }],
          },
        },
      },
      ...errors(401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/definitions',
    tags: ['流程定义 definitions'],
    access: STAFF_ROLES,
    summary: '已部署流程（各取最新版本）(deployed processes, latest versions)',
    responses: { 200: { description: '{items}', example: { items: [exampleDefinition] } }, ...errors(401, 403) },
  },
  {
    method: 'get',
    path: '/api/definitions/:key/versions',
    tags: ['流程定义 definitions'],
    access: STAFF_ROLES,
    summary: '某流程的全部版本 (versions of a process)',
    params: KeyParams,
    responses: { 200: { description: '{items}，新版本在前', example: { items: [exampleDefinition] } }, ...errors(401, 403, 404) },
  },
  {
    method: 'get',
    path: '/api/definitions/:key/xml',
    tags: ['流程定义 definitions'],
    access: STAFF_ROLES,
    summary: '流程 BPMN XML（供流程图查看器）(BPMN XML)',
    params: KeyParams,
    query: VersionQuery,
    responses: { 200: { description: 'BPMN XML', contentType: 'application/xml', example: exampleBpmn }, ...errors(400, 401, 403, 404) },
  },
  {
    method: 'get',
    path: '/api/definitions/:key',
    tags: ['流程定义 definitions'],
    access: STAFF_ROLES,
    summary: '流程版本摘要 (one version summary)',
    params: KeyParams,
    query: VersionQuery,
    responses: { 200: { description: '摘要', example: exampleDefinition }, ...errors(400, 401, 403, 404) },
  },
  {
    method: 'get',
    path: '/api/audit',
    tags: ['审计 audit'],
    access: ['supervisor', 'admin'],
    summary: '审计日志查询 (audit log search)',
    description: '按办件、操作人、动作、时间段筛选，分页，默认最新在前。',
    query: AuditQuery,
    responses: {
      200: {
        description: '{items,total}',
        example: {
          items: [
            {
              id: '42',
              at: '2026-11-28T09:05:00.000Z',
              actor: 'window1',
              action: 'task.completed',
              caseId: 'HB20261128-7K3QF2',
              taskId: 'HB20261128-7K3QF2/accept/1',
              elementId: 'accept',
              before: null,
              after: { accepted: true },
              details: null,
            },
          ],
          total: 1,
        },
      },
      ...errors(400, 401, 403),
    },
  },
  {
    method: 'get',
    path: '/api/exports/cases.xlsx',
    tags: ['导出 exports'],
    access: STAFF_ROLES,
    summary: '导出办件查询结果 (export the case search as Excel)',
    description: '与 GET /api/cases 相同的筛选条件；最多 10000 行。',
    query: ListCasesQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/monthly-report.xlsx',
    tags: ['导出 exports'],
    access: ['supervisor', 'admin'],
    summary: '导出监督月报 (monthly supervision report by department, Excel)',
    description:
      '按申请时间统计的一个自然月（北京时间）：各部门办件数、1 小时内决定占比、审批层级、材料减免率、好差评各项比率，另附按流程的审批层级。',
    query: MonthlyReportQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/audit.xlsx',
    tags: ['导出 exports'],
    access: ['supervisor', 'admin'],
    summary: '导出审计日志 (export the audit log search as Excel)',
    description: '与 GET /api/audit 相同的筛选条件；最多 10000 行。',
    query: AuditQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/hotline-orders.xlsx',
    tags: ['导出 exports'],
    access: DESK_ROLES,
    summary: '导出 12345 工单 (export the hotline work orders as Excel)',
    description:
      '与 GET /api/hotline/orders 相同的筛选条件与范围（部门人员只含派给本部门的工单）；来电号码按列表的方式遮蔽；状态、类别、承办单位均为文字；最多 10000 行。',
    query: ListHotlineQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/fallback-records.xlsx',
    tags: ['导出 exports'],
    access: DESK_ROLES,
    summary: '导出办不成事登记 (export the 办不成事 records as Excel)',
    description:
      '与 GET /api/fallback/records 相同的筛选条件与范围（部门人员只含转办本部门的记录）；联系电话遮蔽；原因、分类、状态与督办均为文字；最多 10000 行。',
    query: ListFallbackQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/assessment.xlsx',
    tags: ['导出 exports'],
    access: ['supervisor', 'admin'],
    summary: '导出考核评估 (export the linkage assessment: on-time rates per rule and department, Excel)',
    description: '与 GET /api/linkage/assessment 相同的期间、统计口径（basis）与制度范围（all）；每个制度和部门一行，另有合计行。',
    query: AssessmentQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/overview.xlsx',
    tags: ['导出 exports'],
    access: ['supervisor', 'admin'],
    summary: '导出监督总览 (export the supervision overview figures, Excel)',
    description:
      '监督总览页面的数字：办件与待办（导出时的实时数据）、所选期间按部门的服务质量指标（与 GET /api/stats/overview 相同的 from/to/department）、按流程的审批层级、逾期工作清单。',
    query: OverviewQuery,
    responses: workbookResponses(),
  },
  {
    method: 'get',
    path: '/api/exports/tasks.xlsx',
    tags: ['导出 exports'],
    access: STAFF_ROLES,
    summary: '导出待办任务 (export the task inbox as Excel)',
    description: '与 GET /api/tasks 相同的筛选条件与范围（待办页签、查找）；最多 10000 行。',
    query: ListTasksQuery,
    responses: workbookResponses(),
  },
  {
    method: 'post',
    path: '/api/privacy/reveal',
    tags: ['审计 audit'],
    access: STAFF_ROLES,
    summary: '查看完整电话或证件号码 (reveal one masked number, audited)',
    description:
      '工作人员看到的电话号码和证件号码均为脱敏显示（如 137****0011、610104********002X），申请人看到本人的完整信息。' +
      '确需联系或核验身份时，逐项调用本接口取得完整号码，同时记入审计日志（谁、哪个字段、哪个办件或工单）。' +
      '依据《中华人民共和国个人信息保护法》第六条、第五十一条。`subject`: case 办件 / hotline 12345 工单 / fallback 办不成事 / agency 343 代办项目。',
    body: RevealBody,
    bodyExample: { subject: 'hotline', id: '12345-20261128-0001', field: 'callerPhone' },
    responses: {
      200: {
        description: '完整号码',
        example: { subject: 'hotline', id: '12345-20261128-0001', field: 'callerPhone', value: '13700000000' },
      },
      ...errors(400, 401, 403, 404),
    },
  },
]);
