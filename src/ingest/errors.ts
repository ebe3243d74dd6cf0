// Errors of the import as values: a stable code and the user's words (Japanese / English). The
// CLI turns them into an exit code; the server will turn them into a 400 with the same code.
import { EXIT, KenshinError, splitWords, type ExitCode } from '../domain/errors.js';

/** A file-level import failure (unreadable file, missing column, …); nothing was stored. */
export class ImportError extends KenshinError {
  constructor(code: string, message: string, exitCode: ExitCode = EXIT.input) {
    super(code, splitWords(message), exitCode);
    this.message = message;
    this.name = 'ImportError';
  }
}
