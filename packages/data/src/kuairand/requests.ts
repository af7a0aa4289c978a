/** Default gap that ends a request: 30 minutes without an impression. */
export const REQUEST_GAP_MS = 30 * 60 * 1000;

/**
 * Request ids: one user's impressions on one date with no gap of `gapMs` or more between
 * consecutive ones form a request. Ids are numbered 0.. in order of (user, time).
 */
export function groupRequests(users: ArrayLike<number>, dates: ArrayLike<number>, times: ArrayLike<number>, gapMs = REQUEST_GAP_MS): Int32Array {
  const n = users.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => users[a]! - users[b]! || times[a]! - times[b]! || a - b);
  const requests = new Int32Array(n);
  let id = -1;
  for (let k = 0; k < n; k++) {
    const row = order[k]!;
    const previous = k > 0 ? order[k - 1]! : -1;
    const continues = previous >= 0 && users[previous] === users[row] && dates[previous] === dates[row] && times[row]! - times[previous]! < gapMs;
    if (!continues) id++;
    requests[row] = id;
  }
  return requests;
}
