export * from './text';
export * from './json';
export * from './sarif';
export * from './markdown';
