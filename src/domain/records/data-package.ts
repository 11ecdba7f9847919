import type { DataPackage } from '../data-package.ts';
import { defineRecordType } from '../record-type.ts';
import { formatReleasability, parseReleasability } from '../releasability.ts';

/**
 * TAK data packages. Read only through the Marti API, each read asking the access policy
 * (`src/access/data-package.ts`); not carried by the web app's live stream, so `internal` here.
 */
export const dataPackageRecord = defineRecordType({
  name: 'data_package',
  audience: 'internal',
  schema: null,
  logged: (p: DataPackage) => ({
    recordId: p.id,
    ownerOrg: p.ownerOrg,
    releasability: formatReleasability(p.releasability),
    jcc: p.jcc,
    data: { ...p, releasability: formatReleasability(p.releasability) },
  }),
  fromLog: (data: unknown): DataPackage => {
    const d = data as Omit<DataPackage, 'releasability'> & { releasability: string };
    return { ...d, releasability: parseReleasability(d.releasability) };
  },
});
