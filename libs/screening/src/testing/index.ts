// @simpul/screening/testing: the synthetic population and the labelled evaluation set, for
// benchmarks and other packages' tests. Synthetic people only; no real person is described.
export { PeopleGenerator, type SyntheticPerson, type Tradition } from '../eval/synthetic-people.js';
export { Rng, WeightedPicker } from '../eval/rng.js';
export { applyVariant, oldSpelling, type VariantKind } from '../eval/variants.js';
export {
  EVAL_NOW,
  EVAL_SEED,
  buildEvalSet,
  recordEntry,
  type EvalQuery,
  type EvalSet,
} from '../eval/eval-set.js';
