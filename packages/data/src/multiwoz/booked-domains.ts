import { z } from 'zod';
import { readJsonFile } from './read-json';

const bookedDomainsSchema = z.record(z.string(), z.array(z.array(z.string())));

/** Booked domains per system turn, keyed by lower-case dialogue id. */
export type BookedDomainsTable = Record<string, string[][]>;

/** Reads the mwzeval booked-domains table (`booked_domains*.json`, gzip or plain). */
export async function readBookedDomains(path: string): Promise<BookedDomainsTable> {
  const parsed = bookedDomainsSchema.safeParse(await readJsonFile(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid table'}`);
  }
  return parsed.data;
}
