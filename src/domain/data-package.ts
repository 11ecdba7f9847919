import type { Releasability } from './releasability.ts';

/** A TAK data package (a zip with a manifest) a client uploaded: what is known of it without its bytes. */
export interface DataPackage {
  id: string;
  /** SHA-256 of the zip, lower-case hex: how TAK clients name a package. */
  hash: string;
  filename: string;
  /** The manifest's `name` parameter, or the file name when it has none. */
  name: string;
  creatorUid: string;
  size: number;
  ownerOrg: string;
  releasability: Releasability;
  jcc: string | null;
  uploadedBy: string;
  uploadedAt: string;
}
