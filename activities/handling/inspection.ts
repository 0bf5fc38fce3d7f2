import type { ServiceTaskHandler } from '../service-tasks/registry';
import { recordStep } from './context';

const MODES = ['remote', 'onsite', 'exempt'] as const;

/**
 * `handling-inspection-route` (集成快办): inspection moved to the window — 远程踏勘, on-site, or exempt.
 * The approval-service-map rule, when the catalogue's `inspection-exemption` task ran before, leaves
 * `inspectionExempt`; otherwise the window's choice `inspectionMode` decides (default: on-site).
 */
export const handlingInspectionRoute: ServiceTaskHandler = async ({ caseId, elementId, variables, prisma }) => {
  const chosen = MODES.find((m) => m === variables.inspectionMode);
  const inspectionMode = variables.inspectionExempt === true ? 'exempt' : (chosen ?? 'onsite');
  await recordStep(prisma, { caseId, elementId, action: 'inspection.routed', after: { inspectionMode } });
  return { inspectionMode };
};
