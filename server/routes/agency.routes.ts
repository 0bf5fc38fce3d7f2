import { Router } from 'express';
import { z } from 'zod';
import { actorOf, requireRole } from '../auth/authenticate';
import { STAFF_ROLES } from '../auth/roles';
import { body, query } from '../middleware/validate';
import type { AgencyService } from '../services/agency.service';
import { AGENTS, AGENT_ROLE_LABELS, COMMUNITIES } from '../../activities/domain/machines/directory';
import { Page, Variables } from './cases.routes';

const Applicant = z.object({ name: z.string().min(1).max(200), userId: z.string().optional(), phone: z.string().max(30).optional() });
const Team = z.object({
  dedicated: z.string().min(1).describe('专职代办员'),
  business: z.string().optional().describe('业务帮办员'),
  enterprise: z.string().optional().describe('企业服务专员'),
});

export const ProjectIntakeBody = z.object({
  channel: z
    .enum(['window', 'solicitation', 'departmentTransfer', 'specialistHandover'])
    .describe('线下窗口 | 主动征集 | 部门转交 | 专员移交'),
  title: z.string().min(2).max(300),
  applicant: Applicant,
  fromDepartment: z.string().optional(),
  fromSpecialist: z.string().optional(),
  team: Team.optional(),
});

export const CommunityRequestBody = z.object({
  community: z.string().min(1),
  title: z.string().min(2).max(300),
  applicant: Applicant.extend({ needs: z.enum(['elderly', 'disabled', 'other']) }),
});

export const RedVestHelpBody = z.object({
  applicantName: z.string().min(1).max(100),
  need: z.enum(['online', 'selfService']),
  note: z.string().max(500).optional(),
});

export const AgencyEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agency.accept'), team: Team }),
  z.object({ type: z.literal('agency.decline'), reason: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('agency.signMandate'), signedBy: z.string().min(1).max(200) }),
  z.object({ type: z.literal('preReview.schedule'), departments: z.array(z.string()).min(1), meetingAt: z.string().min(1) }),
  z.object({ type: z.literal('preReview.opinion'), department: z.string().min(1), opinion: z.string().min(1).max(4000) }),
  z.object({ type: z.literal('phase.followUp') }),
  z.object({ type: z.literal('project.inOperation'), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('agency.complete'), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('agency.progress'), text: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('agency.suspend'), reason: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('agency.resume'), signedBy: z.string().min(1).max(200) }),
  z.object({ type: z.literal('agency.terminate'), reason: z.string().min(1).max(2000) }),
  z.object({ type: z.literal('agency.rate'), score: z.number().int().min(1).max(5), comment: z.string().max(2000).optional() }),
]);

export const AgencyCaseBody = z.object({
  processKey: z.string().min(1),
  title: z.string().max(300).optional(),
  variables: Variables.default({}),
});
export const AgencyBoardQuery = z.object({ agent: z.string().optional().describe('supervisors may look at another agent’s board') });
export const ListAgencyQuery = z.object({ status: z.enum(['active', 'done']).optional(), ...Page });

/** 帮办代办 (/api/agency). */
export function agencyRoutes(agency: AgencyService): Router {
  const router = Router();
  const intake = requireRole('window', 'agent', 'admin');
  router.post('/projects', intake, async (req, res) => {
    res.status(201).json(await agency.intakeProject(body(req, ProjectIntakeBody), actorOf(req)));
  });
  router.post('/community-requests', intake, async (req, res) => {
    res.status(201).json(await agency.communityRequest(body(req, CommunityRequestBody), actorOf(req)));
  });
  router.post('/help-requests', intake, async (req, res) => {
    res.status(201).json(await agency.redVestHelp(body(req, RedVestHelpBody)));
  });
  router.get('/projects', requireRole(...STAFF_ROLES), async (req, res) => {
    res.json(await agency.list(query(req, ListAgencyQuery)));
  });
  router.get('/projects/:id', async (req, res) => {
    res.json(await agency.get(String(req.params.id), actorOf(req)));
  });
  router.post('/projects/:id/events', requireRole('window', 'agent', 'admin'), async (req, res) => {
    res.json(await agency.send(String(req.params.id), body(req, AgencyEventBody), actorOf(req)));
  });
  router.post('/projects/:id/cases', requireRole('agent', 'admin'), async (req, res) => {
    res.status(201).json(await agency.startCase(String(req.params.id), body(req, AgencyCaseBody), actorOf(req)));
  });
  router.get('/board', requireRole('agent', 'supervisor', 'admin'), async (req, res) => {
    const actor = actorOf(req);
    const { agent } = query(req, AgencyBoardQuery);
    const who = agent && actor.roles.some((r) => r === 'supervisor' || r === 'admin') ? agent : actor.id;
    res.json(await agency.board(who));
  });
  router.get('/agents', requireRole(...STAFF_ROLES), (_req, res) => {
    const items = Object.values(AGENTS).map((a) => ({ ...a, roleLabel: AGENT_ROLE_LABELS[a.role] }));
    res.json({ items, total: items.length });
  });
  router.get('/communities', requireRole(...STAFF_ROLES), (_req, res) => {
    const items = Object.values(COMMUNITIES);
    res.json({ items, total: items.length });
  });
  return router;
}
