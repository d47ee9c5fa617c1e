import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '../..');

/**
 * What a README block that imports nothing (a fragment, such as the `Compliance.suppress` one)
 * takes from the text around it: the imports of both examples, a chart, a namespace and an image.
 */
export const FRAGMENT_PRELUDE = [
  "import { ApiObject, Chart, JsonPatch } from 'cdk8s';",
  "import { Compliance, CompliantApp, CompliantWorkload, DataClassification, SensitiveNamespace } from 'cdk8s-soc2';",
  'const app = new CompliantApp();',
  "const chart = new Chart(app, 'shop');",
  "const namespace = new SensitiveNamespace(chart, 'shop', { dataClassification: DataClassification.CONFIDENTIAL, owner: 'team-shop' });",
  "const image = 'registry.example.com/shop/api:1.4.0';",
  'void [ApiObject, JsonPatch, Compliance, CompliantWorkload, image, namespace];',
  '',
].join('\n');

/** The TypeScript blocks of the README, in order. */
export function readmeTsBlocks(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map(m => m[1]);
}

/** A block as a module: a fragment gets the prelude. */
export function asModule(source: string): string {
  return /^import /m.test(source) ? `${source}\nexport {};\n` : `${FRAGMENT_PRELUDE}${source}\nexport {};\n`;
}
