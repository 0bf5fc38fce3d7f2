// The single workflowsPath entry: every workflow type the worker registers.
export * from './case.workflow';
export * from './handling/notification-dispatcher.workflow';
export * from './fallback.workflow';
export * from './event-case.workflow';
export * from './hotline.workflow';
export * from './agency.workflow';
export * from './linkage.workflow';
export * from './timer-start.workflow';
