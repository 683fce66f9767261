import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import { id, text, nullableText, int, date, nullableDate, stamped } from '../db/columns';

export class UserRow extends Model<InferAttributes<UserRow>, InferCreationAttributes<UserRow>> {
  declare id: CreationOptional<number>;
  declare login: string;
  declare name: string;
  declare email: string | null;
  declare profile: string;
  declare entity_id: CreationOptional<number>;
  declare password_hash: string;
  /** `local` (argon2id password), `ldap` (bound against the directory) or `token` (an API token's account). */
  declare auth_source: CreationOptional<string>;
  declare directory_dn: CreationOptional<string | null>;
  declare disabled: CreationOptional<boolean>;
  declare failed_logins: CreationOptional<number>;
  declare locked_until: CreationOptional<Date | null>;
}

export class UserProfileRow extends Model<InferAttributes<UserProfileRow>, InferCreationAttributes<UserProfileRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare entity_id: number;
  declare profile: string;
  declare recursive: boolean;
}

export class ApiTokenRow extends Model<InferAttributes<ApiTokenRow>, InferCreationAttributes<ApiTokenRow>> {
  declare id: CreationOptional<number>;
  declare user_id: number;
  declare name: string;
  declare token_hash: string;
  declare prefix: string;
  declare created_by: number;
  declare last_used_at: CreationOptional<Date | null>;
  declare revoked_at: CreationOptional<Date | null>;
  declare expires_at: Date | null;
  declare created_at: CreationOptional<Date>;
  declare user?: NonAttribute<UserRow>;
}

export class AuthTokenRow extends Model<InferAttributes<AuthTokenRow>, InferCreationAttributes<AuthTokenRow>> {
  declare id: CreationOptional<number>;
  declare token_hash: string;
  declare user_id: number;
  declare expires_at: Date;
  declare user?: NonAttribute<UserRow>;
}

/** Binds the models of this feature to `sequelize`. */
export function defineUserModels(sequelize: Sequelize) {
  UserRow.init(
    {
      id: id(),
      login: text(),
      name: text(),
      email: nullableText(),
      profile: text(),
      entity_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      password_hash: text(),
      auth_source: { type: DataTypes.STRING, allowNull: false, defaultValue: 'local' },
      directory_dn: { type: DataTypes.STRING, allowNull: true, defaultValue: null },
      disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      failed_logins: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      locked_until: { type: DataTypes.DATE(3), allowNull: true, defaultValue: null },
    },
    { sequelize, tableName: 'users', ...stamped },
  );
  UserProfileRow.init(
    { id: id(), user_id: int(), entity_id: int(), profile: text(), recursive: { type: DataTypes.BOOLEAN, allowNull: false } },
    { sequelize, tableName: 'user_profiles', ...stamped },
  );
  ApiTokenRow.init(
    {
      id: id(),
      user_id: int(),
      name: text(),
      token_hash: text(),
      prefix: text(),
      created_by: int(),
      last_used_at: { ...nullableDate(), defaultValue: null },
      revoked_at: { ...nullableDate(), defaultValue: null },
      expires_at: nullableDate(),
      created_at: date(),
    },
    { sequelize, tableName: 'api_tokens', ...stamped, createdAt: 'created_at' },
  );
  ApiTokenRow.belongsTo(UserRow, { foreignKey: 'user_id', as: 'user' });
  AuthTokenRow.init(
    { id: id(), token_hash: text(), user_id: int(), expires_at: date() },
    { sequelize, tableName: 'auth_tokens', ...stamped },
  );
  AuthTokenRow.belongsTo(UserRow, { foreignKey: 'user_id', as: 'user' });
}
