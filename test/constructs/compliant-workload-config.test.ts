import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { CompliantApp, CompliantWorkload, CompliantWorkloadProps, HealthCheck, PodField, SensitiveNamespace, Soc2Error } from '../../constructs';
import { envReferences } from '../../constructs/private/env';
import { runCompliance } from '../../src/compliance/engine';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { expectSoc2Error, synthFailure } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';
import { SCANNERS } from '../third-party/scanners';

/** The pod spec of workload `api` made with `props`, and every object of the app. */
function synthApi(props: Partial<CompliantWorkloadProps>): { pod: any; objects: any[] } {
  const { app, chart } = newChart();
  new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080, ...props });
  const objects = synthApp(app);
  const kind = props.storage ? 'StatefulSet' : 'Deployment';
  return { pod: find(objects, kind, 'api').spec.template.spec, objects };
}

function attempt(props: Record<string, unknown>): () => void {
  return () => {
    const { chart } = newChart();
    new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080, ...props } as CompliantWorkloadProps);
  };
}

const field = (fieldPath: string) => ({ valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });

describe('CompliantWorkload configFiles', () => {
  const { pod } = synthApi({
    configFiles: {
      'z.yaml': { configMap: 'api-config', key: 'z' },
      'ca.crt': { configMap: 'kube-root-ca.crt', key: 'ca.crt' },
      'app.yaml': { configMap: 'api-config', key: 'app.yaml' },
    },
    secretFiles: { 'db-password': { secret: 'db', key: 'password' } },
  });

  test('one read-only projected volume at /etc/app: a source per ConfigMap, sorted by name, its items sorted by file name, mode 0440', () => {
    expect(pod.volumes.find((v: any) => v.name === 'config-files')).toEqual({
      name: 'config-files',
      projected: {
        defaultMode: 0o440,
        sources: [
          { configMap: { name: 'api-config', items: [{ key: 'app.yaml', path: 'app.yaml' }, { key: 'z', path: 'z.yaml' }] } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        ],
      },
    });
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'secrets', mountPath: '/var/run/secrets/app', readOnly: true },
      { name: 'config-files', mountPath: '/etc/app', readOnly: true },
    ]);
  });

  test('the secret files keep their own volume and directory', () => {
    expect(pod.volumes.find((v: any) => v.name === 'secrets').projected.sources).toEqual([{ secret: { name: 'db', items: [{ key: 'password', path: 'db-password' }] } }]);
  });

  test('no volume without configFiles, and /etc/app and the volume name are free for writable paths then', () => {
    const { pod: plain } = synthApi({ writablePaths: ['/etc/app', '/config-files'] });
    expect(plain.volumes.map((v: any) => v.name)).toEqual(['etc-app', 'config-files']);
    expect(plain.containers[0].volumeMounts.every((m: any) => m.readOnly === undefined)).toBe(true);
  });

  test('a configuration file named for a credential is judged by its content, not refused; public certificates are no key material', () => {
    const { pod: accepted } = synthApi({ configFiles: { 'password-policy.json': { configMap: 'policy', key: 'password-policy.json' }, 'root-cert.pem': { configMap: 'istio-ca-root-cert', key: 'root-cert.pem' } } });
    expect(accepted.volumes.find((v: any) => v.name === 'config-files').projected.sources.map((s: any) => s.configMap.name)).toEqual(['istio-ca-root-cert', 'policy']);
    const { pod: dotFile } = synthApi({ configFiles: { '.env': { configMap: 'app', key: 'app.env' }, 'token-config.yaml': { configMap: 'app', key: 'token-config.yaml' } } });
    expect(dotFile.volumes.find((v: any) => v.name === 'config-files').projected.sources[0].configMap.items.map((i: any) => i.path)).toEqual(['.env', 'token-config.yaml']);
  });

  const refusals: [string, Record<string, unknown>, { prop: string; value: string; problem: RegExp; fix: RegExp }][] = [
    ['a file name with a slash', { configFiles: { 'conf/app.yaml': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles.conf/app.yaml', value: '"conf/app.yaml"', problem: /is not a valid file name \(letters, digits, "-", "_" and "\.", starting with a letter, a digit or one "\."\)\. Fix:/, fix: /name the file, e\.g\. "app\.yaml"/ }],
    ['a name starting with "..", which the kubelet keeps for itself', { configFiles: { '..env': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles...env', value: '"..env"', problem: /is not a valid file name/, fix: /e\.g\. "app\.yaml"/ }],
    ['the directory itself', { configFiles: { '.': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles..', value: '"."', problem: /is not a valid file name/, fix: /e\.g\. "app\.yaml"/ }],
    ['a file named for a credential with a configuration extension, whose content the construct never sees', { configFiles: { 'credentials.json': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles.credentials.json', value: '"credentials.json"', problem: /is named for a credential/, fix: /secretFiles: \{ "credentials\.json"/ }],
    ['a ConfigMap named for credentials under innocent file and key names', { configFiles: { 'settings.yaml': { configMap: 'db-credentials', key: 'settings.yaml' } } },
      { prop: 'configFiles.settings.yaml', value: '"db-credentials"', problem: /is named for a credential/, fix: /secretFiles: \{ "settings\.yaml"/ }],
    ['a file programs read credentials from', { configFiles: { '.pgpass': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles..pgpass', value: '".pgpass"', problem: /is named for a credential/, fix: /secretFiles/ }],
    ['a file that is not a reference', { configFiles: { 'app.yaml': 'app-config/app.yaml' } },
      { prop: 'configFiles.app.yaml', value: '"app-config/app.yaml"', problem: /must be a reference to a key of a ConfigMap/, fix: /configFiles: \{ "app\.yaml": \{ configMap: "app-config", key: "app\.yaml" \} \}/ }],
    ['a reference with a setting it does not have', { configFiles: { 'app.yaml': { configMap: 'c', key: 'k', optional: true } } },
      { prop: 'configFiles.app.yaml.optional', value: 'true', problem: /is not a setting of this prop/, fix: /remove it/ }],
    ['an invalid ConfigMap name', { configFiles: { 'app.yaml': { configMap: 'App_Config', key: 'k' } } },
      { prop: 'configFiles.app.yaml.configMap', value: '"App_Config"', problem: /must be a DNS-1123 subdomain/, fix: /use a name like/ }],
    ['an empty key', { configFiles: { 'app.yaml': { configMap: 'c', key: '' } } },
      { prop: 'configFiles.app.yaml.key', value: '""', problem: /must be a ConfigMap key \(letters, digits, "-", "_" and "\.", at most 253, not "\." nor starting with "\.\."\)/, fix: /name the key inside the ConfigMap/ }],
    ['a key starting with "..", which the API server refuses', { configFiles: { 'app.yaml': { configMap: 'c', key: '..data' } } },
      { prop: 'configFiles.app.yaml.key', value: '"..data"', problem: /must be a ConfigMap key/, fix: /e\.g\. "app\.yaml"/ }],
    ['a file named for a credential', { configFiles: { 'db-password': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles.db-password', value: '"db-password"', problem: /is named for a credential, which a ConfigMap must not hold: anyone who may read the namespace's ConfigMaps reads it/,
        fix: /mount it from a Secret: secretFiles: \{ "db-password": \{ secret: "<name>", key: "<key>" \} \}, or rename the file if it holds no secret/ }],
    ['a private key file', { configFiles: { 'tls.key': { configMap: 'c', key: 'tls.key' } } },
      { prop: 'configFiles.tls.key', value: '"tls.key"', problem: /is named for a credential/, fix: /secretFiles/ }],
    ['a ConfigMap key named for a credential under an innocent file name', { configFiles: { 'client.conf': { configMap: 'c', key: 'api-token' } } },
      { prop: 'configFiles.client.conf', value: '"api-token"', problem: /is named for a credential/, fix: /secretFiles: \{ "client\.conf"/ }],
    ['a writable path over the configuration files', { configFiles: { 'app.yaml': { configMap: 'c', key: 'k' } }, writablePaths: ['/tmp', '/etc/app/cache'] },
      { prop: 'writablePaths[1]', value: '"/etc/app/cache"', problem: /overlaps \/etc\/app, where configFiles are mounted read-only\. Fix:/, fix: /choose a directory outside \/etc\/app, e\.g\. "\/var\/lib\/app"/ }],
    ['a writable path holding the configuration files', { configFiles: { 'app.yaml': { configMap: 'c', key: 'k' } }, writablePaths: ['/etc/app'] },
      { prop: 'writablePaths[0]', value: '"/etc/app"', problem: /overlaps \/etc\/app/, fix: /outside \/etc\/app/ }],
    ['persistent storage in the configuration directory', {
      configFiles: { 'app.yaml': { configMap: 'c', key: 'k' } }, protocol: 'tcp', readiness: HealthCheck.command(['/ready']), storage: { mountPath: '/etc/app/data', size: '1Gi' },
    }, { prop: 'storage.mountPath', value: '"/etc/app/data"', problem: /overlaps \/etc\/app, where configFiles are mounted read-only/, fix: /outside \/etc\/app/ }],
  ];
  test.each(refusals)('refuses %s', (_title, props, e) => {
    expectSoc2Error(attempt(props), { code: 'INVALID_PROP', path: 'test/api', ...e });
  });

  test('persistent storage may use /etc/app without configFiles; with them, its mount path is refused like a writable path, once, in the order of its settings', () => {
    const stateful = { protocol: 'tcp', readiness: HealthCheck.command(['/ready']), writablePaths: ['/tmp', '/etc/app/data/tmp'] };
    expect(attempt({ ...stateful, storage: { mountPath: '/etc/app/data', size: '1Gi' }, writablePaths: ['/tmp'] })).not.toThrow();
    let thrown: unknown;
    try {
      attempt({ ...stateful, configFiles: { 'app.yaml': { configMap: 'c', key: 'k' } }, storage: { mountPath: '/etc/app/data', size: '1Gi', storageClassName: 'Bad_Name' } })();
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Soc2Error);
    // The writable path inside the volume is already refused for /etc/app: it is not named a second time for the volume.
    expect((thrown as Soc2Error).problems.map(p => `${p.prop} = ${p.value}: ${p.problem}`)).toEqual([
      'writablePaths[1] = /etc/app/data/tmp: overlaps /etc/app, where configFiles are mounted read-only',
      'storage.mountPath = /etc/app/data: overlaps /etc/app, where configFiles are mounted read-only',
      expect.stringMatching(/^storage\.storageClassName = Bad_Name: must be a DNS-1123 subdomain/),
    ]);
  });

  test('a documentation key mounted under a configuration file\'s name fails the synth when the app\'s ConfigMap shows an example credential in it', () => {
    const build = (file: string) => {
      const app = new CompliantApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-config-')) });
      const chart = new Chart(app, 'shop');
      new ApiObject(chart, 'docs', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'api-docs', namespace: 'shop' }, data: { 'README.md': '# API\n\nDB_PASSWORD=changeme\n' } });
      new CompliantWorkload(chart, 'api', { namespace: namespace(chart, 'shop'), image: IMAGE, port: 8080, configFiles: { [file]: { configMap: 'api-docs', key: 'README.md' } } });
      return app;
    };
    expect(() => build('README.md').synth()).not.toThrow();
    const thrown = synthFailure(build('app.env'));
    expect(thrown.findings.map(f => `${f.controlId} ${f.object.ref} ${f.message}`)).toEqual([
      'configmap-no-credentials ConfigMap/shop/api-docs key "README.md" is a file that sets DB_PASSWORD on line 3, and Deployment/shop/api mounts it as app.env',
    ]);
  });

  test('refuses configFiles given as a list, which would mount a file named "0"', () => {
    expect(attempt({ configFiles: [{ configMap: 'c', key: 'k' }] }))
      .toThrow(/- configFiles = \[\{"configMap":"c","key":"k"\}\]: must be a mapping of file names to ConfigMap keys. Fix: e.g. configFiles: \{ "app.yaml": \{ configMap: "app-config", key: "app.yaml" \} \}$/m);
  });
});

describe('CompliantWorkload podInfoEnv', () => {
  test('pod facts come first as fieldRefs (API version v1), in declaration order, then env, whose values may refer to them', () => {
    const { pod } = synthApi({
      env: { PEER_HOST: '$(POD_NAME).api-headless.shop.svc.cluster.local', LOG_LEVEL: 'info' },
      podInfoEnv: { POD_NAME: PodField.POD_NAME, NODE_NAME: PodField.NODE_NAME, POD_NAMESPACE: PodField.POD_NAMESPACE },
    });
    expect(pod.containers[0].env).toEqual([
      { name: 'POD_NAME', ...field('metadata.name') },
      { name: 'NODE_NAME', ...field('spec.nodeName') },
      { name: 'POD_NAMESPACE', ...field('metadata.namespace') },
      { name: 'PEER_HOST', value: '$(POD_NAME).api-headless.shop.svc.cluster.local' },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
  });

  test('every field Kubernetes gives an environment variable, labels and annotations by key', () => {
    const { pod } = synthApi({
      podInfoEnv: {
        A: PodField.POD_NAME, B: PodField.POD_NAMESPACE, C: PodField.POD_UID, D: PodField.NODE_NAME, E: PodField.SERVICE_ACCOUNT_NAME,
        F: PodField.NODE_IP, G: PodField.NODE_IPS, H: PodField.POD_IP, I: PodField.POD_IPS,
        J: PodField.label('apps.kubernetes.io/pod-index'), K: PodField.annotation('Example.com/Build'),
      },
    });
    expect(pod.containers[0].env.map((e: any) => e.valueFrom.fieldRef.fieldPath)).toEqual([
      'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
      'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
      'metadata.labels[\'apps.kubernetes.io/pod-index\']', 'metadata.annotations[\'Example.com/Build\']',
    ]);
  });

  const refusals: [string, Record<string, unknown>, { prop: string; value: string; problem: RegExp; fix: RegExp }][] = [
    ['a name that env declares too', { env: { POD_NAME: 'x' }, podInfoEnv: { POD_NAME: PodField.POD_NAME } },
      { prop: 'podInfoEnv.POD_NAME', value: '"POD_NAME"', problem: /is also a variable of env: a container has one variable of a name\. Fix:/, fix: /keep it in one of them: podInfoEnv for the pod's metadata\.name, env for a value of your own/ }],
    ['a name for a credential', { podInfoEnv: { API_TOKEN: PodField.POD_UID } },
      { prop: 'podInfoEnv.API_TOKEN', value: '"API_TOKEN"', problem: /is named for a credential/, fix: /name the variable for the field it holds, e.g\. POD_NAME or NODE_NAME/ }],
    ['an invalid name', { podInfoEnv: { '1POD': PodField.POD_NAME } },
      { prop: 'podInfoEnv.1POD', value: '"1POD"', problem: /is not a valid environment variable name: Kubernetes takes letters, digits, "_", "-" and "\.", not a digit first/, fix: /rename it/ }],
    ['a field path given as text', { podInfoEnv: { POD_NAME: 'metadata.name' } },
      { prop: 'podInfoEnv.POD_NAME', value: '"metadata.name"', problem: /must be a PodField \(PodField\.POD_NAME, PodField\.label\(key\), …\)/,
        fix: /use one of PodField\.POD_NAME, PodField\.POD_NAMESPACE, PodField\.POD_UID, .*PodField\.POD_IPS, or PodField\.label\("<key>"\) or PodField\.annotation\("<key>"\)/ }],
    ['a PodField member that does not exist', { podInfoEnv: { POD_NAMESPACE: (PodField as any).NAMESPACE } },
      { prop: 'podInfoEnv.POD_NAMESPACE', value: 'undefined', problem: /must be a PodField/, fix: /use one of PodField\.POD_NAME, PodField\.POD_NAMESPACE,/ }],
    ['a file name that is no file name, refused once', { configFiles: { '../etc/passwd': { configMap: 'c', key: 'k' } } },
      { prop: 'configFiles.../etc/passwd', value: '"../etc/passwd"', problem: /is not a valid file name/, fix: /name the file/ }],
    ['a label key Kubernetes refuses', { podInfoEnv: { TEAM: PodField.label('team name') } },
      { prop: 'podInfoEnv.TEAM', value: '"metadata.labels[\'team name\']"', problem: /reads the label "team name", which is not a key Kubernetes accepts/, fix: /PodField\.label\("<key>"\)/ }],
    ['an annotation key Kubernetes refuses', { podInfoEnv: { BUILD: PodField.annotation('-build') } },
      { prop: 'podInfoEnv.BUILD', value: '"metadata.annotations[\'-build\']"', problem: /reads the annotation "-build"/, fix: /PodField/ }],
  ];
  test.each(refusals)('refuses %s', (_title, props, e) => {
    expectSoc2Error(attempt(props), { code: 'INVALID_PROP', path: 'test/api', ...e });
  });

  test('refuses podInfoEnv given as a list', () => {
    expect(attempt({ podInfoEnv: [PodField.POD_NAME] })).toThrow(/- podInfoEnv = .*: must be a mapping of variable names to pod fields. Fix: e.g. podInfoEnv: \{ POD_NAME: PodField.POD_NAME \}$/m);
  });
});

describe('CompliantWorkload env names', () => {
  test('names with "." and "-", which Kubernetes accepts, are written, and a reference to one places it first', () => {
    const { pod } = synthApi({ env: { 'URL': 'http://$(db.host-name):5432/', 'db.host-name': 'ledger', '_x': '1', '-y': '2', '.z': '3' } });
    expect(pod.containers[0].env).toEqual([
      { name: 'db.host-name', value: 'ledger' }, { name: 'URL', value: 'http://$(db.host-name):5432/' },
      { name: '_x', value: '1' }, { name: '-y', value: '2' }, { name: '.z', value: '3' },
    ]);
  });

  test('a reference reads every character up to ")", as Kubernetes expands it', () => {
    expect(envReferences('$(my.var-x)/$(a b)$$(c)$(d')).toEqual(['my.var-x', 'a b']);
  });

  test.each(['1BAD', '.', '..', '..x', 'a b', 'a=b', 'é'])('refuses the name %j, with the rule', name => {
    expectSoc2Error(attempt({ env: { [name]: 'v' } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: `env.${name}`, value: JSON.stringify(name),
      problem: /is not a valid environment variable name: Kubernetes takes letters, digits, "_", "-" and "\.", not a digit first, and not "\.", "\.\." or a name starting with "\.\."\. Fix:/,
      fix: /rename it, e\.g\. "LOG_LEVEL" or "log\.level"/,
    });
  });

  test('variables with dotted names that refer to each other are refused as a cycle', () => {
    expect(attempt({ env: { 'a.b': '$(c-d)', 'c-d': '$(a.b)' } })).toThrow(/env.a.b = "\$\(c-d\)": refers to c-d, which refers back to a.b/);
  });

  test('a Secret key starting with "..", which the API server refuses, is refused in secretFiles too', () => {
    expectSoc2Error(attempt({ secretFiles: { db: { secret: 'db', key: '..data' } } }), {
      code: 'INVALID_PROP', path: 'test/api', prop: 'secretFiles.db.key', value: '"..data"', problem: /must be a Secret key \(letters, digits/, fix: /name the key inside the Secret/,
    });
  });
});

describe('CompliantWorkload env references to variables defined nowhere', () => {
  const undefinedRef = (name: string) => ({ code: 'INVALID_PROP', path: 'test/api', value: `"$(${name})"`,
    problem: new RegExp(`refers to ${name}, which is not defined: not a variable of env or podInfoEnv, nor one Kubernetes sets, so Kubernetes would leave the literal text "\\$\\(${name}\\)"`) });

  test('a reference to a name neither env nor podInfoEnv defines is refused, with both fixes', () => {
    expectSoc2Error(attempt({ env: { URL: 'http://$(HOST):8080', LOG_LEVEL: 'info' } }), {
      ...undefinedRef('HOST'), prop: 'env.URL', fix: /define HOST in env or podInfoEnv, or write \$\$\(HOST\) for the literal text$/m,
    });
  });

  test.each([
    ['a pod-info variable', { env: { PEER: '$(POD_NAM).api-headless' }, podInfoEnv: { POD_NAME: PodField.POD_NAME } }, 'env.PEER', 'POD_NAM', 'POD_NAME'],
    ['another env variable', { env: { DB_URL: 'postgres://$(DB_HOTS)/app', DB_HOST: 'db' } }, 'env.DB_URL', 'DB_HOTS', 'DB_HOST'],
    ['a variable Kubernetes sets', { env: { API: 'https://$(KUBERNETES_SERVICE_HOTS)' } }, 'env.API', 'KUBERNETES_SERVICE_HOTS', 'KUBERNETES_SERVICE_HOST'],
  ])('a typo of %s is refused with the name it is near', (_title, props, prop, typo, near) => {
    expectSoc2Error(attempt(props), { ...undefinedRef(typo), prop, fix: new RegExp(`or write \\$\\$\\(${typo}\\) for the literal text; did you mean "${near}"\\?$`, 'm') });
  });

  test('a variable is not suggested to itself (that would be a self-reference)', () => {
    expect(attempt({ env: { URL: '$(URLL)' } })).toThrow(/env.URL = "\$\(URLL\)": refers to URLL, which is not defined.* Fix: define URLL in env or podInfoEnv, or write \$\$\(URLL\) for the literal text$/m);
  });

  test('each name defined nowhere is reported once per variable, every variable named; one- and two-letter names get no suggestion, all being near', () => {
    let message = '';
    try {
      attempt({ env: { A: '$(X)/$(X)/$(Y)', B: '$(X)' } })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).not.toMatch(/did you mean/);
    expect(message.match(/- env\.\S+ = "\$\(\w\)": refers to \w, which is not defined/g)).toEqual([
      '- env.A = "$(X)": refers to X, which is not defined', '- env.A = "$(Y)": refers to Y, which is not defined', '- env.B = "$(X)": refers to X, which is not defined',
    ]);
  });

  test('references to env, to podInfoEnv and to the API server\'s variables Kubernetes sets in every container are written as given', () => {
    const env = {
      URL: 'http://$(HOST):$(PORT)/$(POD_NAME)', HOST: 'api', PORT: '8080',
      API: 'https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT_HTTPS) $(KUBERNETES_PORT_443_TCP_ADDR) $(KUBERNETES_PORT)',
    };
    const { pod } = synthApi({ env, podInfoEnv: { POD_NAME: PodField.POD_NAME } });
    expect(pod.containers[0].env.filter((e: any) => e.value !== undefined)).toEqual([
      { name: 'HOST', value: 'api' }, { name: 'PORT', value: '8080' }, { name: 'URL', value: env.URL }, { name: 'API', value: env.API },
    ]);
  });

  test('an escaped $$(NAME), the literal text, stays accepted, and so does text no variable can be named (a shell\'s $(date +%s)), as before', () => {
    const env = { ESCAPED: 'costs $$(PRICE)', SHELL_LINE: 'echo $(date +%s) $(a b) $(1ABC) $() $(open', TRAILING: 'ends with $' };
    const { pod } = synthApi({ env });
    expect(pod.containers[0].env).toEqual(Object.entries(env).map(([name, value]) => ({ name, value })));
  });
});

describe('a clustered StatefulSet with configuration files and pod facts', () => {
  function synthCluster(ns = (chart: any) => namespace(chart, 'shop')): any[] {
    const { app, chart } = newChart();
    const shop: SensitiveNamespace = ns(chart);
    const ledger = new CompliantWorkload(chart, 'ledger', {
      namespace: shop, image: IMAGE, port: 5432, protocol: 'tcp', readiness: HealthCheck.command(['/bin/ready']),
      storage: { mountPath: '/var/lib/ledger', size: '10Gi' },
      podInfoEnv: { POD_NAME: PodField.POD_NAME, POD_IP: PodField.POD_IP, NODE_NAME: PodField.NODE_NAME, ORDINAL: PodField.label('apps.kubernetes.io/pod-index') },
      env: { ADVERTISE: '$(POD_NAME).ledger-headless.shop.svc.cluster.local:7000', 'cluster.name': 'ledger' },
      configFiles: { 'ledger.yaml': { configMap: 'ledger-config', key: 'ledger.yaml' }, 'ca.crt': { configMap: 'istio-ca-root-cert', key: 'root-cert.pem' } },
      args: ['--config=/etc/app/ledger.yaml'],
    });
    ledger.allowFrom(ledger, { port: 7000 });
    return synthApp(app);
  }

  test('is schema-valid and draws zero findings from the engine and every scanner mirror', () => {
    const objects = synthCluster();
    expect(allSchemaErrors(objects)).toEqual([]);
    const report = runCompliance(ManifestIndex.fromObjects(objects), { config: { today: '2026-11-27' } });
    expect(report.findings).toEqual([]);
    const evaluated = (id: string) => report.evaluations.filter(e => e.object.ref === 'StatefulSet/shop/ledger' && e.control.id === id).map(e => e.status);
    expect(evaluated('pod-restricted-volume-types')).toEqual(['passed']);
    expect(evaluated('env-no-secret-literals')).toEqual(['passed']);
    expect(evaluated('pod-read-only-root-fs')).toEqual(['passed']);
    expect(Object.values(SCANNERS).flatMap(scan => scan(objects))).toEqual([]);
  });

  test('the pod lists its facts before the variables that refer to them, and mounts the files read-only', () => {
    const pod = find(synthCluster(), 'StatefulSet', 'ledger').spec.template.spec;
    expect(pod.containers[0].env.map((e: any) => e.name)).toEqual(['POD_NAME', 'POD_IP', 'NODE_NAME', 'ORDINAL', 'ADVERTISE', 'cluster.name']);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/app', readOnly: true });
    expect(pod.volumes.find((v: any) => v.name === 'config-files').projected.sources).toEqual([
      { configMap: { name: 'istio-ca-root-cert', items: [{ key: 'root-cert.pem', path: 'ca.crt' }] } },
      { configMap: { name: 'ledger-config', items: [{ key: 'ledger.yaml', path: 'ledger.yaml' }] } },
    ]);
  });
});
