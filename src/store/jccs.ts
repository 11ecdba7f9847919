import type { Jcc } from '../domain/jcc.ts';

export interface JccReads {
  list(): Promise<Jcc[]>;
  find(code: string): Promise<Jcc | null>;
}

export interface JccWrites {
  insert(jcc: Jcc): Promise<void>;
  /** Writes a centre's names in each language, with its change-log and audit entries. */
  rename(jcc: Jcc): Promise<void>;
}
