/*
 * The dossier engine's error. src/shared has no error module yet; when one lands, this becomes a re-export of
 * the shared error with the same codes.
 */
export type DossierErrorCode = 'INVALID_INPUT';

export class DossierError extends Error {
  override readonly name = 'DossierError';

  constructor(
    readonly code: DossierErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
