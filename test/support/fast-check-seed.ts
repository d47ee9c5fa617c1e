import * as fc from 'fast-check';

/**
 * Property tests run with a fixed seed, so `npm test` and CI are reproducible. A soak explores
 * new cases with SOC2_PROPERTY_SEED=random (fast-check prints the seed of any counterexample,
 * which can then be replayed with SOC2_PROPERTY_SEED=<seed>).
 */
if (process.env.SOC2_PROPERTY_SEED !== 'random') {
  fc.configureGlobal({ seed: Number(process.env.SOC2_PROPERTY_SEED ?? 20261127) });
}
