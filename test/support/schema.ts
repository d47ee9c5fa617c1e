/**
 * Validates emitted objects against the real resource schemas: Kubernetes 1.27
 * (kubernetes-models), the Istio CRDs (@kubernetes-models/istio, v1beta1/v1alpha1 models whose
 * schemas equal v1) and cert-manager (@kubernetes-models/cert-manager). Needs nothing outside
 * node_modules.
 */

const ISTIO_MODEL_VERSION: Record<string, string> = {
  'security.istio.io': 'v1beta1',
  'networking.istio.io': 'v1beta1',
  'telemetry.istio.io': 'v1alpha1',
};

function modulePath(group: string, version: string): string {
  if (ISTIO_MODEL_VERSION[group]) return `@kubernetes-models/istio/${group}/${ISTIO_MODEL_VERSION[group]}`;
  if (group === 'cert-manager.io') return `@kubernetes-models/cert-manager/${group}/${version}`;
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

/** The schema errors of one object, or `undefined` when it is valid. Unknown kinds are errors. */
export function schemaErrors(obj: any): string | undefined {
  const [group, version] = String(obj.apiVersion).includes('/') ? String(obj.apiVersion).split('/') : ['', String(obj.apiVersion)];
  let mod: any;
  try {
    // the model module depends on the object's apiVersion, so it is loaded by name
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modulePath(group, version));
  } catch {
    return `no schema module for ${obj.apiVersion}`;
  }
  const Model = mod[obj.kind];
  if (typeof Model !== 'function') return `no schema for ${obj.apiVersion} ${obj.kind}`;
  const candidate = ISTIO_MODEL_VERSION[group] ? { ...obj, apiVersion: `${group}/${ISTIO_MODEL_VERSION[group]}` } : obj;
  try {
    new Model(candidate).validate();
    return undefined;
  } catch (e) {
    return `${obj.kind}/${obj.metadata?.name}: ${(e as Error).message}`;
  }
}

/**
 * Rules the API server's admission applies beyond the CRD schemas, which the schemas cannot
 * express: Istio's ServiceEntry validation (pkg/config/validation) accepts CIDR addresses only
 * with resolution NONE or STATIC.
 */
export function admissionErrors(obj: any): string | undefined {
  if (obj.kind !== 'ServiceEntry' || !String(obj.apiVersion).startsWith('networking.istio.io/')) return undefined;
  const cidr = (obj.spec?.addresses ?? []).some((a: string) => a.includes('/'));
  const resolution = obj.spec?.resolution ?? 'NONE';
  return cidr && resolution !== 'NONE' && resolution !== 'STATIC'
    ? `ServiceEntry/${obj.metadata?.name}: CIDR addresses are allowed only for NONE/STATIC resolution types` : undefined;
}

/** The schema and admission errors of many objects. */
export function allSchemaErrors(objects: readonly any[]): string[] {
  return objects.flatMap(o => [schemaErrors(o), admissionErrors(o)]).filter((e): e is string => e !== undefined);
}
