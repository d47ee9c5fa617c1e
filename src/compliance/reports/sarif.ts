import { createHash } from 'node:crypto';
import { checkOptions } from '../common/options';
import { toolVersion } from '../common/tool-version';
import { ComplianceReport, isControlError } from '../engine';
import { STDIN_NAME } from '../load/types';
import { Control, Evaluation, IndexedObject, Severity, SourceLocation } from '../types';
import { referenceLabels, suppressionText } from './private/format';

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** The version of the tool recorded in the log. @default - the version of this package */
  readonly toolVersion?: string;
  /**
   * The absolute URI that the manifest paths are relative to (e.g. `file:///repo/`); recorded as
   * the `SRCROOT` base. @default - paths are left relative to where the run started
   */
  readonly uriBase?: string;
}

/** The options of {@link toSarif} (one added to the interface and not here does not compile). */
const SARIF_OPTIONS = Object.keys({ toolVersion: true, uriBase: true } satisfies Record<keyof SarifOptions, true>);

/** The SARIF 2.1.0 JSON schema. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The tool name in SARIF logs. */
export const SARIF_TOOL_NAME = 'cdk8s-soc2';
/** Where users learn about the tool. */
export const SARIF_INFORMATION_URI = 'https://www.npmjs.com/package/cdk8s-soc2';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning's numeric severities: critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const URI_BASE_ID = 'SRCROOT';

/**
 * The report as a SARIF 2.1.0 log for code-scanning tools: one rule per control (description,
 * condition, remediation and example, SOC 2 criteria and framework references as tags, GitHub's
 * `security-severity`), one result per failed evaluation located at the manifest's file and line
 * (and logically at the object and the construct that emitted it), and the suppressed
 * evaluations as results carrying an in-source suppression with its reason. A result about an
 * object read from standard input is located at the artifact {@link STDIN_URI} (GitHub code
 * scanning refuses a log with a result that has no file location), with a note saying so: name
 * the file stdin stands for when loading (`stdinName` of `loadManifests`) to locate it there. A result
 * about a control that could not be evaluated (`Control/<id>`, read from no input) is located at
 * line 1 of the run's first input file, else at {@link STDIN_URI}, beside its logical location.
 */
export function toSarif(report: ComplianceReport, opts: SarifOptions = {}): object {
  checkOptions('toSarif', opts, SARIF_OPTIONS);
  opts = opts ?? {};
  const ruleIndex = new Map(report.controls.map((c, i) => [c.id, i]));
  const withBase = opts.uriBase !== undefined;
  const at = locatedAt(report);
  const shown = report.outcomes.flatMap(o => o.remarked).filter(e => e.status !== 'passed');
  const where = shown.map(e => at(e.object));
  let runFile: SourceLocation | undefined;
  const results = shown.map((e, i) => result(e, ruleIndex.get(e.control.id) ?? -1, withBase,
    where[i] ?? (isControlError(e.object) ? runFile ??= firstInputFile(report) : undefined)));
  const rejected = report.rejected.map(r => ({
    level: 'warning',
    message: { text: `not a Kubernetes object, not checked: ${r.reason}` },
    ...(r.source.file !== undefined ? { locations: [{ physicalLocation: physical(r.source.file, r.source.line, withBase, r.source.column) }] } : {}),
  }));
  const fromStdin = where.some(w => w?.file === STDIN_NAME) || report.rejected.some(r => r.source.file === STDIN_NAME);
  const notifications = fromStdin ? [...rejected, STDIN_NOTE] : rejected;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: SARIF_TOOL_NAME,
          informationUri: SARIF_INFORMATION_URI,
          version: opts.toolVersion ?? toolVersion(),
          rules: report.controls.map(rule),
        },
      },
      ...(opts.uriBase !== undefined ? { originalUriBaseIds: { [URI_BASE_ID]: { uri: opts.uriBase.endsWith('/') ? opts.uriBase : `${opts.uriBase}/` } } } : {}),
      invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
      results,
    }],
  };
}

function rule(c: Control): object {
  const refs = referenceLabels(c.references);
  const example = c.example ? `\n\nExample:\n${c.example}` : '';
  const exampleMd = c.example ? `\n\n**Example**\n\n\`\`\`yaml\n${c.example}\n\`\`\`` : '';
  const mapping = `SOC 2: ${c.criteria.join(', ')}${refs.length > 0 ? `. References: ${refs.join('; ')}` : ''}.`;
  return {
    id: c.id,
    name: pascal(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.condition },
    defaultConfiguration: { level: LEVEL[c.severity] },
    help: {
      text: `${c.remediation}${example}\n\n${mapping}`,
      markdown: `**Remediation**\n\n${c.remediation}${exampleMd}\n\n${mapping}`,
    },
    properties: {
      'tags': [...new Set(['security', 'soc2', ...c.criteria, ...tags(c)])],
      'security-severity': SECURITY_SEVERITY[c.severity],
      'precision': 'very-high',
    },
  };
}

