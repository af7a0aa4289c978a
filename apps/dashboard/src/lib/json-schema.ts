/** The slice of JSON Schema (as produced by zod 4's `z.toJSONSchema`) the form renders. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
}

export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'json';

/** How to edit a property: plain inputs for scalars, a JSON text box for anything structured. */
export function fieldKind(schema: JsonSchema): FieldKind {
  if (schema.enum?.every((v) => typeof v === 'string')) return 'enum';
  switch (schema.type) {
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return 'json';
  }
}

/** A short range hint such as "0 < x ≤ 1". */
export function rangeHint(schema: JsonSchema): string | null {
  // zod's int() bounds are the safe-integer range: no news to a user.
  const bound = (v: number | undefined) => (v !== undefined && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
  schema = { ...schema, minimum: bound(schema.minimum), maximum: bound(schema.maximum) };
  const low =
    schema.exclusiveMinimum !== undefined ? `${schema.exclusiveMinimum} <` : schema.minimum !== undefined ? `${schema.minimum} ≤` : '';
  const high =
    schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : schema.maximum !== undefined ? `≤ ${schema.maximum}` : '';
  if (!low && !high) return null;
  return [low, 'x', high].filter(Boolean).join(' ');
}
