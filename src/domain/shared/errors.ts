/**
 * The one error type of Liminal. Every rule that refuses something throws a DomainError
 * with a code from this closed set; the server maps codes to HTTP statuses in one place
 * (src/server/errors.ts) and the CLI maps them to exit codes.
 */
export const errorCodes = [
  'invalid', // the request is malformed or breaks a rule the person can fix
  'unauthenticated', // nobody is signed in, or the sign-in has ended
  'mfa_required', // password accepted; a two-factor code is needed next
  'forbidden', // signed in, but this role may not do this
  'not_found', // absent, or not visible to this person (we never say which)
  'conflict', // someone else changed it first, or it already exists
  'locked', // the record is closed to edits (a signed note, an ended chapter)
  'rate_limited', // too many attempts; try again later
  'payload_too_large',
  'unavailable', // the data folder is held by another process, or the database is down
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** Field-level detail a form can show beside the field it belongs to. */
  readonly fields: Record<string, string> | undefined;
  /** Seconds to wait, for rate_limited. */
  readonly retryAfterSeconds: number | undefined;
  /** For a conflict on an edited record: the latest saved copy, so both versions can be shown. */
  readonly current: unknown;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fields?: Record<string, string>; retryAfterSeconds?: number; current?: unknown } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fields = extra.fields;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.current = extra.current;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('not_found', `${what} was not found, or you do not have access to it.`);

export const invalid = (message: string, fields?: Record<string, string>): DomainError =>
  new DomainError('invalid', message, fields ? { fields } : {});

export const conflict = (message: string, current?: unknown): DomainError =>
  new DomainError('conflict', message, current === undefined ? {} : { current });

export const forbidden = (message = 'Your role does not allow this.'): DomainError =>
  new DomainError('forbidden', message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
