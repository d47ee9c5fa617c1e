import * as fs from 'fs';

/** The objects one chart emitted, under the chart's id (which names its YAML file). */
export interface ChartDump {
  readonly id: string;
  readonly objects: unknown[];
}

/** The exact output of one `ours` run, for the `core`, `engine` and `cli` cases to reuse. */
export interface Dump {
  /** Workloads in the scenario. */
  readonly n: number;
  readonly charts: ChartDump[];
}

/** Writes a dump as JSON. */
export function writeDump(file: string, dump: Dump): void {
  fs.writeFileSync(file, JSON.stringify(dump), 'utf8');
}

/** Reads a dump written by {@link writeDump}. */
export function readDump(file: string): Dump {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Dump;
}

/** Every object of a dump, in output order. */
export function objectsOf(dump: Dump): unknown[] {
  return dump.charts.flatMap(c => c.objects);
}
