import { Argv, CommandModule } from 'yargs';
import { CATALOGUE } from '../../compliance/catalogue';
import { didYouMean } from '../../compliance/common/suggest';
import { Control, CRITERIA, FrameworkReferences, Severity, SEVERITIES, TrustCriterion } from '../../compliance/types';
import { CommandContext } from '../context';
import { UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { outputOption, severityOption } from '../options';
import { writeOutput } from '../output';
import { columns } from '../private/text';

/** Frameworks a control can reference, as named on the command line. */
export const FRAMEWORKS: Readonly<Record<string, keyof FrameworkReferences>> = {
  'pss': 'pss',
  'cis': 'cis',
  'nsa': 'nsa',
  'kubescape': 'kubescape',
  'polaris': 'polaris',
  'kube-score': 'kubeScore',
};

/** Output formats of `controls`. */
export const CONTROLS_FORMATS = ['text', 'json', 'markdown'] as const;

/** Arguments of `controls`. */
export interface ControlsArgs {
  readonly criterion?: string;
  readonly framework?: string;
  readonly severity?: Severity;
  readonly format: typeof CONTROLS_FORMATS[number];
  readonly output?: string;
}

/** `cdk8s-soc2 controls`: list the catalogue, optionally filtered. */
export function controlsCommand(ctx: CommandContext): CommandModule<object, ControlsArgs> {
  return {
    command: 'controls',
    describe: 'list the controls (id, severity, SOC 2 criteria, title)',
    builder: (y: Argv<object>) => y
      .option('criterion', { type: 'string', describe: 'only controls mapped to this SOC 2 criterion, e.g. CC6.1', requiresArg: true })
      .option('framework', { choices: Object.keys(FRAMEWORKS), describe: 'only controls that mirror a rule of this framework', requiresArg: true })
      .option('severity', { ...severityOption, describe: 'only controls at or above this severity' })
      .option('format', { alias: 'f', choices: CONTROLS_FORMATS, default: 'text' as const, describe: 'output format', requiresArg: true })
      .option('output', outputOption)
      .example('$0 controls --criterion CC6.7', 'the controls that protect data in transit')
      .example('$0 controls --framework cis --format markdown', 'the CIS-mapped controls as a Markdown table') as unknown as Argv<ControlsArgs>,
    handler: async args => {
      ctx.exitCode = await runControls(args, ctx.io);
    },
  };
}

/** Runs `controls` and returns its exit code. */
export async function runControls(args: ControlsArgs, io: CliIO): Promise<ExitCode> {
  const controls = selectControls(CATALOGUE, args);
  await writeOutput(io, args.output, renderControls(controls, args.format));
  return ExitCode.OK;
}

/** The controls matching the filters of `controls`, in catalogue order. */
export function selectControls(catalogue: readonly Control[], args: Pick<ControlsArgs, 'criterion' | 'framework' | 'severity'>): Control[] {
  const criterion = args.criterion === undefined ? undefined : knownCriterion(args.criterion);
  const framework = args.framework === undefined ? undefined : FRAMEWORKS[args.framework];
  const floor = SEVERITIES.indexOf(args.severity ?? 'low');
  return catalogue.filter(c => (criterion === undefined || c.criteria.includes(criterion))
    && (framework === undefined || hasReference(c.references[framework]))
    && SEVERITIES.indexOf(c.severity) <= floor);
}

function knownCriterion(value: string): TrustCriterion {
  const known = Object.keys(CRITERIA) as TrustCriterion[];
  const match = known.find(k => k.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`unknown criterion "${value}"${didYouMean(value, known)}`, `Known criteria: ${known.join(', ')}.`);
  return match;
}

function hasReference(ref: string | readonly string[] | undefined): boolean {
  return Array.isArray(ref) ? ref.length > 0 : typeof ref === 'string' && ref !== '';
}

function renderControls(controls: readonly Control[], format: ControlsArgs['format']): string {
  if (format === 'json') {
    return JSON.stringify(controls.map(c => ({
      id: c.id, title: c.title, severity: c.severity, criteria: c.criteria, condition: c.condition,
      references: c.references, remediation: c.remediation, suppressible: c.suppressible !== false,
    })), null, 2);
  }
  if (format === 'markdown') {
    const rows = controls.map(c => `| \`${c.id}\` | ${c.severity} | ${c.criteria.join(', ')} | ${escapeCell(c.title)} |`);
    return ['| Control | Severity | Criteria | Title |', '| --- | --- | --- | --- |', ...rows].join('\n');
  }
  if (controls.length === 0) return 'No controls match.';
  const table = columns([['ID', 'SEVERITY', 'CRITERIA', 'TITLE'], ...controls.map(c => [c.id, c.severity, c.criteria.join(','), c.title])]);
  return `${table}\n\n${controls.length} control${controls.length === 1 ? '' : 's'}. Run "cdk8s-soc2 explain <id>" for details.`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
