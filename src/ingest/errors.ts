// Errors of the import as values: a stable code and the user's words (Japanese / English). The
// CLI turns them into an exit code; the server will turn them into a 400 with the same code.

/** A file-level import failure (unreadable file, missing column, …); nothing was stored. */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}
