/** A secret shown right after it was made: it cannot be displayed again. */
export function SecretOnce({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="secret-once" role="status">
      <strong>{label}</strong> Copy it now; it will not be shown again.
      <code className="secret" data-testid={testId}>
        {value}
      </code>
    </div>
  );
}
