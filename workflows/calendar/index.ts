export * from './rules';
export * from './working-days';
