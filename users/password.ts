import argon2 from 'argon2';

/** Passwords are hashed with argon2id; checked at login only, never per request. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

// Verifying against a real hash when the login is unknown keeps both answers equally slow.
const UNKNOWN_USER_HASH = hashPassword('guichet-unknown-user');

export async function passwordMatches(hash: string | null, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await UNKNOWN_USER_HASH), password);
  } catch {
    return false;
  }
}
