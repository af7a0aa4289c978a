/** Character offsets [start, end) of each whitespace-separated word of `text`. */
export function wordOffsets(text: string): { start: number; end: number }[] {
  const offsets: { start: number; end: number }[] = [];
  for (const match of text.matchAll(/\S+/g)) offsets.push({ start: match.index, end: match.index + match[0].length });
  return offsets;
}
