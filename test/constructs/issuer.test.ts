import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  CertManagedIngress, CertManagedIngressProps, ClusterIssuer, CompliantWorkload, Dns01Provider, IIssuer, Issuer, LETS_ENCRYPT_STAGING,
  SensitiveNamespace,
} from '../../constructs';
import { ExpectedError, expectSoc2Error, messageOf } from '../support/errors';
import { allSchemaErrors } from '../support/schema';
import { find, IMAGE, namespace, newChart, synthApp } from '../support/synth';

const CLOUDFLARE = Dns01Provider.cloudflare({ apiToken: { secret: 'cloudflare-api-token', key: 'api-token' } });
const ROLE = 'arn:aws:iam::123456789012:role/cert-manager-dns01';

interface Shop {
  readonly app: App;
  readonly chart: Chart;
  readonly platform: Chart;
  readonly ns: SensitiveNamespace;
  readonly web: CompliantWorkload;
}

/** A team chart (namespace shop, workload web) and a platform chart for ClusterIssuers. */
function shop(): Shop {
  const { app, chart } = newChart('shop');
  const ns = namespace(chart, 'shop');
  const web = new CompliantWorkload(chart, 'web', { namespace: ns, image: IMAGE, port: 8080 });
  return { app, chart, platform: new Chart(app, 'platform'), ns, web };
}

/** A CertManagedIngress `public` in `f` serving pay.example.com from web with `issuer`, unless the props say otherwise. */
function ingress(f: Shop, issuer: IIssuer, props: Partial<CertManagedIngressProps> = {}): CertManagedIngress {
  return new CertManagedIngress(f.chart, 'public', { host: 'pay.example.com', backend: f.web, issuer, ...props } as CertManagedIngressProps);
}

/** Asserts a Soc2Error; the path defaults to the ingress. */
function expectError(fn: () => unknown, e: Omit<ExpectedError, 'path'> & { path?: string }): void {
  expectSoc2Error(fn, { ...e, path: e.path ?? 'shop/public' });
}

