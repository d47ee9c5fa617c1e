import { CATALOGUE } from '../../../src/compliance/catalogue';
import { controlIdHint, suggestControlId } from '../../../src/compliance/common/suggest-control-id';
import { podReadOnlyRootFs } from '../../../src/compliance/controls/workload/pod-read-only-root-fs';
import { podRunAsNonRoot } from '../../../src/compliance/controls/workload/pod-run-as-non-root';

const hint = (id: string) => {
  const s = suggestControlId(id, CATALOGUE);
  return s && controlIdHint(s);
};

describe('suggestControlId', () => {
  describe('a check id of another scanner names the controls that list it', () => {
    test.each([
      ['service-type', 'did you mean "service-no-external-exposure"? (the control that covers kube-score service-type)'],
      ['C-0017', 'did you mean "pod-read-only-root-fs"? (the control that covers Kubescape C-0017)'],
      ['c-0017', 'did you mean "pod-read-only-root-fs"? (the control that covers Kubescape C-0017)'],
      ['0017', 'did you mean "pod-read-only-root-fs"? (the control that covers Kubescape C-0017)'],
      ['kubescape:C-0017', 'did you mean "pod-read-only-root-fs"? (the control that covers Kubescape C-0017)'],
      ['notReadOnlyRootFilesystem', 'did you mean "pod-read-only-root-fs"? (the control that covers Polaris notReadOnlyRootFilesystem)'],
      ['polaris/notreadonlyrootfilesystem', 'did you mean "pod-read-only-root-fs"? (the control that covers Polaris notReadOnlyRootFilesystem)'],
      ['C-0046', 'did you mean "pod-drop-all-capabilities" or "pod-no-dangerous-capabilities"? (the controls that cover Kubescape C-0046)'],
      ['container-resources', 'did you mean "container-resource-limits" or "container-resource-requests"? (the controls that cover kube-score container-resources)'],
    ])('%s', (id, expected) => {
      expect(hint(id)).toBe(expected);
    });
  });

  describe('a CIS Kubernetes Benchmark section names the controls that reference it', () => {
    test.each([
      ['5.2.2', 'did you mean "pod-no-privileged"? (the control that covers CIS 5.2.2)'],
      ['CIS 5.2.2', 'did you mean "pod-no-privileged"? (the control that covers CIS 5.2.2)'],
      ['cis-5.2.4', 'did you mean "pod-no-host-namespaces"? (the control that covers CIS 5.2.4)'],
      ['5.1.10', 'did you mean "rbac-no-privilege-paths"? (the control that covers CIS 5.1.10)'],
      ['5.1.5', 'did you mean "pod-dedicated-service-account" or "rbac-legitimate-subjects"? (the controls that cover CIS 5.1.5)'],
      ['5.3.2', 'did you mean "network-ingress-default-deny" or "network-egress-default-deny"? (the controls that cover CIS 5.3.2)'],
    ])('%s', (id, expected) => {
      expect(hint(id)).toBe(expected);
    });

    test.each(['5.9.9', '5.1.14', '5.1.8.1'])('a section no control references (%s) names none', id => {
      expect(suggestControlId(id, CATALOGUE)).toBeUndefined();
    });
  });

  describe('an id sharing most of its words with a control names it', () => {
    test.each([
      ['network-no-node-port-load-balancer', 'service-no-external-exposure'],
      ['pod-readonly-root-fs', 'pod-read-only-root-fs'],
      ['pod-host-network', 'pod-no-host-namespaces'],
      ['drop-all-capabilities', 'pod-drop-all-capabilities'],
      // A word the control's text writes in camelCase (NodePort), written whole in the id.
      ['service-no-nodeport', 'service-no-external-exposure'],
      ['service-no-loadbalancer', 'service-no-external-exposure'],
    ])('%s → %s', (id, expected) => {
      expect(suggestControlId(id, CATALOGUE)).toEqual({ ids: [expected] });
    });
  });

  describe('a misspelt id names the control a few edits away', () => {
    test.each([
      ['pod-run-as-nonroot', 'pod-run-as-non-root'],
      ['pod-no-privilegd', 'pod-no-privileged'],
      ['rbac-no-privilege-path', 'rbac-no-privilege-paths'],
      ['POD-RUN-AS-NON-ROOT', 'pod-run-as-non-root'],
    ])('%s → %s', (id, expected) => {
      expect(suggestControlId(id, CATALOGUE)).toEqual({ ids: [expected] });
    });
  });

  describe('an id of one word names the controls whose id has that word, when at most three do', () => {
    test.each([
      ['privileged', ['pod-no-privileged']],
      ['Seccomp', ['pod-seccomp-runtime-default']],
      ['wildcards', ['rbac-no-wildcards']],
      ['replicas', ['workload-min-replicas', 'workload-autoscaler-owns-replicas']],
    ])('%s → %j', (id, expected) => {
      expect(suggestControlId(id, CATALOGUE)).toEqual({ ids: expected });
    });

    test.each(['mtls', 'certificate'])('"%s", a word of more than three control ids, names none of them', word => {
      expect(CATALOGUE.filter(c => c.id.split('-').includes(word)).length).toBeGreaterThan(3);
      expect(suggestControlId(word, CATALOGUE)).toBeUndefined();
    });
  });

  test.each(['no-such-control-at-all', 'my-custom-check', 'zzz', 'pod', ''])('nothing close to "%s"', id => {
    expect(suggestControlId(id, CATALOGUE)).toBeUndefined();
  });

  test('a long id far from every control by spelling is not matched by edit distance', () => {
    // Within a third of its length of rbac-no-privilege-paths, sharing none of its words.
    expect(suggestControlId('network-no-node-port-load-balancer', CATALOGUE)?.ids).not.toContain('rbac-no-privilege-paths');
  });

  test('looks only among the controls it is given', () => {
    expect(suggestControlId('C-0017', [podRunAsNonRoot])).toBeUndefined();
    expect(suggestControlId('C-0017', [podRunAsNonRoot, podReadOnlyRootFs])?.ids).toEqual(['pod-read-only-root-fs']);
  });
});
