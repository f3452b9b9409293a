/**
 * One error type the layers act on. `code` is stable (the API and CLI map it), `retryable` tells a queue
 * whether trying again can help (a corrupt photo: no; a busy disk: maybe).
 */
export type ErrorCode =
  | 'USAGE'
  | 'NOT_FOUND'
  | 'UNREADABLE_IMAGE'
  | 'DAMAGED_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'BAD_METADATA'
  | 'BAD_MODEL'
  | 'BAD_TRUTH'
  | 'MODEL_CHECKSUM'
  | 'INFERENCE_FAILED'
  | 'IO'
  | 'MISSING_DEPENDENCY';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
