/** A session that cannot start: `usage` is the user's to fix, `not-found` is a missing agent (exit 127, as a shell says). */
export class WrapSetupError extends Error {
  override readonly name = 'WrapSetupError';
  constructor(
    message: string,
    readonly kind: 'usage' | 'not-found' | 'failure',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
