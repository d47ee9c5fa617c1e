import { ComplianceConfig } from './config';
import { configProblems } from './config-check';
import { runCompliance } from './engine';
import { ManifestIndex } from './manifest-index';
import { Finding, SourceLocation } from './types';

/**
 * What the plugin uses of the context cdk8s-cli passes to a validation (`ValidationContext` of
 * `cdk8s-cli/plugins`). Declared here, so that the library's types do not need cdk8s-cli, which
 * an app has only when it runs `cdk8s synth`; a test holds it to cdk8s-cli's own declaration.
 */
export interface Soc2ValidationContext {
  /** The synthesized manifest files. */
  readonly manifests: readonly string[];
  /** The documents of one manifest file. */
  parseManifest(manifestPath: string): any[];
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
}

/**
 * The compliance engine as a cdk8s-cli validation plugin, so a plain `cdk8s synth` enforces the
 * catalogue on any chart, hand-written ApiObjects included. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-soc2/lib/src/compliance/plugin.js
 *     version: 0.0.0
 *     class: Soc2Validation
 *     properties: { allowedRegistries: [registry.example.com/] }   # any ComplianceConfig
 * ```
 */
export class Soc2Validation {
  private readonly config: ComplianceConfig;

  /** @param properties the `properties` of the cdk8s.yaml entry: a ComplianceConfig. */
  public constructor(properties: ComplianceConfig = {}) {
    const problems = configProblems(properties);
    if (problems.length > 0) {
      throw new Error(`invalid properties of the cdk8s-soc2 validation: ${problems.map(p => `${p.key ?? 'properties'} ${p.problem}`
        + (p.suggestion === undefined ? '' : ` (did you mean "${p.suggestion}"?)`)).join('; ')}`);
    }
    this.config = properties;
  }

  /** Checks every synthesized manifest and reports one violation per control. */
  public async validate(context: Soc2ValidationContext): Promise<void> {
    const docs: { doc: unknown; source: SourceLocation }[] = [];
    for (const file of context.manifests) {
      context.parseManifest(file).forEach((doc, i) => docs.push({ doc, source: { file, document: i + 1 } }));
    }
    const report = runCompliance(ManifestIndex.fromDocuments(docs), { config: this.config });
    const byControl = new Map<string, Finding[]>();
    for (const f of report.findings) byControl.set(f.controlId, [...(byControl.get(f.controlId) ?? []), f]);
    for (const [ruleName, findings] of byControl) {
      context.report.addViolation({
        ruleName,
        recommendation: `${findings[0].title}: ${findings.map(f => `${f.object.ref}: ${f.message}`).join('; ')}`,
        fix: findings[0].remediation,
        violatingResources: findings.map(f => ({
          resourceName: f.object.name,
          manifestPath: f.object.source.file ?? '',
          locations: [f.path ?? ''],
        })),
      });
    }
    context.report.submit(byControl.size === 0 ? 'success' : 'failure', {
      controls: String(report.controls.length),
      objects: String(report.index.objects.length),
      findings: String(report.findings.length),
    });
  }
}
