import { enabledAccessLogProviders } from '../../../../../src/compliance/controls/mesh/private/access-logging';

describe('enabledAccessLogProviders', () => {
  test('returns the named providers that are on', () => {
    expect(enabledAccessLogProviders([[{ providers: [{ name: 'envoy' }] }]])).toEqual(['envoy']);
  });

  test('lets a more specific entry turn a provider off', () => {
    expect(enabledAccessLogProviders([[{ providers: [{ name: 'envoy' }] }], [{ providers: [{ name: 'envoy' }], disabled: true }]])).toEqual([]);
  });

  test('treats a disabled entry without providers as turning everything off', () => {
    expect(enabledAccessLogProviders([[{ providers: [{ name: 'envoy' }, { name: 'otel' }] }], [{ disabled: true }]])).toEqual([]);
  });

  test('does not count the unnamed default provider as evidence', () => {
    expect(enabledAccessLogProviders([[{}]])).toEqual([]);
  });

  test('ignores missing layers', () => {
    expect(enabledAccessLogProviders([undefined, [{ providers: [{ name: 'otel' }] }]])).toEqual(['otel']);
  });
});
