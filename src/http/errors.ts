// One error shape for every API answer that is not a success:
//   { "error": { "code", "message", "details", "requestId" } }
// AppError codes map to statuses through one table, checked complete by the type system; anything
// else is a bug and becomes a generic 500 with the request id, never a stack trace.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ZodError } from "zod";
import { type AppErrorCode, isAppError } from "../app/kernel/errors.ts";
import { isDatabaseUnavailable } from "../db/database.ts";

const STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
};

export function statusOf(code: AppErrorCode): number {
  return STATUS[code];
}

export interface ErrorBody {
  error: { code: string; message: string; details: unknown; requestId: string };
}

export function errorBody(
  request: FastifyRequest,
  code: string,
  message: string,
  details: unknown = null,
): ErrorBody {
  return { error: { code, message, details, requestId: String(request.id) } };
}

/** Field paths and messages from a zod error, for `details`. */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({
    path: i.path.filter((k) => typeof k !== "symbol").join("."),
    message: i.message,
  }));
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  if (isAppError(error)) {
    void reply
      .status(statusOf(error.code))
      .send(errorBody(request, error.code, error.message, error.details ?? null));
    return;
  }
  if (error instanceof ZodError) {
    void reply
      .status(400)
      .send(errorBody(request, "VALIDATION", "The request is not valid.", zodDetails(error)));
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, body too large, unsupported media type, rate limit.
    const code =
      status === 413
        ? "PAYLOAD_TOO_LARGE"
        : status === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : status === 429
            ? "RATE_LIMITED"
            : "BAD_REQUEST";
    void reply.status(status).send(errorBody(request, code, error.message));
    return;
  }
  if (isDatabaseUnavailable(error)) {
    // PostgreSQL stopped or restarting: the request can be tried again; the pool reconnects by itself.
    request.log.warn({ err: error }, "database unavailable");
    void reply
      .status(503)
      .header("retry-after", "5")
      .send(
        errorBody(
          request,
          "DATABASE_UNAVAILABLE",
          "The database cannot be reached right now. Try again shortly.",
        ),
      );
    return;
  }
  request.log.error({ err: error }, "unhandled error");
  void reply
    .status(500)
    .send(
      errorBody(
        request,
        "INTERNAL",
        "Something went wrong on our side. Quote the request id when reporting it.",
      ),
    );
}
