import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseManifests, parseYamlValues } from '../../../src/compliance/load';

/** JSON values without -0 (which JSON itself writes as 0). */
const json = fc.jsonValue().map(v => JSON.parse(JSON.stringify(v)));

describe('parsing, for any input', () => {
  test('never throws, and every error names a document and a line', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), text => {
      const { errors } = parseManifests(text, 'fuzz.yaml');
      for (const e of errors) {
        expect(e.document).toBeGreaterThanOrEqual(1);
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.message).not.toContain('\n');
      }
    }), { numRuns: 500 });
  });

  test('reads any JSON text exactly as JSON.parse does', () => {
    fc.assert(fc.property(json, fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const { values, errors } = parseYamlValues(text, 'v.json');
      expect(errors).toEqual([]);
      expect(values.map(v => v.value)).toEqual(value === null ? [] : [JSON.parse(text)]);
    }), { numRuns: 500 });
  });

  test('reads back any ConfigMap written as YAML 1.1, whatever its data', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), data => {
      const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data };
      const { documents, errors } = parseManifests(stringify(object, { version: '1.1' }), 'cm.yaml');
      expect(errors).toEqual([]);
      expect(documents[0].doc).toEqual(object);
    }), { numRuns: 300 });
  });
});
