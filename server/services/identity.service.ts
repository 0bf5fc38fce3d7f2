// The signed-in applicant's verified identity (实名身份) for prefilling forms. Production reads it from
// the provincial 统一身份认证 token; the demo keeps a fixed directory, as DEMO_LICENCE_HOLDINGS does for licences.
import type { AuthenticatedActor } from '../auth/authenticate';

export interface Identity {
  name: string;
  idNumber: string | null;
  phone: string | null;
}

/** Demo identities (illustrative, check digits valid). */
export const DEMO_IDENTITIES: Record<string, { idNumber: string; phone: string }> = {
  zhangsan: { idNumber: '610104199001011234', phone: '13800000001' },
  lisi: { idNumber: '61010419851212002X', phone: '13800000002' },
};

export function identityOf(actor: AuthenticatedActor): Identity {
  const known = DEMO_IDENTITIES[actor.id];
  return { name: actor.name || actor.id, idNumber: known?.idNumber ?? null, phone: known?.phone ?? null };
}
