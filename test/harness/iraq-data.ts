import { join } from 'node:path';

/**
 * The OCHA COD-AB administrative boundaries of Iraq, shared beside the repository (read-only, never
 * copied into it: the product ships no boundary data). Levels: 1 governorates (18), 2 districts (101),
 * 3 sub-districts (294).
 */
export function iraqBoundaryFile(level: 1 | 2 | 3): string {
  return join(import.meta.dirname, `../../../shared/data/iraq/irq_admbnda_adm${level}_cso_20190603.geojson`);
}
