import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ComplianceConfig } from '../src/compliance/config';
import { configProblems } from '../src/compliance/config-check';
import { ComplianceReport, runCompliance } from '../src/compliance/engine';
import { ManifestIndex } from '../src/compliance/manifest-index';
import { configProblemFix } from '../src/compliance/private/config-problem-fix';
import { SourceLocation } from '../src/compliance/types';
import { writeReports } from '../src/compliance/write-reports';
import { ComplianceFailedError, propError, PropProblem, Soc2Error } from './errors';
import { dependencyOrder } from './private/dependency-order';
import { enforceCompliance, EnforcingRoot, formatFindings } from './private/enforce';
import { KeyShape, propsOf } from './private/validate';
import { YamlWriter } from './private/yaml-writer';

/** Props of {@link CompliantApp}. */
export interface CompliantAppProps extends AppProps {
  /**
   * Organisation settings of the compliance check (allowed registries, monitoring namespaces, …),
   * checked as the CLI checks a config file: a key that is not a setting (with the closest one) or
   * a value of the wrong type throws a Soc2Error naming `compliance.<key>`.
   * @default - the secure defaults
   */
  readonly compliance?: ComplianceConfig;
  /**
   * Where the evidence is written: JSON, SARIF, the Markdown evidence matrix and the network diagram.
   * `false` writes none.
   * @default - `<outdir>/compliance`
   */
  readonly reportDir?: string | false;
}

/**
 * The props CompliantApp knows, cdk8s's own included, each flagged required or not (a prop added
 * to the interface, or to cdk8s's AppProps, and not here does not compile).
 */
const APP_PROPS = {
  outdir: false, outputFileExtension: false, yamlOutputType: false, recordConstructMetadata: false, resolvers: false, compliance: false, reportDir: false,
} as const satisfies KeyShape<CompliantAppProps>;

interface ChartOutput {
  readonly chart: Chart;
  /** The chart's API objects in output order: `objects[i]` is `apiObjects[i].toJson()`. */
  readonly apiObjects: readonly ApiObject[];
  readonly objects: any[];
  /** The file the chart is written to. */
  readonly file: string;
  /**
   * The chart's YAML (its documents joined by `---` lines), written after the check. Joined as
   * soon as rendered, so the documents' text is not kept in pieces.
   */
  readonly yaml: string;
  /** The number of lines of each object's YAML, for the line numbers in the evidence. */
  readonly lines: number[];
}

/**
 * A cdk8s App whose synth proves compliance: every object of every chart is checked once against
 * the control catalogue, the synth fails (writing nothing) on an unsuppressed finding, and the
 * evidence report and network diagram are written beside the manifests. Each chart is rendered to
 * JSON once and reused for the check, the YAML and the reports. It writes a file per chart (the
 * default `yamlOutputType`) or one for the app; the file-per-resource layouts, whose files cdk8s
 * names by kind and object name only, are refused. A prop it does not know (`outDir` for
 * `outdir`) throws a Soc2Error naming the prop and the closest known one, never falls back to the
 * default.
 */
export class CompliantApp extends App implements EnforcingRoot {
  public readonly complianceConfig?: ComplianceConfig;
  /** Where reports go, or `undefined` for none. */
  public readonly reportDir?: string;
  private readonly recordsConstructMetadata: boolean;
  /** True while the app checks itself (the per-construct validation stands down). */
  public checkingItself = false;
  /** The report of the last synth. */
  public lastReport?: ComplianceReport;

