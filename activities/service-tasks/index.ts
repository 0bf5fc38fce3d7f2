import type { ServiceTaskHandler } from './registry';
import { writeResult } from './write-result';

/** Service-task implementations by `zeebe:taskDefinition type`. */
export const serviceTaskHandlers: Record<string, ServiceTaskHandler> = {
  'write-result': writeResult,
};
