/** Loading manifests for the third-party scanner mirrors. */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { K8sObject } from './shared';

/** Every non-empty document of a multi-document YAML text; throws on a YAML error, naming the file. */
export function parseManifests(text: string, file = '<inline>'): K8sObject[] {
  const out: K8sObject[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${file} document ${i + 1}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value && typeof value === 'object') out.push(value);
  });
  return out;
}

/** The objects of one YAML file. */
export function loadManifestFile(file: string): K8sObject[] {
  return parseManifests(fs.readFileSync(file, 'utf8'), file);
}

/** Every `*.k8s.yaml` file under `dir`, recursively, sorted; `[]` when the folder does not exist. */
export function findSynthesizedYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findSynthesizedYaml(full));
    else if (entry.name.endsWith('.k8s.yaml')) out.push(full);
  }
  return out.sort();
}
