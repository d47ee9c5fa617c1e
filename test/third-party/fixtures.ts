/** Fixtures for the third-party scanner mirror tests. */
import * as path from 'path';
import { loadManifestFile } from './load';
import { Finding, K8sObject } from './shared';

/** A fresh copy of the hand-written hardened manifest set (fixtures/hardened.yaml). */
export function hardened(): K8sObject[] {
  return loadManifestFile(path.join(__dirname, 'fixtures', 'hardened.yaml'));
}

/** A fresh copy of the naive manifest set every mirror must flag (fixtures/known-bad.yaml). */
export function knownBad(): K8sObject[] {
  return loadManifestFile(path.join(__dirname, 'fixtures', 'known-bad.yaml'));
}

/** The hardened set after `mutate` changed it in place. */
export function hardenedWith(mutate: (objects: K8sObject[]) => void): K8sObject[] {
  const objects = hardened();
  mutate(objects);
  return objects;
}

/** The object of `kind` named `name` in a manifest set; throws when it is missing. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in the fixture`);
  return found;
}

/** The first container of a Deployment in a manifest set. */
export function containerOf(objects: K8sObject[], deployment: string): K8sObject {
  return find(objects, 'Deployment', deployment).spec.template.spec.containers[0];
}

/** The sorted, distinct check ids of some findings. */
export function ids(findings: Finding[]): string[] {
  return [...new Set(findings.map(f => f.check))].sort();
}

/** The distinct check ids reported for one object. */
export function idsFor(findings: Finding[], object: string): string[] {
  return ids(findings.filter(f => f.object === object));
}
