import { randomBytes, randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../server/data/generated/client';
import type { RequiredMaterial } from '../handling/materials';

type Db = Pick<PrismaClient, 'licence'> | Pick<Prisma.TransactionClient, 'licence'>;

export interface MaterialResolution {
  /** Taken from the 电子证照库: the applicant is not asked again (国务院令第716号 art. 7). */
  resolved: { code: string; name: string; licenceType: string; licenceNumber: string }[];
  /** Still to be submitted by the applicant. */
  toSubmit: { code: string; name: string }[];
}

/** A valid licence of the holder of this type at `at`, newest first. */
export async function findValidLicence(db: Db, holderId: string, type: string, at = new Date()) {
  return db.licence.findFirst({
    where: { holderId, type, status: 'valid', validFrom: { lte: at }, OR: [{ validUntil: null }, { validUntil: { gt: at } }] },
    orderBy: { issuedAt: 'desc' },
  });
}

/**
 * 免证办: each material with an e-licence source is looked up in the registry; found and valid → not
 * asked. With the 一证通办 flag, the applicant's identity licence alone suffices for every material
 * that the registry can answer.
 */
export async function resolveMaterials(
  db: Db,
  holderId: string,
  materials: RequiredMaterial[],
  oneLicence: boolean,
): Promise<MaterialResolution> {
  const out: MaterialResolution = { resolved: [], toSubmit: [] };
  for (const m of materials) {
    const type = m.licenceType;
    const allowed = type && (!m.sources || m.sources.includes('e-licence') || oneLicence);
    const licence = allowed ? await findValidLicence(db, holderId, type) : null;
    if (licence && type) out.resolved.push({ code: m.code, name: m.name, licenceType: type, licenceNumber: licence.number });
    else out.toSubmit.push({ code: m.code, name: m.name });
  }
  return out;
}

export interface IssueLicenceInput {
  type: string;
  name: string;
  issuer: string;
  holderId: string;
  caseId?: string;
  validFrom?: Date;
  validUntil?: Date | null;
  data?: Record<string, unknown>;
}

/** Issues an electronic licence into the registry (电子证照 = 纸质证照 in effect, 716号 art. 10). */
export async function issueLicence(db: Db, input: IssueLicenceInput) {
  const number = `DZZZ-${new Date().getUTCFullYear()}-${randomBytes(5).toString('hex').toUpperCase()}`;
  return db.licence.create({
    data: {
      id: randomUUID(),
      type: input.type,
      number,
      name: input.name,
      issuer: input.issuer,
      holderId: input.holderId,
      caseId: input.caseId,
      validFrom: input.validFrom ?? new Date(),
      validUntil: input.validUntil ?? null,
      data: (input.data ?? {}) as object,
    },
  });
}
