import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Iraq's administrative boundaries for tests, in two forms:
 * - the subset that ships in the repository (`assets/boundaries/iraq/`: all 18 governorates and the 46 districts of
 *   the seven governorates the coordination line crosses, simplified; OCHA COD-AB, CC BY-IGO, see its SOURCE.md),
 *   always present;
 * - the full OCHA COD-AB files (18 governorates, 101 districts, 294 sub-districts), read from `../shared/data/iraq`
 *   where that folder sits beside the repository. Tests that need them skip with a message where it does not —
 *   except in CI (`CI=true`), where they run and fail, saying what is missing.
 */
export function shippedBoundaryFile(level: 1 | 2): string {
  return join(
    import.meta.dirname,
    '../../assets/boundaries/iraq',
    level === 1 ? 'governorates.geojson' : 'districts.geojson',
  );
}

const fullDir = join(import.meta.dirname, '../../../shared/data/iraq');

/** The full OCHA COD-AB file of a level; throws, naming the folder, where it is absent. */
export function iraqBoundaryFile(level: 1 | 2 | 3): string {
  const file = join(fullDir, `irq_admbnda_adm${level}_cso_20190603.geojson`);
  if (!existsSync(file)) {
    throw new Error(`the full OCHA boundaries of Iraq are not at ${fullDir} (needed here: ${file})`);
  }
  return file;
}

/**
 * The `skip` option of a test that needs the full files: false where they are present or in CI (where a missing file
 * fails the test), otherwise the message saying why it is skipped.
 */
export const needsFullIraqData: false | string =
  existsSync(join(fullDir, 'irq_admbnda_adm3_cso_20190603.geojson')) || process.env.CI === 'true'
    ? false
    : `needs the full OCHA boundaries of Iraq in ${fullDir} (absent here; they run in CI)`;
