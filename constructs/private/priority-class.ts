import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { emit } from './api';

/** The PriorityClass the library emits for workloads that name none. */
export const PRIORITY_CLASS = 'cdk8s-soc2-workload';

const EMITTED = Symbol.for('cdk8s-soc2.priority-class');

/**
 * Emits the PriorityClass {@link PRIORITY_CLASS} once per app, in the app's first chart (so its
 * place does not depend on which workload is created first): services holding customer data are
 * scheduled before, and never preempted by, work without a priority (SOC 2 A1.2).
 */
export function ensurePriorityClass(scope: Construct): void {
  const root = scope.node.root as Construct & { [EMITTED]?: boolean };
  if (root[EMITTED]) return;
  Object.defineProperty(root, EMITTED, { value: true });
  const chart = root.node.children.find(Chart.isChart) ?? Chart.of(scope);
  emit(chart, 'Soc2PriorityClass', 'scheduling.k8s.io/v1', 'PriorityClass', { name: PRIORITY_CLASS }, {
    value: 100000,
    globalDefault: false,
    preemptionPolicy: 'PreemptLowerPriority',
    description: 'Services that hold customer data (cdk8s-soc2 CompliantWorkload).',
  });
}
