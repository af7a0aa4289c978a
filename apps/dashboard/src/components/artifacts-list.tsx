'use client';

import { useQuery } from '@tanstack/react-query';

import { formatDateTime } from '~/lib/format';
import { LIVE_POLL_MS } from '~/lib/status';
import { useTRPC } from '~/trpc/react';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A run's artifacts (models, checkpoints, fronts) with downloads: the whole artifact as a zip, or one file. */
export function ArtifactsList({ runId, live }: { runId: string; live: boolean }) {
  const trpc = useTRPC();
  const artifacts = useQuery(trpc.artifacts.list.queryOptions({ runId }, { refetchInterval: live ? LIVE_POLL_MS * 2 : false }));
  if (artifacts.error) return <div className="error-box">{artifacts.error.message}</div>;
  if (!artifacts.data) return <div className="muted">Loading…</div>;
  if (artifacts.data.length === 0) return <div className="muted" data-testid="no-artifacts">No artifacts yet.</div>;
  return (
    <table className="table" data-testid="artifacts">
      <thead>
        <tr>
          <th>Kind</th>
          <th>Name</th>
          <th className="num">Step</th>
          <th className="num">Size</th>
          <th>Files</th>
          <th>Saved</th>
          <th>
            <span className="sr-only">Download</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {artifacts.data.map((artifact) => (
          <tr key={artifact.id} data-testid="artifact-row" data-kind={artifact.kind}>
            <td>
              <span className="badge neutral">{artifact.kind}</span>
            </td>
            <td className="mono">{artifact.name}</td>
            <td className="num">{artifact.step ?? '—'}</td>
            <td className="num">{formatBytes(artifact.size)}</td>
            <td className="mono">
              {artifact.files.map((file) => (
                <div key={file.path}>
                  <a href={`/api/artifacts/${artifact.id}?file=${encodeURIComponent(file.path)}`} download>
                    {file.path}
                  </a>{' '}
                  <span className="muted">{formatBytes(file.size)}</span>
                </div>
              ))}
            </td>
            <td className="muted">{formatDateTime(artifact.createdAt)}</td>
            <td>
              <a className="btn small" href={`/api/artifacts/${artifact.id}`} download data-testid="artifact-download">
                Download .zip
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
