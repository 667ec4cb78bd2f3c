export * from './v3/index';
