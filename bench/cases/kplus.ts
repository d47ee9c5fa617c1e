/**
 * Case `kplus`: what a user writes without the library — the same N workloads as cdk8s-plus-27
 * Deployments with default container props, each exposed by a Service, in the same namespaces,
 * synthesized to YAML by a plain App.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { arg, cpuNow, now, numberArg, report, round, runCase, settle, startProfile, stopProfile } from '../child';
import { benchImage, namespaceName, namespaceOf, PORT, shapeOf, workloadName } from '../scenario';

runCase(() => {
  const loadMs = now();
  const n = numberArg('n');
  const outdir = arg('out');

  settle();
  startProfile();
  const c0 = cpuNow();
  const t0 = now();
  const app = new App({ outdir });
  const shape = shapeOf(n);
  const charts: Chart[] = [];
  for (let j = 0; j < shape.namespaces; j++) {
    const chart = new Chart(app, namespaceName(j));
    new kplus.Namespace(chart, 'Namespace', { metadata: { name: namespaceName(j) } });
    charts.push(chart);
  }
  for (let i = 0; i < n; i++) {
    const j = namespaceOf(i, shape);
    const deployment = new kplus.Deployment(charts[j], workloadName(i), {
      metadata: { name: workloadName(i), namespace: namespaceName(j) },
      containers: [{ image: benchImage(i), portNumber: PORT }],
    });
    deployment.exposeViaService({ name: workloadName(i) });
  }
  const t1 = now();
  app.synth();
  const t2 = now();
  const cpuMs = cpuNow() - c0;
  stopProfile();

  const objects = app.node.findAll().filter(x => x instanceof ApiObject).length;
  report({ case: 'kplus', n, ms: round(t2 - t0), cpuMs: round(cpuMs), constructMs: round(t1 - t0), synthMs: round(t2 - t1), loadMs: round(loadMs), objects });
});
