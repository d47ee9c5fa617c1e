import { parseUrl } from '../../../src/compliance/common/url';

describe('parseUrl', () => {
  test('reads a URL of any scheme, ignoring surrounding whitespace', () => {
    expect(parseUrl(' https://user:pw@Example.COM:8443/dir ')?.href).toBe('https://user:pw@example.com:8443/dir');
    expect(parseUrl('http://acme.local/directory')?.protocol).toBe('http:');
    expect(parseUrl('api://AzureADTokenExchange')?.protocol).toBe('api:');
  });

  test('gives undefined for what is no URL, and for values that are not strings', () => {
    expect(['', 'acme.example.com', 'https://', 'https://exa mple.com'].map(parseUrl)).toEqual(Array(4).fill(undefined));
    expect([undefined, null, 42, { href: 'https://example.com' }].map(parseUrl)).toEqual(Array(4).fill(undefined));
  });
});
