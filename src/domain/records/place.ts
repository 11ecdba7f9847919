import type { Place } from '../place.ts';
import { asLogged, defineRecordType, siteWide } from '../record-type.ts';

/** Populated places of the gazetteer: site reference loaded from files, read through their own route, never streamed. */
export const placeRecord = defineRecordType({
  name: 'place',
  audience: 'internal',
  schema: null,
  logged: (p: Place) => ({ ...siteWide, recordId: p.id, data: p }),
  fromLog: asLogged<Place>,
});
