import type { Jcc } from '../domain/jcc.ts';
import { recordChange } from './record-change.ts';
import { prepared } from './sqlite/statements.ts';
import type { Tx } from './write-path.ts';

/** Writes a centre's names in each language, with its change-log and audit entries. */
export function updateJccNames(tx: Tx, jcc: Jcc): void {
  prepared(tx.db, 'UPDATE jccs SET name = ?, name_ar = ?, name_ckb = ?, updated_at = ? WHERE code = ?').run(
    jcc.name,
    jcc.nameAr ?? null,
    jcc.nameCkb ?? null,
    jcc.updatedAt,
    jcc.code,
  );
  tx.change(
    recordChange('jcc', jcc, 'update', {
      action: 'jcc.rename',
      detail: { code: jcc.code, name: jcc.name, name_ar: jcc.nameAr ?? null, name_ckb: jcc.nameCkb ?? null },
    }),
  );
}
