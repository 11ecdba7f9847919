import type { AlertMatch } from './alert.ts';
import { type IncidentType, incidentTypes } from './taxonomy.ts';

/** What an alert's text may be built from: only what its reader sees of the alert and its record. */
export interface AlertTextInput {
  ruleName: string;
  /** Null when the reader sees the record's tearline only. */
  match: AlertMatch | null;
  incidentType: IncidentType;
  /** The day of the record (a tearline carries no more). */
  date: string;
  area: string | null;
}

/** The one-line text of an alert, from what its reader may see (never from hidden fields). */
export function alertText(i: AlertTextInput): string {
  const label = incidentTypes[i.incidentType].label;
  const rule = ` (${i.ruleName})`;
  if (i.match?.kind === 'incident_near')
    return `${label} ${i.match.distanceKm.toFixed(1)} km from ${i.match.presenceName} on ${i.date}${rule}`;
  if (i.match?.kind === 'incident_in_corridor') return `${label} in a gap corridor on ${i.date}${rule}`;
  if (i.match?.kind === 'incident_near_activity')
    return `${label} ${i.match.distanceKm.toFixed(1)} km from your planned ${kindWords(i.match.activityKind)} (${i.match.activityUnit}) on ${i.date}${rule}`;
  return `${label} reported on ${i.date}${i.area ? ` in ${i.area}` : ''}${rule}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
/** An activity kind code as words: `checkpoint_setup` → `checkpoint setup`. */
const kindWords = (kind: string) => kind.replace(/_/g, ' ');

/** What an activity alert's text may be built from: what its reader sees of the activity (whole, or a notice). */
export interface ActivityAlertTextInput {
  ruleName: string;
  /** Null when the reader sees a notice only. */
  match: AlertMatch | null;
  /** Which rule kind raised it, to say something where the match is withheld. */
  ruleKind: 'activity_conflict' | 'activity_answer' | 'activity_escalated';
  /** The kind, when the reader may see it (whole, or through the tearline). */
  kind: string | null;
  /** The unit, when the reader sees the activity whole. */
  unit: string | null;
  start: string;
  jcc: string | null;
  /** How many of the reader's own records the activity conflicts with (a notice's concerns; null when whole). */
  ownConcerns: number | null;
}

/** The one-line text of an alert about a planned activity, from what its reader may see. */
export function activityAlertText(i: ActivityAlertTextInput): string {
  const what = i.kind ? `${kindWords(i.kind)}${i.unit ? ` of ${i.unit}` : ''}` : 'planned activity';
  const when = `from ${i.start.slice(0, 10)}`;
  const jcc = i.jcc ? ` (JCC ${i.jcc})` : '';
  const rule = ` (${i.ruleName})`;
  const m = i.match;
  if (m?.kind === 'activity_conflict')
    return `${plural(m.newConflicts, 'new conflict')} for the ${what} ${when}${rule}`;
  if (m?.kind === 'activity_answer')
    return `${m.org ?? 'A notified organisation'} ${m.status === 'acknowledged' ? 'acknowledged' : 'raised a concern about'} the ${what} ${when}${rule}`;
  if (m?.kind === 'activity_escalated') {
    const named = m.orgs.join(', ');
    const others = m.others > 0 ? `${named ? ' and ' : ''}${plural(m.others, 'other organisation')}` : '';
    return `Unanswered notification of the ${what} ${when} escalated to the JCC liaison${jcc}: ${named}${others}${rule}`;
  }
  if (i.ruleKind === 'activity_conflict')
    return `The ${what} ${when}${jcc} notified to you has conflicts${i.ownConcerns ? `, ${plural(i.ownConcerns, 'of your records')} among them` : ''}${rule}`;
  if (i.ruleKind === 'activity_answer') return `An answer to the ${what} ${when}${jcc}${rule}`;
  return `A notification of the ${what} ${when} was escalated to the JCC liaison${jcc}${rule}`;
}

/** What a request alert's text is built from: the request, which every reader of the alert sees whole. */
export interface RequestAlertTextInput {
  ruleName: string;
  kind: string;
  priority: string;
  requesterOrg: string;
  addressee: string;
  respondBy: string;
}

/** The one-line text of an alert about an overdue support request. */
export function requestAlertText(i: RequestAlertTextInput): string {
  return `Overdue ${i.priority} ${kindWords(i.kind)} request from ${i.requesterOrg} to ${i.addressee}: an answer was due by ${i.respondBy.slice(0, 16).replace('T', ' ')} UTC (${i.ruleName})`;
}
