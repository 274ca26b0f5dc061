import { githubChecksum, npmChecksum } from './base62-checksum.js';
import { jwtStructure, pemStructure, pgpArmorChecksum } from './structure.js';
import type { Validator } from './validator.js';

export type { Validator } from './validator.js';
export { decodeJwt, armorPgpPrivateKey } from './structure.js';

const ALL: Validator[] = [githubChecksum, npmChecksum, jwtStructure, pemStructure, pgpArmorChecksum];

/** Validators by the name rules reference in their `validate` field. */
export const VALIDATORS: ReadonlyMap<string, Validator> = new Map(ALL.map((v) => [v.name, v]));
