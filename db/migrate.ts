import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import * as initial from './migrations/0001-initial';
import * as followupsAndTasks from './migrations/0002-followups-and-tasks';

/** MariaDB migrations, in order; each runs once, recorded in `SequelizeMeta`. */
export function mariadbMigrator(sequelize: Sequelize) {
  return new Umzug({
    migrations: [
      { name: '0001-initial', ...initial },
      { name: '0002-followups-and-tasks', ...followupsAndTasks },
    ],
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: undefined,
  });
}
