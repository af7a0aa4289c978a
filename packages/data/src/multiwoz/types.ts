/** The venue/service domains of MultiWOZ. */
export const MULTIWOZ_DOMAINS = ['restaurant', 'hotel', 'attraction', 'train', 'taxi', 'police', 'hospital', 'bus'] as const;
export type Domain = (typeof MULTIWOZ_DOMAINS)[number];

/** Filled slots per domain; booking slots are prefixed `book_` (`book_people`, `book_day`, ...). */
export type BeliefState = Partial<Record<Domain, Record<string, string>>>;

/** One dialogue act, e.g. `{ domain: 'hotel', intent: 'inform', slot: 'area', value: 'east' }`. */
export interface DialogueAct {
  domain: string;
  intent: string;
  slot: string;
  value: string;
}

/** A slot value located in the utterance by character offsets (`end` exclusive). */
export interface Span extends DialogueAct {
  start: number;
  end: number;
}

export interface Turn {
  speaker: 'user' | 'system';
  text: string;
  /** The belief state after this turn (for a system turn: the state it answers). */
  belief: BeliefState;
  acts: DialogueAct[];
  spans: Span[];
  /** Domains with a booking made by this turn, when the format records it. */
  bookedDomains?: Domain[];
}

export interface DomainGoal {
  /** Constraints the offered venue must satisfy. */
  informable: Record<string, string>;
  /** Attributes the user asks for (`phone`, `address`, `trainID`, ...). */
  requestable: string[];
  /** Booking details; non-empty when the user wants a booking. */
  booking: Record<string, string>;
}

export type Goal = Partial<Record<Domain, DomainGoal>>;

export interface Dialogue {
  id: string;
  turns: Turn[];
  /** The user goal; absent in formats that do not carry it (MultiWOZ 2.2). */
  goal?: Goal;
}
