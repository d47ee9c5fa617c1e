export * from './load';
export * from './parse';
export * from './types';
