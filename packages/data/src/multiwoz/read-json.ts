import { openTextStream } from '../text-stream';

/** Parses a JSON file, gunzipping it when it is gzip-compressed. */
export async function readJsonFile(path: string): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openTextStream(path)) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
