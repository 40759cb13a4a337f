/**
 * Base class of every error the service raises on purpose. The `code` is stable (clients and dashboards key on it,
 * and the HTTP edge maps it to a status); `retryable` tells the worker whether another attempt may succeed.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist. */
export class NotFoundError extends AppError {}

/** The caller's input cannot be served as given. */
export class ValidationError extends AppError {
  constructor(message: string, code = "validation_error") {
    super(code, message);
  }
}

/** A dependency (database, broker) is down: the caller may try again later. */
export class UnavailableError extends AppError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, true, options);
  }
}

/** A limit or quota is used up; `retryAfterSeconds` says when the caller's window resets. */
export class LimitExceededError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}
