export * from './model';
export { computeFlows } from './flows';
export * from './mermaid';
export * from './diagram-sections';