  public constructor(given?: CompliantAppProps) {
    // A prop it does not know (`outDir`, `complience`) is refused rather than left to its default;
    // `compliance: null` (from JSON) is no settings, as if omitted: the secure defaults.
    const found: PropProblem[] = [];
    const isObject = typeof given === 'object' && given !== null && !Array.isArray(given);
    const props = isObject ? propsOf(given, APP_PROPS, found) : {};
    super(props);
    if (given !== undefined && given !== null && !isObject) {
      throw propError(this, 'INVALID_PROP', 'props', given, 'must be an object of props', 'omit them for the defaults, or pass e.g. { outdir: "dist" }');
    }
    const compliance = props.compliance;
    found.push(...complianceProblems(compliance));
    Soc2Error.throwIf(this, 'INVALID_PROP', found);
    if (this.yamlOutputType !== YamlOutputType.FILE_PER_CHART && this.yamlOutputType !== YamlOutputType.FILE_PER_APP) {
      throw propError(this, 'INVALID_PROP', 'yamlOutputType', YamlOutputType[this.yamlOutputType] ?? this.yamlOutputType,
        'names each file by kind and object name only, so objects of one kind and name in two namespaces (every SensitiveNamespace\'s default-deny, quota and limits) overwrite each other, and what is written is not what was checked',
        'use YamlOutputType.FILE_PER_CHART (the default) or YamlOutputType.FILE_PER_APP');
    }
    Soc2Error.throwIf(this, 'INVALID_PROP', propTypeProblems(props));
    this.complianceConfig = compliance;
    this.recordsConstructMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
    this.reportDir = props.reportDir === false ? undefined : props.reportDir ?? path.join(this.outdir, 'compliance');
    enforceCompliance(this);
  }

  /**
   * Every chart of the app, in dependency order: what cdk8s's `App.charts` returns, computed in one
   * walk of the app ({@link dependencyOrder}).
   */
  public get charts(): Chart[] {
    return dependencyOrder(this).filter((c): c is Chart => c instanceof Chart);
  }

  /** Renders, checks (throwing on findings), writes the manifests, then the evidence. */
  public synth(): void {
    const outputs = this.render();
    const report = this.check(outputs);
    this.lastReport = report;
    if (report.findings.length > 0) throw new ComplianceFailedError(formatFindings(report.findings), report.findings);
    fs.mkdirSync(this.outdir, { recursive: true });
    this.write(outputs);
    if (this.reportDir) writeReports(report, this.reportDir);
  }

  /**
   * Renders every chart to JSON. The first `chart.toJson()` resolves dependencies and validates
   * the whole app; the other charts are rendered from the same state, instead of re-validating
   * the whole app once per chart as `chart.toJson()` would. The charts are ordered once, after
   * that first render has added the dependencies between them (each ordering walks the whole app).
   */
  private render(): ChartOutput[] {
    this.checkingItself = true;
    try {
      const first = firstChart(this);
      if (!first) return [];
      const firstObjects = first.toJson();
      const charts = this.charts;
      const rendered = charts.map(chart => {
        const apiObjects = apiObjectsOf(chart);
        return { chart, apiObjects, objects: chart === first ? firstObjects : apiObjects.map(o => o.toJson()) };
      });
      const names = this.fileNames(charts);
      const writer = new YamlWriter();
      return rendered.map((r, i) => {
        const docs = r.objects.map(o => writer.documentWithLines(o));
        return { ...r, file: names[i], yaml: docs.map(d => d.text).join('---\n'), lines: docs.map(d => d.lines) };
      });
    } finally {
      this.checkingItself = false;
    }
  }

  /** File per chart (in topological order) as cdk8s names them, or one app file: the two layouts the app takes. */
  private fileNames(charts: Chart[]): string[] {
    const ext = this.outputFileExtension;
    if (this.yamlOutputType === YamlOutputType.FILE_PER_APP) return charts.map(() => path.join(this.outdir, `app${ext}`));
    const indexed = charts.some(c => c.node.dependencies.some(d => Chart.isChart(d)));
    return charts.map((c, i) => {
      const base = Names.toDnsLabel(c);
      const prefix = indexed ? `${i.toString().padStart(4, '0')}-` : '';
      return path.join(this.outdir, `${prefix}${base}${ext}`);
    });
  }

  /**
   * Checks every object, each located by file, document, start line (cdk8s writes one `---` line
   * between documents) and construct path.
   */
  private check(outputs: ChartOutput[]): ComplianceReport {
    const docs: { doc: unknown; source: SourceLocation }[] = [];
    const position = new Map<string, { document: number; line: number }>();
    for (const o of outputs) {
      // Files are named as the output directory was given (`dist/…` by default), not relative to
      // the working directory, so the evidence is the same wherever the synth runs from.
      const file = o.file;
      o.objects.forEach((doc, i) => {
        const at = position.get(file) ?? { document: 0, line: 1 };
        const source: SourceLocation = { file, document: at.document + 1, line: at.line, constructPath: o.apiObjects[i]?.node.path };
        position.set(file, { document: at.document + 1, line: at.line + o.lines[i] + 1 });
        docs.push({ doc, source });
      });
    }
    return runCompliance(ManifestIndex.fromDocuments(docs), { config: this.complianceConfig });
  }

