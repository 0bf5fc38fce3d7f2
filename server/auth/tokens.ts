import { SignJWT, jwtVerify } from 'jose';
import type { Actor } from '../../workflows/engine/model';
import { ROLES, type Role } from './roles';

const ISSUER = 'haoban';

export interface TokenIssuer {
  issue(actor: Actor & { name: string }, ttl?: string): Promise<string>;
  verify(token: string): Promise<Actor & { name: string }>;
}

/** Bearer tokens: HS256 JWTs carrying the user's id, name, roles and groups. */
export function createTokenIssuer(secret: string): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    async issue(actor, ttl = '12h') {
      return new SignJWT({ name: actor.name, roles: actor.roles, groups: actor.groups })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(actor.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(key);
    },
    async verify(token) {
      // A token without an expiry would be valid forever: refused.
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] });
      const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => ROLES.includes(r as Role));
      const groups = Array.isArray(payload.groups) ? payload.groups.map(String) : [];
      if (!payload.sub) throw new Error('token has no subject');
      return { id: payload.sub, name: String(payload.name ?? payload.sub), roles, groups };
    },
  };
}
