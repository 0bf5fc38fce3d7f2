import { randomUUID } from 'node:crypto';
import { handlingConfig } from '../../activities/handling/config';
import { enqueueCaseNotification } from '../../activities/notifications/outbox';
import type { Variables } from '../../workflows/engine/model';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { BAD_RATING_REASONS } from '../../activities/domain/rating-reasons';
import type { CasesService } from './cases.service';

export const RATING_CHANNELS = ['device', 'qr', 'online', 'sms'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];
export const RATING_LABELS = ['', '非常不满意', '不满意', '基本满意', '满意', '非常满意'] as const;

export interface RateRequest {
  caseId: string;
  level: number;
  channel: RatingChannel;
  /** 一次一评: the on-site service being rated (a window visit / task id); 一事一评 rates the matter. */
  serviceId?: string;
  comment?: string;
  reasons?: string[];
  district?: string;
  subdistrict?: string;
  community?: string;
}

const RECTIFICATION_PROCESS = 'mode-rectification';

/** On-site channels rate each service once (一次一评); online channels rate the matter once (一事一评). */
export function scopeOf(channel: RatingChannel): 'on-site' | 'online' {
  return channel === 'device' || channel === 'qr' ? 'on-site' : 'online';
}

export function createRatingsService(deps: { prisma: PrismaClient; cases: CasesService }) {
  const { prisma, cases } = deps;

  const events = (ratingId: string) => prisma.ratingEvent.findMany({ where: { ratingId }, orderBy: { at: 'asc' } });

  return {
    async rate(req: RateRequest, actor: AuthenticatedActor) {
      const row = await prisma.case.findUnique({ where: { id: req.caseId } });
      if (!row || row.applicantId !== actor.id) throw notFound('case', req.caseId); // only the applicant rates, and sees only their cases
      if (row.status !== 'completed')
        throw conflict(`办件 ${req.caseId} 尚未办结，不能评价 (the case is not finished)`, { status: row.status });
      if (req.level <= 2 && req.channel === 'online' && !req.reasons?.length)
        throw badRequest('一星、二星评价请选择差评原因，以便整改', { field: 'reasons', allowed: BAD_RATING_REASONS });
      const scope = scopeOf(req.channel);
      const serviceKey = scope === 'on-site' ? `service:${req.serviceId ?? 'window'}` : 'matter';
      if (await prisma.rating.findUnique({ where: { caseId_serviceKey: { caseId: req.caseId, serviceKey } } })) {
        throw conflict(
          scope === 'on-site'
            ? '该次服务已评价，评价不可更改 (this service was already rated; ratings cannot be altered)'
            : '该事项已评价，评价不可更改 (this matter was already rated; ratings cannot be altered)',
          { caseId: req.caseId, serviceKey },
        );
      }
      const vars = (row.variables ?? {}) as Variables;
      const invited = await prisma.ratingEvent.findFirst({ where: { caseId: req.caseId, kind: 'invited' } });
      const department = await departmentOf(prisma, req.caseId);
      const rating = await prisma.$transaction(async (tx) => {
        const created = await tx.rating.create({
          data: {
            id: randomUUID(),
            caseId: req.caseId,
            serviceKey,
            raterId: actor.id,
            level: req.level,
            scope,
            channel: req.channel,
            // A rating given after an SMS invitation is not a proactive one (主动评价, GB/T 39734).
            proactive: req.channel !== 'sms' && !invited,
            comment: req.comment ?? null,
            reasons: req.reasons ?? [],
            department,
            district: req.district ?? str(vars.district),
            subdistrict: req.subdistrict ?? str(vars.subdistrict),
            community: req.community ?? str(vars.community),
          },
        });
        await tx.auditEvent.create({
          data: {
            actor: actor.id,
            action: 'rating.created',
            caseId: req.caseId,
            after: { ratingId: created.id, level: created.level, scope, channel: req.channel },
          },
        });
        return created;
      });
      let rectificationCaseId: string | null = null;
      if (rating.level <= handlingConfig().badRatingMaxLevel) {
        const view = await cases.start(
          {
            processKey: RECTIFICATION_PROCESS,
            title: `差评整改：${row.title}`,
            variables: {
              ratingId: rating.id,
              ratedCaseId: row.id,
              level: rating.level,
              comment: rating.comment,
              responsibleUnit: department,
            },
          },
          actor,
          'internal',
        );
        rectificationCaseId = view.caseId;
        await prisma.ratingEvent.create({
          data: {
            id: randomUUID(),
            ratingId: rating.id,
            caseId: row.id,
            kind: 'rectification-opened',
            actor: 'system',
            details: { rectificationCaseId },
          },
        });
      }
      return { ...rating, label: RATING_LABELS[rating.level], rectificationCaseId };
    },

    /** The applicant's own rating of a case (一事一评) and what became of it: rectification progress, re-rating. */
    async mineForCase(caseId: string, actor: AuthenticatedActor) {
      const rating = await prisma.rating.findFirst({ where: { caseId, raterId: actor.id, serviceKey: 'matter' } });
      if (!rating) return { rating: null };
      const log = await events(rating.id);
      const rectOpened = log.find((e) => e.kind === 'rectification-opened');
      const rectCaseId = (rectOpened?.details as { rectificationCaseId?: string } | undefined)?.rectificationCaseId;
      const rect = rectCaseId
        ? await prisma.case.findUnique({ where: { id: rectCaseId }, select: { status: true, startedAt: true, endedAt: true } })
        : null;
      const rerated = await prisma.rating.findFirst({ where: { caseId, raterId: actor.id, serviceKey: { startsWith: 'rerate' } } });
      return {
        rating: {
          id: rating.id,
          level: rating.level,
          label: RATING_LABELS[rating.level],
          comment: rating.comment,
          reasons: rating.reasons,
          createdAt: rating.createdAt,
          removed: isRemoved(log),
        },
        rectification: rect
          ? { status: rect.status, rectified: log.some((e) => e.kind === 'rectified'), startedAt: rect.startedAt, endedAt: rect.endedAt }
          : null,
        rerating: rerated ? { level: rerated.level, label: RATING_LABELS[rerated.level], createdAt: rerated.createdAt } : null,
      };
    },

    async get(ratingId: string, actor: AuthenticatedActor) {
      const rating = await prisma.rating.findUnique({ where: { id: ratingId } });
      if (!rating) throw notFound('rating', ratingId);
      const staff = actor.roles.some((r) => r !== 'applicant');
      if (!staff && rating.raterId !== actor.id) throw notFound('rating', ratingId);
      const log = await events(ratingId);
      return { ...rating, label: RATING_LABELS[rating.level], removed: isRemoved(log), events: log };
    },

    /** 申诉: the rated unit contests a rating it considers mistaken or malicious. */
    async appeal(ratingId: string, reason: string, actor: AuthenticatedActor) {
      const rating = await prisma.rating.findUnique({ where: { id: ratingId } });
      if (!rating) throw notFound('rating', ratingId);
      const log = await events(ratingId);
      if (log.some((e) => e.kind === 'appeal')) throw conflict('该评价已申诉 (already appealed)', { ratingId });
      return prisma.ratingEvent.create({
        data: { id: randomUUID(), ratingId, caseId: rating.caseId, kind: 'appeal', actor: actor.id, details: { reason } },
      });
    },

    /** 复核: the supervisor keeps the rating or removes it from the figures (it stays on record). */
    async review(ratingId: string, decision: 'remove' | 'keep', reason: string, actor: AuthenticatedActor) {
      const rating = await prisma.rating.findUnique({ where: { id: ratingId } });
      if (!rating) throw notFound('rating', ratingId);
      const log = await events(ratingId);
      if (!log.some((e) => e.kind === 'appeal')) throw conflict('该评价没有申诉，无需复核 (no appeal to review)', { ratingId });
      if (log.some((e) => e.kind === 'review')) throw conflict('该评价已复核 (already reviewed)', { ratingId });
      return prisma.ratingEvent.create({
        data: { id: randomUUID(), ratingId, caseId: rating.caseId, kind: 'review', actor: actor.id, details: { decision, reason } },
      });
    },

    /** 再评价: after the rectification feedback, the rater may rate the matter once more. */
    async rerate(ratingId: string, body: { level: number; comment?: string }, actor: AuthenticatedActor) {
      const rating = await prisma.rating.findUnique({ where: { id: ratingId } });
      if (!rating || rating.raterId !== actor.id) throw notFound('rating', ratingId);
      const log = await events(ratingId);
      if (!log.some((e) => e.kind === 'rectified'))
        throw conflict('整改尚未反馈，暂不能再评价 (rectification not finished yet)', { ratingId });
      const serviceKey = `rerate:${ratingId}`;
      if (await prisma.rating.findUnique({ where: { caseId_serviceKey: { caseId: rating.caseId, serviceKey } } }))
        throw conflict('已再评价，评价不可更改 (already re-rated)', { ratingId });
      const created = await prisma.rating.create({
        data: {
          id: randomUUID(),
          caseId: rating.caseId,
          serviceKey,
          raterId: actor.id,
          level: body.level,
          scope: rating.scope,
          channel: 'online',
          proactive: true,
          comment: body.comment ?? null,
          department: rating.department,
          district: rating.district,
          subdistrict: rating.subdistrict,
          community: rating.community,
        },
      });
      await prisma.ratingEvent.create({
        data: {
          id: randomUUID(),
          ratingId,
          caseId: rating.caseId,
          kind: 're-rated',
          actor: actor.id,
          details: { newRatingId: created.id, level: body.level },
        },
      });
      return { ...created, label: RATING_LABELS[created.level] };
    },

    /** SMS 邀评: completed cases unrated for N days get one invitation (Bozhou: >3 days). */
    async sendInvitations(actor: AuthenticatedActor) {
      if (!actor.roles.some((r) => r === 'admin' || r === 'supervisor'))
        throw forbidden('仅管理员或监督人员可发起邀评 (admin or supervisor only)');
      const days = handlingConfig().ratingInvitationDays;
      const before = new Date(Date.now() - days * 86_400_000);
      const candidates = await prisma.case.findMany({
        where: { status: 'completed', endedAt: { lte: before }, processKey: { not: RECTIFICATION_PROCESS } },
        select: { id: true },
      });
      let invited = 0;
      for (const c of candidates) {
        const [rated, already] = await Promise.all([
          prisma.rating.count({ where: { caseId: c.id } }),
          prisma.ratingEvent.count({ where: { caseId: c.id, kind: 'invited' } }),
        ]);
        if (rated || already) continue;
        await prisma.$transaction(async (tx) => {
          await tx.ratingEvent.create({
            data: { id: randomUUID(), caseId: c.id, kind: 'invited', actor: actor.id, details: { afterDays: days } },
          });
          await enqueueCaseNotification(tx, {
            caseId: c.id,
            event: 'notice',
            discriminator: 'rating-invitation',
            notice: {
              title: '邀请您评价 (please rate our service)',
              body: '您的办件已办结，欢迎对本次服务进行评价 (好差评)',
              needed: [],
              deadline: null,
            },
          });
        });
        invited++;
      }
      return { invited };
    },
  };
}

export type RatingsService = ReturnType<typeof createRatingsService>;

export function isRemoved(log: { kind: string; details: unknown }[]): boolean {
  return log.some((e) => e.kind === 'review' && (e.details as { decision?: string }).decision === 'remove');
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/**
 * 谁办理谁负责: the item's department, else the department of the staff who completed the case's first task.
 * The supervisor overview attributes cases the same way in SQL (stats.service overviewTallies): change both.
 */
export async function departmentOf(prisma: PrismaClient, caseId: string): Promise<string | null> {
  // A catalogue item's case belongs to the item's department: its first step is the 综合窗口's (无差别受理).
  const row = await prisma.case.findUnique({ where: { id: caseId }, select: { itemCode: true } });
  if (row?.itemCode) {
    const item = await prisma.catalogItem.findFirst({
      where: { code: row.itemCode },
      orderBy: { version: 'desc' },
      select: { department: true },
    });
    if (item?.department) return item.department;
  }
  const task = await prisma.task.findFirst({
    where: { caseId, status: 'completed', completedBy: { not: null } },
    orderBy: { completedAt: 'asc' },
  });
  if (!task?.completedBy) return null;
  const user = await prisma.user.findUnique({ where: { id: task.completedBy } });
  return user?.department ?? null;
}
