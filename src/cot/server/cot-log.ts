/** How the CoT server and its parts write a log line. */
export type CotLog = (level: 'info' | 'warn', msg: string, fields: Record<string, unknown>) => void;
