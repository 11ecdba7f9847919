import type { AlertRule } from '../alert-rule.ts';
import { asLogged, defineRecordType } from '../record-type.ts';

/** Alert rules: configuration of their organisation, seen by its members alone. */
export const alertRuleRecord = defineRecordType({
  name: 'alert_rule',
  audience: 'released',
  schema: null,
  logged: (r: AlertRule) => ({ recordId: r.id, ownerOrg: r.org, releasability: 'org', jcc: null, data: r }),
  fromLog: asLogged<AlertRule>,
});

/** The fields of an alert rule that leave the server. */
export function alertRuleWire(r: AlertRule) {
  return {
    id: r.id,
    org: r.org,
    name: r.name,
    kind: r.kind,
    radius_km: r.radiusKm,
    presence_kinds: r.presenceKinds,
    incident_types: r.incidentTypes,
    enabled: r.enabled,
    created_by: r.createdBy,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    version: r.version,
  };
}

/** An alert rule as it leaves the server. */
export type AlertRuleWire = ReturnType<typeof alertRuleWire>;
