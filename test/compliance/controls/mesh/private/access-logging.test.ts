import { enabledAccessLogProviders } from '../../../../../src/compliance/controls/mesh/private/access-logging';

const both = (chain: unknown[]) => [enabledAccessLogProviders(chain, 'CLIENT'), enabledAccessLogProviders(chain, 'SERVER')];

describe('enabledAccessLogProviders', () => {
  test('returns the named providers that are on', () => {
    expect(both([[{ providers: [{ name: 'envoy' }] }]])).toEqual([['envoy'], ['envoy']]);
  });

  test('lets a more specific entry turn a provider off', () => {
    expect(both([[{ providers: [{ name: 'envoy' }] }], [{ providers: [{ name: 'envoy' }], disabled: true }]])).toEqual([[], []]);
  });

  test('reads an entry without providers as addressing those of the entry before it', () => {
    expect(both([[{ providers: [{ name: 'envoy' }, { name: 'otel' }] }], [{ disabled: true }]])).toEqual([[], []]);
    expect(both([[{ providers: [{ name: 'envoy' }] }, { providers: [{ name: 'otel' }] }], [{ disabled: true }]])).toEqual([['envoy'], ['envoy']]);
    expect(both([[{ providers: [{ name: 'envoy' }], disabled: true }], [{}]])).toEqual([['envoy'], ['envoy']]);
  });

  test('keeps in scope only the providers of the most specific level that names any', () => {
    expect(both([[{ providers: [{ name: 'envoy' }] }], [{ providers: [{ name: 'otel' }], disabled: true }]])).toEqual([[], []]);
    expect(both([[{ providers: [{ name: 'envoy' }] }], [{ providers: [{ name: 'otel' }] }]])).toEqual([['otel'], ['otel']]);
  });

  test('applies an entry to the side its match.mode names only', () => {
    expect(both([[{ providers: [{ name: 'envoy' }], match: { mode: 'SERVER' } }]])).toEqual([[], ['envoy']]);
    expect(both([[{ providers: [{ name: 'envoy' }] }], [{ providers: [{ name: 'envoy' }], match: { mode: 'CLIENT' }, disabled: true }]])).toEqual([[], ['envoy']]);
    expect(both([[{ providers: [{ name: 'envoy' }], match: { mode: 'CLIENT_AND_SERVER' } }]])).toEqual([['envoy'], ['envoy']]);
  });

  test('does not count the unnamed default provider as evidence', () => {
    expect(both([[{}]])).toEqual([[], []]);
  });

  test('ignores missing layers and entries that are not mappings', () => {
    expect(both([undefined, [null, 'x', { providers: [{ name: 'otel' }] }]])).toEqual([['otel'], ['otel']]);
  });
});
