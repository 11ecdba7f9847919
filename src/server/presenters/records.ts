import type { CoordinationLine } from '../../domain/coordination-line.ts';
import type { Jcc } from '../../domain/jcc.ts';
import type { Names } from '../../domain/names.ts';
import type { Organisation } from '../../domain/organisation.ts';
import type { Presence } from '../../domain/presence.ts';
import { formatReleasability } from '../../domain/releasability.ts';
import type { User } from '../../domain/user.ts';
import type { SharingGroup } from '../../store/sharing-groups.ts';

/** A record's name in each language of the interface: `en` always, `ar` and `ckb` null where none is known. */
function presentNames(r: { name: string; nameAr?: string | null; nameCkb?: string | null }): Names {
  return { en: r.name, ar: r.nameAr ?? null, ckb: r.nameCkb ?? null };
}

/** The fields of an organisation that leave the server. */
export function presentOrganisation(o: Organisation) {
  return { id: o.id, code: o.code, name: o.name, names: presentNames(o), created_at: o.createdAt };
}

/** The fields of a JCC that leave the server. */
export function presentJcc(j: Jcc) {
  return {
    id: j.id,
    code: j.code,
    name: j.name,
    names: presentNames(j),
    members: j.members,
    aor: j.aor,
    created_at: j.createdAt,
    updated_at: j.updatedAt,
  };
}

/** The fields of a coordination line and its zone that leave the server. */
export function presentLine(l: CoordinationLine) {
  return {
    id: l.id,
    name: l.name,
    line: l.line,
    zone_km: l.zoneKm,
    zone: l.zone,
    left_org: l.leftOrg,
    right_org: l.rightOrg,
    exercise: l.exercise,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  };
}

/** The fields of a presence record that leave the server. */
export function presentPresence(p: Presence) {
  return {
    id: p.id,
    kind: p.kind,
    org: p.org,
    name: p.name,
    geometry: p.geometry,
    radius_km: p.kind === 'checkpoint' ? p.radiusKm : null,
    buffer_km: p.kind === 'patrol' ? p.bufferKm : null,
    schedule: p.kind === 'patrol' ? p.schedule : null,
    active_from: p.activeFrom,
    active_to: p.activeTo,
    releasability: formatReleasability(p.releasability),
    exercise: p.exercise,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

/** The fields of a user that leave the server: never a secret. */
export function presentUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    org: u.org,
    roles: u.roles,
    disabled: u.disabled,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

/** The fields of a sharing group that leave the server. */
export function presentSharingGroup(g: SharingGroup) {
  return { name: g.name, owner_org: g.ownerOrg, members: g.members, created_at: g.createdAt, updated_at: g.updatedAt };
}
