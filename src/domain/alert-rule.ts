import { z } from 'zod';
import { type PresenceKind, presenceKinds } from './presence.ts';
import { type IncidentType, incidentTypeCodes } from './taxonomy.ts';

/**
 * The kinds of alert rule. A new kind is a name here, its fields in the schema below, and one
 * trigger function in `domain/alerts.ts` registered for the record type it watches.
 */
export const alertRuleKinds = [
  'incident_near',
  'incident_in_corridor',
  'incident_near_activity',
  'activity_conflict',
  'activity_answer',
  'activity_escalated',
  'request_overdue',
] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

/** The kinds that take a radius: an incident near the organisation's presence, or near its planned activities. */
const radiusKinds: readonly AlertRuleKind[] = ['incident_near', 'incident_near_activity'];
/** The kinds about incidents, which an incident type list narrows. */
const incidentKinds: readonly AlertRuleKind[] = ['incident_near', 'incident_in_corridor', 'incident_near_activity'];

/** Whether a rule of this kind takes `radius_km`. */
export function takesRadius(kind: AlertRuleKind): boolean {
  return radiusKinds.includes(kind);
}

/** Whether a rule of this kind is about incidents (and so takes `incident_types`). */
export function isIncidentKind(kind: AlertRuleKind): boolean {
  return incidentKinds.includes(kind);
}

/**
 * The coordination rules every organisation of a new site starts with (and the demo's): a new
 * conflict of an activity it is notified of, an answer to its own activity, an escalation at its
 * JCC, an overdue request it made or must answer.
 */
export const defaultCoordinationRules: ReadonlyArray<{ name: string; kind: AlertRuleKind }> = [
  { name: 'New conflicts with our forces', kind: 'activity_conflict' },
  { name: 'Answers to our planned activities', kind: 'activity_answer' },
  { name: 'Notifications escalated at our JCC', kind: 'activity_escalated' },
  { name: 'Overdue support requests', kind: 'request_overdue' },
];

export const maxAlertRadiusKm = 100;
export const maxAlertRuleNameLength = 120;
/** The most rules one organisation may keep: evaluation stays within its time budget. */
export const maxAlertRulesPerOrg = 1000;

/** A standing rule of an organisation: tell it when a record of interest appears. */
export interface AlertRule {
  id: string;
  org: string;
  name: string;
  kind: AlertRuleKind;
  /** incident_near, incident_near_activity: how near (km) an incident must be to the footprint of the organisation's own presence or planned activities; null otherwise. */
  radiusKm: number | null;
  /** incident_near: which kinds of the organisation's presence count. */
  presenceKinds: PresenceKind[];
  /** Incident types the rule is about; empty for every type. */
  incidentTypes: IncidentType[];
  enabled: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const name = z.string().trim().min(1).max(maxAlertRuleNameLength);
const radius = z.number().positive().max(maxAlertRadiusKm);
const kinds = z
  .array(z.enum(presenceKinds))
  .min(1)
  .max(presenceKinds.length)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a kind');
const types = z
  .array(z.enum(incidentTypeCodes as [IncidentType, ...IncidentType[]]))
  .max(incidentTypeCodes.length)
  .refine((a) => new Set(a).size === a.length, 'must not repeat a type');

/** A new alert rule as a client sends it. */
export const alertRuleCreateSchema = z
  .object({
    name,
    kind: z.enum(alertRuleKinds),
    radius_km: radius.optional(),
    presence_kinds: kinds.optional(),
    incident_types: types.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (takesRadius(r.kind) && r.radius_km === undefined)
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: `is required for an ${r.kind} rule` });
    if (!takesRadius(r.kind) && r.radius_km !== undefined)
      ctx.addIssue({ code: 'custom', path: ['radius_km'], message: `is not used by a ${r.kind} rule` });
    if (r.kind !== 'incident_near' && r.presence_kinds !== undefined)
      ctx.addIssue({ code: 'custom', path: ['presence_kinds'], message: `is not used by a ${r.kind} rule` });
    if (!isIncidentKind(r.kind) && r.incident_types !== undefined)
      ctx.addIssue({ code: 'custom', path: ['incident_types'], message: `is not used by a ${r.kind} rule` });
  });
export type AlertRuleCreate = z.infer<typeof alertRuleCreateSchema>;

/** A change to an alert rule: its kind stays. */
export const alertRuleUpdateSchema = z
  .object({
    name: name.optional(),
    radius_km: radius.optional(),
    presence_kinds: kinds.optional(),
    incident_types: types.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type AlertRuleUpdate = z.infer<typeof alertRuleUpdateSchema>;

/** The rule a valid creation request describes. */
export function newAlertRule(
  input: AlertRuleCreate,
  org: string,
  id: string,
  createdBy: string | null,
  at: string,
): AlertRule {
  const near = input.kind === 'incident_near';
  return {
    id,
    org,
    name: input.name,
    kind: input.kind,
    radiusKm: takesRadius(input.kind) ? (input.radius_km ?? null) : null,
    presenceKinds: near ? (input.presence_kinds ?? [...presenceKinds]) : [],
    incidentTypes: input.incident_types ?? [],
    enabled: input.enabled ?? true,
    createdBy,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** The rule after a valid change; fields the kind does not use are refused by the caller's check. */
export function changedAlertRule(rule: AlertRule, change: AlertRuleUpdate, at: string): AlertRule {
  return {
    ...rule,
    name: change.name ?? rule.name,
    radiusKm: change.radius_km ?? rule.radiusKm,
    presenceKinds: change.presence_kinds ?? rule.presenceKinds,
    incidentTypes: change.incident_types ?? rule.incidentTypes,
    enabled: change.enabled ?? rule.enabled,
    updatedAt: at,
    version: rule.version + 1,
  };
}

/** The field of a change a rule of this kind does not use, if any. */
export function unusedField(rule: AlertRule, change: AlertRuleUpdate): string | null {
  if (!takesRadius(rule.kind) && change.radius_km !== undefined) return 'radius_km';
  if (rule.kind !== 'incident_near' && change.presence_kinds !== undefined) return 'presence_kinds';
  if (!isIncidentKind(rule.kind) && change.incident_types !== undefined) return 'incident_types';
  return null;
}
