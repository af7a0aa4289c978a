/** 32-bit FNV-1a of a feature name: features are hashed into a fixed weight table. */
export function hashFeature(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Hashes of distinct feature names. */
export function hashFeatures(names: Iterable<string>): Uint32Array {
  return Uint32Array.from(new Set(names), hashFeature);
}

/** Whitespace tokens of a lower-cased response; placeholders like `[value_phone]` stay whole. */
export function responseTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Placeholders in a delexicalized response (`[hotel_name]`, `[value_count]`, ...). */
export function responsePlaceholders(text: string): string[] {
  return text.toLowerCase().match(/\[[a-z]+_[a-z ]+\]/g) ?? [];
}

/**
 * Features of a candidate response: its placeholders, their sorted set (the act it performs),
 * its words and a length bucket.
 */
export function candidateFeatureNames(text: string): string[] {
  const placeholders = responsePlaceholders(text);
  const words = responseTokens(text).filter((t) => !t.startsWith('['));
  const length = words.length + placeholders.length;
  return [
    'bias',
    `len:${Math.min(6, Math.floor(length / 5))}`,
    `acts:${[...new Set(placeholders)].sort().join(',')}`,
    ...placeholders.map((p) => `ph:${p}`),
    ...words.slice(0, 12).map((w) => `w:${w}`),
    ...(words.includes('?') ? ['question'] : []),
  ];
}
