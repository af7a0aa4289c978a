'use client';

import { fieldKind, type JsonSchema, rangeHint } from '~/lib/json-schema';

/** Raw form values: text as typed (numbers and JSON parsed on submit), booleans as booleans. */
export type RawValues = Record<string, string | boolean>;

/** The initial raw value of a property: the example's value, else the schema default. */
export function initialRaw(schema: JsonSchema, value: unknown): string | boolean {
  const v = value === undefined ? schema.default : value;
  const kind = fieldKind(schema);
  if (kind === 'boolean') return Boolean(v);
  if (v === undefined) return '';
  if (kind === 'json') return JSON.stringify(v);
  return String(v);
}

/**
 * Converts a raw value back to what the spec carries. Unparseable text is passed on as text, so
 * the server's validation names the field instead of the form silently dropping it.
 */
export function parseRaw(schema: JsonSchema, raw: string | boolean): unknown {
  const kind = fieldKind(schema);
  if (typeof raw === 'boolean') return raw;
  if (raw.trim() === '') return undefined;
  if (kind === 'number' || kind === 'integer') {
    const n = Number(raw);
    return Number.isNaN(n) ? raw : n;
  }
  if (kind === 'json') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

export function HyperFields({
  schema,
  values,
  errors,
  onChange,
}: {
  schema: JsonSchema;
  values: RawValues;
  errors: Record<string, string>;
  onChange: (key: string, value: string | boolean) => void;
}) {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return <p className="muted">This algorithm has no hyperparameters.</p>;
  return (
    <div className="hyper-grid">
      {properties.map(([key, property]) => {
        const kind = fieldKind(property);
        const id = `hyper-${key}`;
        const value = values[key] ?? initialRaw(property, undefined);
        const hint = [property.description, rangeHint(property), property.default !== undefined ? `default ${JSON.stringify(property.default)}` : null]
          .filter(Boolean)
          .join(' · ');
        const error = errors[key];
        if (kind === 'boolean') {
          return (
            <div key={key} className={`field checkbox${error ? ' invalid' : ''}`}>
              <input id={id} type="checkbox" data-testid={id} checked={value === true} onChange={(e) => onChange(key, e.target.checked)} />
              <label htmlFor={id}>{key}</label>
              {error && <span className="field-error">{error}</span>}
            </div>
          );
        }
        return (
          <div key={key} className={`field${error ? ' invalid' : ''}`}>
            <label htmlFor={id}>{key}</label>
            {kind === 'enum' ? (
              <select id={id} data-testid={id} value={String(value)} onChange={(e) => onChange(key, e.target.value)}>
                {(property.enum as string[]).map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                data-testid={id}
                type={kind === 'number' || kind === 'integer' ? 'number' : 'text'}
                step={kind === 'integer' ? 1 : 'any'}
                className={kind === 'json' ? 'mono' : undefined}
                value={String(value)}
                onChange={(e) => onChange(key, e.target.value)}
              />
            )}
            {hint && <span className="hint">{hint}</span>}
            {error && <span className="field-error">{error}</span>}
          </div>
        );
      })}
    </div>
  );
}
