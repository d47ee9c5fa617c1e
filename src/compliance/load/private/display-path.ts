import { relative, sep } from 'node:path';

/** A path as the loader writes it and users see it: relative to the working directory when below it, else absolute. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}`) || rel === '..' ? absolute : rel;
}
