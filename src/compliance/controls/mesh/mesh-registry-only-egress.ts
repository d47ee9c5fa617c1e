import { isAllAddresses, isVeryWide } from '../../common/ipv4-mapped';
import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { applicationNamespaces, isApplicationNamespace, namespaceSubject } from '../namespace/private/application-namespaces';
import { istioObjects, meshNotRequired, NETWORKING_GROUP, policyScopes, refs, specOf, wideIn } from './private/istio';
import { describeMeshConfig, meshConfig, MeshConfigSource, meshOutboundMode } from './private/mesh-config';

const REGISTRY_ONLY = 'REGISTRY_ONLY';

function outboundMode(sidecar: IndexedObject): string | undefined {
  const mode = specOf(sidecar).outboundTrafficPolicy?.mode;
  return typeof mode === 'string' ? mode : undefined;
}

/** The mode a Sidecar gives its workloads: its own, or else the mesh configuration's (as istiod falls back). */
function effectiveMode(sidecar: IndexedObject, mesh: MeshConfigSource | undefined): string {
  return outboundMode(sidecar) ?? meshOutboundMode(mesh);
}

/** What the mesh configuration gives: `the mesh default (ALLOW_ANY unless changed at install)`, or `the mesh config's ALLOW_ANY (ConfigMap/istio-system/istio data.mesh)`. */
function meshGives(mesh: MeshConfigSource | undefined): string {
  return mesh === undefined ? describeMeshConfig(mesh) : `the mesh config's ${meshOutboundMode(mesh)} (${mesh.object.ref} ${mesh.path})`;
}

function describe(sidecar: IndexedObject, mesh: MeshConfigSource | undefined): string {
  const mode = outboundMode(sidecar);
  return mode === undefined
    ? `${sidecar.ref} sets no outboundTrafficPolicy, so ${meshGives(mesh)} applies`
    : `${sidecar.ref} sets outboundTrafficPolicy.mode ${mode}`;
}

/**
 * A wildcard host under a top-level domain (`*.com`, `*.io`), or under a country's generic
 * second-level domain, which registrars sell names under as under a top-level one (`*.co.uk`,
 * `*.com.au`, `*.ne.jp`).
 */
const PUBLIC_SUFFIX_WILDCARD = /^\*\.(?:(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|gv|mil|nic|ltd|plc|biz|info|nom|sch)\.[a-z]{2}|[^.]+)\.?$/i;

/**
 * Why a ServiceEntry registers so much that REGISTRY_ONLY limits nothing: a host of every name
 * (`*`) or of every name under a top-level domain or public suffix (`*.com`, `*.co.uk`), or an address range of every address
 * or wider than an IPv4 /8 or an IPv6 /32; with the path of the field.
 */
function registersEverything(entry: IndexedObject): { message: string; path: string } | undefined {
  const spec = specOf(entry);
  const hosts: unknown[] = Array.isArray(spec.hosts) ? spec.hosts : [];
  for (let i = 0; i < hosts.length; i++) {
    const host = hosts[i];
    if (host === '*') return { message: 'registers every host name (hosts: "*"), so REGISTRY_ONLY admits every destination', path: `spec.hosts[${i}]` };
    if (typeof host === 'string' && PUBLIC_SUFFIX_WILDCARD.test(host)) {
      const suffix = host.replace(/^\*\./, '').replace(/\.$/, '');
      const under = suffix.includes('.') ? `the public suffix ${suffix} (${host}), where anyone can register a name` : `a top-level domain (${host})`;
      return { message: `registers every name under ${under}, so REGISTRY_ONLY admits a large part of the internet`, path: `spec.hosts[${i}]` };
    }
  }
  const addresses: unknown[] = Array.isArray(spec.addresses) ? spec.addresses : [];
  for (let i = 0; i < addresses.length; i++) {
    const address = addresses[i];
    if (typeof address !== 'string' || !(isAllAddresses(address) || isVeryWide(address))) continue;
    return { message: `registers the address range ${address}, wider than an IPv4 /8 or an IPv6 /32, so REGISTRY_ONLY admits a large part of the internet`, path: `spec.addresses[${i}]` };
  }
  return undefined;
}

