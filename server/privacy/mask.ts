import type { AuthenticatedActor } from '../auth/authenticate';

/**
 * 个人信息去标识化 (masking): phone and ID numbers are shown to staff with their middle hidden;
 * the full number comes only from an audited reveal (《中华人民共和国个人信息保护法》第五条、
 * 第六条 — only what the purpose needs; 第五十一条 — access control and de-identification).
 * Applicants see their own data in full.
 */

/** Keys holding a phone number (contactPhone, phone, callerPhone, mobile, telephone …). */
const PHONE_KEY = /(^|[a-z_])(phone|mobile|telephone|tel)$/i;
/** Keys holding an identity-document number (idNumber, motherIdNumber, idCard …). */
const ID_KEY = /(^|[a-z_])(id_?number|id_?card|id_?no)$/i;

export type PersonalKind = 'phone' | 'id';

export function personalKindOf(key: string): PersonalKind | undefined {
  return PHONE_KEY.test(key) ? 'phone' : ID_KEY.test(key) ? 'id' : undefined;
}

/** 137****0011: the first three and the last four digits of a phone number. */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v.length <= 7) return v.replace(/.(?=.{2})/g, '*');
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** 610104********002X: the region code and the last four characters of an ID number. */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 10) return v.replace(/.(?=.{2})/g, '*');
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

export function maskValue(kind: PersonalKind, value: string): string {
  return kind === 'phone' ? maskPhone(value) : maskIdNumber(value);
}

/** A copy of `value` with every phone and ID number under a recognised key masked, at any depth. */
export function maskPersonal<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskPersonal(v)) as T;
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const kind = personalKindOf(k);
      if (kind && typeof v === 'string' && v) return [k, maskValue(kind, v)];
      return [k, maskPersonal(v)];
    }),
  ) as T;
}

/** Staff see masked numbers; applicants (their own data only ever reaches them) see them in full. */
export function masksFor(actor: AuthenticatedActor | undefined): boolean {
  if (!actor) return true;
  return !(actor.roles.length > 0 && actor.roles.every((r) => r === 'applicant'));
}

/** The value at a dotted path (`applicant.phone`) of an object. */
export function valueAt(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), source);
}
