// police.departure.foiled: the headline prevention figure sums candidateCount, so it may exceed the
// candidates listed (not everyone is identified) but never fall short of them.
import { field, type CrossFieldRule } from './rule.js';

export const candidateCountCoversCandidates: CrossFieldRule = {
  name: 'candidateCountCoversCandidates',
  description: 'candidateCount is at least the number of entries in candidates.',
  check(holder) {
    const count = field(holder, 'candidateCount');
    const candidates = field(holder, 'candidates');
    if (typeof count !== 'number' || !Array.isArray(candidates)) return true;
    return count >= candidates.length;
  },
};
