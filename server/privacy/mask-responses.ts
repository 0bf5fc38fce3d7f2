import type { RequestHandler } from 'express';
import type { AuthenticatedActor } from '../auth/authenticate';
import { maskPersonal, masksFor } from './mask';

/**
 * Masks phone and ID numbers in every JSON answer of the routes it guards, for staff (applicants
 * only ever receive their own data). Done on the server so a full number never reaches a screen
 * that did not ask for it through the audited reveal.
 */
export function maskResponses(): RequestHandler {
  return (req, res, next) => {
    const actor = (req as { actor?: AuthenticatedActor }).actor;
    if (!masksFor(actor)) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => json(res.statusCode < 400 ? maskPersonal(body) : body);
    next();
  };
}
