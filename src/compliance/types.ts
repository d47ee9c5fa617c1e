/**
 * The data model of the compliance engine: manifests, controls, results and findings.
 *
 * The engine works on plain Kubernetes objects (parsed YAML or JSON), never on the construct
 * tree, so the same catalogue checks cdk8s-soc2 output, hand-written charts and YAML from Helm or
 * kustomize.
 */

/** How bad a failure of a control is. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from most to least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * SOC 2 Trust Services Criteria (2017, revised points of focus 2022) that the catalogue maps to.
 *
 * - CC6.1 logical access security: segmentation, least privilege, encryption keys
 * - CC6.2 registration and authorisation of users (who may be bound to roles)
 * - CC6.3 role-based access, removal of access, least privilege
 * - CC6.6 protection against threats from outside the system boundary
 * - CC6.7 restriction and protection of data in transmission
 * - CC6.8 prevention of unauthorised or malicious software
 * - CC7.1 detection of configuration changes that introduce vulnerabilities
 * - CC7.2 monitoring of system components for anomalies
 * - CC8.1 authorised, tested and approved changes
 * - A1.2 availability: environmental protections, recovery infrastructure
 * - C1.1 confidential information is identified and protected
 */
export type TrustCriterion =
  | 'CC6.1' | 'CC6.2' | 'CC6.3' | 'CC6.6' | 'CC6.7' | 'CC6.8'
  | 'CC7.1' | 'CC7.2' | 'CC8.1' | 'A1.2' | 'C1.1';

/** What each criterion means, for reports. */
export const CRITERIA: Readonly<Record<TrustCriterion, string>> = {
  'CC6.1': 'Logical access security: segmentation, least privilege and protection of credentials',
  'CC6.2': 'Registration and authorisation of the identities that are granted access',
  'CC6.3': 'Role-based access, least privilege and removal of access',
  'CC6.6': 'Protection against threats from outside the system boundary',
  'CC6.7': 'Restriction and protection of data in transmission',
  'CC6.8': 'Prevention and detection of unauthorised or malicious software',
  'CC7.1': 'Detection of configuration changes that introduce vulnerabilities',
  'CC7.2': 'Monitoring of system components for anomalies and security events',
  'CC8.1': 'Authorised, tested and approved changes to infrastructure and software',
  'A1.2': 'Availability: capacity, redundancy and recovery of the processing environment',
  'C1.1': 'Confidential information is identified, classified and protected',
};

/** A Kubernetes object as parsed from YAML or JSON. */
export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: any;
  readonly [key: string]: any;
}

/** Where an object came from: a file and document, or a construct. */
export interface SourceLocation {
  /** The file, relative to where the run started. @default - not read from a file */
  readonly file?: string;
  /** 1-based document number inside the file (or the position in the list given to the engine); 0 for a whole file. */
  readonly document: number;
  /** 1-based line where the document starts (for a document that could not be read, where the problem is). @default - unknown */
  readonly line?: number;
  /** 1-based column of the problem on {@link line}, for a document that could not be read. @default - unknown */
  readonly column?: number;
  /** The cdk8s construct path that emitted the object. @default - not emitted by cdk8s */
  readonly constructPath?: string;
}

/** A manifest object with the fields every control needs already extracted. */
export interface IndexedObject {
  /** The object as given; controls must not modify it. */
  readonly raw: KubeObject;
  readonly apiVersion: string;
  /** The API group (`''` for the core group). */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** The namespace; namespaced objects without one are in `default`; `undefined` for cluster-scoped kinds. */
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** `Kind/namespace/name` or `Kind/name`: unique and stable, used in reports. */
  readonly ref: string;
  readonly source: SourceLocation;
}

/** A pod template found in a Pod or a workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, …). */
export interface PodTemplate {
  /** The object holding the template. */
  readonly owner: IndexedObject;
  /** The pod spec (`spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`). */
  readonly spec: any;
  /** JSON path of the pod spec inside the owner, e.g. `spec.template.spec`. */
  readonly specPath: string;
  /** Labels of the pods it creates. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations of the pods it creates. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The namespace of the pods. */
  readonly namespace: string;
}

