/**
 * The one error of the CoT codec. A connection counts these by `kind` and goes on reading unless
 * `fatal` says the stream can no longer be followed (then the caller closes the connection).
 */
import { SeamError } from '../domain/errors.ts';

/**
 * - `malformed`: not well-formed XML or protobuf, bad framing, not UTF-8;
 * - `entity`: a DOCTYPE, or an entity other than the five predefined ones (entity tricks);
 * - `too_large`: an event over the size limit;
 * - `too_deep`: elements nested deeper than the limit;
 * - `invalid`: well-formed, but a required value is missing or out of range (names the field);
 * - `unsupported`: a TAK protocol version this codec does not speak.
 */
export type CotErrorKind = 'malformed' | 'entity' | 'too_large' | 'too_deep' | 'invalid' | 'unsupported';

export class CotError extends SeamError {
  readonly kind: CotErrorKind;
  /** The attribute or element at fault, for `invalid`. */
  readonly field: string | undefined;

  constructor(kind: CotErrorKind, message: string, field?: string) {
    super(
      kind === 'too_large' ? 'payload_too_large' : 'validation',
      message,
      field ? [{ field, reason: message }] : [],
    );
    this.name = 'CotError';
    this.kind = kind;
    this.field = field;
  }
}

/** A required value missing or out of range. */
export function invalidCot(field: string, reason: string): CotError {
  return new CotError('invalid', `${field}: ${reason}`, field);
}
