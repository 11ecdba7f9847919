import type { Alert } from '../alert.ts';
import { asLogged, defineRecordType } from '../record-type.ts';

/**
 * Alerts: addressed to one organisation, and shown to its users only as far as they may see the
 * record the alert is about (`access/alert.ts`). The site's alert engine writes them; no client does.
 */
export const alertRecord = defineRecordType({
  name: 'alert',
  audience: 'released',
  schema: null,
  logged: (a: Alert) => ({ recordId: a.id, ownerOrg: a.recipientOrg, releasability: 'org', jcc: null, data: a }),
  fromLog: asLogged<Alert>,
});
