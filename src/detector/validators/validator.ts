import type { Validation } from '../../core/types.js';

/** A named, offline check of a candidate secret's checksum or structure. */
export interface Validator {
  name: string;
  description: string;
  /** `valid`: checksum or structure verified; `invalid`: it cannot be a real credential; `unknown`: not checkable. */
  check(secret: string): Validation;
  /**
   * Completes a test template: given the text expanded so far, returns the characters the format
   * derives from it (a checksum). Lets examples be format-valid without committing a real-looking token.
   */
  complete?(preceding: string): string;
  /** True when this particular value is public by design (e.g. a Supabase anon JWT) and must not be reported as exposed. */
  publishable?(secret: string): boolean;
  /** When the credential stops working (ms since the epoch), if it says so itself (a JWT's `exp`). */
  expiresAt?(secret: string): number | undefined;
}
