import type { GeoChatMessage } from '../domain/geochat.ts';

export interface GeoChatReads {
  /** The newest messages of a chat room, newest first. */
  recent(room: string, limit: number): Promise<GeoChatMessage[]>;
}

export interface GeoChatWrites {
  /** Writes a message with its change-log entry. */
  insert(m: GeoChatMessage): Promise<void>;
}