describe('DNS-01 credentials of a namespaced Issuer', () => {
  const AMBIENT = /has no credentials of its own, so cert-manager would use its ambient cloud credentials, which it gives a namespaced Issuer only when the controller runs with --issuer-ambient-credentials \(default false/;

  test('Route 53 on ambient credentials (a role to assume, no key) is refused: cert-manager lends them to ClusterIssuers only', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', role: ROLE }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider', value: '"route53"', problem: AMBIENT,
      fix: /pass serviceAccountName \(with role\): a ServiceAccount of the namespace that cert-manager may request tokens for; or accessKeyId and secretAccessKey by reference; or make the issuer a ClusterIssuer/,
    });
  });

  test('Cloud DNS on Workload Identity (no service-account key) is refused in the same way', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.cloudDns({ project: 'shop-prod-dns' }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider', value: '"cloudDNS"', problem: AMBIENT,
      fix: /pass serviceAccount: a service-account key by reference; or make the issuer a ClusterIssuer \(new ClusterIssuer\(platformChart/,
    });
  });

  test('the same providers are accepted in a ClusterIssuer, which may use ambient credentials', () => {
    const f = shop();
    const route53 = new ClusterIssuer(f.platform, 'route53', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', role: ROLE }) }) });
    new ClusterIssuer(f.platform, 'clouddns', { issuer: Issuer.acmeDns01({ provider: Dns01Provider.cloudDns({ project: 'shop-prod-dns' }) }) });
    ingress(f, route53);
    const objects = synthApp(f.app);
    expect(find(objects, 'ClusterIssuer', 'route53').spec.acme.solvers[0].dns01).toEqual({ route53: { region: 'eu-west-1', role: ROLE } });
    expect(find(objects, 'Certificate', 'public').spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'route53' });
  });

  test('Route 53 with a ServiceAccount: the token is exchanged for the role, with no stored key, in auth.kubernetes.serviceAccountRef', () => {
    const f = shop();
    ingress(f, Issuer.acmeDns01({ name: 'route53', provider: Dns01Provider.route53({ region: 'eu-west-1', role: ROLE, serviceAccountName: 'cert-manager-dns01' }) }));
    const objects = synthApp(f.app);
    const issuer = find(objects, 'Issuer', 'route53');
    expect(issuer.metadata.namespace).toBe('shop');
    expect(issuer.spec.acme.solvers).toEqual([{ dns01: { route53: {
      region: 'eu-west-1', role: ROLE, auth: { kubernetes: { serviceAccountRef: { name: 'cert-manager-dns01' } } },
    } } }]);
    expect(allSchemaErrors(objects)).toEqual([]);
  });

  test('stored credentials by reference are the namespaced Issuer\'s own', () => {
    const f = shop();
    ingress(f, Issuer.acmeDns01({ name: 'route53', provider: Dns01Provider.route53({
      region: 'eu-west-1', accessKeyId: { secret: 'aws', key: 'id' }, secretAccessKey: { secret: 'aws', key: 'secret' },
    }) }));
    new CertManagedIngress(f.chart, 'second', { host: 'www.example.com', backend: f.web,
      issuer: Issuer.acmeDns01({ name: 'clouddns', provider: Dns01Provider.cloudDns({ project: 'shop-prod-dns', serviceAccount: { secret: 'gcp', key: 'key.json' } }) }) });
    const objects = synthApp(f.app);
    expect(find(objects, 'Issuer', 'clouddns').spec.acme.solvers[0].dns01).toEqual({ cloudDNS: { project: 'shop-prod-dns', serviceAccountSecretRef: { name: 'gcp', key: 'key.json' } } });
  });

  test('a ServiceAccount without the role its token is exchanged for', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', serviceAccountName: 'cert-manager-dns01' }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.role', value: 'undefined', problem: /is required with serviceAccountName/, fix: /the role whose trust policy names the ServiceAccount/,
    });
  });

  test('a ServiceAccount beside a static key, which cert-manager would use instead', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.route53({
      region: 'eu-west-1', role: ROLE, serviceAccountName: 'cert-manager-dns01', accessKeyId: { secret: 'aws', key: 'id' }, secretAccessKey: { secret: 'aws', key: 'secret' },
    }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.serviceAccountName', value: '"cert-manager-dns01"', problem: /cannot be combined with a static key/, fix: /drop the static key/,
    });
  });

  test('a ServiceAccount name that is not one', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', role: ROLE, serviceAccountName: 'Cert Manager' }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.serviceAccountName', value: '"Cert Manager"', problem: /must be a DNS-1123 subdomain/, fix: /name the ServiceAccount whose token cert-manager exchanges/,
    });
  });

  test('half a static key: a namespaced Issuer is told to pass both, never to fall back on ambient credentials it may not use', () => {
    const half = () => Dns01Provider.route53({ region: 'eu-west-1', accessKeyId: { secret: 'aws', key: 'id' } });
    const thrown = () => ingress(shop(), Issuer.acmeDns01({ provider: half() }));
    expectError(thrown, {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.secretAccessKey', value: 'undefined', problem: /is missing: a static key needs both accessKeyId and secretAccessKey/,
      fix: /pass both by reference, or drop the static key for serviceAccountName \(with role\), which needs no stored key; a namespaced Issuer cannot use ambient credentials/,
    });
    expect(messageOf(thrown)).not.toMatch(/neither/);
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: Dns01Provider.route53({ region: 'eu-west-1', secretAccessKey: { secret: 'aws', key: 'secret' } }) })), {
      code: 'INVALID_ISSUER', prop: 'issuer.provider.accessKeyId', value: 'undefined', problem: /is missing/, fix: /pass both by reference/,
    });
    // A ClusterIssuer may use ambient credentials: neither is a fix there.
    expectError(() => new ClusterIssuer(shop().platform, 'route53', { issuer: Issuer.acmeDns01({ provider: half() }) }), {
      code: 'INVALID_ISSUER', path: 'platform/route53', prop: 'issuer.provider.secretAccessKey', value: 'undefined', problem: /is missing/,
      fix: /pass both, or neither to use ambient credentials \(preferred\)/,
    });
  });
});

