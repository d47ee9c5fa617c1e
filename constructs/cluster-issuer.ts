import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { propError, PropProblem, Soc2Error } from './errors';
import { BoundIssuer, IIssuer, IssuerDefinition } from './issuer';
import type { AcmeChallenge } from './issuer-props';
import { emit } from './private/api';
import { appRegistry } from './private/app-registry';
import { enforceCompliance } from './private/enforce';
import { checkDnsLabel, KeyShape, propsOf } from './private/validate';

/** Props of {@link ClusterIssuer}. */
export interface ClusterIssuerProps {
  /** What the ClusterIssuer is: `Issuer.acmeHttp01(...)`, `Issuer.acmeDns01(...)` or `Issuer.ca(...)`. */
  readonly issuer: IssuerDefinition;
  /**
   * The ClusterIssuer's name: a DNS-1123 subdomain (lower-case letters, digits, `-` and `.`) of at
   * most 253 characters. Public API: Certificates reference it. An ACME issuer's account key
   * Secret is named after it unless the definition sets `accountKeySecretName`.
   * @default - the construct id
   */
  readonly name?: string;
}

/** The props ClusterIssuer knows (a prop added to the interface and not here does not compile). */
const CLUSTER_ISSUER_PROPS = { issuer: true, name: false } as const satisfies KeyShape<ClusterIssuerProps>;

/**
 * A cert-manager ClusterIssuer, shared by the ingresses of every team; put it in the platform's
 * chart and pass it as the `issuer` of CertManagedIngresses. Its Secrets (ACME account key, DNS
 * provider credentials, CA key pair) live in cert-manager's cluster resource namespace.
 */
export class ClusterIssuer extends Construct implements IIssuer {
  /** The ClusterIssuer's name. */
  public readonly name: string;
  /** The ACME challenge it solves (`undefined` for a CA). */
  public readonly challenge?: AcmeChallenge;
  /** The ClusterIssuer object. */
  public readonly resource: ApiObject;
  private readonly bound: BoundIssuer;

  public constructor(scope: Construct, id: string, props: ClusterIssuerProps) {
    super(scope, id);
    const unknown: PropProblem[] = [];
    props = propsOf(props, CLUSTER_ISSUER_PROPS, unknown);
    Soc2Error.throwIf(this, 'INVALID_PROP', unknown);
    this.name = props?.name ?? id;
    const nameProp = props?.name === undefined ? 'id' : 'name';
    // Checked first: the account key's default name derives from it, and would repeat its problem.
    const nameProblem = checkDnsLabel(nameProp, this.name, { maxLength: 253 });
    if (nameProblem) throw new Soc2Error(this, 'INVALID_NAME', [nameProblem]);
    if (!(props?.issuer instanceof IssuerDefinition)) {
      throw propError(this, 'INVALID_ISSUER', 'issuer', props?.issuer, 'is not an issuer definition',
        'use Issuer.acmeHttp01(...), Issuer.acmeDns01(...) or Issuer.ca(...)');
    }
    const declared = props.issuer._declaredName;
    if (declared !== undefined && declared !== this.name) {
      throw propError(this, 'INVALID_ISSUER', 'issuer.name', declared, `differs from the ClusterIssuer's name "${this.name}"`,
        'name the ClusterIssuer with its id or props.name, and leave issuer.name unset');
    }
    const { spec, bound } = props.issuer._render(this, 'issuer', 'ClusterIssuer', this.name, 'nginx', nameProp);
    const names = appRegistry(this, 'issuer:cluster', () => new Map<string, string>());
    const other = names.get(this.name);
    if (other) {
      throw propError(this, 'DUPLICATE_NAME', props.name === undefined ? 'id' : 'name', this.name, `the app already has a ClusterIssuer named "${this.name}" (${other})`,
        'give each ClusterIssuer a unique name');
    }
    names.set(this.name, this.node.path);
    enforceCompliance(this);
    this.bound = bound;
    this.challenge = bound.challenge;
    this.resource = emit(this, 'Resource', 'cert-manager.io/v1', 'ClusterIssuer', { name: this.name }, { spec });
  }

  /** @internal */
  public _bind(): BoundIssuer {
    return this.bound;
  }
}
