/** A problem in an expression at a 0-based offset; the parser throws it and parseExpression turns it into a value. */
export class ExpressionError extends Error {
  override name = "ExpressionError";
  readonly offset: number;
  readonly hint: string | undefined;

  constructor(offset: number, message: string, hint?: string) {
    super(message);
    this.offset = offset;
    this.hint = hint;
  }
}

export function fail(offset: number, message: string, hint?: string): never {
  throw new ExpressionError(offset, message, hint);
}
