import { App, Chart, Testing } from 'cdk8s';
import { SensitiveNamespace, DataClassification, SensitiveNamespaceProps } from '../../constructs';

/** A fresh app with one chart. */
export function newChart(id = 'test'): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, id) };
}

/** Every object the app's charts synthesize (runs validation and the compliance check). */
export function synthApp(app: App): any[] {
  return app.charts.flatMap(c => Testing.synth(c));
}

/** The one object of a kind and name; fails the test when absent or ambiguous. */
export function find(objects: readonly any[], kind: string, name: string, namespace?: string): any {
  const found = objects.filter(o => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  if (found.length !== 1) throw new Error(`expected one ${kind}/${name}, found ${found.length}: ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found[0];
}

/** A SensitiveNamespace with minimal valid props. */
export function namespace(chart: Chart, id = 'team', props: Partial<SensitiveNamespaceProps> = {}): SensitiveNamespace {
  return new SensitiveNamespace(chart, id, { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-a', ...props });
}

/** A pinned test image. */
export const IMAGE = `registry.example.com/team/app@sha256:${'a'.repeat(64)}`;
