import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as soc2 from '../constructs';

/** Workloads per namespace in the bench scenario. */
export const WORKLOADS_PER_NAMESPACE = 20;
/** Every how many workloads one sits behind a CertManagedIngress. */
export const INGRESS_EVERY = 10;
/** The port every bench workload serves on. */
export const PORT = 8080;

/** How the N workloads of the scenario are laid out. */
export interface ScenarioShape {
  readonly workloads: number;
  readonly namespaces: number;
}

/** N workloads in N/20 namespaces, at least one. */
export function shapeOf(workloads: number): ScenarioShape {
  return { workloads, namespaces: Math.max(1, Math.floor(workloads / WORKLOADS_PER_NAMESPACE)) };
}

/** The name of namespace `i`: a token that occurs nowhere else, so copies can rename it by text. */
export function namespaceName(i: number): string {
  return `bench-ns-${String(i).padStart(4, '0')}`;
}

/** The name of workload `i`. */
export function workloadName(i: number): string {
  return `svc-${String(i).padStart(4, '0')}`;
}

/** The namespace index of workload `i`: contiguous blocks, the last namespace takes the remainder. */
export function namespaceOf(i: number, shape: ScenarioShape): number {
  return Math.min(shape.namespaces - 1, Math.floor(i / WORKLOADS_PER_NAMESPACE));
}

/** A distinct image pinned by digest for workload `i`. */
export function benchImage(i: number): string {
  let hex = '';
  for (let k = 0; hex.length < 64; k++) hex += ((i * 2654435761 + k * 40503) >>> 0).toString(16).padStart(8, '0');
  return `registry.example.com/bench/${workloadName(i)}@sha256:${hex.slice(0, 64)}`;
}

/**
 * Builds the bench scenario into `app`: one chart per SensitiveNamespace, N CompliantWorkloads,
 * each admitting one peer (the next workload of its namespace, in a ring), every tenth behind a
 * CertManagedIngress (ACME ClusterIssuer), and one MeshMtls in a `platform` chart.
 */
export function buildScenario(app: Construct, workloads: number): void {
  const shape = shapeOf(workloads);
  new soc2.MeshMtls(new Chart(app, 'platform'), 'mesh');

  const namespaces: { chart: Chart; ns: soc2.SensitiveNamespace }[] = [];
  for (let j = 0; j < shape.namespaces; j++) {
    const name = namespaceName(j);
    const chart = new Chart(app, name);
    const ns = new soc2.SensitiveNamespace(chart, name, {
      dataClassification: j % 2 === 0 ? soc2.DataClassification.CONFIDENTIAL : soc2.DataClassification.RESTRICTED,
      owner: `team-${j}`,
      access: { editors: [`oidc:${name}-devs`], viewers: ['oidc:auditors'] },
    });
    namespaces.push({ chart, ns });
  }

  const all: soc2.CompliantWorkload[] = [];
  for (let i = 0; i < workloads; i++) {
    const { chart, ns } = namespaces[namespaceOf(i, shape)];
    all.push(new soc2.CompliantWorkload(chart, workloadName(i), { namespace: ns, image: benchImage(i), port: PORT }));
  }
  wirePeers(all, shape);
  const issuer = soc2.Issuer.clusterIssuer('letsencrypt-prod');
  for (let i = 0; i < workloads; i += INGRESS_EVERY) {
    const { chart, ns } = namespaces[namespaceOf(i, shape)];
    new soc2.CertManagedIngress(chart, `${workloadName(i)}-public`, {
      namespace: ns, host: `${all[i].name}.${ns.name}.example.com`, backend: all[i], issuer, ingressClassName: 'nginx',
    });
  }
}

/** Each workload admits the next one of its namespace (a ring); a namespace of one has no peer. */
function wirePeers(all: readonly soc2.CompliantWorkload[], shape: ScenarioShape): void {
  for (let i = 0; i < all.length; i++) {
    const j = namespaceOf(i, shape);
    const first = j * WORKLOADS_PER_NAMESPACE;
    const last = j === shape.namespaces - 1 ? all.length - 1 : first + WORKLOADS_PER_NAMESPACE - 1;
    const peer = i === last ? first : i + 1;
    if (peer !== i) all[i].allowFrom(all[peer]);
  }
}
