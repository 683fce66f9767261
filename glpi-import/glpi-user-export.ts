import { z } from 'zod';
import type { Profile } from '../users/profiles';
import { readGlpiCsv, type RejectedLine } from './glpi-csv';

/** The columns of GLPI's user-list export guichet reads, by GLPI's French and English headers. */
const USER_HEADERS = {
  login: ['Identifiant', 'Login'],
  surname: ['Nom de famille', 'Surname', 'Nom', 'Last name'],
  firstname: ['Prénom', 'First name'],
  email: ['Adresses de messagerie', 'Email addresses', 'Courriel', 'Email'],
  entity: ['Entité', 'Entity'],
  profile: ['Profil', 'Profile'],
} as const;
export type UserColumn = keyof typeof USER_HEADERS;
export const USER_COLUMNS = Object.keys(USER_HEADERS) as UserColumn[];

/** GLPI's default profiles, as ours. */
const PROFILES: Record<string, Profile> = {
  'self-service': 'requester',
  observer: 'manager',
  admin: 'admin',
  'super-admin': 'admin',
  hotliner: 'technician',
  technician: 'technician',
  supervisor: 'supervisor',
};

export interface ExportedUser {
  line: number;
  login: string;
  name: string;
  email: string | null;
  /** The entity's full path as GLPI prints it. */
  entity: string;
  profile: Profile;
}

const Email = z.email();

function userOf(line: number, cell: (column: UserColumn) => string): ExportedUser | RejectedLine {
  const login = cell('login').trim();
  if (!login) return { line, reason: 'Identifiant: empty' };
  const entity = cell('entity').trim();
  if (!entity) return { line, reason: `Entité: ${login} is in no entity` };
  const profileLabel = cell('profile').trim();
  const profile = profileLabel ? PROFILES[profileLabel.toLowerCase()] : 'requester';
  if (!profile) return { line, reason: `Profil: "${profileLabel}" is no GLPI profile guichet knows` };
  // GLPI lists a user's addresses one per line; the first is the default one.
  const email = cell('email').split(/\r?\n/)[0]!.trim() || null;
  if (email !== null && !Email.safeParse(email).success) return { line, reason: `Adresses de messagerie: "${email}" is not an address` };
  const name = `${cell('firstname').trim()} ${cell('surname').trim()}`.trim() || login;
  return { line, login: login.slice(0, 191), name: name.slice(0, 255), email, entity, profile };
}

/**
 * GLPI's user-list export read (or any CSV written the same way): `mapping` names the header of a
 * column whose header is not GLPI's own (`{ login: 'Matricule' }`).
 */
export function readUserExport(text: string, mapping: Partial<Record<UserColumn, string>> = {}) {
  const headers = Object.fromEntries(
    USER_COLUMNS.map((column): [UserColumn, readonly string[]] => [
      column,
      mapping[column] === undefined ? USER_HEADERS[column] : [mapping[column]],
    ]),
  ) as Record<UserColumn, readonly string[]>;
  const { items, rejected } = readGlpiCsv(text, headers, ['login', 'entity'], userOf);
  return { users: items, rejected };
}
