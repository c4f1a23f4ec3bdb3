// Telling system errors apart by their `code` (ENOENT, EEXIST, EADDRINUSE…).

/** True when `cause` is an error with this `code`, as Node's file and network errors have. */
export function hasErrorCode(cause: unknown, code: string): boolean {
  return typeof cause === 'object' && cause !== null && 'code' in cause && cause.code === code;
}
