import { ingressHttpsRedirect } from '../../../../src/compliance/controls/ingress/ingress-https-redirect';
import { check, messages, outcome } from '../../helpers';
import { ingress, ingressClass } from './fixtures';

const TLS = [{ hosts: ['pay.example.com'], secretName: 's' }];
const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const FORCE = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

describe('ingress-https-redirect', () => {
  test('passes an ingress-nginx Ingress with spec.tls (redirect is the default)', () => {
    expect(outcome(ingressHttpsRedirect, [ingress('web', ['pay.example.com'], { className: 'nginx', tls: TLS })])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails ingress-nginx with ssl-redirect "false"', () => {
    const ing = ingress('web', ['pay.example.com'], { className: 'nginx', tls: TLS, annotations: { [SSL_REDIRECT]: 'false' } });
    expect(messages(ingressHttpsRedirect, [ing])).toEqual([`${SSL_REDIRECT} is "false" (false), so ingress-nginx serves plain HTTP`]);
  });

  test('reads ingress-nginx\'s booleans as it does (Go\'s ParseBool): "False", "0" and "f" turn the redirect off; a value it cannot parse keeps the default', () => {
    for (const off of ['False', 'FALSE', '0', 'f']) {
      const ing = ingress('web', ['pay.example.com'], { className: 'nginx', tls: TLS, annotations: { [SSL_REDIRECT]: off } });
      expect(messages(ingressHttpsRedirect, [ing])).toEqual([`${SSL_REDIRECT} is "${off}" (false), so ingress-nginx serves plain HTTP`]);
    }
    const unparsable = ingress('web', ['pay.example.com'], { className: 'nginx', tls: TLS, annotations: { [SSL_REDIRECT]: 'no' } });
    expect(outcome(ingressHttpsRedirect, [unparsable])).toEqual({ 'Ingress/team/web': 'pass' });
    const forced = ingress('web', ['pay.example.com'], { className: 'nginx', annotations: { [FORCE]: 'True' } });
    expect(outcome(ingressHttpsRedirect, [forced])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('judges an Ingress ingress-nginx serves by ingress-nginx\'s annotations alone: another controller\'s redirect does not count', () => {
    const ing = ingress('web', ['pay.example.com'], { className: 'nginx', tls: TLS, annotations: { [SSL_REDIRECT]: 'false', 'ingress.kubernetes.io/ssl-redirect': 'true' } });
    expect(messages(ingressHttpsRedirect, [ing])).toEqual([`${SSL_REDIRECT} is "false" (false), so ingress-nginx serves plain HTTP`]);
  });

  test('an undeclared class "nginx" with NGINX Inc\'s annotations and none of ingress-nginx\'s is NGINX Inc\'s controller (whose default class is also "nginx")', () => {
    const inc = ingress('web', ['pay.example.com'], { className: 'nginx', annotations: { 'nginx.org/redirect-to-https': 'true' } });
    expect(outcome(ingressHttpsRedirect, [inc])).toEqual({ 'Ingress/team/web': 'pass' });
    // Declared as ingress-nginx's class, the annotation of another controller does not count.
    expect(outcome(ingressHttpsRedirect, [ingressClass('nginx', 'k8s.io/ingress-nginx'), inc])).toEqual({ 'Ingress/team/web': 'fail' });
  });

  test('a padded value is not a boolean to Go\'s ParseBool: GKE keeps HTTP allowed', () => {
    const padded = ingress('web', ['a.example.com'], { className: 'gce', tls: TLS, annotations: { 'kubernetes.io/ingress.allow-http': ' false' } });
    expect(outcome(ingressHttpsRedirect, [ingressClass('gce', 'k8s.io/ingress-gce'), padded])).toEqual({ 'Ingress/team/web': 'fail' });
  });

  test('a declared class is judged by its controller\'s annotations alone: another controller\'s redirect left over from a migration does not count', () => {
    const migrated = ingress('migrated', ['a.example.com'], { className: 'traefik', tls: TLS, annotations: { [FORCE]: 'true' } });
    expect(messages(ingressHttpsRedirect, [ingressClass('traefik', 'traefik.io/ingress-controller'), migrated]))
      .toEqual(['no HTTP-to-HTTPS redirect is configured for ingress class "traefik": set traefik.ingress.kubernetes.io/router.entrypoints']);
    const haproxy = ingress('other', ['a.example.com'], { className: 'haproxy', tls: TLS, annotations: { 'haproxy.org/ssl-redirect': 'true' } });
    expect(outcome(ingressHttpsRedirect, [ingressClass('haproxy', 'haproxy.org/ingress-controller'), haproxy])).toEqual({ 'Ingress/team/other': 'pass' });
    const unknown = ingress('other', ['a.example.com'], { className: 'edge', tls: TLS, annotations: { 'kubernetes.io/ingress.allow-http': 'false' } });
    expect(messages(ingressHttpsRedirect, [ingressClass('edge', 'example.com/edge-controller'), unknown])).toEqual([
      'ingress class "edge" is served by controller example.com/edge-controller, whose HTTP-to-HTTPS redirect the check does not know: configure it, and record it with a reasoned suppression of this control',
    ]);
  });

  test('NGINX Inc\'s controller redirects an Ingress with TLS by default, unless its ssl-redirect is false', () => {
    const cls = ingressClass('nginx', 'nginx.org/ingress-controller');
    expect(outcome(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'nginx', tls: TLS })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'nginx', tls: TLS, annotations: { 'nginx.org/ssl-redirect': 'False' } })]))
      .toEqual(['nginx.org/ssl-redirect is "False" (false), so the NGINX Ingress Controller (nginx.org) serves plain HTTP']);
    expect(messages(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'nginx' })]))
      .toEqual(['the NGINX Ingress Controller (nginx.org) redirects to HTTPS only for an Ingress with spec.tls or nginx.org/redirect-to-https: "true"']);
  });

  test('an undeclared class "nginx" with only NGINX Inc\'s annotations gets NGINX Inc\'s default redirect; its ssl-redirect does nothing without TLS', () => {
    const tls = ingress('web', ['a.example.com'], { className: 'nginx', tls: TLS, annotations: { 'nginx.org/ssl-redirect': 'true' } });
    expect(messages(ingressHttpsRedirect, [tls]).length).toBe(0);
    expect(outcome(ingressHttpsRedirect, [tls])).toEqual({ 'Ingress/team/web': 'pass' });
    const plain = ingress('web', ['a.example.com'], { className: 'nginx', annotations: { 'nginx.org/ssl-redirect': 'true' } });
    expect(messages(ingressHttpsRedirect, [ingressClass('nginx', 'nginx.org/ingress-controller'), plain]))
      .toEqual(['the NGINX Ingress Controller (nginx.org) redirects to HTTPS only for an Ingress with spec.tls or nginx.org/redirect-to-https: "true"']);
  });

  test('an undeclared class other than "nginx" whose Ingress carries ingress-nginx annotations is ingress-nginx\'s (a second class such as nginx-internal)', () => {
    const internal = ingress('web', ['a.example.com'], { className: 'nginx-internal', tls: TLS, annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' } });
    expect(outcome(ingressHttpsRedirect, [internal])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('an undeclared class "traefik" is Traefik\'s: its entry points, or a redirectScheme Middleware of the set its routers use', () => {
    const middleware = { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'redirect-https', namespace: 'web' }, spec: { redirectScheme: { scheme: 'https', permanent: true } } };
    const viaMiddleware = ingress('shop', ['a.example.com'], { className: 'traefik', tls: TLS, annotations: { 'traefik.ingress.kubernetes.io/router.middlewares': 'web-redirect-https@kubernetescrd' } });
    expect(messages(ingressHttpsRedirect, [middleware, viaMiddleware])).toEqual([]);
    expect(check(ingressHttpsRedirect, [middleware, viaMiddleware])[0].message).toBe('Traefik: router.middlewares includes Middleware Middleware/web/redirect-https, which redirects to https');
    expect(messages(ingressHttpsRedirect, [viaMiddleware]))
      .toEqual(['no HTTP-to-HTTPS redirect is configured for ingress class "traefik": set traefik.ingress.kubernetes.io/router.entrypoints']);
    const nginxAnnotation = ingress('shop', ['a.example.com'], { className: 'traefik', tls: TLS, annotations: { [FORCE]: 'true' } });
    expect(outcome(ingressHttpsRedirect, [nginxAnnotation])).toEqual({ 'Ingress/team/shop': 'fail' });
  });

  test('a declared HAProxy class redirects an Ingress with a spec.tls secretName by default, unless haproxy.org/ssl-redirect is false', () => {
    const cls = ingressClass('haproxy', 'haproxy.org/ingress-controller');
    expect(outcome(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'haproxy', tls: TLS })])).toEqual({ 'Ingress/team/web': 'pass' });
    expect(messages(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'haproxy', tls: TLS, annotations: { 'haproxy.org/ssl-redirect': 'false' } })]))
      .toEqual(['haproxy.org/ssl-redirect is "false" (false), so the HAProxy Kubernetes Ingress Controller serves plain HTTP']);
    expect(messages(ingressHttpsRedirect, [cls, ingress('web', ['a.example.com'], { className: 'haproxy' })]))
      .toEqual(['the HAProxy Kubernetes Ingress Controller redirects to HTTPS only for an Ingress with a spec.tls secretName or haproxy.org/ssl-redirect: "true"']);
  });

  test('passes a GKE Ingress whose FrontendConfig of the set redirects to https', () => {
    const frontendConfig = (enabled: boolean) => ({ apiVersion: 'networking.gke.io/v1beta1', kind: 'FrontendConfig', metadata: { name: 'redirect', namespace: 'team' }, spec: { redirectToHttps: { enabled } } });
    const ing = ingress('web', ['a.example.com'], { tls: TLS, annotations: { 'kubernetes.io/ingress.class': 'gce', 'networking.gke.io/v1beta1.FrontendConfig': 'redirect' } });
    expect(check(ingressHttpsRedirect, [frontendConfig(true), ing])[0].message)
      .toBe('GKE Ingress: networking.gke.io/v1beta1.FrontendConfig names FrontendConfig FrontendConfig/team/redirect, which redirects to https (spec.redirectToHttps.enabled)');
    expect(outcome(ingressHttpsRedirect, [frontendConfig(false), ing])).toEqual({ 'Ingress/team/web': 'fail' });
    expect(outcome(ingressHttpsRedirect, [ing])).toEqual({ 'Ingress/team/web': 'fail' });
  });

  test('passes force-ssl-redirect "true" even with ssl-redirect "false" or without spec.tls', () => {
    const ing = ingress('web', ['pay.example.com'], { className: 'nginx', annotations: { [SSL_REDIRECT]: 'false', [FORCE]: 'true' } });
    expect(outcome(ingressHttpsRedirect, [ing])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails ingress-nginx without spec.tls or force-ssl-redirect', () => {
    expect(messages(ingressHttpsRedirect, [ingress('web', ['pay.example.com'], { className: 'nginx' })]))
      .toEqual(['ingress-nginx redirects to HTTPS only for an Ingress with spec.tls or nginx.ingress.kubernetes.io/force-ssl-redirect: "true"']);
  });

  test('recognises ingress-nginx through the IngressClass controller, including the default class', () => {
    const objects = [ingressClass('public', 'k8s.io/ingress-nginx', true), ingress('web', ['pay.example.com'], { tls: TLS })];
    expect(outcome(ingressHttpsRedirect, objects)).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('fails another controller without its redirect annotation, and passes it with one', () => {
    const objects = [ingressClass('alb', 'ingress.k8s.aws/alb'), ingress('plain', ['a.example.com'], { className: 'alb', tls: TLS })];
    expect(messages(ingressHttpsRedirect, objects)).toEqual(['no HTTP-to-HTTPS redirect is configured for ingress class "alb": set alb.ingress.kubernetes.io/ssl-redirect']);
    const redirected = ingress('web', ['a.example.com'], { className: 'alb', tls: TLS, annotations: { 'alb.ingress.kubernetes.io/ssl-redirect': '443' } });
    expect(outcome(ingressHttpsRedirect, [redirected])).toEqual({ 'Ingress/team/web': 'pass' });
  });

  test('does not apply to objects other than Ingresses', () => {
    expect(outcome(ingressHttpsRedirect, [ingressClass('nginx', 'k8s.io/ingress-nginx')])).toEqual({});
  });
});
