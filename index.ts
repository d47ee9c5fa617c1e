export * from './constructs';
export * from './src/compliance';
