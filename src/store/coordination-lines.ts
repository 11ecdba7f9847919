import type { CoordinationLine } from '../domain/coordination-line.ts';

export interface CoordinationLineReads {
  list(): Promise<CoordinationLine[]>;
}

export interface CoordinationLineWrites {
  insert(line: CoordinationLine): Promise<void>;
}
