import { createCaller, createContext } from '@tradeoff/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { zipSync } from 'fflate';

import { platform } from '~/server/platform';

/** A name safe inside a Content-Disposition header. */
const fileName = (name: string) => name.replace(/[^\w.@-]+/g, '_');

/**
 * Downloads an artifact: `?file=PATH` serves that one file, otherwise all its files as a zip. The
 * caller is checked exactly as for the API (session cookie or token; viewers may download).
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { prisma, queue } = await platform();
  let artifact: Awaited<ReturnType<ReturnType<typeof createCaller>['artifacts']['describe']>>;
  try {
    artifact = await createCaller(createContext({ prisma, queue, headers: req.headers })).artifacts.describe({ id });
  } catch (error) {
    if (error instanceof TRPCError) return new Response(error.message, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
  const wanted = new URL(req.url).searchParams.get('file');
  const files = await prisma.artifactFile.findMany({ where: { artifactId: id, ...(wanted ? { path: wanted } : {}) }, orderBy: { path: 'asc' } });
  if (wanted) {
    const [file] = files;
    if (!file) return new Response(`artifact ${id} has no file ${wanted}`, { status: 404 });
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${fileName(wanted.split('/').pop() ?? wanted)}"`,
      },
    });
  }
  const zip = zipSync(Object.fromEntries(files.map((file) => [file.path, new Uint8Array(file.bytes)])));
  return new Response(new Uint8Array(zip), {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${fileName(`${artifact.kind}-${artifact.name}-${artifact.id}`)}.zip"`,
    },
  });
}

export const dynamic = 'force-dynamic';
