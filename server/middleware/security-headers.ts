import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Security headers (安全响应头) by helmet. The policy fits what the app serves: the console (a Vite
 * build of React, antd, bpmn-js and echarts: scripts only from this origin, antd's CSS-in-JS and
 * bpmn-js diagrams need inline styles, icons and fonts come as data: URLs) and Swagger UI at
 * /api/docs (its start-up script is a separate file, so no inline script is allowed anywhere).
 * Nobody may frame the app (frame-ancestors 'none' and X-Frame-Options DENY).
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain http on a loopback address too: no upgrade of its own requests, no HSTS.
    strictTransportSecurity: false,
  });
}

/** A caller's `x-request-id` is kept only when short and plain; anything else is replaced by a fresh id. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}