describe('Secret keys of DNS-01 credentials', () => {
  const refs = (key: string): readonly [string, Dns01Provider][] => [
    ['apiToken', Dns01Provider.cloudflare({ apiToken: { secret: 'cf', key } })],
    ['accessKeyId', Dns01Provider.route53({ region: 'eu-west-1', accessKeyId: { secret: 'aws', key }, secretAccessKey: { secret: 'aws', key: 'secret' } })],
    ['secretAccessKey', Dns01Provider.route53({ region: 'eu-west-1', accessKeyId: { secret: 'aws', key: 'id' }, secretAccessKey: { secret: 'aws', key } })],
    ['tsigSecret', Dns01Provider.rfc2136({ nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key } })],
    ['serviceAccount', Dns01Provider.cloudDns({ project: 'shop-prod-dns', serviceAccount: { secret: 'gcp', key } })],
  ];

  test.each(['..data', '..', '.', 'key/json', 'k'.repeat(254)])('%s, which the API server refuses in a Secret, is refused in every provider\'s reference', key => {
    for (const [option, provider] of refs(key)) {
      expectError(() => ingress(shop(), Issuer.acmeDns01({ provider })), {
        code: 'INVALID_ISSUER', prop: `issuer.provider.${option}.key`, value: JSON.stringify(key),
        problem: /must be a Secret key \(letters, digits, "-", "_" and "\.", at most 253, not "\." nor starting with "\.\."\)/,
        fix: /name the key inside the Secret, e\.g\. "api-token"/,
      });
    }
  });

  test('a Secret name that is none, and a list given for a reference, are refused in every provider\'s reference, as in secretFiles', () => {
    const withRef = (ref: unknown): readonly [string, Dns01Provider][] => [
      ['apiToken', Dns01Provider.cloudflare({ apiToken: ref } as never)],
      ['accessKeyId', Dns01Provider.route53({ region: 'eu-west-1', accessKeyId: ref, secretAccessKey: { secret: 'aws', key: 'secret' } } as never)],
      ['secretAccessKey', Dns01Provider.route53({ region: 'eu-west-1', accessKeyId: { secret: 'aws', key: 'id' }, secretAccessKey: ref } as never)],
      ['tsigSecret', Dns01Provider.rfc2136({ nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: ref } as never)],
      ['serviceAccount', Dns01Provider.cloudDns({ project: 'shop-prod-dns', serviceAccount: ref } as never)],
    ];
    for (const [option, provider] of withRef({ secret: 'Cloudflare_Token', key: 'api-token' })) {
      expectError(() => ingress(shop(), Issuer.acmeDns01({ provider })), {
        code: 'INVALID_ISSUER', prop: `issuer.provider.${option}.secret`, value: '"Cloudflare_Token"', problem: /must be a DNS-1123 subdomain/, fix: /use a name like "cloudflare-token"/,
      });
    }
    for (const [option, provider] of withRef([{ secret: 'cf', key: 'api-token' }])) {
      expectError(() => ingress(shop(), Issuer.acmeDns01({ provider })), {
        code: 'INVALID_ISSUER', prop: `issuer.provider.${option}`, value: '[{"secret":"cf","key":"api-token"}]', problem: /must be a reference to a key of a Secret/,
        fix: /pass \{ secret: '<name>', key: '<key>' \}/,
      });
    }
  });

  test.each(['.dockerconfigjson', 'a..b', 'key.json', 'k'.repeat(253)])('%s is accepted, and written into the solver', key => {
    const f = shop();
    ingress(f, Issuer.acmeDns01({ name: 'dns', provider: refs(key)[0][1] }));
    expect(find(synthApp(f.app), 'Issuer', 'dns').spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef).toEqual({ name: 'cf', key });
  });
});

describe('the ACME server URL', () => {
  test('credentials in it are refused, and masked in the error', () => {
    const create = () => ingress(shop(), Issuer.acmeHttp01({ server: 'https://acme-user:s3cret@acme.example.com/directory' }));
    expectError(create, {
      code: 'INVALID_ISSUER', prop: 'issuer.server', value: '"https://***@acme.example.com/directory"', problem: /holds credentials \(user:password@\), which would be written into the manifest/,
      fix: /drop them: "https:\/\/acme.example.com\/directory" \(an ACME server knows the account by its private key\)/,
    });
    expect(messageOf(create)).not.toMatch(/s3cret|acme-user/);
  });

  test('a user name alone is credentials too', () => {
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider: CLOUDFLARE, server: 'https://team@acme.example.com/directory' })),
      { code: 'INVALID_ISSUER', prop: 'issuer.server', value: '"https://***@acme.example.com/directory"', problem: /holds credentials/, fix: /drop them/ });
  });

  test('plain http with credentials: both problems, the value masked', () => {
    const create = () => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeHttp01({ server: 'http://u:p4ss@acme.example.com/directory' }) });
    expect(create).toThrow(/\[INVALID_ISSUER\] platform\/le: 2 invalid props\n {2}- issuer.server = "http:\/\/\*\*\*@acme.example.com\/directory": is not an https:\/\/ URL.*\n {2}- issuer.server = .*: holds credentials/);
    expect(messageOf(create)).not.toContain('p4ss');
  });
});

