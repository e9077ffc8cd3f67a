/** A malformed input file: the message names the file, and the line and column when known. */
export class DataError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}${column !== undefined ? `:${column}` : ''}: ${message}`);
    this.name = 'DataError';
  }
}
