import { normaliseCopySafeSecret, randomCopySafeSecret } from '../../secrets/random-secret';
import type { MasterKey } from '../../secrets/master-key';

const PURPOSE = 'scep challenge';

/** 130 random bits in a copy-safe alphabet, grouped for reading: "7KQ2M-…". */
export const newChallengeSecret = (): string => randomCopySafeSecret(26, 5);

/** The stored form. Normalised first, so a challenge typed with other case or without dashes still matches. */
export const hashChallenge = (masterKey: MasterKey, secret: string): string => masterKey.hashSecret(normaliseCopySafeSecret(secret), PURPOSE);
