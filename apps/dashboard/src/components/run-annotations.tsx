'use client';

import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';

import { useCanEdit } from '~/components/user-menu-context';
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

interface InlineEditorProps {
  initial: string;
  testId: string;
  wide?: boolean;
  placeholder?: string;
  save(text: string): Promise<unknown>;
  close(): void;
}

/**
 * An open editor: Enter or leaving the field saves, Escape cancels. It settles once, so the blur
 * that follows Enter or Escape neither saves again nor turns a cancel into a save; a failed save
 * shows its error and leaves the editor open to try again.
 */
function InlineEditor({ initial, testId, wide, placeholder, save, close }: InlineEditorProps) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const settled = useRef(false);
  const finish = (keep: boolean) => {
    if (settled.current) return;
    settled.current = true;
    if (!keep) return close();
    save(draft).then(close, (failure: Error) => {
      settled.current = false;
      setError(failure.message);
    });
  };
  return (
    <span className="inline-edit">
      <input
        ref={focusOnMount}
        className={wide ? 'inline-input wide' : 'inline-input'}
        data-testid={testId}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') finish(false);
          if (e.key === 'Enter') finish(true);
        }}
        onBlur={() => finish(true)}
      />
      {error && <span className="error-text">{error}</span>}
    </span>
  );
}

/** A run's tags; members click to edit them as a comma-separated list. */
export function EditableTags({ runId, tags }: { runId: string; tags: string[] }) {
  const canEdit = useCanEdit();
  const save = useSaveAnnotation();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <InlineEditor
        initial={tags.join(', ')}
        testId="tags-input"
        placeholder="tag, another"
        save={(text) => save.mutateAsync({ id: runId, tags: parseTags(text) })}
        close={() => setEditing(false)}
      />
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
        <button type="button" className="link-button" data-testid="edit-tags" onClick={() => setEditing(true)}>
          {tags.length === 0 ? '+ tag' : 'edit'}
        </button>
      )}
    </span>
  );
}

/** A run's notes; members click to edit. */
export function EditableNotes({ runId, notes }: { runId: string; notes: string | null }) {
  const canEdit = useCanEdit();
  const save = useSaveAnnotation();
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <InlineEditor
        initial={notes ?? ''}
        testId="notes-input"
        wide
        save={(text) => save.mutateAsync({ id: runId, notes: text.trim() })}
        close={() => setEditing(false)}
      />
    );
  }
  return (
    <span className="notes" data-testid="run-notes">
      {notes ? <span title={notes}>{notes}</span> : <span className="muted">—</span>}
      {canEdit && (
        <button type="button" className="link-button" data-testid="edit-notes" onClick={() => setEditing(true)}>
          edit
        </button>
      )}
    </span>
  );
}
