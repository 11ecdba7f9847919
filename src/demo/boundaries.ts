import { join } from 'node:path';

/**
 * The boundaries the demo loads: the simplified subset of OCHA's COD-AB boundaries of Iraq that ships in
 * `assets/boundaries/iraq/` (all governorates, and the districts of the governorates the coordination line crosses;
 * CC BY-IGO, see its SOURCE.md). A site loads its own, complete boundaries with `seam boundaries import`.
 */
export const demoBoundaryFiles: readonly { level: 1 | 2; path: string }[] = [
  { level: 1, path: join(import.meta.dirname, '../../assets/boundaries/iraq/governorates.geojson') },
  { level: 2, path: join(import.meta.dirname, '../../assets/boundaries/iraq/districts.geojson') },
];
