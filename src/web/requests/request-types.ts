// The shapes the requests and alerts API answers, as the browser app reads them: the server's own types
// (imported as types only, so nothing of the server is bundled), never retyped here.

import type { AlertRuleKind } from '../../domain/alert-rule.ts';
import type { PresenceKind } from '../../domain/presence.ts';
import type { SupportRequestWire } from '../../domain/records/support-request.ts';
import type { ResponseTimes } from '../../domain/response-times.ts';
import type { SeenIncident } from '../api/types.ts';

/** A support request as the API and the live stream present it. */
export type SupportRequest = SupportRequestWire;

/**
 * An alert of the reader, with their own read mark, as `presentAlert` (server/presenters/alerts.ts) gives it:
 * written out here because that module is the server's, which the browser's type check does not reach.
 */
export interface Alert {
  id: string;
  recipient_org: string;
  rule: { id: string; name: string; kind: AlertRuleKind };
  /** The record it is about, as the reader may see it: whole, or its tearline. */
  subject: { type: 'incident'; id: string; view: 'record' | 'tearline'; record: SeenIncident };
  /** Which of the reader's presence it was near and how near, or which corridor; null with a tearline. */
  match: {
    kind: AlertRuleKind;
    presence_id: string | null;
    presence_name: string | null;
    presence_kind: PresenceKind | null;
    distance_km: number | null;
    corridor_id: string | null;
    gap_area_km2: number | null;
  } | null;
  /** The server's English line; the page writes its own in the reader's language from the same fields. */
  text: string;
  created_at: string;
  read: boolean;
  read_at: string | null;
}

/** `GET /api/v1/alerts/unread-count`. */
export interface UnreadCount {
  unread: number;
  capped: boolean;
}

/** `GET /api/v1/requests/stats`: response times per responding organisation and per addressed JCC. */
export interface RequestStats {
  since: string;
  until: string;
  by_org: Array<{ org: string } & ResponseTimes>;
  by_jcc: Array<{ jcc: string } & ResponseTimes>;
}
