import { casualtyTotals, type Incident } from '../../domain/incident.ts';
import {
  type IncidentFields,
  incidentFieldNames,
  incidentFromFields,
  incidentWire,
} from '../../domain/incident-fields.ts';

type Value = string | number | null;
type FieldName = (typeof incidentFieldNames)[number];

/**
 * How the store keeps an incident: each of its own fields in the field map (`domain/incident-fields.ts`) in the
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

type Encode = (value: unknown) => Value;
type Decode = (value: unknown) => unknown;

const asIs = (v: unknown) => (v === undefined ? null : v) as Value;
const json: [Encode, Decode] = [
  (v) => (v === null ? null : JSON.stringify(v)),
  (v) => (v === null || v === undefined ? null : JSON.parse(String(v))),
];
const flag: [Encode, Decode] = [
  (v) => (v === null ? null : v ? 1 : 0),
  (v) => (v === null || v === undefined ? null : v === 1),
];
const plain: [Encode, Decode] = [asIs, asIs];

// Worked out once: each stored field's way in and out of its column, in `storedFields` order.
const codecs = storedFields.map((f) => (jsonFields.has(f) ? json : flagFields.has(f) ? flag : plain));
const encoders = codecs.map(([encode]) => encode);
// Only the fields not kept as they are need decoding on the way out.
const decoded = storedFields.flatMap((f, k) => (codecs[k] === plain ? [] : [[f, codecs[k][1]] as const]));

/** The column values of an incident, in `incidentColumns` order. */
export function incidentRow(i: Incident): Value[] {
  const f = incidentWire(i, null);
  const totals = casualtyTotals(i.casualties);
  return [
    ...storedFields.map((name, k) => encoders[k](f[name])),
    f.review?.by ?? null,
    f.review?.at ?? null,
    f.review?.reason ?? null,
    totals.killed,
    totals.killed + totals.wounded + totals.abducted,
  ];
}

/** An incident from its stored row. */
export function incidentFromRow(r: Record<string, unknown>): Incident {
  const f: Record<string, unknown> = { ...r };
  for (const [name, decode] of decoded) f[name] = decode(r[name]);
  // Rows written before nearest checkpoints were kept have none.
  f.nearest_checkpoints ??= [];
  f.review =
    r.reviewed_by === null
      ? null
      : { by: String(r.reviewed_by), at: String(r.reviewed_at), reason: String(r.review_reason ?? '') };
  return incidentFromFields(f as IncidentFields);
}
