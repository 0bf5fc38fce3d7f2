export * from './district';
export * from './rules';
export * from './statutory';
export * from './working-days';