/** Sidecars reach only the hosts in the service registry: external hosts must be declared. */
export const meshRegistryOnlyEgress = defineControl({
  id: 'mesh-registry-only-egress',
  title: 'Mesh egress is limited to registered hosts',
  condition: 'The Sidecar that applies to each application namespace (its own without workloadSelector, else the root namespace\'s) '
    + 'sets outboundTrafficPolicy.mode REGISTRY_ONLY, and so does every Sidecar with a workloadSelector in an application namespace; '
    + 'a Sidecar that sets no outboundTrafficPolicy, and a namespace that no Sidecar applies to, get the mesh configuration\'s (ALLOW_ANY unless the '
    + 'manifests hold istiod\'s mesh config: the mesh key of ConfigMap istio in the mesh root namespace, else an IstioOperator\'s spec.meshConfig there); '
    + 'no ServiceEntry registers every host (*), every name under a top-level domain (*.com) or a generic second-level domain of a country (*.co.uk), or an address range wider than an IPv4 /8 or an IPv6 /32.',
  severity: 'medium',
  criteria: ['CC6.6', 'CC6.1'],
  references: {
    nsa: 'Network separation and hardening: restrict egress',
  },
  remediation: 'Add a Sidecar without workloadSelector to the mesh root namespace with outboundTrafficPolicy.mode REGISTRY_ONLY '
    + '(or set meshConfig.outboundTrafficPolicy.mode REGISTRY_ONLY, and leave it unset in the Sidecars) '
    + 'and declare each allowed external host with a ServiceEntry that names it (api.stripe.com, or *.stripe.com at the widest).',
  example: 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: default\n  namespace: istio-system\n'
    + 'spec:\n  outboundTrafficPolicy:\n    mode: REGISTRY_ONLY',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const root = ctx.config.meshRootNamespace;
    const scopes = policyScopes(ctx.index, 'Sidecar', NETWORKING_GROUP, 'spec.workloadSelector.labels');
    const mesh = meshConfig(ctx.index, root);
    const out: CheckResult[] = applicationNamespaces(ctx).map(ns => {
      const subject = namespaceSubject(ctx.index, ns);
      const own = ns === root ? [] : wideIn(scopes, ns);
      const sidecars = own.length > 0 ? own : wideIn(scopes, root);
      if (sidecars.length === 0) {
        if (meshOutboundMode(mesh) === REGISTRY_ONLY) return pass(subject, `egress limited by ${describeMeshConfig(mesh)}`);
        return fail(subject, `no Sidecar without workloadSelector in namespace "${ns}" or the mesh root namespace "${root}" `
          + `sets outboundTrafficPolicy.mode REGISTRY_ONLY, so ${meshGives(mesh)} applies`);
      }
      if (sidecars.length > 1) {
        return fail(subject, `${sidecars.length} Sidecars without workloadSelector apply (${refs(sidecars)}); Istio's choice among them is undefined, so keep one`);
      }
      if (effectiveMode(sidecars[0], mesh) !== REGISTRY_ONLY) return fail(subject, describe(sidecars[0], mesh));
      return pass(subject, outboundMode(sidecars[0]) === undefined ? `egress limited by ${describeMeshConfig(mesh)}, which ${sidecars[0].ref} leaves in place` : `egress limited by ${sidecars[0].ref}`);
    });
    for (const sidecar of istioObjects(ctx.index, 'Sidecar', NETWORKING_GROUP)) {
      if (sidecar.namespace === undefined || !isApplicationNamespace(ctx, sidecar.namespace)) continue;
      if (wideIn(scopes, sidecar.namespace).includes(sidecar)) continue;
      if (!specOf(sidecar).workloadSelector) continue;
      out.push(effectiveMode(sidecar, mesh) === REGISTRY_ONLY ? pass(sidecar)
        : fail(sidecar, `${describe(sidecar, mesh)} for the workloads it selects`, 'spec.outboundTrafficPolicy.mode'));
    }
    for (const entry of istioObjects(ctx.index, 'ServiceEntry', NETWORKING_GROUP)) {
      const why = registersEverything(entry);
      out.push(why === undefined ? pass(entry) : fail(entry, why.message, why.path));
    }
    return out;
  },
});
