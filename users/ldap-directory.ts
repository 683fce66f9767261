import { Client, type Entry, Filter, InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import { logger } from '../config/logger';
import { DomainError } from '../core/errors';
import type { LdapSettings } from './ldap-settings';

/** An account as the directory describes it: who, whether it is disabled, and its mapped groups. */
export interface DirectoryAccount {
  dn: string;
  login: string;
  name: string;
  email: string | null;
  disabled: boolean;
  /** The DNs of the mapped groups (GUICHET_LDAP_GROUP_PROFILES) it is a member of. */
  groups: string[];
}

/** The directory could not be reached or answered with an error: nobody's fault, retry later. */
export class DirectoryUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super('not_ready', 'The directory (LDAP) is out of reach; retry shortly');
    this.cause = cause;
  }
}

// Servers spell attribute names as they like (samaccountname, sAMAccountName): match them without case.
function first(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one.length === 0 ? null : one.toString();
}

/** `filter` with `{login}` replaced by `login`, escaped so it can only ever be a value (RFC 4515). */
export const userFilterFor = (filter: string, login: string): string => filter.replaceAll('{login}', Filter.escape(login));

// Replacing `{login}` by `*` turns the one-user filter into one that matches every user.
const everyUserFilter = (filter: string): string => filter.replaceAll('{login}', '*');

/**
 * A session with the directory under the service account. Membership is tested by the server
 * (`member` equal to the user's DN), so DN spelling never matters and large groups need no paging.
 */
export interface DirectorySession {
  /** The account with this login, or null when there is none (or more than one). */
  findAccount(login: string): Promise<DirectoryAccount | null>;
  /** Every account the user filter matches. */
  allAccounts(): Promise<DirectoryAccount[]>;
  close(): Promise<void>;
}

const clientOf = (settings: LdapSettings): Client =>
  new Client({ url: settings.url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });

// The caller is told only that the directory is out of reach; the operator's log says why.
function unavailable(error: unknown): DirectoryUnavailableError {
  logger.warn({ err: error }, 'the directory failed');
  return new DirectoryUnavailableError(error);
}

async function unavailableOnError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof DomainError ? error : unavailable(error);
  }
}

/** Opens a session under the service account; close it when done. */
export async function openDirectory(settings: LdapSettings): Promise<DirectorySession> {
  const client = clientOf(settings);
  try {
    await client.bind(settings.bindDn, settings.bindPassword);
  } catch (error) {
    await client.unbind().catch(() => undefined);
    throw unavailable(error);
  }
  const attributes = [settings.loginAttribute, 'cn', 'displayName', 'mail'];

  const matches = async (dn: string, filter: string): Promise<boolean> =>
    (await client.search(dn, { scope: 'base', filter, attributes: ['1.1'] })).searchEntries.length > 0;

  async function isMember(groupDn: string, dn: string): Promise<boolean> {
    try {
      return await matches(groupDn, `(member=${Filter.escape(dn)})`);
    } catch (error) {
      // A mapped group that does not exist has no members; anything else is the directory's trouble.
      if (error instanceof NoSuchObjectError) return false;
      throw error;
    }
  }

  async function accountOf(entry: Entry): Promise<DirectoryAccount | null> {
    const login = first(entry, settings.loginAttribute);
    if (!login) return null;
    const groups = [...new Set(settings.groupProfiles.map((mapping) => mapping.group))];
    const [disabled, memberships] = await Promise.all([
      settings.disabledFilter ? matches(entry.dn, settings.disabledFilter) : false,
      Promise.all(groups.map((group) => isMember(group, entry.dn))),
    ]);
    return {
      dn: entry.dn,
      login,
      name: first(entry, 'displayName') ?? first(entry, 'cn') ?? login,
      email: first(entry, 'mail'),
      disabled,
      groups: groups.filter((_, i) => memberships[i]),
    };
  }

  return {
    findAccount: (login) =>
      unavailableOnError(async () => {
        const { searchEntries } = await client.search(settings.baseDn, {
          scope: 'sub',
          filter: userFilterFor(settings.userFilter, login),
          attributes,
          sizeLimit: 2,
        });
        return searchEntries.length === 1 ? accountOf(searchEntries[0]!) : null;
      }),
    allAccounts: () =>
      unavailableOnError(async () => {
        const accounts: DirectoryAccount[] = [];
        const pages = client.searchPaginated(settings.baseDn, {
          scope: 'sub',
          filter: everyUserFilter(settings.userFilter),
          attributes,
          paged: { pageSize: 500 },
        });
        for await (const page of pages) {
          for (const entry of page.searchEntries) {
            const account = await accountOf(entry);
            if (account) accounts.push(account);
          }
        }
        return accounts;
      }),
    close: () => client.unbind().catch(() => undefined),
  };
}

/** Whether `password` is the password of `dn`, by binding as it on a connection of its own. */
export async function passwordOfDirectoryAccountMatches(settings: LdapSettings, dn: string, password: string): Promise<boolean> {
  // An empty password would be an anonymous bind, which succeeds without proving anything.
  if (password === '') return false;
  const client = clientOf(settings);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError) return false;
    throw unavailable(error);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
