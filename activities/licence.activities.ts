import nodemailer from 'nodemailer';
import type { Sequelize } from 'sequelize';
import { licenceAlertNotice } from '../licences/licence-alert-notice';
import { claimLicenceAlert, licenceTermsOf, markLicenceAlertSent } from '../licences/licence-alerts.repository';
import { mailPreferencesOf } from '../mail/mail-preferences.repository';
import { UserRow } from '../users/user.models';
import type { LicenceAlertOutcome, LicenceAlertRequest } from '../workflows/licence.contracts';

export interface LicenceActivityDeps {
  sequelize: Sequelize;
  smtpUrl: string;
  mailFrom: string;
  /** The domain of the alerts' Message-IDs: a mail sent again after a crash is the same message. */
  noticeDomain: string;
}

/** The licence workflow's activities. */
export function createLicenceActivities({ sequelize, smtpUrl, mailFrom, noticeDomain }: LicenceActivityDeps) {
  return {
    /**
     * Tells the licence's manager that it expires in `thresholdDays` days, once per licence,
     * threshold and expiry date however often it is called; nothing when the licence changed since.
     */
    async sendLicenceAlert(request: LicenceAlertRequest): Promise<LicenceAlertOutcome> {
      const licence = await licenceTermsOf(sequelize, request.licenceId);
      if (!licence || licence.terms.expiresOn !== request.expiresOn || !licence.terms.alertDays.includes(request.thresholdDays)) {
        return 'stale';
      }
      const claimed = await claimLicenceAlert(sequelize, request);
      if (claimed === 'sent') return 'sent';
      const manager = await UserRow.findByPk(licence.managerId);
      if (!manager?.email) {
        await markLicenceAlertSent(sequelize, request, null);
        return 'recorded';
      }
      const { language } = await mailPreferencesOf(manager.id);
      const notice = licenceAlertNotice(
        {
          name: licence.name,
          software: licence.software,
          expiresOn: request.expiresOn,
          thresholdDays: request.thresholdDays,
          seats: licence.seats,
        },
        language,
      );
      const transport = nodemailer.createTransport(smtpUrl);
      try {
        await transport.sendMail({
          from: mailFrom,
          to: manager.email,
          messageId: `<licence-${request.licenceId}-${request.expiresOn}-${request.thresholdDays}@${noticeDomain}>`,
          ...notice,
        });
      } finally {
        transport.close();
      }
      await markLicenceAlertSent(sequelize, request, manager.email);
      return 'sent';
    },
  };
}
