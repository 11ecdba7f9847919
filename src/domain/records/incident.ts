import { noEnrichment } from '../enrichment.ts';
import type { Incident } from '../incident.ts';
import { incidentCreateSchema } from '../incident-input.ts';
import { defineRecordType } from '../record-type.ts';
import { formatReleasability } from '../releasability.ts';

/**
 * An incident as a change-log entry recorded it. Entries written before a field existed lack it:
 * they get the value every record had before that field was added, so old history still reads.
 */
export function incidentFromSnapshot(data: unknown): Incident {
  const defaults: Pick<Incident, 'tearline' | 'review' | 'duplicateOf' | 'enrichment'> = {
    tearline: null,
    review: null,
    duplicateOf: null,
    enrichment: noEnrichment,
  };
  return { ...defaults, ...(data as Partial<Incident>) } as Incident;
}

/** Incidents: released by their owner to the reader's organisation, JCC partners, the coalition or a group, or as a tearline. */
export const incidentRecord = defineRecordType({
  name: 'incident',
  audience: 'released',
  schema: incidentCreateSchema,
  logged: (i: Incident) => ({
    recordId: i.id,
    ownerOrg: i.ownerOrg,
    releasability: formatReleasability(i.releasability),
    jcc: i.jcc,
    data: i,
  }),
  fromLog: incidentFromSnapshot,
});
