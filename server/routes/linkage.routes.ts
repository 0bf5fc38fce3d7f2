import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { LinkageService } from '../services/linkage.service';
import { Page } from './cases.routes';

export const ApprovalDecidedBody = z.object({
  caseId: z.string().min(1),
  supervisingDepartment: z.string().min(1).describe('监管部门 (who must sign for the notice)'),
  itemName: z.string().max(300).optional(),
});
export const FindingBody = z.object({
  title: z.string().min(2).max(300),
  department: z.string().min(1).describe('the supervising department reporting the finding'),
  caseId: z.string().optional(),
  findingType: z.enum(['falseCommitment', 'violation', 'other']).describe('虚假承诺 | 违法违规 | 其他'),
  description: z.string().min(2).max(4000),
});
export const MeetingBody = z.object({
  title: z.string().min(2).max(300),
  department: z.string().min(1).describe('the department that refers the matter'),
  agenda: z.array(z.string().min(1)).min(1),
  departments: z.array(z.string().min(1)).min(1),
  caseId: z.string().optional(),
});
export const CityBody = z.object({
  title: z.string().min(2).max(300),
  department: z.string().min(1),
  matter: z.string().min(2).max(4000),
  reason: z.string().min(2).max(2000),
});
export const AdjustmentBody = z.object({
  change: z.enum(['add', 'change', 'cancel']),
  itemCode: z.string().min(1).max(100),
  itemName: z.string().min(1).max(300),
  payload: z.record(z.string(), z.unknown()).default({}),
  reason: z.string().min(2).max(4000),
  department: z.string().min(1),
});

export const LinkageEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('notice.sign'), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('finding.push') }),
  z.object({
    type: z.literal('finding.act'),
    action: z.enum(['revoke', 'restrict', 'remedy']).describe('撤销 | 限制准入 | 补办'),
    note: z.string().min(1).max(4000),
  }),
  z.object({ type: z.literal('meeting.convene'), heldAt: z.string().min(1) }),
  z.object({
    type: z.literal('meeting.decide'),
    decision: z.string().min(1).max(4000),
    tasks: z
      .array(
        z.object({
          owner: z.string().min(1),
          description: z.string().min(1).max(2000),
          workingDays: z.number().int().min(0).max(60).optional(),
        }),
      )
      .min(1),
  }),
  z.object({ type: z.literal('meeting.taskDone'), index: z.number().int().min(0), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('city.submit'), recipient: z.string().min(1), reference: z.string().max(200).optional() }),
  z.object({ type: z.literal('city.reply'), content: z.string().min(1).max(8000) }),
  z.object({ type: z.literal('city.close'), outcome: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('adjustment.submit') }),
  z.object({ type: z.literal('adjustment.approve'), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('adjustment.return'), note: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('adjustment.reject'), reason: z.string().min(1).max(2000) }),
]);

export const ListLinkageQuery = z.object({
  kind: z.enum(['linkage.notice', 'linkage.finding', 'linkage.meeting', 'linkage.city', 'linkage.adjustment']).optional(),
  status: z.enum(['active', 'done']).optional(),
  department: z.string().optional().describe('部门代码 (department code), e.g. scjgj'),
  ...Page,
});
export const AdjustmentsQuery = z.object({ itemCode: z.string().optional(), ...Page });
export const AssessmentQuery = z
  .object({
    from: z.iso.date().or(z.iso.datetime({ offset: true })),
    to: z.iso.date().or(z.iso.datetime({ offset: true })),
    all: z
      .enum(['0', '1', 'true', 'false'])
      .optional()
      .transform((v) => v === '1' || v === 'true')
      .describe('include 办不成事, 12345 and 帮办代办 steps'),
    basis: z
      .enum(['due', 'done'])
      .default('due')
      .describe('which date places a step in the period: due = 到期日在期内 (default), done = 完成日在期内'),
  })
  .refine((q) => new Date(q.from) <= new Date(q.to), { message: 'from must not be after to', path: ['from'] });

/** The assessment's period: a bare date is a whole China-time day (from its first to its last millisecond). */
export function assessmentRange(q: z.infer<typeof AssessmentQuery>) {
  const from = new Date(q.from.length === 10 ? `${q.from}T00:00:00+08:00` : q.from);
  const to = new Date(q.to.length === 10 ? `${q.to}T23:59:59.999+08:00` : q.to);
  return { from, to, includeAll: q.all, basis: q.basis };
}

/** 审管联动 (/api/linkage). */
export function linkageRoutes(linkage: LinkageService): Router {
  const router = Router();
  router.use(requireRole(...STAFF_ROLES));
  const supervision = requireRole('supervisor', 'approver', 'admin');
  router.post('/case-events', requireRole('approver', 'window', 'admin'), async (req, res) => {
    const result = await linkage.approvalDecided(body(req, ApprovalDecidedBody));
    res.status(result.created ? 201 : 200).json(result);
  });
  router.post('/findings', supervision, async (req, res) => {
    res.status(201).json(await linkage.finding(body(req, FindingBody), actorOf(req)));
  });
  router.post('/meetings', supervision, async (req, res) => {
    res.status(201).json(await linkage.meeting(body(req, MeetingBody), actorOf(req)));
  });
  router.post('/city-escalations', supervision, async (req, res) => {
    res.status(201).json(await linkage.city(body(req, CityBody), actorOf(req)));
  });
  router.post('/adjustments', supervision, async (req, res) => {
    res.status(201).json(await linkage.adjustment(body(req, AdjustmentBody), actorOf(req)));
  });
  router.get('/adjustments/effective', async (req, res) => {
    res.json(await linkage.effectiveAdjustments(query(req, AdjustmentsQuery)));
  });
  router.get('/instances', async (req, res) => {
    res.json(await linkage.list(query(req, ListLinkageQuery), actorOf(req)));
  });
  router.get('/instances/:id', async (req, res) => {
    res.json(await linkage.get(String(req.params.id), actorOf(req)));
  });
  router.post('/instances/:id/events', supervision, async (req, res) => {
    res.json(await linkage.send(String(req.params.id), body(req, LinkageEventBody), actorOf(req)));
  });
  router.get('/departments', async (_req, res) => {
    res.json(await linkage.departments());
  });
  router.get('/commissioners', (_req, res) => {
    res.json(linkage.commissioners());
  });
  router.get('/inspect/:id', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await linkage.inspect(String(req.params.id), actorOf(req)));
  });
  router.get('/assessment', requireRole('supervisor', 'admin'), async (req, res) => {
    res.json(await linkage.assessment(assessmentRange(query(req, AssessmentQuery))));
  });
  return router;
}
