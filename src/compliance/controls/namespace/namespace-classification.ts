import { defineControl, fail, pass } from '../../control';
import { applicationNamespaces, namespaceSubject } from './private/application-namespaces';
import { labelPath } from './private/label-path';

/** The data classifications a namespace may declare, from least to most sensitive. */
export const CLASSIFICATIONS: readonly string[] = ['public', 'internal', 'confidential', 'restricted'];

/** Every application namespace says how sensitive its data is and who owns it. */
export const namespaceClassification = defineControl({
  id: 'namespace-classification',
  title: 'Namespaces declare a data classification and an owner',
  condition: `Every application namespace is declared with the classification label set to one of ${CLASSIFICATIONS.join(', ')} `
    + 'and a non-empty owner label.',
  severity: 'medium',
  criteria: ['C1.1'],
  references: {},
  remediation: 'Label the Namespace with the data classification (soc2.cdk8s.io/data-classification by default) and the owning team '
    + '(soc2.cdk8s.io/owner by default).',
  example: 'metadata:\n  labels:\n    soc2.cdk8s.io/data-classification: restricted\n    soc2.cdk8s.io/owner: team-payments',
  check: ctx => applicationNamespaces(ctx).map(ns => {
    const subject = namespaceSubject(ctx.index, ns);
    if (!ctx.index.namespaceObject(ns)) return fail(subject, `namespace "${ns}" is not declared, so it has no classification or owner`);
    const { classificationLabel, ownerLabel } = ctx.config;
    const problems: { message: string; path: string }[] = [];
    const classification = subject.labels[classificationLabel];
    if (classification === undefined) {
      problems.push({ message: `${classificationLabel} is not set`, path: labelPath(classificationLabel) });
    } else if (!CLASSIFICATIONS.includes(classification)) {
      problems.push({ message: `${classificationLabel} is "${classification}", not one of ${CLASSIFICATIONS.join(', ')}`, path: labelPath(classificationLabel) });
    }
    if ((subject.labels[ownerLabel] ?? '').trim() === '') problems.push({ message: `${ownerLabel} is not set`, path: labelPath(ownerLabel) });
    return problems.length === 0 ? pass(subject) : fail(subject, problems.map(p => p.message).join('; '), problems[0].path);
  }),
});
