import type { ServiceTaskHandler } from './registry';
import { writeResult } from './write-result';
import { inspectionExemption } from '../catalog/inspection-exemption';
import * as handling from '../handling/service-tasks';

/** Service-task implementations by `zeebe:taskDefinition type`. */
export const serviceTaskHandlers: Record<string, ServiceTaskHandler> = {
  'write-result': writeResult,
  'inspection-exemption': inspectionExemption,
  'handling-time-limit': handling.handlingTimeLimit,
  'handling-correction-notice': handling.handlingCorrectionNotice,
  'handling-extend-time-limit': handling.handlingExtendTimeLimit,
  'handling-clock-pause': handling.handlingClockPause,
  'handling-clock-resume': handling.handlingClockResume,
  'handling-inspection-route': handling.handlingInspectionRoute,
  'handling-deferral-accept': handling.handlingDeferralAccept,
  'handling-supplement-check': handling.handlingSupplementCheck,
  'handling-supplement-overdue': handling.handlingSupplementOverdue,
  'handling-terminate': handling.handlingTerminate,
  'handling-commitment-notice': handling.handlingCommitmentNotice,
  'handling-verification-plan': handling.handlingVerificationPlan,
  'handling-verification-overdue': handling.handlingVerificationOverdue,
  'handling-false-commitment': handling.handlingFalseCommitment,
  'licence-resolve-materials': handling.licenceResolveMaterials,
  'deliver-result': handling.deliverResult,
  'rating-callback-deadline': handling.ratingCallbackDeadline,
  'rating-callback-overdue': handling.ratingCallbackOverdue,
  'rating-fix-deadline': handling.ratingFixDeadline,
  'rating-feedback': handling.ratingFeedback,
};
