import { Argv, CommandModule } from 'yargs';
import { resolveConfig } from '../../compliance/config';
import { computeFlows } from '../../compliance/network/flows';
import { toMermaid } from '../../compliance/network/mermaid';
import { prepare } from '../compliance-run';
import { CommandContext } from '../context';
import { ExitCode } from '../exit-codes';
import { CliIO } from '../io';
import { configOption, maxFileSizeOption, outputOption, stdinFilenameOption } from '../options';
import { writeOutput } from '../output';
import { refuseOverwritingInputs } from '../overwrites';

/** Output formats of `diagram`. */
export const DIAGRAM_FORMATS = ['mermaid', 'markdown'] as const;

/** Arguments of `diagram`. */
export interface DiagramArgs {
  readonly paths?: string[];
  readonly format: typeof DIAGRAM_FORMATS[number];
  readonly output?: string;
  readonly config?: string;
  readonly maxFileSize: number;
  readonly stdinFilename?: string;
}

/** `cdk8s-soc2 diagram [paths..]`: the allowed network flows as a Mermaid flowchart. */
export function diagramCommand(ctx: CommandContext): CommandModule<object, DiagramArgs> {
  return {
    command: 'diagram [paths..]',
    describe: 'draw the allowed network flows (from NetworkPolicies, AuthorizationPolicies, Ingresses) as Mermaid',
    builder: (y: Argv<object>) => y
      .positional('paths', { type: 'string', array: true, describe: 'YAML or JSON files, directories, or - for stdin' })
      .option('format', { alias: 'f', choices: DIAGRAM_FORMATS, default: 'mermaid' as const,
        describe: 'mermaid: the flowchart alone (.mmd); markdown: inside a ```mermaid block', requiresArg: true })
      .option('output', outputOption)
      .option('config', configOption)
      .option('max-file-size', maxFileSizeOption)
      .option('stdin-filename', stdinFilenameOption)
      .example('$0 diagram dist/ --format markdown -o dist/NETWORK.md', 'a diagram GitHub renders') as unknown as Argv<DiagramArgs>,
    handler: async args => {
      ctx.exitCode = await runDiagram(args, ctx.io);
    },
  };
}

/** Runs `diagram` and returns its exit code. */
export async function runDiagram(args: DiagramArgs, io: CliIO): Promise<ExitCode> {
  const { index, inputs, config } = await prepare('diagram', args.paths, args, io);
  refuseOverwritingInputs(io, [args.output], args.paths ?? [], [inputs]);
  const mermaid = toMermaid(computeFlows(index, resolveConfig(config))).trimEnd();
  await writeOutput(io, args.output, args.format === 'markdown' ? `\`\`\`mermaid\n${mermaid}\n\`\`\`` : mermaid);
  return inputs.errorCount > 0 ? ExitCode.ERROR : ExitCode.OK;
}
