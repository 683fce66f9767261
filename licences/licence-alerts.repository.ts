import { QueryTypes, type Sequelize } from 'sequelize';
import { DEFAULT_ALERT_DAYS, type LicenceTerms } from './licence-alerts';
import type { LicenceAlertRequest } from '../workflows/licence.contracts';

const daysOf = (stored: string | null): number[] | null => (stored ? (JSON.parse(stored) as number[]) : null);

/** A licence's renewal terms (its own thresholds, else its entity's, else the default) and what its alert says; undefined when it is gone. */
export async function licenceTermsOf(
  sequelize: Sequelize,
  licenceId: number,
): Promise<{ terms: LicenceTerms; name: string; software: string; seats: number | null; managerId: number } | undefined> {
  const [row] = await sequelize.query<{
    name: string;
    software: string;
    seats: number | null;
    manager_id: number;
    expires_on: string | null;
    alert_days: string | null;
    entity_days: string | null;
  }>(
    `SELECT l.name, l.software, l.seats, l.manager_id, l.expires_on, l.alert_days, e.licence_alert_days AS entity_days
     FROM software_licences l JOIN entities e ON e.id = l.entity_id WHERE l.id = ?`,
    { replacements: [licenceId], type: QueryTypes.SELECT },
  );
  if (!row) return undefined;
  return {
    terms: { expiresOn: row.expires_on, alertDays: daysOf(row.alert_days) ?? daysOf(row.entity_days) ?? DEFAULT_ALERT_DAYS },
    name: row.name,
    software: row.software,
    seats: row.seats,
    managerId: row.manager_id,
  };
}

/** Claims the alert: `new` the first time, `pending` when a try before did not finish, `sent` when it was sent. */
export async function claimLicenceAlert(sequelize: Sequelize, alert: LicenceAlertRequest): Promise<'new' | 'pending' | 'sent'> {
  const [, inserted] = await sequelize.query(
    'INSERT IGNORE INTO licence_alerts (licence_id, threshold_days, expires_on, created_at) VALUES (?, ?, ?, UTC_TIMESTAMP(3))',
    { replacements: [alert.licenceId, alert.thresholdDays, alert.expiresOn], type: QueryTypes.INSERT },
  );
  if (inserted === 1) return 'new';
  const [row] = await sequelize.query<{ sent_at: Date | null }>(
    'SELECT sent_at FROM licence_alerts WHERE licence_id = ? AND threshold_days = ? AND expires_on = ?',
    { replacements: [alert.licenceId, alert.thresholdDays, alert.expiresOn], type: QueryTypes.SELECT },
  );
  return row?.sent_at ? 'sent' : 'pending';
}

/** Marks the alert sent, to `address` (null: nobody had an address). */
export async function markLicenceAlertSent(sequelize: Sequelize, alert: LicenceAlertRequest, address: string | null): Promise<void> {
  await sequelize.query(
    'UPDATE licence_alerts SET sent_at = UTC_TIMESTAMP(3), address = ? WHERE licence_id = ? AND threshold_days = ? AND expires_on = ?',
    { replacements: [address, alert.licenceId, alert.thresholdDays, alert.expiresOn] },
  );
}
