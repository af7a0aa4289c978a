export { corpusBleu } from './bleu';
export { type BookedDomainsTable, readBookedDomains } from './booked-domains';
export { delexicalize, delexicalizeTurn, locateActValues, placeholder, placeholdersIn } from './delexicalize';
export { DialogueFormatError } from './dialogue-error';
export {
  type DialogueScore,
  type EvaluationInput,
  type EvaluationResult,
  evaluateMultiwoz,
  goldOutputs,
  type SystemTurnOutput,
  successRequestables,
} from './evaluate';
export { isConstraint, normalizeTime, normalizeValue } from './normalize';
export { parseConvlabDialogues, readConvlabDialogues } from './read-convlab';
export { readJsonFile } from './read-json';
export { parseSgdDialogues, readSgdDialogues } from './read-sgd';
export { type DialogueSplit, dialoguesInIdRange, splitDialoguesById } from './split-dialogues';
export {
  type BeliefState,
  type Dialogue,
  type DialogueAct,
  type Domain,
  type DomainGoal,
  type Goal,
  MULTIWOZ_DOMAINS,
  type Span,
  type Turn,
} from './types';
export {
  entityKey,
  entityNames,
  isVenueDomain,
  loadVenueDb,
  queryVenues,
  VENUE_DOMAINS,
  type Venue,
  type VenueDb,
  type VenueDomain,
  venueMatchCounts,
} from './venue-db';
