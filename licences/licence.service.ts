import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import { logger } from '../config/logger';
import { NotFoundError, ValidationError } from '../core/errors';
import { assetsToLink } from '../tickets/ticket-asset.repository';
import { usersExistOrFail } from '../tickets/action-references';
import { can, entitiesWhere } from '../users/access';
import type { CurrentUser } from '../users/user';
import { setLicenceClock } from '../workflows/licence-workflow.starter';
import { licenceTermsOf } from './licence-alerts.repository';
import {
  deleteLicence,
  insertLicence,
  licenceDetailsOf,
  licenceOf,
  licencesWithStaleClock,
  listLicences,
  markClockSet,
  replaceAssignments,
  updateLicence,
} from './licence.repository';
import type {
  CreateLicenceBody,
  EditLicenceBody,
  LicenceAssignmentsBody,
  LicenceDetail,
  LicenceQuery,
  LicenceView,
} from './licence.schemas';

export interface LicenceServiceDeps {
  sequelize: Sequelize;
  temporal: Client;
}

/**
 * Gives a licence's renewal clock its terms as they are now. Temporal out of reach leaves the
 * licence marked as not yet given them: the worker's reconciliation gives them later.
 */
async function setClock({ sequelize, temporal }: LicenceServiceDeps, id: number): Promise<void> {
  const at = new Date();
  try {
    await setLicenceClock(temporal, id, (await licenceTermsOf(sequelize, id))?.terms ?? null);
    await markClockSet(sequelize, id, at);
  } catch (error) {
    logger.warn({ err: error, licenceId: id }, 'licence clock left to the reconciliation');
  }
}

/** Gives every licence whose clock has not taken its latest terms (Temporal was away, a restore) its terms. */
export async function reconcileLicenceClocks(deps: LicenceServiceDeps): Promise<number> {
  const ids = await licencesWithStaleClock(deps.sequelize);
  for (const id of ids) await setClock(deps, id);
  return ids.length;
}

/** Reconciles the licences' clocks every `everyMs` until `signal` aborts: an entity's new thresholds reach its licences so. */
export async function runLicenceClockReconciler(deps: LicenceServiceDeps, everyMs: number, log: Logger, signal: AbortSignal) {
  while (!signal.aborted) {
    try {
      const given = await reconcileLicenceClocks(deps);
      if (given > 0) log.info({ given }, 'licence clocks given their latest terms');
    } catch (error) {
      log.error({ err: error }, 'licence clock reconciliation failed, will retry');
    }
    await sleep(everyMs, undefined, { signal }).catch(() => undefined);
  }
}

const today = () => new Date().toISOString().slice(0, 10);

/** Software licences: the desk records them; those who read its figures see them; each has a renewal clock. */
export function createLicenceService(deps: LicenceServiceDeps) {
  const { sequelize } = deps;
  async function deskLicenceOrFail(user: CurrentUser, id: number): Promise<LicenceView> {
    const licence = await licenceOf(sequelize, id, entitiesWhere(user, 'desk'));
    if (!licence) throw new NotFoundError(`Licence ${id}`);
    return licence;
  }

  return {
    list: (user: CurrentUser, query: LicenceQuery) => listLicences(sequelize, entitiesWhere(user, 'readers'), query, today()),

    async getOrFail(user: CurrentUser, id: number): Promise<LicenceDetail> {
      const licence = await licenceOf(sequelize, id, entitiesWhere(user, 'readers'));
      if (!licence) throw new NotFoundError(`Licence ${id}`);
      return { ...licence, ...(await licenceDetailsOf(sequelize, licence)) };
    },

    async create(user: CurrentUser, body: CreateLicenceBody): Promise<LicenceDetail> {
      const entity = body.entity ?? user.entity;
      if (!can(user, 'desk', entity)) throw new ValidationError({ entity: `entity ${entity} is not one where you work` });
      const manager = body.manager ?? user.id;
      await usersExistOrFail([manager], 'manager');
      const id = await insertLicence(sequelize, entity, {
        name: body.name,
        software: body.software,
        publisher: body.publisher ?? null,
        kind: body.kind,
        seats: body.seats ?? null,
        purchaseDate: body.purchaseDate ?? null,
        expiresOn: body.expiresOn ?? null,
        alertDays: body.alertDays ?? null,
        manager,
      });
      await setClock(deps, id);
      return this.getOrFail(user, id);
    },

    async edit(user: CurrentUser, id: number, body: EditLicenceBody): Promise<LicenceDetail> {
      await deskLicenceOrFail(user, id);
      if (body.manager !== undefined) await usersExistOrFail([body.manager], 'manager');
      await updateLicence(sequelize, id, body);
      await setClock(deps, id);
      return this.getOrFail(user, id);
    },

    async remove(user: CurrentUser, id: number): Promise<{ removed: true }> {
      await deskLicenceOrFail(user, id);
      await deleteLicence(sequelize, id);
      // Its clock ends on learning it is gone.
      await setLicenceClock(deps.temporal, id, null).catch((error: unknown) =>
        logger.warn({ err: error, licenceId: id }, 'the clock of a removed licence ends at its next alert'),
      );
      return { removed: true };
    },

    /** Assigns the licence to computers of the caller's entities and to people, in place of what it had. */
    async assign(user: CurrentUser, id: number, body: LicenceAssignmentsBody): Promise<LicenceDetail> {
      await deskLicenceOrFail(user, id);
      const assets = [...new Set(body.assets)];
      const found = await assetsToLink(sequelize, assets);
      const missing = assets.find((asset) => !found.some((one) => one.id === asset && can(user, 'desk', one.entity_id)));
      if (missing !== undefined) throw new ValidationError({ assets: `there is no asset ${missing} in your entities` });
      await usersExistOrFail(body.users, 'users');
      await replaceAssignments(sequelize, id, assets, [...new Set(body.users)]);
      return this.getOrFail(user, id);
    },
  };
}

export type LicenceService = ReturnType<typeof createLicenceService>;
