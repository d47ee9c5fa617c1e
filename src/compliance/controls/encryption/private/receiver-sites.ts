import { isHttpUrl, isMapping, mappingsOf, shown, TlsClientSite } from './tls-client';

/**
 * The field that holds the URL an integration sends to, where it is written out (not kept in a
 * Secret): a http:// URL there opens no TLS connection. A Pushover config's `url` is a link shown
 * in the message, not where it sends.
 */
const URL_FIELDS: Readonly<Record<string, string>> = {
  webhookConfigs: 'url',
  pagerdutyConfigs: 'url',
  opsgenieConfigs: 'apiURL',
  victoropsConfigs: 'apiUrl',
  wechatConfigs: 'apiURL',
  telegramConfigs: 'apiURL',
  webexConfigs: 'apiURL',
  rocketchatConfigs: 'apiURL',
};

/**
 * Whether an email integration, as written, opens no TLS connection: Alertmanager uses TLS on
 * port 465 (implicit TLS) and, on any other port, through STARTTLS unless `requireTLS` is false.
 * Without a smarthost of its own the global one applies, whose port is not known here.
 */
function emailIsPlain(config: Record<string, any>): boolean {
  return config.requireTLS === false && typeof config.smarthost === 'string' && !/:465$/.test(config.smarthost.trim());
}

/**
 * The connections of the receivers of an AlertmanagerConfig (monitoring.coreos.com), one site per
 * integration (`spec.receivers[*].<kind>Configs[*]`): the HTTP client of each (`httpConfig`, its
 * `tlsConfig` and `oauth2`) and the SMTP connection of each email integration (its `tlsConfig`).
 */
export function receiverSites(spec: Record<string, any>, client: string): TlsClientSite[] {
  const out: TlsClientSite[] = [];
  for (const [receiver, i] of mappingsOf(spec.receivers)) {
    const name = `receiver "${shown(receiver.name, '?')}"`;
    for (const field of Object.keys(receiver)) {
      if (!field.endsWith('Configs')) continue;
      for (const [config, j] of mappingsOf(receiver[field])) {
        const where = `spec.receivers[${i}].${field}[${j}].`;
        if (field === 'emailConfigs') {
          const server = typeof config.smarthost === 'string' && config.smarthost.trim() !== '' ? `the SMTP server ${config.smarthost.trim()}` : 'the global SMTP server';
          const what = `${server} of ${name}`;
          out.push({ holder: config, where, client, what, certificate: 'its certificate', does: `${client} sends email notifications and its SMTP credentials to ${what}`, plain: emailIsPlain(config) });
          continue;
        }
        if (!isMapping(config.httpConfig)) continue;
        const urlField = URL_FIELDS[field];
        const url = urlField !== undefined ? shown(config[urlField], '') : '';
        const what = `the ${field.slice(0, -'Configs'.length)} endpoint ${url !== '' ? `${url} ` : ''}of ${name}`;
        out.push({
          holder: config.httpConfig, where: `${where}httpConfig.`, client, what, certificate: 'its certificate',
          does: `${client} sends notifications to ${what}`, plain: urlField !== undefined && isHttpUrl(config[urlField]),
        });
      }
    }
  }
  return out;
}
