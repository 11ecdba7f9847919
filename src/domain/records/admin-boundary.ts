import type { AdminBoundarySummary } from '../admin-boundary.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** What the change log keeps of a boundary: which one it is, never its geometry. */
export type LoggedBoundary = Pick<AdminBoundarySummary, 'id' | 'level' | 'pcode' | 'name'>;

/** Administrative boundaries: site configuration loaded from files, logged without geometry, never streamed. */
export const adminBoundaryRecord = defineRecordType({
  name: 'admin_boundary',
  audience: 'internal',
  schema: null,
  logged: (b: LoggedBoundary) => ({
    ...siteWide,
    recordId: b.id,
    data: { id: b.id, level: b.level, pcode: b.pcode, name: b.name },
  }),
  fromLog: asLogged<LoggedBoundary>,
});
