import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initial from './migrations/0001-initial';

/** MariaDB migrations, in order; each runs once, recorded in `SequelizeMeta`. */
export function mariadbMigrator(sequelize: Sequelize) {
  return new Umzug({
    migrations: [{ name: '0001-initial', ...initial }],
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: undefined,
  });
}
