import { describe, expect, it } from 'vitest';
import { normalizeTime, normalizeValue } from './normalize';
import { DB_DIR, HAVE_MULTIWOZ } from './shared-data.test-helper';
import { entityNames, loadVenueDb, queryVenues, venueMatchCounts } from './venue-db';

describe('value normalisation', () => {
  it('folds spelling variants and clock formats', () => {
    expect(normalizeValue(' The  Center ')).toBe('centre');
    expect(normalizeValue('Guest House')).toBe('guesthouse');
    expect(normalizeTime('5:45')).toBe('05:45');
    expect(normalizeTime('17.30')).toBe('17:30');
    expect(normalizeTime('after lunch')).toBeUndefined();
  });
});

describe.skipIf(!HAVE_MULTIWOZ)('queryVenues on the shared DBs', async () => {
  const db = HAVE_MULTIWOZ ? await loadVenueDb(DB_DIR) : undefined;

  it('matches normalised values and ignores dontcare, not mentioned and booking slots', () => {
    if (!db) return;
    const names = entityNames('restaurant', queryVenues(db, 'restaurant', { food: 'Italian', area: 'center', pricerange: 'cheap', name: 'not mentioned', book_people: '4' }));
    expect(names.sort()).toEqual(['ask restaurant', 'pizza hut city centre', 'zizzi cambridge']);
    expect(queryVenues(db, 'restaurant', { food: 'italian', area: 'north', pricerange: 'dontcare' })).toHaveLength(1);
    expect(entityNames('hotel', queryVenues(db, 'hotel', { area: 'centre', type: 'guest house', pricerange: 'cheap' })).sort()).toEqual([
      'alexander bed and breakfast',
      'el shaddai',
    ]);
  });

  it('keeps trains leaving at or after leaveAt and arriving by arriveBy', () => {
    if (!db) return;
    const route = { departure: 'cambridge', destination: 'london kings cross', day: 'monday' };
    const ids = (extra: Record<string, string>) => entityNames('train', queryVenues(db, 'train', { ...route, ...extra }));
    expect(ids({ leaveAt: '19:00' })).toEqual(['tr4957', 'tr2634', 'tr1428']);
    expect(ids({ arriveBy: '7:51' })).toEqual(['tr7075', 'tr2289']);
    expect(ids({ leaveAt: '9:00', arriveBy: '11:51' })).toEqual(['tr7409', 'tr1111']);
  });

  it('counts the matches of a belief state per venue domain', () => {
    if (!db) return;
    const counts = venueMatchCounts(db, { restaurant: { food: 'italian', area: 'centre', pricerange: 'cheap' } });
    expect(counts).toEqual({ restaurant: 3, hotel: 33, attraction: 79, train: 2828 });
  });
});
