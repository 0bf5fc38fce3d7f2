import { issueLicence } from '../../activities/licences/registry';
import type { AuthenticatedActor } from '../auth/authenticate';
import type { PrismaClient } from '../data/generated/client';
import { conflict } from '../errors';

export function createLicencesService(prisma: PrismaClient) {
  return {
    /** The applicant's licence wallet (我的证照): every licence the registry holds for them. */
    async mine(actor: AuthenticatedActor) {
      const items = await prisma.licence.findMany({ where: { holderId: actor.id }, orderBy: { issuedAt: 'desc' } });
      return { items, total: items.length };
    },

    async list(filter: { holderId?: string; type?: string; limit: number; offset: number }) {
      const where = { ...(filter.holderId ? { holderId: filter.holderId } : {}), ...(filter.type ? { type: filter.type } : {}) };
      const [items, total] = await Promise.all([
        prisma.licence.findMany({ where, orderBy: { issuedAt: 'desc' }, take: filter.limit, skip: filter.offset }),
        prisma.licence.count({ where }),
      ]);
      return { items, total };
    },

    /** Registers a licence issued elsewhere (e.g. 营业执照 from the market regulator) into the registry. */
    async register(
      input: {
        type: string;
        name: string;
        issuer: string;
        holderId: string;
        validFrom?: string;
        validUntil?: string | null;
        number?: string;
      },
      actor: AuthenticatedActor,
    ) {
      if (input.number && (await prisma.licence.findUnique({ where: { number: input.number } }))) {
        throw conflict(`证照编号 ${input.number} 已存在 (licence number already registered)`, { number: input.number });
      }
      return prisma.$transaction(async (tx) => {
        const licence = await issueLicence(tx, {
          type: input.type,
          name: input.name,
          issuer: input.issuer,
          holderId: input.holderId,
          validFrom: input.validFrom ? new Date(input.validFrom) : undefined,
          validUntil: input.validUntil ? new Date(input.validUntil) : null,
        });
        const row = input.number ? await tx.licence.update({ where: { id: licence.id }, data: { number: input.number } }) : licence;
        await tx.auditEvent.create({
          data: {
            actor: actor.id,
            action: 'licence.registered',
            after: { id: row.id, type: row.type, holderId: row.holderId, number: row.number },
          },
        });
        return row;
      });
    },
  };
}

export type LicencesService = ReturnType<typeof createLicencesService>;
