#!/usr/bin/env node
import { main } from './main';

// A reader that goes away early (`cdk8s-soc2 check dist | head`) closes the pipe: stop caring about
// output but still finish the run, so the exit code keeps its meaning.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') return;
  process.stderr.write(`cdk8s-soc2: cannot write to stdout (${e.code ?? e.message})\n`);
  process.exitCode = 2;
});
process.stderr.on('error', () => { /* nowhere left to report it */ });

main(process.argv.slice(2)).then(
  code => { process.exitCode = process.exitCode || code; },
  (e: unknown) => {
    process.stderr.write(`cdk8s-soc2: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.SOC2_DEBUG === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 2;
  },
);