/** A container of a pod template, with its JSON path. */
export interface ContainerRef {
  readonly pod: PodTemplate;
  readonly container: any;
  /** `containers`, `initContainers` or `ephemeralContainers`. */
  readonly list: 'containers' | 'initContainers' | 'ephemeralContainers';
  readonly index: number;
  /** Full JSON path, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
}

/** References to the public frameworks a control mirrors. */
export interface FrameworkReferences {
  /** Pod Security Standards rule, e.g. `restricted: Running as Non-root`. */
  readonly pss?: string;
  /** CIS Kubernetes Benchmark section 5 id, e.g. `5.2.7`. */
  readonly cis?: string;
  /** NSA/CISA Kubernetes Hardening Guidance section. */
  readonly nsa?: string;
  /** Kubescape control ids, e.g. `C-0013`. */
  readonly kubescape?: readonly string[];
  /** Polaris check ids. */
  readonly polaris?: readonly string[];
  /** kube-score check ids. */
  readonly kubeScore?: readonly string[];
}

/** The outcome of one control on one object. */
export interface CheckResult {
  readonly object: IndexedObject;
  readonly passed: boolean;
  /** Why it failed (or, for a pass, what was verified). */
  readonly message?: string;
  /** JSON path of the offending field. @default - the whole object */
  readonly path?: string;
}

/** Everything a control's check can read. */
export interface CheckContext {
  readonly index: import('./manifest-index').ManifestIndex;
  readonly config: import('./config').ResolvedComplianceConfig;
  /** The controls of this run by id (for controls about suppressions). */
  readonly catalogue: ReadonlyMap<string, Control>;
  /**
   * The objects a control that already ran in this run failed (suppressed failures included), or
   * `undefined` when it has not run or could not be evaluated (for controls about suppressions).
   * @default - nothing known: a control that needs it runs the other control itself
   */
  readonly failedBy?: (controlId: string) => ReadonlySet<IndexedObject> | undefined;
}

/** A control of the catalogue: data plus one small pure function. */
export interface Control {
  /** Stable kebab-case id, e.g. `pod-run-as-non-root`. Public API: never renamed. */
  readonly id: string;
  readonly title: string;
  /** The compliant condition in one sentence. */
  readonly condition: string;
  readonly severity: Severity;
  readonly criteria: readonly TrustCriterion[];
  readonly references: FrameworkReferences;
  /** How to fix a failure. */
  readonly remediation: string;
  /** A YAML fragment showing a compliant configuration. @default - none */
  readonly example?: string;
  /** Whether a suppression annotation can silence it. @default true */
  readonly suppressible?: boolean;
  /**
   * Whether a suppression needs an expiry to apply: the exception is a dated window, never
   * permanent (e.g. PERMISSIVE mTLS during a migration). @default false
   */
  readonly suppressionRequiresExpiry?: boolean;
  /**
   * The longest a suppression may run, in days from the day of the check: a later expiry does not
   * apply (a window, not a permanent exception). @default - no limit
   */
  readonly maxSuppressionDays?: number;
  /**
   * Whether a suppression of the control on `object` records a limit of the check rather than an
   * exception to review (a NetworkPolicy for pods that only exist at run time): the
   * organisation's `maxSuppressionDays` does not apply to it; its reason and the control's own
   * window still do. Keep it to shapes no other object has, as it exempts from a review.
   * @default - every suppression of the control is an exception
   */
  suppressionByDesign?(object: IndexedObject): boolean;
  /**
   * Why the control checks nothing under a configuration (e.g. no allowed registries are set), or
   * `undefined` when it runs; the evidence says so instead of calling every object not applicable.
   * @default - the control always runs
   */
  inactive?(config: import('./config').ResolvedComplianceConfig): string | undefined;
  /** Evaluate every object the control applies to; objects not returned are not applicable. */
  check(ctx: CheckContext): readonly CheckResult[];
}

/** A suppression read from an object's annotations. */
export interface Suppression {
  readonly controlId: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the suppression no longer applies. @default - no expiry */
  readonly expires?: string;
}

/** Status of a (control, object) pair in the evidence. */
export type EvaluationStatus = 'passed' | 'failed' | 'suppressed';

/** One row of evidence: a control evaluated on one object. */
export interface Evaluation {
  readonly control: Control;
  readonly object: IndexedObject;
  readonly status: EvaluationStatus;
  readonly message?: string;
  readonly path?: string;
  /** Present when status is `suppressed`. */
  readonly suppression?: Suppression;
}

/** A failed evaluation, as shown to users. */
export interface Finding {
  readonly controlId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly criteria: readonly TrustCriterion[];
  readonly object: IndexedObject;
  readonly message: string;
  readonly path?: string;
  readonly remediation: string;
}
