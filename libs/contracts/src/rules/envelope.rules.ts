// The envelope's source must be the unit the event is about: a Polda publishes only for its own
// `data.polda`, a checkpoint only for its own `data.checkpoint`, ministry types only from KP2MI.
// Consumers additionally check that the signer is registered for that source (libs/bus).
import { SOURCE_PATTERN } from '../common/patterns.js';
import { checkpointSource, isMinistrySource, poldaSource } from '../envelope/units.js';
import { field, type CrossFieldRule } from './rule.js';

export const sourceNamesUnit: CrossFieldRule = {
  name: 'sourceNamesUnit',
  description:
    'source names the unit of the event: /polri/polda/<data.polda> for police types, /imigrasi/tpi/<data.checkpoint> for immigration types, a /kp2mi/ source for ministry types.',
  check(holder) {
    const source = field(holder, 'source');
    const type = field(holder, 'type');
    // A malformed source is the pattern check's to report.
    if (typeof source !== 'string' || typeof type !== 'string' || !SOURCE_PATTERN.test(source)) return true;
    const data = field(holder, 'data');
    switch (type.split('.')[0]) {
      case 'police': {
        const polda = field(data, 'polda');
        return typeof polda !== 'string' || source === poldaSource(polda);
      }
      case 'immigration': {
        const checkpoint = field(data, 'checkpoint');
        return typeof checkpoint !== 'string' || source === checkpointSource(checkpoint);
      }
      case 'ministry':
        return isMinistrySource(source);
      default:
        return true;
    }
  },
};