describe('hosts a public ACME CA does not issue for', () => {
  test.each([
    'api.shop.svc', 'api.shop.svc.cluster.local', 'printer.local', 'pay.localhost', 'pay.shop.internal', 'pay.test', 'pay.invalid', 'pay.example',
    'nas.home.arpa', 'router.lan', 'intranet.corp', 'media.home', 'pay.alt',
  ])('%s, with Let\'s Encrypt (the default server)', host => {
    const suffix = ['cluster.local', 'home.arpa'].find(s => host.endsWith(s)) ?? host.split('.').pop();
    expectError(() => ingress(shop(), Issuer.acmeHttp01(), { host }), {
      code: 'INVALID_HOST', prop: 'host', value: `"${host}"`,
      problem: new RegExp(`is under "\\.${suffix}", which exists only inside a network: Let's Encrypt \\(the server of issuer "acme-http01"\\) issues only for names in the public DNS`),
      fix: /take its certificate from a private CA \(Issuer.ca\(...\), or an ACME issuer whose server is a private ACME CA\)/,
    });
  });

  test('named by their own prop, with Let\'s Encrypt staging, a DNS-01 wildcard, or a ClusterIssuer construct', () => {
    const staging = Issuer.acmeDns01({ provider: CLOUDFLARE, server: LETS_ENCRYPT_STAGING });
    expectError(() => ingress(shop(), staging, { host: undefined, hosts: ['pay.example.com', 'pay.shop.internal'] }),
      { code: 'INVALID_HOST', prop: 'hosts[1]', value: '"pay.shop.internal"', problem: /Let's Encrypt \(staging\)/, fix: /private CA/ });
    expectError(() => ingress(shop(), staging, { host: '*.shop.internal', allowWildcardHosts: true }),
      { code: 'INVALID_HOST', prop: 'host', value: '"*.shop.internal"', problem: /is under "\.internal"/, fix: /private CA/ });
    const f = shop();
    const le = new ClusterIssuer(f.platform, 'letsencrypt-prod', { issuer: Issuer.acmeHttp01() });
    expectError(() => ingress(f, le, { host: undefined, backend: undefined, rules: [{ host: 'pay.test', paths: [{ backend: f.web }] }] }),
      { code: 'INVALID_HOST', prop: 'rules[0].host', value: '"pay.test"', problem: /Let's Encrypt \(the server of issuer "letsencrypt-prod"\)/, fix: /private CA/ });
  });

  test('are accepted from a private ACME server, a CA issuer, or an existing issuer whose server is not known', () => {
    for (const issuer of [
      Issuer.acmeHttp01({ server: 'https://acme.pki.example.com/directory' }), Issuer.ca({ secretName: 'internal-ca' }), Issuer.clusterIssuer('internal-acme', { challenge: 'HTTP01' }),
    ]) {
      const f = shop();
      ingress(f, issuer, { host: undefined, hosts: ['pay.shop.internal', 'api.shop.svc.cluster.local', 'nas.home.arpa'] });
      expect(find(synthApp(f.app), 'Certificate', 'public').spec.dnsNames).toEqual(['pay.shop.internal', 'api.shop.svc.cluster.local', 'nas.home.arpa']);
    }
  });

  test('public names that only contain those words are accepted from Let\'s Encrypt', () => {
    const f = shop();
    const hosts = ['local.example.com', 'test.example.com', 'svc.example.com', 'pay.internal.example.com', 'lan.example.org'];
    ingress(f, Issuer.acmeHttp01(), { host: undefined, hosts });
    expect(find(synthApp(f.app), 'Certificate', 'public').spec.dnsNames).toEqual(hosts);
  });

  test('a single-label host is refused with every issuer (not a fully qualified name)', () => {
    expectError(() => ingress(shop(), Issuer.ca({ secretName: 'internal-ca' }), { host: 'intranet' }),
      { code: 'INVALID_HOST', prop: 'host', value: '"intranet"', problem: /is not a fully qualified DNS name/, fix: /fully qualified lower-case DNS name/ });
  });
});

describe('misspelt options are refused with the closest known one', () => {
  /** Asserts that a factory call throws at once, naming the function where a construct's error names its path. */
  function expectFactoryError(fn: () => unknown, factory: string, key: string, value: string, fix: RegExp, code = 'INVALID_ISSUER'): void {
    expectSoc2Error(fn, { code, path: factory, prop: `${factory}(options.${key})`, value, problem: new RegExp(`is not an option of ${factory.replace('.', '\\.')}`), fix });
  }

  test.each([
    ['Issuer.acmeHttp01', () => Issuer.acmeHttp01({ sever: 'https://acme.example.com/directory' } as never), 'sever', '"https://acme.example.com/directory"', /remove it, or did you mean "server"\?/],
    ['Issuer.acmeDns01', () => Issuer.acmeDns01({ provider: CLOUDFLARE, sever: 'https://acme.example.com/directory' } as never), 'sever', '"https://acme.example.com/directory"', /remove it, or did you mean "server"\?/],
    ['Issuer.acmeDns01', () => Issuer.acmeDns01({ provider: CLOUDFLARE, dnsZone: 'example.com' } as never), 'dnsZone', '"example.com"', /remove it, or did you mean "dnsZones"\?/],
    ['Issuer.ca', () => Issuer.ca({ secretName: 'internal-ca', nmae: 'team-ca' } as never), 'nmae', '"team-ca"', /remove it, or did you mean "name"\?/],
    ['Issuer.clusterIssuer', () => Issuer.clusterIssuer('letsencrypt-prod', { chalenge: 'HTTP01' } as never), 'chalenge', '"HTTP01"', /remove it, or did you mean "challenge"\?/],
    ['Issuer.issuer', () => Issuer.issuer('team-acme', { challange: 'DNS01' } as never), 'challange', '"DNS01"', /remove it, or did you mean "challenge"\?/],
  ])('an option of %s is refused by the call itself', (factory, call, key, value, fix) => {
    expectFactoryError(call, factory, key, value, fix);
  });

  test.each([
    ['cloudflare', () => Dns01Provider.cloudflare({ apiToken: { secret: 'cf', key: 'token' }, apiKey: { secret: 'cf', key: 'key' } } as never), 'apiKey', '{"secret":"cf","key":"key"}', /remove it$/m],
    ['route53', () => Dns01Provider.route53({ region: 'eu-west-1', role: ROLE, serviceAccountName: 'dns', hostedZoneID: 'Z0123' } as never), 'hostedZoneID', '"Z0123"', /did you mean "hostedZoneId"\?/],
    ['rfc2136', () => Dns01Provider.rfc2136({ nameserver: 'ns1.example.com:53', tsigKeyName: 'acme', tsigSecret: { secret: 'tsig', key: 'k' }, tsigAlgorithim: 'HMACSHA512' } as never),
      'tsigAlgorithim', '"HMACSHA512"', /did you mean "tsigAlgorithm"\?/],
    ['cloudDns', () => Dns01Provider.cloudDns({ project: 'shop-prod-dns', serviceAccount: { secret: 'gcp', key: 'key.json' }, projectId: 'x' } as never), 'projectId', '"x"', /did you mean "project"\?/],
  ])('an option of Dns01Provider.%s is refused by the call itself', (method, call, key, value, fix) => {
    expectFactoryError(call, `Dns01Provider.${method}`, key, value, fix);
  });

  test('every unknown option of a call is named in one error, as arguments of the call (a construct names props)', () => {
    const message = messageOf(() => Issuer.acmeHttp01({ sever: 'https://acme.example.com/directory', emial: 'security@example.com' } as never));
    expect(message).toMatch(/^\[INVALID_ISSUER\] Issuer\.acmeHttp01: 2 invalid arguments$/m);
    expect(message).toMatch(/- Issuer\.acmeHttp01\(options\.sever\) = .*did you mean "server"\?/);
    expect(message).toMatch(/- Issuer\.acmeHttp01\(options\.emial\) = .*did you mean "email"\?/);
  });

  test('the README shows the error of a factory as the call throws it', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(messageOf(() => Issuer.acmeDns01({ provider: CLOUDFLARE, sever: 'https://acme.example.com/directory' } as never)));
  });

  test.each([
    ['Issuer.clusterIssuer', () => Issuer.clusterIssuer('le', 'HTTP01' as never), '"HTTP01"', /omit it, or pass e\.g\. \{ challenge: 'HTTP01' \}$/m],
    ['Issuer.acmeDns01', () => Issuer.acmeDns01('cloudflare' as never), '"cloudflare"', /pass e\.g\. \{ provider: Dns01Provider\.cloudflare\(/],
    ['Dns01Provider.route53', () => Dns01Provider.route53(['eu-west-1'] as never), '["eu-west-1"]', /pass e\.g\. \{ region: 'eu-west-1', /],
  ])('options of %s that are not an object are refused by the call itself', (factory, call, value, fix) => {
    expectSoc2Error(call, { code: 'INVALID_ISSUER', path: factory, prop: `${factory}(options)`, value, problem: /must be an object of options/, fix });
  });

  test('options that cannot be left out are not offered to be omitted', () => {
    expect(messageOf(() => Issuer.ca('internal-ca' as never))).toMatch(/Fix: pass e\.g\. \{ secretName: 'internal-ca' \}$/m);
  });

  test('a setting of a Secret reference (a namespace, which cert-manager does not read: the issuer\'s own is used)', () => {
    const provider = Dns01Provider.cloudflare({ apiToken: { secret: 'cf', key: 'token', namespace: 'cert-manager' } as never });
    expectError(() => ingress(shop(), Issuer.acmeDns01({ provider })),
      { code: 'INVALID_ISSUER', prop: 'issuer.provider.apiToken.namespace', value: '"cert-manager"', problem: /is not a setting of this prop/, fix: /remove it/ });
  });

  test('a prop of ClusterIssuer', () => {
    expectError(() => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeHttp01(), nmae: 'letsencrypt-prod' } as never),
      { code: 'INVALID_PROP', path: 'platform/le', prop: 'nmae', value: '"letsencrypt-prod"', problem: /is not a prop of this construct/, fix: /remove it, or did you mean "name"\?/ });
  });
});

describe('an invalid issuer name is one problem, on the prop that gives it, not also on the account key Secret named after it', () => {
  test('a ClusterIssuer\'s name', () => {
    const thrown = () => new ClusterIssuer(shop().platform, 'ci', { name: 'LetsEncrypt', issuer: Issuer.acmeHttp01() });
    expectError(thrown, { code: 'INVALID_NAME', path: 'platform/ci', prop: 'name', value: '"LetsEncrypt"', problem: /must be a DNS-1123 subdomain/, fix: /use a name like "letsencrypt"/ });
    expect(messageOf(thrown)).toMatch(/: invalid prop\n {2}- name = "LetsEncrypt": [^\n]*$/);
  });

  test('a ClusterIssuer named by its id', () => {
    const thrown = () => new ClusterIssuer(shop().platform, 'LetsEncrypt', { issuer: Issuer.acmeDns01({ provider: CLOUDFLARE }) });
    expectError(thrown, { code: 'INVALID_NAME', path: 'platform/LetsEncrypt', prop: 'id', value: '"LetsEncrypt"', fix: /use a name like "letsencrypt"/ });
    expect(messageOf(thrown)).not.toMatch(/accountKeySecretName/);
  });

  test('a definition\'s name', () => {
    const thrown = () => ingress(shop(), Issuer.acmeHttp01({ name: 'Team_Acme' }));
    expectError(thrown, { code: 'INVALID_ISSUER', prop: 'issuer.name', value: '"Team_Acme"', fix: /use a name like "team-acme"/ });
    expect(messageOf(thrown)).toMatch(/: invalid prop\n {2}- issuer\.name = "Team_Acme": [^\n]*$/);
  });

  test('a valid name too long for the account key Secret named after it', () => {
    const name = `${'a'.repeat(62)}.${'b'.repeat(62)}.${'c'.repeat(62)}.${'d'.repeat(60)}`;
    expect(name).toHaveLength(249);
    expectError(() => new ClusterIssuer(shop().platform, 'le', { name, issuer: Issuer.acmeHttp01() }), {
      code: 'INVALID_ISSUER', path: 'platform/le', prop: 'name', value: JSON.stringify(name),
      problem: /makes the default accountKeySecretName ".*-account-key" longer than the 253 characters of a Secret name/, fix: /use a shorter name, or set issuer\.accountKeySecretName/,
    });
    expect(() => new ClusterIssuer(shop().platform, 'le', { name, issuer: Issuer.acmeHttp01({ accountKeySecretName: 'le-account-key' }) })).not.toThrow();
  });

  test('an invalid accountKeySecretName that was given is its own problem', () => {
    expectError(() => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeHttp01({ accountKeySecretName: 'LE_Key' }) }),
      { code: 'INVALID_ISSUER', path: 'platform/le', prop: 'issuer.accountKeySecretName', value: '"LE_Key"', problem: /must be a DNS-1123 subdomain/, fix: /use a name like "le-key"/ });
  });
});

describe('the Secrets of a namespaced Issuer are cert-manager\'s alone', () => {
  const SECRETS: readonly [string, () => IIssuer, string, string][] = [
    ['the CA key pair', () => Issuer.ca({ name: 'team-ca', secretName: 'team-ca-keypair' }), 'team-ca', 'team-ca-keypair'],
    ['the ACME account key', () => Issuer.acmeHttp01({ name: 'acme' }), 'acme', 'acme-account-key'],
    ['the DNS provider token', () => Issuer.acmeDns01({ name: 'dns', provider: CLOUDFLARE }), 'dns', 'cloudflare-api-token'],
  ];

  test.each(SECRETS)('a workload may not mount %s after the ingress binds the issuer', (_what, issuer, name, secret) => {
    const f = shop();
    ingress(f, issuer());
    expectError(() => new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, secretFiles: { creds: { secret, key: 'k' } } }), {
      path: 'shop/db', code: 'DUPLICATE_NAME', prop: 'secretFiles.creds.secret', value: `"${secret}"`,
      problem: new RegExp(`is one of the Secrets of Issuer "${name}" \\(CA key pair, ACME account key or DNS provider credentials\\): a workload that mounts it could issue certificates`),
      fix: /keep the workload's credentials in a Secret of their own; only cert-manager reads an issuer's Secrets/,
    });
  });

  test.each(SECRETS)('an issuer may not hold %s in a Secret a workload already mounts', (_what, issuer, _name, secret) => {
    const f = shop();
    new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, secretFiles: { creds: { secret, key: 'k' } } });
    expectError(() => ingress(f, issuer()), {
      code: 'DUPLICATE_NAME', prop: 'issuer', value: `"${secret}"`,
      problem: /names a Secret that the secretFiles of CompliantWorkload shop\/db mount: the workload would hold the issuer's credentials/,
      fix: /give the issuer's Secrets names no workload mounts/,
    });
  });

  test('a ClusterIssuer\'s Secrets live in cert-manager\'s namespace, so a workload\'s Secret of the same name is another one', () => {
    const f = shop();
    const dns = new ClusterIssuer(f.platform, 'letsencrypt-dns', { issuer: Issuer.acmeDns01({ provider: CLOUDFLARE }) });
    new CompliantWorkload(f.chart, 'db', { namespace: f.ns, image: IMAGE, port: 5432, secretFiles: { creds: { secret: 'cloudflare-api-token', key: 'k' } } });
    ingress(f, dns);
    expect(() => synthApp(f.app)).not.toThrow();
  });
});


describe('the zones of a DNS-01 issuer', () => {
  test('a zone listed twice is refused, as a repeated host is, rather than written twice into the solver', () => {
    const create = () => new ClusterIssuer(shop().platform, 'le', { issuer: Issuer.acmeDns01({ provider: CLOUDFLARE, dnsZones: ['example.com', 'example.org', 'example.com'] }) });
    expectSoc2Error(create, { code: 'INVALID_ISSUER', path: 'platform/le', prop: 'issuer.dnsZones[2]', value: '"example.com"', problem: /repeats issuer\.dnsZones\[0\]/, fix: /list each zone once/ });
  });

  test('distinct zones, one inside another, are written as given', () => {
    const f = shop();
    new ClusterIssuer(f.platform, 'le', { issuer: Issuer.acmeDns01({ provider: CLOUDFLARE, dnsZones: ['example.com', 'dev.example.com'] }) });
    const issuer = synthApp(f.app).find((o: any) => o.kind === 'ClusterIssuer');
    expect(issuer.spec.acme.solvers[0].selector).toEqual({ dnsZones: ['example.com', 'dev.example.com'] });
  });
});
