import { seeAlertRule } from '../access/alert.ts';
import { accessFacts } from '../access/facts.ts';
import {
  type AlertRule,
  type AlertRuleCreate,
  type AlertRuleUpdate,
  changedAlertRule,
  defaultCoordinationRules,
  maxAlertRulesPerOrg,
  newAlertRule,
  unusedField,
} from '../domain/alert-rule.ts';
import { invalid, SeamError } from '../domain/errors.ts';
import { requirePermission } from '../domain/roles.ts';
import { newId } from '../store/ids.ts';
import type { Store } from '../store/store.ts';
import type { Actor } from './actor.ts';

function requireManager(actor: Actor): void {
  if (actor.scope !== 'write') throw new SeamError('forbidden', 'this API token is read-only');
  requirePermission(actor.roles, 'alert:manage');
}

/** The alert rules of the actor's organisation. */
export async function listAlertRules(store: Store, actor: Actor): Promise<AlertRule[]> {
  const facts = await accessFacts(store);
  return (await store.alertRules.list(actor.org)).filter((r) => seeAlertRule(actor, r, facts) !== null);
}

/** One rule of the actor's organisation; any other is reported as missing. */
export async function readAlertRule(store: Store, actor: Actor, id: string): Promise<AlertRule> {
  const rule = await store.alertRules.find(id);
  const seen = rule && seeAlertRule(actor, rule, await accessFacts(store));
  if (!seen) throw new SeamError('not_found', `no alert rule ${id}`);
  return seen;
}

/** A new rule of the actor's organisation (its analysts and administrators). */
export async function createAlertRule(store: Store, actor: Actor, input: AlertRuleCreate): Promise<AlertRule> {
  requireManager(actor);
  return store.write(actor.userId, async (tx) => {
    if ((await tx.alertRules.count(actor.org)) >= maxAlertRulesPerOrg)
      throw invalid('name', `your organisation already has ${maxAlertRulesPerOrg} alert rules: remove one first`);
    const rule = newAlertRule(input, actor.org, newId(), actor.userId, tx.at);
    await tx.alertRules.insert(rule);
    return rule;
  });
}

/** Changes a rule of the actor's organisation. */
export async function updateAlertRule(
  store: Store,
  actor: Actor,
  id: string,
  change: AlertRuleUpdate,
): Promise<AlertRule> {
  requireManager(actor);
  const facts = await accessFacts(store);
  return store.write(actor.userId, async (tx) => {
    const rule = await tx.alertRules.find(id);
    if (!rule || !seeAlertRule(actor, rule, facts)) throw new SeamError('not_found', `no alert rule ${id}`);
    const unused = unusedField(rule, change);
    if (unused) throw invalid(unused, `is not used by a ${rule.kind} rule`);
    const changed = changedAlertRule(rule, change, tx.at);
    await tx.alertRules.update(changed);
    return changed;
  });
}

/** Removes a rule of the actor's organisation; the alerts it raised stay. */
export async function removeAlertRule(store: Store, actor: Actor, id: string): Promise<void> {
  requireManager(actor);
  const facts = await accessFacts(store);
  await store.write(actor.userId, async (tx) => {
    const rule = await tx.alertRules.find(id);
    if (!rule || !seeAlertRule(actor, rule, facts)) throw new SeamError('not_found', `no alert rule ${id}`);
    await tx.alertRules.remove(rule);
  });
}

/**
 * Gives an organisation the site's default coordination rules (`defaultCoordinationRules`: a new
 * conflict, an answer, an escalation, an overdue request) that it does not have yet, through the
 * one write path: what a new organisation of a new site, and the demo's, start with. Returns those added.
 */
export async function addDefaultAlertRules(
  store: Store,
  org: string,
  createdBy: string | null = null,
): Promise<AlertRule[]> {
  return store.write(createdBy, async (tx) => {
    const have = new Set((await tx.alertRules.list(org)).map((r) => r.kind));
    const added: AlertRule[] = [];
    for (const d of defaultCoordinationRules) {
      if (have.has(d.kind)) continue;
      const rule = newAlertRule({ name: d.name, kind: d.kind }, org, newId(), createdBy, tx.at);
      await tx.alertRules.insert(rule);
      added.push(rule);
    }
    return added;
  });
}
