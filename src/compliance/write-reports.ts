import * as fs from 'fs';
import * as path from 'path';
import { ComplianceReport } from './engine';
import { diagramSections } from './network/diagram-sections';
import { computeFlows } from './network/flows';
import { NetworkModel } from './network/model';
import { toJsonReport } from './reports/json';
import { toEvidenceMarkdown } from './reports/markdown';
import { toSarif } from './reports/sarif';

/** The files {@link writeReports} writes, relative to its directory. */
export const REPORT_FILES = {
  json: 'report.json',
  sarif: 'report.sarif',
  evidence: 'evidence.md',
  diagram: 'network.md',
} as const;

/**
 * Writes the evidence of a run into `dir`: the JSON report, SARIF 2.1.0, the Markdown evidence
 * matrix and the Mermaid network diagram drawn from the policies. Deterministic: the same
 * manifests give byte-identical files.
 */
export function writeReports(report: ComplianceReport, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, text: string) => writeText(path.join(dir, name), text);
  write(REPORT_FILES.json, JSON.stringify(toJsonReport(report), null, 2));
  write(REPORT_FILES.sarif, JSON.stringify(toSarif(report), null, 2));
  write(REPORT_FILES.evidence, toEvidenceMarkdown(report));
  const model = computeFlows(report.index, report.config);
  write(REPORT_FILES.diagram, networkDocument(model));
}

/** The network diagram document: one Mermaid diagram, or one per namespace when one would be too large to render. */
function networkDocument(model: NetworkModel): string {
  const sections = diagramSections(model);
  const lines = [
    '# Allowed network flows',
    '',
    'Drawn from the NetworkPolicies, AuthorizationPolicies and Ingresses of the manifests.',
    '',
    'How to read it: each box is a namespace, with the workloads the manifests give it; a stadium-shaped node is a namespace outside the manifests '
      + 'or the pods of one that a policy selects by label, '
      + 'a circle the internet, a slanted box an address range outside the cluster (named by the hosts its policies record for it, or as the Kubernetes API server), a hexagon any source or destination. '
      + 'An arrow is traffic the policies allow, labelled with its ports; it is dashed when one end is '
      + 'any source or destination, or the internet. An arrow from or to a box stands for every pod of that namespace.',
  ];
  if (sections.length > 1) {
    lines.push('', `The ${model.flows.length} flows are drawn per namespace: one diagram would be beyond what Mermaid renders. `
      + 'A flow between two namespaces appears under both.');
  }
  for (const s of sections) {
    if (s.title) lines.push('', `## ${s.title}`);
    lines.push('', '```mermaid', s.mermaid.trimEnd(), '```');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `text` as UTF-8, ending with a newline, without copying a large text to append it. */
function writeText(file: string, text: string): void {
  fs.writeFileSync(file, text, 'utf8');
  if (!text.endsWith('\n')) fs.appendFileSync(file, '\n', 'utf8');
}
