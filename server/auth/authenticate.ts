import type { RequestHandler } from 'express';
import type { Actor } from '../../workflows/engine/model';
import { forbidden, unauthorized } from '../errors';
import { ROLE_LABELS, type Role } from './roles';
import type { TokenIssuer } from './tokens';

export type AuthenticatedActor = Actor & { name: string };

declare module 'express-serve-static-core' {
  interface Request {
    actor?: AuthenticatedActor;
  }
}

/** Requires a valid bearer token and puts the caller on `req.actor`. */
export function authenticate(tokens: TokenIssuer): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) return next(unauthorized());
    try {
      req.actor = await tokens.verify(match[1]);
      next();
    } catch {
      next(unauthorized('令牌无效或已过期 (invalid or expired token)'));
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
