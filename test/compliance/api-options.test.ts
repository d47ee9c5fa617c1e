import { runCompliance } from '../../src/compliance/engine';
import { loadManifests, readTextInput } from '../../src/compliance/load/load';
import { parseManifests, parseYamlValues } from '../../src/compliance/load/parse';
import { ManifestIndex } from '../../src/compliance/manifest-index';
import { toSarif } from '../../src/compliance/reports/sarif';
import { formatText } from '../../src/compliance/reports/text';

const report = () => runCompliance(ManifestIndex.fromObjects([]));

/** The message of what `fn` throws, or of the promise it rejects. */
async function messageOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('the functions of the engine refuse options they do not know, naming the function, the option, the value and the fix', () => {
  test.each([
    ['runCompliance', () => runCompliance(ManifestIndex.fromObjects([]), { skp: ['image-pinned'] } as never), 'options.skp', '["image-pinned"]', 'skip'],
    ['formatText', () => formatText(report(), { colour: true } as never), 'options.colour', 'true', 'color'],
    ['toSarif', () => toSarif(report(), { uriBAse: 'file:///repo/' } as never), 'options.uriBAse', '"file:///repo/"', 'uriBase'],
    ['loadManifests', () => loadManifests(['manifests/'], { maxFileByte: 1024 } as never), 'options.maxFileByte', '1024', 'maxFileBytes'],
    ['readTextInput', () => readTextInput('config.yaml', { maxFileByte: 1024 } as never), 'options.maxFileByte', '1024', 'maxFileBytes'],
    ['parseManifests', () => parseManifests('kind: ConfigMap', 'cm.yaml', { maxDepht: 20 } as never), 'limits.maxDepht', '20', 'maxDepth'],
    ['parseYamlValues', () => parseYamlValues('a: 1', 'config.yaml', { maxDocument: 1 } as never), 'limits.maxDocument', '1', 'maxDocuments'],
  ])('%s', async (fn, call, option, value, closest) => {
    const message = await messageOf(call);
    expect(message).toBe(`${fn}: invalid option\n  - ${fn}(${option}) = ${value}: is not an option of ${fn}. Fix: remove it, or did you mean "${closest}"?`);
  });

  test('options that are no object are refused, and null ones are no options', async () => {
    expect(await messageOf(() => formatText(report(), 'color' as never)))
      .toBe('formatText: invalid option\n  - formatText(options) = "color": must be an object of options. Fix: omit it, or pass an object of color, maxFindings');
    expect(formatText(report(), null as never)).toBe(formatText(report()));
    expect(runCompliance(ManifestIndex.fromObjects([]), null as never).findings).toEqual([]);
  });

  test('runCompliance checks its config as the CLI checks a config file, rather than running under the defaults', async () => {
    const message = await messageOf(() => runCompliance(ManifestIndex.fromObjects([]), { config: { allowedRegistry: ['registry.example.com/'], minReplicas: 0 } as never }));
    expect(message).toMatch(/^runCompliance: 2 invalid options$/m);
    expect(message).toMatch(/^ {2}- runCompliance\(options\.config\.allowedRegistry\) = \["registry\.example\.com\/"\]: is not a setting\. Fix: remove it, or did you mean "allowedRegistries"\?$/m);
    expect(message).toMatch(/^ {2}- runCompliance\(options\.config\.minReplicas\) = 0: must be a positive integer\. Fix: correct the value, or remove the setting for its default$/m);
    expect(runCompliance(ManifestIndex.fromObjects([]), { config: null as never }).config.minReplicas).toBe(2);
  });

  test('runCompliance takes the resolved config of a report as its settings, to judge another set alike', () => {
    const first = runCompliance(ManifestIndex.fromObjects([]), { config: { minReplicas: 3, today: '2026-11-27' } });
    const again = runCompliance(ManifestIndex.fromObjects([]), { config: first.config });
    expect(again.config).toEqual(first.config);
    const unpinned = runCompliance(ManifestIndex.fromObjects([]), { config: { minReplicas: 3 } });
    expect(runCompliance(ManifestIndex.fromObjects([]), { config: unpinned.config }).config).toMatchObject({ minReplicas: 3, today: unpinned.config.today });
  });
});
