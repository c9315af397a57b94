// The one error type use cases throw for anything a caller can act on. The HTTP layer maps each code to
// a status from one table (checked complete because the codes are a literal union); the CLI prints the
// message. Anything else reaching a caller is a bug and is reported as such.

export type AppErrorCode =
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHORIZED"
  | "RATE_LIMITED";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Machine-readable specifics (field paths, the conflicting id…) safe to show to the caller. */
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export function notFound(what: string, key: string): AppError {
  return new AppError("NOT_FOUND", `${what} '${key}' not found`, { what, key });
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
