import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { findControl } from '../../src/compliance/catalogue';
import { ComplianceConfig, resolveConfig, ResolvedComplianceConfig } from '../../src/compliance/config';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { Finding } from '../../src/compliance/types';

const ENFORCED = Symbol.for('cdk8s-soc2.enforced');

/** What an App that enforces compliance exposes to the constructs. */
export interface EnforcingRoot {
  /** Organisation settings for the check. */
  readonly complianceConfig?: ComplianceConfig;
  /** While true, the app checks on its own (CompliantApp.synth) and the validation stands down. */
  readonly checkingItself?: boolean;
}

/**
 * The compliance settings of the app that holds `scope`, defaults applied: the constructs' own
 * defaults and limits follow them, so that what they emit passes the check the app runs.
 */
export function appConfig(scope: IConstruct): ResolvedComplianceConfig {
  const root = scope.node.root;
  const settings = (root as EnforcingRoot).complianceConfig;
  // Every construct of a large app asks, several times each: resolve the settings once per app.
  const known = RESOLVED.get(root);
  if (known !== undefined && known.settings === settings) return known.resolved;
  const resolved = resolveConfig(settings);
  RESOLVED.set(root, { settings, resolved });
  return resolved;
}

/** The settings of each app as last resolved ({@link appConfig}), with the settings object they were resolved from. */
const RESOLVED = new WeakMap<IConstruct, { readonly settings: ComplianceConfig | undefined; readonly resolved: ResolvedComplianceConfig }>();

/**
 * Makes every synth of the app that holds `scope` run the compliance engine over all of the app's
 * API objects, so that any app built with the constructs fails on an unsuppressed finding, also
 * with a plain `App` and in `Testing.synth`. Registered once per app.
 *
 * The app runs the check once per validation; each chart with findings reports its own, so that
 * cdk8s labels them with the chart's path (`[shop] compliance check failed …`) rather than the
 * app's empty one. cdk8s validates the app before its charts, so the charts' validations read
 * what the app's has just found.
 */
export function enforceCompliance(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [ENFORCED]?: boolean } & EnforcingRoot;
  if (root[ENFORCED]) return;
  Object.defineProperty(root, ENFORCED, { value: true });
  /** The findings of the last check not yet reported, by chart. */
  let pending = new Map<Chart, Finding[]>();
  const reporting = new WeakSet<Chart>();
  const reportFrom = (chart: Chart) => {
    if (reporting.has(chart)) return;
    reporting.add(chart);
    chart.node.addValidation({
      validate: () => {
        const mine = pending.get(chart);
        pending.delete(chart);
        return mine ? [formatFindings(mine)] : [];
      },
    });
  };
  root.node.addValidation({
    validate: () => {
      pending = new Map();
      if (root.checkingItself) return [];
      const objects = root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
      const docs = objects.map((o, i) => ({ doc: o.toJson(), source: { document: i + 1, constructPath: o.node.path } }));
      const report = runCompliance(ManifestIndex.fromDocuments(docs), { config: root.complianceConfig });
      if (report.findings.length === 0) return [];
      const chartOf = new Map(objects.map(o => [o.node.path, Chart.of(o)]));
      const unplaced: Finding[] = [];
      for (const f of report.findings) {
        const chart = f.object.source.constructPath === undefined ? undefined : chartOf.get(f.object.source.constructPath);
        if (!chart) {
          unplaced.push(f);
          continue;
        }
        reportFrom(chart);
        const list = pending.get(chart) ?? [];
        if (list.length === 0) pending.set(chart, list);
        list.push(f);
      }
      return unplaced.length === 0 ? [] : [formatFindings(unplaced)];
    },
  });
}

/** The message of a failed compliance check: control, object, construct path and fix, one per line. */
export function formatFindings(findings: readonly Finding[]): string {
  const lines = findings.map(f => {
    const where = f.object.source.constructPath ? ` (${f.object.source.constructPath})` : '';
    return `  [${f.severity}] ${f.controlId} on ${f.object.ref}${where}: ${f.message}. Fix: ${f.remediation}`;
  });
  // Only a control that can be suppressed is worth pointing at Compliance.suppress.
  const hint = findings.some(f => findControl(f.controlId)?.suppressible !== false)
    ? ' (suppress one only with Compliance.suppress(construct, id, reason))' : '';
  return `compliance check failed with ${findings.length} finding${findings.length === 1 ? '' : 's'}${hint}:\n${lines.join('\n')}`;
}

/** Whether `x` is a cdk8s App. */
export function isApp(x: unknown): x is App {
  return x instanceof App;
}
