import type { PropProblem } from '../errors';

/**
 * The containers Istio's sidecar injector adds to a pod of the mesh: the proxy, and the init
 * container that sets up its traffic redirection (`istio-validation` when the Istio CNI plugin does
 * that). The injector merges its template into the pod by container name, as Istio documents for
 * customising the proxy.
 * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#customizing-injection
 */
const INJECTED_CONTAINERS: ReadonlySet<string> = new Set(['istio-proxy', 'istio-init', 'istio-validation']);

/**
 * A problem with a workload name that is also the name of a container the injector adds: the
 * workload's container bears the workload's name, so the injector would take it for its own.
 */
export function checkNotInjectedContainer(prop: string, name: string): PropProblem | undefined {
  if (!INJECTED_CONTAINERS.has(name)) return undefined;
  const what = name === 'istio-proxy'
    ? 'would merge the application container with its proxy, as it does to customise the proxy (the application\'s image would run in place of the proxy, and the pod would leave the mesh\'s mTLS)'
    : 'would add its init container of the same name, and Kubernetes refuses a pod with two containers of one name';
  return {
    prop, value: name,
    problem: `names the workload's container, and "${name}" is a container Istio's sidecar injector adds to every pod of the mesh: it ${what}`,
    fix: `choose another name, e.g. "${name.replace(/^istio-/, '')}-app"`,
  };
}
