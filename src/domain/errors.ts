/** Stable error codes; each maps to one HTTP status. */
export const errorStatus = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldIssue {
  field: string;
  reason: string;
}

/** The one error type: a stable code, its HTTP status and a message meant for people. */
export class SeamError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, issues: FieldIssue[] = []) {
    super(message);
    this.name = 'SeamError';
    this.code = code;
    this.status = errorStatus[code];
    this.issues = issues;
  }
}

/** A validation error naming one field and why it was refused. */
export function invalid(field: string, reason: string): SeamError {
  return new SeamError('validation', `${field}: ${reason}`, [{ field, reason }]);
}
