import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { services } from './private/services';

/**
 * A name of this cluster's DNS: `<service>.<namespace>.svc`, or a pod's under a headless Service
 * (`<pod>.<service>.<namespace>.svc`), optionally followed by the cluster domain `cluster.local`
 * (a trailing dot allowed). A name that only contains `svc` somewhere (`db.svc.corp.example.com`)
 * resolves outside the cluster.
 */
const CLUSTER_HOST = /^(?:[a-z0-9](?:[-a-z0-9]*[a-z0-9])?\.){2,}svc(?:\.cluster\.local)?\.?$/;

/** Whether a DNS name is a Service of this cluster. */
function isClusterHost(name: unknown): boolean {
  return typeof name === 'string' && CLUSTER_HOST.test(name.toLowerCase());
}

function exposure(svc: IndexedObject, out: CheckResult[]): void {
  const spec = (svc.raw as any).spec ?? {};
  const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
  const before = out.length;
  if (type === 'NodePort') out.push(fail(svc, 'type NodePort opens the port on every node', 'spec.type'));
  else if (type === 'LoadBalancer') out.push(fail(svc, 'type LoadBalancer provisions a load balancer outside the cluster', 'spec.type'));
  else if (type === 'ExternalName' && !isClusterHost(spec.externalName)) {
    out.push(fail(svc, `type ExternalName points at "${spec.externalName}", outside the cluster: an Ingress routed to this Service forwards to that host, and clients reach it under a cluster name`, 'spec.externalName'));
  } else if (type !== 'ClusterIP' && type !== 'ExternalName') out.push(fail(svc, `unknown type "${type}"`, 'spec.type'));
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  if (externalIPs.length > 0) out.push(fail(svc, `spec.externalIPs routes ${externalIPs.join(', ')} to the Service`, 'spec.externalIPs'));
  if (out.length === before) out.push(pass(svc));
}

/**
 * Services stay inside the cluster: type ClusterIP (headless included) or ExternalName to a
 * cluster Service name, and no externalIPs. Services in the ingress controller namespaces
 * (`ingressControllerNamespaces`) are exempt: the controller's LoadBalancer is the way in.
 */
export const serviceNoExternalExposure = defineControl({
  id: 'service-no-external-exposure',
  title: 'Services are not exposed outside the cluster',
  condition: 'Every Service outside the ingress controller namespaces is ClusterIP, not NodePort or LoadBalancer (or headless, or ExternalName to a [<pod>.]<service>.<namespace>.svc[.cluster.local] name) and has no externalIPs.',
  severity: 'high',
  criteria: ['CC6.1', 'CC6.6'],
  references: {
    nsa: 'Network separation and hardening: network policies',
    kubescape: ['C-0256'],
    kubeScore: ['service-type'],
  },
  remediation: 'Use type ClusterIP and publish HTTP services through an Ingress with TLS (CertManagedIngress); remove externalIPs; '
    + 'instead of an ExternalName to an outside host, have clients use that host\'s own name, allowed by an egress rule (CompliantWorkload allowEgressTo).',
  example: 'spec:\n  type: ClusterIP\n  selector:\n    app.kubernetes.io/name: api\n  ports:\n    - { port: 80, targetPort: 8080 }',
  check: ctx => {
    const out: CheckResult[] = [];
    for (const svc of services(ctx.index)) {
      if (ctx.config.ingressControllerNamespaces.includes(svc.namespace!)) {
        out.push(pass(svc, `namespace "${svc.namespace}" runs an ingress controller, which is exposed by design`));
      } else {
        exposure(svc, out);
      }
    }
    return out;
  },
});
