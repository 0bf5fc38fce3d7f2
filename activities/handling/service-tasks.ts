// Service tasks of the handling modes (办中) and post-handling (办后), by the names the BPMN uses.
export {
  handlingTimeLimit,
  handlingCorrectionNotice,
  handlingExtendTimeLimit,
  handlingClockPause,
  handlingClockResume,
} from './time-limits';
export { handlingInspectionRoute } from './inspection';
export { handlingDeferralAccept, handlingSupplementCheck, handlingSupplementOverdue, handlingTerminate } from './deferral';
export { handlingCommitmentNotice, handlingVerificationPlan, handlingVerificationOverdue, handlingFalseCommitment } from './commitment';
export { licenceResolveMaterials, deliverResult } from '../licences/service-tasks';
export { ratingCallbackDeadline, ratingCallbackOverdue, ratingFixDeadline, ratingFeedback } from '../ratings/rectification';
