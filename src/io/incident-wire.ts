/**
 * The wire form of an incident that the exporters take: exactly what the server presents
 * (`domain/incident-fields.ts`), so that `io` neither reaches into `server` nor spells the fields
 * again. Exporters use `governorate` and `district` when enrichment has set them.
 */
export type { IncidentWire } from '../domain/incident-fields.ts';
