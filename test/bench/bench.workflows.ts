// Workflow entry of the benchmark worker: the real engine and the hand-written baseline in one bundle.
export * from '../../workflows';
export * from './hand-written.workflow';
