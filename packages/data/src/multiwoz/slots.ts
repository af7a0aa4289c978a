import { type Domain, MULTIWOZ_DOMAINS } from './types';

/** Belief-state values that constrain nothing. */
const EMPTY_VALUES = new Set(['', 'not mentioned', 'none']);

export function isFilled(value: string): boolean {
  return !EMPTY_VALUES.has(value.trim().toLowerCase());
}

export function asDomain(name: string): Domain | undefined {
  const lower = name.toLowerCase();
  return (MULTIWOZ_DOMAINS as readonly string[]).includes(lower) ? (lower as Domain) : undefined;
}

/** ConvLab act slot names -> the lower-case names used in delexicalized tokens. */
const ACT_SLOTS: Record<string, string> = {
  addr: 'address',
  post: 'postcode',
  ref: 'reference',
  ticket: 'price',
  fee: 'price',
  price: 'pricerange',
  leave: 'leave',
  arrive: 'arrive',
  depart: 'departure',
  dest: 'destination',
  choice: 'count',
  id: 'id',
  trainid: 'id',
  leaveat: 'leave',
  arriveby: 'arrive',
};

/** Canonical act slot name: `Addr` -> `address`, `Leave` -> `leave`, `Name` -> `name`. */
export function canonicalActSlot(slot: string): string {
  const lower = slot.toLowerCase();
  return ACT_SLOTS[lower] ?? lower;
}

/** MultiWOZ 2.2 state slot names (after the `domain-` prefix) -> internal names. */
const SGD_STATE_SLOTS: Record<string, string> = {
  leaveat: 'leaveAt',
  arriveby: 'arriveBy',
  bookpeople: 'book_people',
  bookday: 'book_day',
  bookstay: 'book_stay',
  booktime: 'book_time',
};

export function canonicalSgdStateSlot(slot: string): string {
  return SGD_STATE_SLOTS[slot] ?? slot;
}
