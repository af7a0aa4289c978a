import type { PrismaClient } from './generated/prisma/client.ts';

/** `model`, `checkpoint`, `front`, or another kind a run produces. */
export type ArtifactKind = 'model' | 'checkpoint' | 'front' | (string & {});

export interface ArtifactInput {
  runId: string;
  kind: ArtifactKind;
  name: string;
  files: Record<string, Uint8Array>;
  step?: number;
}

export interface StoredArtifact {
  id: string;
  runId: string;
  kind: string;
  name: string;
  step: number | null;
  size: number;
  createdAt: Date;
  files: Record<string, Uint8Array>;
}

/**
 * Stores a set of files in Postgres (one transaction). A checkpoint also becomes the run's
 * checkpoint pointer, and older checkpoints of that run are deleted: resuming needs only the newest.
 */
export async function putArtifact(prisma: PrismaClient, input: ArtifactInput): Promise<StoredArtifact> {
  const entries = Object.entries(input.files);
  const size = entries.reduce((sum, [, bytes]) => sum + bytes.byteLength, 0);
  const artifact = await prisma.artifact.create({
    data: {
      runId: input.runId,
      kind: input.kind,
      name: input.name,
      step: input.step ?? null,
      size,
      files: { create: entries.map(([path, bytes]) => ({ path, bytes: toBytes(bytes), size: bytes.byteLength })) },
    },
  });
  if (input.kind === 'checkpoint') {
    // Pointer first, then cleanup: a crash in between leaves one extra checkpoint, never none.
    await prisma.run.update({ where: { id: input.runId }, data: { checkpointId: artifact.id } });
    await prisma.artifact.deleteMany({ where: { runId: input.runId, kind: 'checkpoint', id: { not: artifact.id } } });
  }
  return { ...artifact, files: input.files };
}

/** The newest artifact of a kind for a run (highest step, then newest), with its files. */
export async function getLatestArtifact(prisma: PrismaClient, runId: string, kind: ArtifactKind): Promise<StoredArtifact | null> {
  const artifact = await prisma.artifact.findFirst({
    where: { runId, kind },
    orderBy: [{ step: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    include: { files: true },
  });
  if (!artifact) return null;
  const { files, ...meta } = artifact;
  return { ...meta, files: Object.fromEntries(files.map((f) => [f.path, new Uint8Array(f.bytes)])) };
}

/** Prisma's Bytes field takes a Uint8Array backed by a plain ArrayBuffer. */
function toBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
