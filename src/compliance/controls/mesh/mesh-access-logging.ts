import { defineControl, fail, pass } from '../../control';
import { CheckResult, IndexedObject } from '../../types';
import { applicationNamespaces, isApplicationNamespace, namespaceSubject } from '../namespace/private/application-namespaces';
import { accessLogProviders, meshLogging, missingSide } from './private/access-logging';
import { istioObjects, meshNotRequired, policyScopes, refs, specOf, TELEMETRY_GROUP, wideIn } from './private/istio';
import { describeMeshConfig, meshConfig } from './private/mesh-config';

function accessLogging(telemetry: IndexedObject | undefined): unknown {
  return telemetry === undefined ? undefined : specOf(telemetry).accessLogging;
}

/** Every meshed request leaves an access log: the evidence of who called what. */
export const meshAccessLogging = defineControl({
  id: 'mesh-access-logging',
  title: 'Mesh access logging is on',
  condition: 'A Telemetry without selector in the mesh root namespace or in each application namespace enables accessLogging with a named '
    + 'provider for the requests workloads receive (SERVER; logging those they send is left to choice), and no Telemetry in an application namespace turns it off, '
    + 'as istiod merges the levels (a level that names providers drops the others of the levels above it; an entry without providers '
    + 'addresses those of the entry before it). Where the manifests hold istiod\'s mesh config (the mesh key of ConfigMap istio in the mesh root namespace, '
    + 'else an IstioOperator\'s spec.meshConfig there), its defaultProviders.accessLogging are in scope and on before any Telemetry, and its accessLogFile logs '
    + 'every request when no Telemetry and no default provider configures logging.',
  severity: 'medium',
  criteria: ['CC7.2'],
  references: {
    nsa: 'Logging and threat detection: log network traffic',
  },
  remediation: 'Add a Telemetry without selector to the mesh root namespace with accessLogging: [{ providers: [{ name: envoy }] }], '
    + 'and remove entries that set disabled: true.',
  example: 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: mesh-default\n  namespace: istio-system\n'
    + 'spec:\n  accessLogging:\n  - providers:\n    - name: envoy',
  inactive: meshNotRequired,
  check: ctx => {
    if (meshNotRequired(ctx.config)) return [];
    const root = ctx.config.meshRootNamespace;
    const scopes = policyScopes(ctx.index, 'Telemetry', TELEMETRY_GROUP, 'spec.selector.matchLabels');
    const meshWide = wideIn(scopes, root);
    const source = meshConfig(ctx.index, root);
    const mesh = meshLogging(source?.config);
    const chainFor = (ns: string): unknown[] => [accessLogging(meshWide[0]), ...(ns === root ? [] : [accessLogging(wideIn(scopes, ns)[0])])];
    const out: CheckResult[] = applicationNamespaces(ctx).map(ns => {
      const subject = namespaceSubject(ctx.index, ns);
      const wide = [...meshWide, ...(ns === root ? [] : wideIn(scopes, ns))];
      const ambiguous = [meshWide, ns === root ? [] : wideIn(scopes, ns)].find(list => list.length > 1);
      if (ambiguous) return fail(subject, `${ambiguous.length} Telemetry resources without selector apply at one level (${refs(ambiguous)}); Istio accepts only one`);
      const providers = accessLogProviders(chainFor(ns), mesh);
      const missing = missingSide(providers, 'its workloads');
      if (missing === undefined) return pass(subject, `access logs go to ${providers.server.join(', ')}`);
      const configured = source === undefined ? '' : `, nor does ${describeMeshConfig(source)}`;
      return fail(subject, wide.length === 0
        ? `no Telemetry without selector in namespace "${ns}" or the mesh root namespace "${root}" enables access logging${configured}`
        : `access logging is not enabled with a named provider by ${refs(wide)}${source === undefined ? '' : ` under ${describeMeshConfig(source)}`}${missing}`);
    });
    for (const telemetry of istioObjects(ctx.index, 'Telemetry', TELEMETRY_GROUP)) {
      const ns = telemetry.namespace;
      if (ns === undefined || ns === root || !isApplicationNamespace(ctx, ns)) continue;
      if (wideIn(scopes, ns).includes(telemetry) || accessLogging(telemetry) === undefined) continue;
      const missing = missingSide(accessLogProviders([...chainFor(ns), accessLogging(telemetry)], mesh), 'they');
      out.push(missing === undefined ? pass(telemetry)
        : fail(telemetry, `turns access logging off for the workloads it selects${missing}`, 'spec.accessLogging'));
    }
    return out;
  },
});
