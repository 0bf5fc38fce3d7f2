// The roles are a domain rule and live in activities/domain/roles.ts; this re-export keeps the many
// route, OpenAPI and service imports of '../auth/roles' unchanged.
export * from '../../activities/domain/roles';
