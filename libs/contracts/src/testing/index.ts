// @simpul/contracts/testing: fixtures, invalid payloads and fast-check arbitraries for tests of any
// package that consumes or produces events. Not for production code.
export {
  allValidFixtures,
  FIXTURE_IDS,
  fixtureNik,
  fixtureUuid,
  validFixture,
  validFixtures,
  watchlistEntriesOfEachLegalType,
} from './fixtures.js';
export {
  invalidFixtureInput,
  invalidFixtures,
  type ExpectedIssue,
  type InvalidFixture,
} from './invalid-fixtures.js';
export { arrestWithSuspects, interceptionOfAboutBytes, interceptionWithCandidates } from './big-events.js';
export {
  anyEventArbitrary,
  applyMutations,
  eventArbitrary,
  instantArbitrary,
  mutatedEventArbitrary,
  mutationArbitrary,
  personArbitrary,
  textArbitrary,
  type GeneratedInstant,
  type Mutation,
} from './arbitraries.js';
