import path from 'node:path';
import express, { Router } from 'express';
import { buildOpenApiDocument } from '../openapi/document';

/** Swagger UI shipped by npm (swagger-ui-dist), served locally: the viewer works offline. */
const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const viewerHtml = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>好办 haoban API 文档</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// A separate script (not inline) so a strict Content-Security-Policy can still allow the viewer.
const initJs = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true, tryItOutEnabled: true });`;

/** Public: the OpenAPI document and its interactive viewer (接口文档). */
export function openapiRoutes(): Router {
  const router = Router();
  let document: unknown;
  router.get('/openapi.json', (_req, res) => {
    document ??= buildOpenApiDocument();
    res.json(document);
  });
  router.get('/docs', (_req, res) => res.type('html').send(viewerHtml));
  router.get('/docs/init.js', (_req, res) => res.type('application/javascript').send(initJs));
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false }));
  return router;
}
