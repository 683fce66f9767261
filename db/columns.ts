import { DataTypes } from 'sequelize';

/** Column shapes the models share; the schema itself comes from the migrations. */
export const id = () => ({ type: DataTypes.INTEGER.UNSIGNED, autoIncrement: true, primaryKey: true });
export const text = () => ({ type: DataTypes.STRING, allowNull: false });
export const nullableText = () => ({ type: DataTypes.STRING, allowNull: true });
export const int = () => ({ type: DataTypes.INTEGER, allowNull: false });
export const nullableInt = () => ({ type: DataTypes.INTEGER, allowNull: true });
export const date = () => ({ type: DataTypes.DATE(3), allowNull: false });
export const nullableDate = () => ({ type: DataTypes.DATE(3), allowNull: true });
export const stamped = { underscored: true, timestamps: true } as const;
// Shared objects belong to the root entity unless told otherwise.
export const ownedByEntity = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
