import type { RequestHandler } from 'express';
import type { Actor } from '../../workflows/engine/model';
import { forbidden, unauthorized } from '../errors';
import type { IdentityResolver } from './identity';
import { ROLE_LABELS, type Role } from './roles';
import type { TokenIssuer } from './tokens';

export type AuthenticatedActor = Actor & { name: string; department?: string };

declare module 'express-serve-static-core' {
  interface Request {
    actor?: AuthenticatedActor;
  }
}

/**
 * Requires a valid bearer token and puts the caller on `req.actor`. The token names the user; roles,
 * groups and department come from the user table (briefly cached), so a demotion or a disabled
 * account applies within seconds rather than when the token expires.
 */
export function authenticate(tokens: TokenIssuer, identities: IdentityResolver): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return next(unauthorized());
    let subject: string;
    try {
      subject = (await tokens.verify(match[1])).id;
    } catch {
      return next(unauthorized('令牌无效或已过期 (invalid or expired token)'));
    }
    try {
      req.actor = await identities.resolve(subject);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) return next(unauthorized());
    if (actor.roles.some((r) => roles.includes(r as Role))) return next();
    next(forbidden(`需要以下角色之一 (requires one of these roles): ${roles.map((r) => `${ROLE_LABELS[r]}(${r})`).join('、')}`));
  };
}

/** The authenticated caller; routes behind `authenticate` always have one. */
export function actorOf(req: { actor?: AuthenticatedActor }): AuthenticatedActor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
