import { isHttpScheme, isHttpUrl, mappingsOf, shown, TlsClientSite } from './tls-client';

/** How a service discovery config of a ScrapeConfig is named, and what says it speaks plain http. */
interface Discovery {
  /** What Prometheus queries for targets. */
  readonly server: string;
  /** The field naming where it is, quoted in messages. @default - none */
  readonly address?: string;
  /** Whether the config, as written, has Prometheus query it over plain http. @default - never */
  readonly plain?: (config: Record<string, any>) => boolean;
}

/** A URL field: plain http when it starts with http://. */
const url = (field: string) => (c: Record<string, any>) => isHttpUrl(c[field]);

/**
 * The service discovery configs of a ScrapeConfig (monitoring.coreos.com/v1alpha1) that have a
 * `tlsConfig` of their own, by field, as the operator's ScrapeConfigSpec declares them: the TLS
 * settings of Prometheus's requests to the discovery service (the scrapes themselves use
 * `spec.tlsConfig`). `staticConfigs`, `fileSDConfigs`, `dnsSDConfigs`, `gceSDConfigs` and
 * `ovhcloudSDConfigs` have none.
 */
const DISCOVERY: Readonly<Record<string, Discovery>> = {
  httpSDConfigs: { server: 'HTTP discovery endpoint', address: 'url', plain: url('url') },
  kubernetesSDConfigs: { server: 'Kubernetes API server', address: 'apiServer', plain: url('apiServer') },
  consulSDConfigs: { server: 'Consul server', address: 'server', plain: c => isHttpScheme(c.scheme) },
  ec2SDConfigs: { server: 'AWS EC2 API' },
  azureSDConfigs: { server: 'Azure API' },
  openstackSDConfigs: { server: 'OpenStack API', address: 'identityEndpoint' },
  digitalOceanSDConfigs: { server: 'DigitalOcean API' },
  kumaSDConfigs: { server: 'Kuma control plane', address: 'server', plain: url('server') },
  eurekaSDConfigs: { server: 'Eureka server', address: 'server', plain: url('server') },
  dockerSDConfigs: { server: 'Docker daemon', address: 'host' },
  hetznerSDConfigs: { server: 'Hetzner API' },
  nomadSDConfigs: { server: 'Nomad server', address: 'server', plain: url('server') },
  dockerSwarmSDConfigs: { server: 'Docker Swarm daemon', address: 'host' },
  linodeSDConfigs: { server: 'Linode API' },
  puppetDBSDConfigs: { server: 'PuppetDB', address: 'url', plain: url('url') },
  lightSailSDConfigs: { server: 'AWS Lightsail API' },
  scalewaySDConfigs: { server: 'Scaleway API', address: 'apiURL', plain: url('apiURL') },
  ionosSDConfigs: { server: 'IONOS Cloud API' },
};

/**
 * The connections a ScrapeConfig's service discovery configs open, one site per config: a
 * discovery config that names a http:// URL (Consul: `scheme: http`) is queried without TLS.
 */
export function discoverySites(spec: Record<string, any>, client: string): TlsClientSite[] {
  const out: TlsClientSite[] = [];
  for (const [field, d] of Object.entries(DISCOVERY)) {
    for (const [config, i] of mappingsOf(spec[field])) {
      const address = d.address !== undefined ? shown(config[d.address], '') : '';
      const what = address !== '' ? `the ${d.server} ${address}` : `the ${d.server}`;
      out.push({
        holder: config, where: `spec.${field}[${i}].`, client, what, certificate: 'its certificate',
        does: `${client} discovers targets from ${what}`,
        plain: d.plain?.(config) ?? false,
      });
    }
  }
  return out;
}
