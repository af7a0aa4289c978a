'use client';

import { useMutation } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';

import { useCanEdit } from '~/lib/can-edit';
import { useRefreshRuns } from '~/lib/use-refresh-runs';
import { useTRPC } from '~/trpc/react';

/** After a tag or note edit, every view of runs reloads (tables, run page, compare). */
function useSaveAnnotation() {
  const trpc = useTRPC();
  return useMutation(trpc.runs.update.mutationOptions({ onSuccess: useRefreshRuns() }));
}

/** An editor opened by a click takes the focus at once. */
const focusOnMount = (input: HTMLInputElement | null) => input?.focus();

const parseTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

/** A run's tags; members click to edit them as a comma-separated list (Enter saves, Escape cancels). */
export function EditableTags({ runId, tags }: { runId: string; tags: string[] }) {
  const canEdit = useCanEdit();
  const save = useSaveAnnotation();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Escape') setDraft(null);
      if (e.key === 'Enter') save.mutate({ id: runId, tags: parseTags(draft) }, { onSuccess: () => setDraft(null) });
    };
    return (
      <span className="inline-edit">
        <input
          ref={focusOnMount}
          className="inline-input"
          data-testid="tags-input"
          value={draft}
          placeholder="tag, another"
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => save.mutate({ id: runId, tags: parseTags(draft) }, { onSuccess: () => setDraft(null) })}
        />
        {save.error && <span className="error-text">{save.error.message}</span>}
      </span>
    );
  }
  return (
    <span className="badges" data-testid="run-tags">
      {tags.map((tag) => (
        <span key={tag} className="badge neutral" data-testid="run-tag">
          {tag}
        </span>
      ))}
      {canEdit && (
        <button type="button" className="link-button" data-testid="edit-tags" onClick={() => setDraft(tags.join(', '))}>
          {tags.length === 0 ? '+ tag' : 'edit'}
        </button>
      )}
    </span>
  );
}

/** A run's notes; members click to edit (Enter or leaving the field saves, Escape cancels). */
export function EditableNotes({ runId, notes }: { runId: string; notes: string | null }) {
  const canEdit = useCanEdit();
  const save = useSaveAnnotation();
  const [draft, setDraft] = useState<string | null>(null);
  if (draft !== null) {
    const commit = () => save.mutate({ id: runId, notes: draft.trim() }, { onSuccess: () => setDraft(null) });
    return (
      <span className="inline-edit">
        <input
          ref={focusOnMount}
          className="inline-input wide"
          data-testid="notes-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setDraft(null);
            if (e.key === 'Enter') commit();
          }}
          onBlur={commit}
        />
        {save.error && <span className="error-text">{save.error.message}</span>}
      </span>
    );
  }
  return (
    <span className="notes" data-testid="run-notes">
      {notes ? <span title={notes}>{notes}</span> : <span className="muted">—</span>}
      {canEdit && (
        <button type="button" className="link-button" data-testid="edit-notes" onClick={() => setDraft(notes ?? '')}>
          edit
        </button>
      )}
    </span>
  );
}
