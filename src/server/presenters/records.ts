import type { User } from '../../domain/user.ts';

// The fields of site records that leave the server are registered with each record type
// (`domain/records/`), where the web app reads their types too.
export { coordinationLineWire as presentLine } from '../../domain/records/coordination-line.ts';
export { jccWire as presentJcc } from '../../domain/records/jcc.ts';
export { organisationWire as presentOrganisation } from '../../domain/records/organisation.ts';
export { presenceWire as presentPresence } from '../../domain/records/presence.ts';
export { sharingGroupWire as presentSharingGroup } from '../../domain/records/sharing-group.ts';

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
