/* What taking over a library's lock risks, in one sentence shared by the CLI's `unlock --force` and the window's button. */
export const TAKE_OVER_RISK =
  'If that Casefolio is still running, its next change will be refused (nothing it saved is lost or overwritten), and whatever it has not saved yet will have to be made again.';
