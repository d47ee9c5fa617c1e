export * from './rbac-rights';
export * from './diff';
export * from './diff-markdown';
export * from './field-changes';
export * from './folded-copies';
