import { DocumentOptions, ParseOptions, ScalarTag, SchemaOptions, Tags } from 'yaml';
import { kubernetesPlainScalar } from '../../common/go-yaml-scalar';

/** Tags of the YAML 1.1 schema that go-yaml v2 leaves as strings (or does not know). */
const NOT_IN_GO_YAML = new Set(['tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:binary',
  'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs', 'tag:yaml.org,2002:set']);

/**
 * Matches the plain scalars go-yaml reads as numbers ({@link kubernetesPlainScalar}), as a `test`
 * pattern of the YAML library, which then resolves the same string: the last reading is kept for it.
 */
class GoNumberPattern extends RegExp {
  private last: { text: string; value: unknown } = { text: '', value: null };

  public override test(s: string): boolean {
    if (s !== this.last.text) this.last = { text: s, value: kubernetesPlainScalar(s) };
    return typeof this.last.value === 'number';
  }

  /** The number go-yaml reads from `s`. */
  public numberOf(s: string): number {
    return (s === this.last.text ? this.last.value : kubernetesPlainScalar(s)) as number;
  }
}

const GO_NUMBER_PATTERN = new GoNumberPattern('^$');

/**
 * Plain scalars that go-yaml reads as numbers, read as it reads them, in place of the YAML
 * library's number tags (YAML 1.1's patterns). Under both names, so that explicit `!!int` and
 * `!!float` tags resolve through them too.
 */
const GO_NUMBERS: readonly ScalarTag[] = ['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float'].map(tag => ({
  tag,
  default: true,
  identify: () => false,
  test: GO_NUMBER_PATTERN,
  resolve: (s: string) => GO_NUMBER_PATTERN.numberOf(s),
}));

const NUMBER_TAGS: ReadonlySet<string> = new Set(GO_NUMBERS.map(t => t.tag));

/**
 * The parser settings. Kubernetes tools read YAML through go-yaml v2 (sigs.k8s.io/yaml), which
 * follows YAML 1.1 for booleans and nulls (`yes`/`no`/`on`/`off`), so `privileged: yes` is
 * checked as `true`, exactly as the API server would receive it, and Go's parsers for numbers
 * ({@link GO_NUMBERS}: `0644` and `0o644` are octal, `0_` is 0). Base-60 numbers and timestamps stay
 * strings, as in go-yaml. Duplicate keys are errors, found by `firstDuplicateKey` in linear
 * time rather than by the library's quadratic check.
 */
export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  strict: true,
  customTags: (tags: Tags) => [...GO_NUMBERS, ...tags.filter(t => typeof t === 'object' && !NOT_IN_GO_YAML.has(t.tag) && !NUMBER_TAGS.has(t.tag))],
};
