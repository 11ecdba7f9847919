import type { SeenOf } from '../access/record-access.ts';
import { seenActivityWire } from '../domain/records/activity.ts';
import { geochatWire } from '../domain/records/geochat.ts';
import type { StreamedRecordType } from '../domain/records/registry.ts';
import { sitrepWire } from '../domain/records/sitrep.ts';
import { presentAlert, presentAlertRule } from './presenters/alerts.ts';
import { presentSeen } from './presenters/incident.ts';
import {
  presentJcc,
  presentLine,
  presentOrganisation,
  presentPresence,
  presentSharingGroup,
} from './presenters/records.ts';
import { presentStreamedSupportRequest } from './presenters/support-request.ts';

/**
 * The presenter of each record type that may leave the server: exactly the fields a reader is
 * given of what the access policy lets them see, for the REST API and the live stream alike.
 * Typed as complete over the registry's streamed types (`domain/records/registry.ts`): a record
 * type registered without its presenter here fails to compile.
 */
export const recordPresenters = {
  organisation: presentOrganisation,
  sharing_group: presentSharingGroup,
  jcc: presentJcc,
  coordination_line: presentLine,
  presence: presentPresence,
  incident: presentSeen,
  activity: seenActivityWire,
  alert_rule: presentAlertRule,
  alert: (seen) => presentAlert(seen),
  support_request: presentStreamedSupportRequest,
  sitrep: sitrepWire,
  geochat: geochatWire,
} satisfies { [K in StreamedRecordType]: (seen: SeenOf<K>) => unknown };

/** One record type's presenter, for a type known only at run time. */
export function presenterOf<K extends StreamedRecordType>(recordType: K): (seen: SeenOf<K>) => unknown {
  return recordPresenters[recordType] as (seen: SeenOf<K>) => unknown;
}
