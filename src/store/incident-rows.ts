import { casualtyTotals, type Incident } from '../domain/incident.ts';
import {
  type IncidentFields,
  incidentFieldNames,
  incidentFields,
  incidentFromFields,
} from '../domain/incident-fields.ts';

type Value = string | number | null;
type FieldName = (typeof incidentFieldNames)[number];

/**
 * How the store keeps an incident: each field of its field map (`domain/incident-fields.ts`) in the
 * column of the same name, but the review, kept in three columns, and two casualty totals that
 * filters use. Objects are kept as JSON text and flags as 0/1.
 */
const reviewColumns = ['reviewed_by', 'reviewed_at', 'review_reason'] as const;
const totalColumns = ['killed_total', 'casualties_total'] as const;
const jsonFields = new Set<FieldName>(['casualties', 'tearline', 'nearest_checkpoints']);
const flagFields = new Set<FieldName>(['in_zone', 'in_gap', 'exercise']);

const storedFields = incidentFieldNames.filter((f) => f !== 'review');

/** Every stored column of an incident but `rid`, in one order used for inserts and updates alike. */
export const incidentColumns: readonly string[] = [...storedFields, ...reviewColumns, ...totalColumns];

function toColumn(field: FieldName, value: unknown): Value {
  if (value === null) return null;
  if (jsonFields.has(field)) return JSON.stringify(value);
  if (flagFields.has(field)) return value ? 1 : 0;
  return value as Value;
}

function fromColumn(field: FieldName, value: unknown): unknown {
  if (value === null || value === undefined) return field === 'nearest_checkpoints' ? [] : null;
  if (jsonFields.has(field)) return JSON.parse(String(value));
  if (flagFields.has(field)) return value === 1;
  return typeof value === 'bigint' ? Number(value) : value;
}

/** The column values of an incident, in `incidentColumns` order. */
export function incidentRow(i: Incident): Value[] {
  const f = incidentFields(i);
  const totals = casualtyTotals(i.casualties);
  return [
    ...storedFields.map((name) => toColumn(name, f[name])),
    f.review?.by ?? null,
    f.review?.at ?? null,
    f.review?.reason ?? null,
    totals.killed,
    totals.killed + totals.wounded + totals.abducted,
  ];
}

/** An incident from its stored row. */
export function incidentFromRow(r: Record<string, unknown>): Incident {
  const f: Record<string, unknown> = {};
  for (const name of storedFields) f[name] = fromColumn(name, r[name]);
  f.review =
    r.reviewed_by === null
      ? null
      : { by: String(r.reviewed_by), at: String(r.reviewed_at), reason: String(r.review_reason ?? '') };
  return incidentFromFields(f as IncidentFields);
}
