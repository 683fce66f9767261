import type { Sequelize } from 'sequelize';
import { insertComputer, recordAssetChanges, updateEditedComputer } from '../inventory/computer.repository';
import { insertLicence } from '../licences/licence.repository';
import { UserRow } from '../users/user.models';
import { DEMO_COMPUTERS, demoLicences } from './demo-estate';

/**
 * Files the demo's estate in `entity` as if its agents had sent it, the computers given to their
 * people, and its licences; their renewal clocks are set by the worker's reconciliation. The id
 * of each computer, by name.
 */
export async function seedDemoEstate(sequelize: Sequelize, entity: number): Promise<Map<string, number>> {
  const people = new Map((await UserRow.findAll({ attributes: ['id', 'login'] })).map((user) => [user.login, user.id]));
  const ids = new Map<string, number>();
  await sequelize.transaction(async (transaction) => {
    for (const { facts, owner, location } of DEMO_COMPUTERS) {
      const id = await insertComputer(sequelize, entity, facts, transaction);
      await recordAssetChanges(
        sequelize,
        { type: 'computer', id },
        [{ field: 'created', before: null, after: facts.name }],
        { source: 'import' },
        transaction,
      );
      await updateEditedComputer(sequelize, id, { location, user: owner ? (people.get(owner) ?? null) : null }, transaction);
      ids.set(facts.name, id);
    }
  });
  for (const { manager, ...licence } of demoLicences(new Date()))
    await insertLicence(sequelize, entity, { ...licence, manager: people.get(manager)! });
  return ids;
}
