import { useMemo } from 'react';
import { type AlertsState, useAlerts } from '../alerts/use-alerts.ts';
import { type LiveRecordChange, useLiveRecords } from '../live/live-records.ts';
import type { Alert, SupportRequest } from './request-types.ts';
import { type RequestsState, useRequests } from './use-requests.ts';

/**
 * The reader's support requests and alerts, each read once and kept current by the live stream from
 * change-log position `after` (the position read before the picture loaded).
 */
export function useLiveCoordination(after: number | null): { requests: RequestsState; alerts: AlertsState } {
  const requests = useRequests();
  const alerts = useAlerts();
  const { upsert } = requests;
  const { arrived } = alerts;
  const handlers = useMemo(
    () => ({
      support_request: (c: LiveRecordChange<unknown>) => upsert(c.record as SupportRequest),
      alert: (c: LiveRecordChange<unknown>) => {
        if (c.op === 'create') arrived(c.record as Alert);
      },
    }),
    [upsert, arrived],
  );
  useLiveRecords(after, handlers);
  return { requests, alerts };
}
