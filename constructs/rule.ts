import { factoryOptionsOf, KeyShape } from './private/validate';

/**
 * One RBAC rule a workload's ServiceAccount is granted in its namespace; build it with the
 * {@link Rule} factories, or write one for verbs they do not combine (e.g. get and delete).
 */
export interface PolicyRule {
  /** The API group of the resource (`''` for the core group). */
  readonly apiGroup: string;
  /** One resource, in the plural (`configmaps`), optionally with a subresource (`deployments/scale`). */
  readonly resource: string;
  /** Among get, list, watch, create, update, patch and delete. */
  readonly verbs: readonly string[];
  /**
   * The objects the rule reaches; required unless the only verb is `create`, which names cannot restrict.
   * @default - every object of the resource (only for `create`)
   */
  readonly resourceNames?: readonly string[];
}

/** Options of the {@link Rule} factories. */
export interface RuleOptions {
  /**
   * The API group of the resource.
   * @default - looked up for well-known resources and their subresources (configmaps → '', deployments and deployments/scale → 'apps', leases → 'coordination.k8s.io', roles → 'rbac.authorization.k8s.io'), else ''
   */
  readonly apiGroup?: string;
}

const RULE_OPTIONS = { apiGroup: false } as const satisfies KeyShape<RuleOptions>;
const RULE_EXAMPLE = '{ apiGroup: \'example.com\' }';

/** The verbs of reading named objects. */
export const READ_VERBS: readonly string[] = ['get', 'list', 'watch'];
/** The verbs of changing named objects. */
export const WRITE_VERBS: readonly string[] = ['get', 'patch', 'update'];

const GROUPS: Readonly<Record<string, string>> = {
  configmaps: '', endpoints: '', events: '', pods: '', services: '', persistentvolumeclaims: '',
  deployments: 'apps', statefulsets: 'apps', replicasets: 'apps', daemonsets: 'apps', controllerrevisions: 'apps',
  jobs: 'batch', cronjobs: 'batch',
  horizontalpodautoscalers: 'autoscaling', poddisruptionbudgets: 'policy', networkpolicies: 'networking.k8s.io',
  leases: 'coordination.k8s.io',
  ingresses: 'networking.k8s.io',
  endpointslices: 'discovery.k8s.io',
  roles: 'rbac.authorization.k8s.io', rolebindings: 'rbac.authorization.k8s.io',
};

/** The API group of a well-known resource or of its subresource (`deployments/scale` → 'apps'), else the core group. */
function groupOf(resource: string): string {
  const base = typeof resource === 'string' ? resource.split('/')[0] : resource;
  return Object.hasOwn(GROUPS, base) ? GROUPS[base] : '';
}

/**
 * Narrow RBAC rules for a workload: always a single resource, explicit verbs, and (for reads and
 * writes) named objects. The workload refuses wildcards, secrets and exec, and changes to RBAC,
 * network and mesh policy and to whatever runs pods; reading those stays possible. Options that
 * are no object, or an option a factory does not know, throw a Soc2Error (`INVALID_RULE`) naming
 * it (`Rule.read(options.apiGrup)`, with the closest known option).
 */
export class Rule {
  /** get, list, watch on the named objects of one resource. */
  public static read(resource: string, names: readonly string[], options?: RuleOptions): PolicyRule {
    options = factoryOptionsOf('Rule.read', 'INVALID_RULE', options, RULE_EXAMPLE, RULE_OPTIONS);
    return { apiGroup: options.apiGroup ?? groupOf(resource), resource, verbs: READ_VERBS, resourceNames: names };
  }

  /** get, patch, update on the named objects of one resource. */
  public static write(resource: string, names: readonly string[], options?: RuleOptions): PolicyRule {
    options = factoryOptionsOf('Rule.write', 'INVALID_RULE', options, RULE_EXAMPLE, RULE_OPTIONS);
    return { apiGroup: options.apiGroup ?? groupOf(resource), resource, verbs: WRITE_VERBS, resourceNames: names };
  }

  /** create objects of one resource (names cannot restrict create). */
  public static create(resource: string, options?: RuleOptions): PolicyRule {
    options = factoryOptionsOf('Rule.create', 'INVALID_RULE', options, RULE_EXAMPLE, RULE_OPTIONS);
    return { apiGroup: options.apiGroup ?? groupOf(resource), resource, verbs: ['create'] };
  }

  private constructor() {}
}
