/** How an incident's change-log entries read back is the incident record type's own (`domain/records/incident.ts`). */
export { incidentFromSnapshot } from '../domain/records/incident.ts';
