import { forTerminal } from '../../src/cli/output';

describe('output for a terminal', () => {
  test('escapes control characters and bidirectional overrides from manifests, keeps colour codes', () => {
    expect(forTerminal('name \u001b]0;pwned\u0007 \u202e \u001b[31mred\u001b[0m\n'))
      .toBe('name \\u{1b}]0;pwned\\u{7} \\u{202e} \u001b[31mred\u001b[0m\n');
  });

  test('leaves ordinary text alone', () => {
    expect(forTerminal('0 findings in 3 of 4 objects\n\tindented\n')).toBe('0 findings in 3 of 4 objects\n\tindented\n');
  });
});
