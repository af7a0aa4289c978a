import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A byte stream of the file's text, gunzipped when the file starts with the gzip magic bytes. */
export async function openTextStream(path: string): Promise<Readable> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(2);
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/**
 * Calls `onLine(text, lineNumber)` for every line of the file (1-based numbers; `\r\n` endings
 * trimmed), a chunk at a time: several times faster than readline's async iteration.
 */
export async function forEachLine(path: string, onLine: (text: string, line: number) => void): Promise<void> {
  const decoder = new TextDecoder();
  let rest = '';
  let line = 0;
  const emit = (text: string) => onLine(text.endsWith('\r') ? text.slice(0, -1) : text, ++line);
  for await (const chunk of await openTextStream(path)) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      emit(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest !== '') emit(rest);
}
