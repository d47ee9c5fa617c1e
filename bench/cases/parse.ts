/**
 * Case `parse`: reading a manifest file and nothing else, the floor of a `check`. Mode `yaml`
 * parses with the yaml package directly; mode `json` with `JSON.parse` (a kubectl `List` JSON
 * file); mode `load` uses the library's loader (limits, errors, `List` expansion) as the CLI does.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { loadManifests } from '../../src/compliance/load';
import { arg, cpuNow, now, report, round, runCase, settle, startProfile, stopProfile } from '../child';

runCase(async () => {
  const file = arg('file');
  const mode = arg('mode', 'yaml');
  settle();
  startProfile();
  const c0 = cpuNow();
  const t0 = now();
  let documents: number;
  let errors = 0;
  if (mode === 'yaml') {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const parsed = (Array.isArray(docs) ? docs : [docs]).map(d => { errors += d.errors.length; return d.toJS() as unknown; });
    documents = parsed.length;
  } else if (mode === 'json') {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { items?: unknown };
    documents = Array.isArray(parsed.items) ? parsed.items.length : 1;
  } else {
    const loaded = await loadManifests([file], { maxFileBytes: fs.statSync(file).size + 1 });
    documents = loaded.documents.length;
    errors = loaded.errors.length;
  }
  const ms = now() - t0;
  const cpuMs = cpuNow() - c0;
  stopProfile();
  report({ case: 'parse', mode, ms: round(ms), cpuMs: round(cpuMs), documents, errors });
});
