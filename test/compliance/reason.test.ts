import { isIsoDate, looksDated, whyReasonInvalid } from '../../src/compliance/reason';

describe('a reason must say something', () => {
  test.each(['', '   ', 'TODO', 'todo: fix', 'n/a', 'N/A', 'tbd', 'FIXME later', 'xxx', 'temp', '-', 'ok'])('"%s" is refused', r => {
    expect(whyReasonInvalid(r)).toBeDefined();
  });
  test('short or one-word reasons are refused', () => {
    expect(whyReasonInvalid('old app')).toMatch(/shorter than 10 characters/);
    expect(whyReasonInvalid('supercalifragilistic')).toMatch(/is a single word, not a reason/);
  });
  test.each(['n/a n/a n/a n/a', 'N/A N/A N/A', 'n/a - will fix later', 'xxx xxx xxx', 'todo todo todo todo'])('"%s", placeholders repeated, is refused', r => {
    expect(whyReasonInvalid(r)).toMatch(/is a placeholder, not a reason/);
  });
  test.each(['not applicable', 'Not Applicable.', 'to be determined', 'TO BE DONE', 'to be confirmed', 'work in progress', 'no reason given', 'not applicable, to be decided'])(
    '"%s", a placeholder spelt out, is refused', r => {
      expect(whyReasonInvalid(r)).toMatch(/is a placeholder, not a reason/);
    });
  test('a spelt-out placeholder with words that say something passes', () => {
    expect(whyReasonInvalid('not applicable: the vendor image writes /var/cache')).toBeUndefined();
    expect(whyReasonInvalid('fix to be done by the vendor in release 4.2 (SEC-142)')).toBeUndefined();
  });
  test('non-strings are refused', () => {
    expect(whyReasonInvalid(undefined)).toBe('the reason is empty');
    expect(whyReasonInvalid(42)).toBe('the reason must be text');
  });
  test('a real reason passes, however short', () => {
    expect(whyReasonInvalid('vendor image writes /var/cache; tracked in SEC-142')).toBeUndefined();
    expect(whyReasonInvalid('card processor')).toBeUndefined();
  });
});

describe('isIsoDate', () => {
  test.each([['2027-03-31', true], ['2027-02-30', false], ['2027-3-31', false], ['31/03/2027', false], [20270331, false]])('%s → %s', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok);
  });
});

describe('looksDated', () => {
  test.each([
    'until 2027-03-31 reason', 'until 2027-03-31 - reason', 'until2027-03-31: reason', 'expires 2027-03-31: reason', 'Until 2027-03-31: reason',
    '2027-03-31: reason', '2027/03/31: reason', '31.03.2027: reason', '20270331: reason', 'untill 2027-03-31: reason', 'valid until 03/31/2027 reason',
  ])('"%s" reads as dated', r => expect(looksDated(r)).toBe(true));
  test.each(['vendor image writes /var/cache until SEC-142 lands', 'untilted', 'images mirrored in-cluster', 'until the vendor ships a fix (SEC-142)', '2027 budget holds it'])(
    '"%s" does not', r => expect(looksDated(r)).toBe(false));
});
