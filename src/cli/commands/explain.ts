import { Argv, CommandModule } from 'yargs';
import { CATALOGUE, findControl } from '../../compliance/catalogue';
import { controlIdHint, suggestControlId } from '../../compliance/common/suggest-control-id';
import { suppressionKey } from '../../compliance/suppressions';
import { Control, CRITERIA, FrameworkReferences } from '../../compliance/types';
import { CommandContext } from '../context';
import { UsageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { writeOutput } from '../output';
import { printable } from '../private/text';

/** Output formats of `explain`. */
export const EXPLAIN_FORMATS = ['text', 'json', 'markdown'] as const;

/** Arguments of `explain`. */
export interface ExplainArgs {
  readonly id: string;
  readonly format: typeof EXPLAIN_FORMATS[number];
}

const FRAMEWORK_NAMES: ReadonlyArray<[keyof FrameworkReferences, string]> = [
  ['pss', 'Pod Security Standards'],
  ['cis', 'CIS Kubernetes Benchmark'],
  ['nsa', 'NSA/CISA Hardening Guidance'],
  ['kubescape', 'Kubescape'],
  ['polaris', 'Polaris'],
  ['kubeScore', 'kube-score'],
];

/** `cdk8s-soc2 explain ID`: everything about one control. */
export function explainCommand(ctx: CommandContext): CommandModule<object, ExplainArgs> {
  return {
    command: 'explain <id>',
    describe: 'explain one control: condition, SOC 2 criteria, references, remediation, example',
    builder: (y: Argv<object>) => y
      .positional('id', { type: 'string', describe: 'control id, as listed by "controls"' })
      .option('format', { alias: 'f', choices: EXPLAIN_FORMATS, default: 'text' as const, describe: 'output format', requiresArg: true })
      .example('$0 explain pod-run-as-non-root', '') as unknown as Argv<ExplainArgs>,
    handler: async args => {
      ctx.exitCode = await runExplain(args, ctx.io);
    },
  };
}

/** Runs `explain` and returns its exit code. */
export async function runExplain(args: ExplainArgs, io: CliIO): Promise<ExitCode> {
  const control = findControl(args.id);
  if (!control) {
    const s = suggestControlId(args.id, CATALOGUE);
    throw new UsageError(`unknown control "${printable(args.id, true)}"${s ? `; ${controlIdHint(s)}` : ''}`,
      'Run "cdk8s-soc2 controls" to list the control ids.');
  }
  const text = args.format === 'json' ? JSON.stringify(describeControl(control), null, 2)
    : args.format === 'markdown' ? explainMarkdown(control) : explainText(control);
  await writeOutput(io, undefined, text);
  return ExitCode.OK;
}

/** A control as plain data (what `explain --format json` prints). */
export function describeControl(c: Control) {
  return {
    id: c.id, title: c.title, severity: c.severity, condition: c.condition,
    criteria: c.criteria.map(id => ({ id, description: CRITERIA[id] })),
    references: c.references, remediation: c.remediation, example: c.example,
    suppressible: c.suppressible !== false,
  };
}

function references(c: Control): string[] {
  return FRAMEWORK_NAMES.flatMap(([key, name]) => {
    const ref = c.references[key];
    const text = Array.isArray(ref) ? ref.join(', ') : ref;
    return text ? [`${name}: ${text}`] : [];
  });
}

function suppression(c: Control): string {
  return c.suppressible === false
    ? 'no: this control cannot be suppressed'
    : `yes, with a reason: annotation ${suppressionKey(c.id)}: "[until YYYY-MM-DD: ]reason"`;
}

function explainText(c: Control): string {
  const field = (label: string, lines: readonly string[]) =>
    lines.map((line, i) => `${i === 0 ? `${label}:`.padEnd(14) : ' '.repeat(14)}${line}`).join('\n');
  const parts = [
    `${c.id} — ${c.title}`,
    '',
    field('Severity', [c.severity]),
    field('Criteria', c.criteria.map(id => `${id}  ${CRITERIA[id]}`)),
    field('Condition', [c.condition]),
    field('Remediation', [c.remediation]),
    field('References', references(c).length > 0 ? references(c) : ['none']),
    field('Suppressible', [suppression(c)]),
  ];
  if (c.example) parts.push('', 'Example:', ...c.example.split('\n').map(l => `  ${l}`));
  return parts.join('\n');
}

function explainMarkdown(c: Control): string {
  const parts = [
    `## \`${c.id}\` — ${c.title}`,
    '',
    `**Severity:** ${c.severity}  `,
    `**Condition:** ${c.condition}  `,
    `**Remediation:** ${c.remediation}  `,
    `**Suppressible:** ${suppression(c)}`,
    '',
    '**SOC 2 criteria**',
    '',
    ...c.criteria.map(id => `- ${id} — ${CRITERIA[id]}`),
    '',
    '**References**',
    '',
    ...(references(c).length > 0 ? references(c).map(r => `- ${r}`) : ['- none']),
  ];
  if (c.example) parts.push('', '**Example**', '', '```yaml', c.example, '```');
  return parts.join('\n');
}
