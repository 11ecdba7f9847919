import type { Jcc } from '../domain/jcc.ts';

export interface JccReads {
  list(): Promise<Jcc[]>;
  find(code: string): Promise<Jcc | null>;
}

export interface JccWrites {
  insert(jcc: Jcc): Promise<void>;
}