function tags(c: Control): string[] {
  const r = c.references;
  return [
    ...(r.pss ? [`pss:${r.pss}`] : []),
    ...(r.cis ? [`cis:${r.cis}`] : []),
    ...(r.nsa ? [`nsa:${r.nsa}`] : []),
    ...(r.kubescape ?? []).map(id => `kubescape:${id}`),
    ...(r.polaris ?? []).map(id => `polaris:${id}`),
    ...(r.kubeScore ?? []).map(id => `kube-score:${id}`),
  ];
}

/**
 * Where a result about an object that is not in any input is shown: a namespace the input only
 * uses (never declares) is located at the first object of that namespace read from a file, else
 * from stdin, since code scanning refuses a result without a file location. `undefined` when no
 * input holds one.
 */
function locatedAt(report: ComplianceReport): (object: IndexedObject) => SourceLocation | undefined {
  return object => {
    if (object.source.file !== undefined) return object.source;
    const namespace = object.kind === 'Namespace' ? object.name : object.namespace;
    if (namespace === undefined) return undefined;
    const members = report.index.inNamespace(namespace);
    return (members.find(o => o.source.file !== undefined && o.source.file !== STDIN_NAME) ?? members.find(o => o.source.file !== undefined))?.source;
  };
}

/**
 * Where a result about the run as a whole is shown: line 1 of its first input file (one of its
 * objects, else of its rejected documents) that is not standard input unnamed, else {@link STDIN_URI},
 * since code scanning refuses a whole log when one result has no file location.
 */
function firstInputFile(report: ComplianceReport): SourceLocation {
  const named = (o: { readonly source: SourceLocation }) => o.source.file !== undefined && o.source.file !== STDIN_NAME;
  const file = (report.index.objects.find(named) ?? report.rejected.find(named))?.source.file ?? STDIN_NAME;
  return { file, document: 0, line: 1 };
}

function result(e: Evaluation, index: number, withBase: boolean, where: SourceLocation | undefined): object {
  const { object, control } = e;
  const message = `${object.ref}: ${e.message ?? control.condition}${e.path ? ` (at ${e.path})` : ''}`;
  const logical = [
    { name: object.name, fullyQualifiedName: object.ref, kind: 'resource' },
    ...(object.source.constructPath ? [{ fullyQualifiedName: object.source.constructPath, kind: 'module' }] : []),
  ];
  return {
    ruleId: control.id,
    ruleIndex: index,
    level: LEVEL[control.severity],
    message: { text: message },
    locations: [{
      ...(where?.file !== undefined ? { physicalLocation: physical(where.file, where.line, withBase) } : {}),
      logicalLocations: logical,
    }],
    partialFingerprints: { 'cdk8sSoc2Finding/v1': fingerprint(control.id, object.ref, e.path) },
    ...(e.status === 'suppressed' && e.suppression ? {
      suppressions: [{ kind: 'inSource', justification: suppressionText(e.suppression.reason, e.suppression.expires) }],
    } : {}),
    properties: { criteria: [...control.criteria], object: object.ref, ...(e.path ? { path: e.path } : {}) },
  };
}

/**
 * The artifact that stands for standard input when no file was named for it: `<stdin>` as a URI
 * reference, which code scanning accepts (a result needs a non-empty URI reference) and which
 * names no file of a repository. It is not relative to the source root.
 */
export const STDIN_URI = fileUri(STDIN_NAME);

/** The run's note about {@link STDIN_URI}, for viewers that show notifications. */
const STDIN_NOTE = {
  level: 'note',
  message: { text: `objects read from standard input are located at ${STDIN_NAME}, which names no file: name the file it stands for to locate them there` },
};

function physical(file: string, line: number | undefined, withBase: boolean, column?: number): object {
  const uri = file === STDIN_NAME ? STDIN_URI : fileUri(file);
  const relative = file !== STDIN_NAME && !uri.startsWith('/') && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uri);
  return {
    artifactLocation: { uri, ...(withBase && relative ? { uriBaseId: URI_BASE_ID } : {}) },
    region: {
      startLine: line !== undefined && line >= 1 ? line : 1,
      ...(line !== undefined && line >= 1 && column !== undefined && column >= 1 ? { startColumn: column } : {}),
    },
  };
}

/** A relative (or absolute) file path as a URI reference: forward slashes, each segment percent-encoded. */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const encoded = slashed.split('/').map((seg, i) => (drive && i === 0 ? seg : encodeURIComponent(seg))).join('/');
  return drive ? `file:///${encoded}` : encoded;
}

function fingerprint(controlId: string, ref: string, path: string | undefined): string {
  return createHash('sha256').update(`${controlId}\u0000${ref}\u0000${path ?? ''}`).digest('hex');
}

function pascal(id: string): string {
  return id.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
