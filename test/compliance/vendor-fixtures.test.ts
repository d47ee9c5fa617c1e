import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { apiserviceTlsVerified } from '../../src/compliance/controls/encryption/apiservice-tls-verified';
import { monitoringTlsVerified } from '../../src/compliance/controls/encryption/monitoring-tls-verified';
import { storageEncrypted } from '../../src/compliance/controls/encryption/storage-encrypted';
import { gatewayHttpsOnly } from '../../src/compliance/controls/ingress/gateway-https-only';
import { ingressCertificateCoverage } from '../../src/compliance/controls/ingress/ingress-certificate-coverage';
import { commandNoCredentials } from '../../src/compliance/controls/workload/command-no-credentials';
import { check, messages, outcome } from './helpers';

/** Manifests of popular charts and operators, each file naming its source (fixtures/vendor/*.yaml). */
const DIR = join(__dirname, 'controls', 'workload', 'fixtures', 'vendor');
const FILES = readdirSync(DIR).filter(f => f.endsWith('.yaml')).sort();
const load = (file: string): unknown[] => parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map(d => d.toJS()).filter(o => o !== null);
const ALL = FILES.flatMap(load);

/** The objects of the set that fail a control. */
const failing = (control: typeof commandNoCredentials) => Object.entries(outcome(control, ALL)).filter(([, o]) => o === 'fail').map(([ref]) => ref).sort();

describe('real manifests of popular charts and operators', () => {
  test('hold at least 25 pod specs', () => {
    const pods = ALL.filter((o: any) => o.spec?.template?.spec?.containers !== undefined);
    expect(pods.length).toBeGreaterThanOrEqual(25);
  });

  test('command-no-credentials fails exactly the command lines a credential reaches: external-dns\'s literal TSIG key, and Secrets in the argv of mysqladmin, curl, mongodb_exporter, consul and redis-server', () => {
    expect(failing(commandNoCredentials)).toEqual([
      'Deployment/argocd/argocd-redis',
      'Deployment/db/mongodb',
      'Deployment/external-dns/external-dns',
      'StatefulSet/consul/consul-consul-server',
      'StatefulSet/db/mysql',
      'StatefulSet/logging/elasticsearch-master',
      'StatefulSet/logging/elasticsearch-master-7',
    ]);
    expect(messages(commandNoCredentials, ALL).sort()).toEqual([
      'container "consul": expands Secret-backed env vars into its command line, where the process list shows them: '
        + 'GOSSIP_KEY in command[2] (by the shell, into consul\'s arguments)',
      'container "elasticsearch": expands Secret-backed env vars into its command line, where the process list shows them: '
        + 'ELASTIC_PASSWORD in readinessProbe.exec.command[2] (by the shell as $@, into curl\'s arguments)',
      'container "elasticsearch": expands Secret-backed env vars into its command line, where the process list shows them: '
        + 'ELASTIC_USERNAME in readinessProbe.exec.command[2] (by the shell as $BASIC_AUTH, into curl\'s arguments), '
        + 'ELASTIC_PASSWORD in readinessProbe.exec.command[2] (by the shell as $BASIC_AUTH, into curl\'s arguments)',
      'container "external-dns": passes credentials on its command line: args[7] (values not shown)',
      'container "metrics": expands Secret-backed env vars into its command line, where the process list shows them: '
        + 'MONGODB_ROOT_PASSWORD in args[0] (by the shell, into mongodb_exporter\'s arguments)',
      'container "mysql": expands Secret-backed env vars into its command line, where the process list shows them: '
        + 'MYSQL_ROOT_PASSWORD in livenessProbe.exec.command[2] (by the shell as $password_aux, into mysqladmin\'s arguments), '
        + 'MYSQL_ROOT_PASSWORD in readinessProbe.exec.command[2] (by the shell as $password_aux, into mysqladmin\'s arguments), '
        + 'MYSQL_ROOT_PASSWORD in startupProbe.exec.command[2] (by the shell as $password_aux, into mysqladmin\'s arguments)',
      'container "redis": expands Secret-backed env vars into its command line, where the process list shows them: REDIS_PASSWORD in args[4]',
    ]);
  });

  test('command-no-credentials passes the rest: paths to mounted keys, $(POD_NAMESPACE), --secret-name flags, scripts run from files, exporters reading the Secret from their environment', () => {
    const passing = Object.entries(outcome(commandNoCredentials, ALL)).filter(([, o]) => o === 'pass').map(([ref]) => ref);
    expect(passing).toEqual(expect.arrayContaining([
      'Deployment/ingress-nginx/ingress-nginx-controller',
      'Deployment/monitoring/kps-operator',
      'Deployment/keda/keda-operator-metrics-apiserver',
      'Deployment/external-secrets/external-secrets-cert-controller',
      'StatefulSet/cache/redis-master',
      'StatefulSet/cache/redis-files-master',
      'StatefulSet/mq/rabbitmq',
      'StatefulSet/db/postgresql',
      'Deployment/storage/minio',
      'Deployment/monitoring/grafana',
      'Pod/kube-system/kube-apiserver',
      'Pod/kube-system/kube-controller-manager',
      'Pod/kube-system/etcd',
    ]));
    expect(passing.length + failing(commandNoCredentials).length).toBe(34);
  });

  test('apiservice-tls-verified fails only the stock metrics-server APIService, which skips verification', () => {
    expect(outcome(apiserviceTlsVerified, ALL)).toEqual({
      'APIService/v1beta1.admission.certmanager.k8s.io': 'pass',
      'APIService/v1beta1.external.metrics.k8s.io': 'pass',
      'APIService/v1beta1.metrics.k8s.io': 'fail',
    });
  });

  test('monitoring-tls-verified fails kube-prometheus-stack\'s kubelet ServiceMonitor, which skips verification by default', () => {
    expect(outcome(monitoringTlsVerified, ALL)).toEqual({ 'ServiceMonitor/monitoring/kps-kubelet': 'fail' });
  });

  test('gateway-https-only passes the Gateway API redirect example and fails Istio\'s bookinfo Gateway, which serves plain HTTP', () => {
    expect(outcome(gatewayHttpsOnly, ALL)).toEqual({ 'Gateway/web/redirect-gateway': 'pass', 'Gateway/bookinfo/bookinfo-gateway': 'fail' });
  });

  test('ingress-certificate-coverage fails the Gateway API redirect example, whose HTTPS listener serves a Secret no cert-manager Certificate writes', () => {
    expect(check(ingressCertificateCoverage, ALL).map(r => [r.object.ref, r.passed, r.message])).toEqual([
      ['Gateway/web/redirect-gateway', false, 'spec.listeners[1].tls.certificateRefs[0] Secret "redirect-example" is not the secretName of a cert-manager Certificate in namespace "web"'],
    ]);
  });

  test('storage-encrypted passes the EBS classes the vendors publish', () => {
    expect(outcome(storageEncrypted, ALL)).toEqual({ 'StorageClass/ebs-sc': 'pass', 'StorageClass/ebs-gp3': 'pass', 'StorageClass/gp2': 'pass' });
  });
});