  /** Writes the manifests from the YAML already rendered for the line numbers. */
  private write(outputs: ChartOutput[]): void {
    const byFile = new Map<string, string[]>();
    for (const o of outputs) {
      const parts = byFile.get(o.file) ?? [];
      if (o.objects.length > 0) parts.push(o.yaml);
      byFile.set(o.file, parts);
    }
    for (const [file, parts] of byFile) fs.writeFileSync(file, parts.join('---\n'), 'utf8');
    if (this.recordsConstructMetadata) {
      const resources: Record<string, { path: string }> = {};
      for (const o of outputs) {
        for (const node of o.chart.node.findAll()) {
          if (node instanceof ApiObject && Chart.of(node) === o.chart) resources[node.name] = { path: node.node.path };
        }
      }
      fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
    }
  }

}

/**
 * The props whose value the app cannot use: a directory or file extension that is not a string (a
 * path built from it would throw at synth, or name another directory), a `reportDir` that is
 * neither a string nor false, a `recordConstructMetadata` that is not a boolean, and an empty
 * `outdir` or `reportDir` (which would write into the working directory).
 */
function propTypeProblems(props: CompliantAppProps): PropProblem[] {
  const found: PropProblem[] = [];
  if (props.outdir !== undefined && (typeof props.outdir !== 'string' || props.outdir === '')) {
    found.push({ prop: 'outdir', value: props.outdir, problem: typeof props.outdir === 'string' ? 'is empty' : 'must be a string: the directory the manifests are written to', fix: 'name a directory, e.g. "dist", or omit it for $CDK8S_OUTDIR or dist' });
  }
  if (props.outputFileExtension !== undefined && typeof props.outputFileExtension !== 'string') {
    found.push({ prop: 'outputFileExtension', value: props.outputFileExtension, problem: 'must be a string', fix: 'write e.g. ".k8s.yaml", or omit it for the default' });
  }
  if (props.reportDir !== undefined && props.reportDir !== false && (typeof props.reportDir !== 'string' || props.reportDir === '')) {
    found.push({ prop: 'reportDir', value: props.reportDir, problem: props.reportDir === '' ? 'is empty' : 'must be a directory name, or false to write no evidence',
      fix: 'name a directory, omit it for <outdir>/compliance, or pass false to write no evidence' });
  }
  if (props.recordConstructMetadata !== undefined && typeof props.recordConstructMetadata !== 'boolean') {
    found.push({ prop: 'recordConstructMetadata', value: props.recordConstructMetadata, problem: 'must be true or false', fix: 'write true or false, or omit it for $CDK8S_RECORD_CONSTRUCT_METADATA' });
  }
  return found;
}

/**
 * The problems of the `compliance` prop, found by the check of a config file
 * ({@link configProblems}), each named `compliance.<key>` with its fix.
 */
function complianceProblems(compliance: ComplianceConfig | undefined): PropProblem[] {
  return configProblems(compliance).map(p => ({
    prop: p.key === undefined ? 'compliance' : `compliance.${p.key}`,
    value: p.value,
    problem: p.problem,
    fix: configProblemFix(p),
  }));
}

/** The API objects of a chart in the order cdk8s writes them (dependency order, own objects only). */
function apiObjectsOf(chart: Chart): ApiObject[] {
  return dependencyOrder(chart)
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/** A chart of the app, breadth first (the app's own children first), found without ordering all charts. */
function firstChart(app: App): Chart | undefined {
  const queue: IConstruct[] = [...app.node.children];
  for (let i = 0; i < queue.length; i++) {
    const c = queue[i];
    if (Chart.isChart(c)) return c;
    queue.push(...c.node.children);
  }
  return undefined;
}

