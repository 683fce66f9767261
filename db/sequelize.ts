import { Sequelize } from 'sequelize';

/** A Sequelize instance on MariaDB; every time is stored and read in UTC. */
export function connectDatabase(url: string, poolMax = 20): Sequelize {
  return new Sequelize(url, {
    dialect: 'mariadb',
    logging: false,
    timezone: '+00:00',
    pool: { max: poolMax, min: 0, idle: 10_000, acquire: 30_000 },
    dialectOptions: { connectTimeout: 5_000 },
  });
}
