import { MAX_ARTIFACT_BYTES } from '../schemas/tracking-limits.ts';

/** An upload larger than the server accepts; thrown before anything is sent. */
export class ArtifactTooLargeError extends Error {
  constructor(
    readonly artifact: string,
    readonly bytes: number,
    readonly limit: number = MAX_ARTIFACT_BYTES,
  ) {
    super(`artifact "${artifact}": ${megabytes(bytes)} exceeds the limit of ${megabytes(limit)} per upload; split it into several artifacts`);
    this.name = 'ArtifactTooLargeError';
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Files of an artifact: raw bytes, or text stored as UTF-8. */
export type ArtifactFiles = Record<string, Uint8Array | string>;

/** The upload's file list (base64, the JSON-safe form), after the size check. */
export function encodeArtifactFiles(artifact: string, files: ArtifactFiles): { path: string; base64: string }[] {
  const entries = Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength)] as const);
  if (entries.length === 0) throw new Error(`artifact "${artifact}": no files`);
  const bytes = entries.reduce((n, [, buffer]) => n + buffer.byteLength, 0);
  if (bytes > MAX_ARTIFACT_BYTES) throw new ArtifactTooLargeError(artifact, bytes);
  return entries.map(([path, buffer]) => ({ path, base64: buffer.toString('base64') }));
}
