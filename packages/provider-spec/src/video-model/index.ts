export * from './v3/index';
export * from './v4/index';
