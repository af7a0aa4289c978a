import { describe, expect, it } from 'vitest';
import { groupRequests } from './requests';

describe('groupRequests', () => {
  it('splits a user by date and by gaps of 30 minutes or more (hand case, unsorted rows)', () => {
    const minute = 60_000;
    // User 1: 0, 10 and 39 min on one day (the 29-min gap continues), 70 min (gap 31) starts anew;
    // the next day starts anew. User 2 at the same times is separate.
    const users = [1, 2, 1, 1, 1, 1, 2];
    const dates = [1, 1, 1, 1, 1, 2, 1];
    const times = [10, 0, 0, 39, 70, 24 * 60, 5].map((m) => m * minute);
    expect([...groupRequests(users, dates, times)]).toEqual([0, 3, 0, 0, 1, 2, 3]);
    expect([...groupRequests(users, dates, times, 5 * minute)]).toEqual([1, 5, 0, 2, 3, 4, 6]);
  });
});
