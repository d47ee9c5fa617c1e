import * as fc from 'fast-check';
import { reportJson } from '../../../src/compliance/reports/private/json-text';

describe('reportJson', () => {
  test('parses back to what JSON.stringify gives, for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), value => {
      expect(JSON.parse(reportJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
    }), { numRuns: 2000 });
  });

  test('drops undefined members and writes undefined array elements as null, as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, 1], c: { d: undefined } };
    expect(JSON.parse(reportJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  test('writes short array elements on one line each and the rest indented', () => {
    const text = reportJson({
      version: 2,
      rows: [{ object: 'Deployment/team/api', status: 'passed' }, 'Deployment/team/web'],
      long: [{ message: 'x'.repeat(400) }],
      empty: [],
      none: {},
    });
    expect(text).toBe([
      '{',
      '  "version": 2,',
      '  "rows": [',
      '    {"object":"Deployment/team/api","status":"passed"},',
      '    "Deployment/team/web"',
      '  ],',
      '  "long": [',
      '    {',
      `      "message": "${'x'.repeat(400)}"`,
      '    }',
      '  ],',
      '  "empty": [],',
      '  "none": {}',
      '}',
    ].join('\n'));
  });

  test('writes the same text as JSON.stringify with two spaces when no element is short', () => {
    const value = { config: { list: [[1, 2], [3]] }, big: [{ text: 'y'.repeat(400) }] };
    const expected = JSON.stringify(value, null, 2).replace('[\n        1,\n        2\n      ]', '[1,2]').replace('[\n        3\n      ]', '[3]');
    expect(reportJson(value)).toBe(expected);
  });
});
