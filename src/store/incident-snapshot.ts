import { noEnrichment } from '../domain/enrichment.ts';
import type { Incident } from '../domain/incident.ts';

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
