import { servedByIngressNginx, servedHosts } from '../../../../../src/compliance/controls/ingress/private/ingress';
import { ManifestIndex } from '../../../../../src/compliance/manifest-index';
import { ingress, ingressClass } from '../fixtures';

function nginx(objects: unknown[]): boolean[] {
  const index = ManifestIndex.fromObjects(objects);
  return index.ofKind('Ingress').map(i => servedByIngressNginx(index, i));
}

describe('Ingress reading', () => {
  test('a defaultBackend counts as a catch-all host', () => {
    expect(servedHosts({ spec: { defaultBackend: { service: { name: 's' } }, rules: [{ host: 'a.example.com' }] } }))
      .toEqual([{ host: 'a.example.com', path: 'spec.rules[0].host' }, { path: 'spec.defaultBackend' }]);
  });

  test('an undefined class "nginx" is taken as ingress-nginx; a defined class decides by its controller', () => {
    expect(nginx([ingress('a', ['x'], { className: 'nginx' })])).toEqual([true]);
    expect(nginx([ingressClass('nginx', 'nginx.org/ingress-controller'), ingress('a', ['x'], { className: 'nginx' })])).toEqual([false]);
  });

  test('an Ingress without class is ingress-nginx when it carries ingress-nginx annotations', () => {
    expect(nginx([ingress('a', ['x'], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }), ingress('b', ['x'])])).toEqual([true, false]);
  });
});
