import { PropProblem } from '../../../constructs';
import { propsOf } from '../../../constructs/private/validate';

interface Props {
  readonly owner: string;
  readonly name?: string;
  readonly replicas?: number;
}
const SHAPE = { owner: true, name: false, replicas: false } as const;

/** The props as `propsOf` gives them, and the problems it reports. */
function of(props: unknown, renamed?: Record<string, string>): { props: unknown; found: PropProblem[] } {
  const found: PropProblem[] = [];
  return { props: propsOf(props as Props, SHAPE, found, renamed), found };
}

describe('propsOf', () => {
  test('drops the optional props given as null, and keeps a required one for its own check to refuse', () => {
    expect(of({ owner: null, name: null, replicas: 3 })).toEqual({ props: { owner: null, replicas: 3 }, found: [] });
  });

  test('gives back the props object itself when there is nothing to drop', () => {
    const props = { owner: 'team-a', name: 'api' };
    expect(of(props).props).toBe(props);
  });

  test('reports each prop it does not know, with the closest known one or the reason it was renamed, and keeps it', () => {
    const { props, found } = of({ owner: 'team-a', replica: 3, secretEnv: {} }, { secretEnv: 'use secretFiles' });
    expect(props).toEqual({ owner: 'team-a', replica: 3, secretEnv: {} });
    expect(found).toEqual([
      { prop: 'replica', value: 3, problem: 'is not a prop of this construct', fix: 'remove it, or did you mean "replicas"?' },
      { prop: 'secretEnv', value: {}, problem: 'is not a prop of this construct', fix: 'use secretFiles' },
    ]);
  });

  test('an unknown prop given as null is reported, not dropped', () => {
    expect(of({ owner: 'team-a', nmae: null })).toEqual({
      props: { owner: 'team-a', nmae: null }, found: [expect.objectContaining({ prop: 'nmae', value: null, fix: 'remove it, or did you mean "name"?' })],
    });
  });

  test.each([null, undefined, 'team-a', 42])('gives back %j as it is, reporting nothing: the construct refuses it with its own message', props => {
    expect(of(props)).toEqual({ props, found: [] });
  });
});
