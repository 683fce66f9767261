/** What a renewal alert says of its licence. */
export interface LicenceAlertFacts {
  name: string;
  software: string;
  expiresOn: string;
  thresholdDays: number;
  seats: number | null;
}

const day = (date: string, locale: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The e-mail that tells a licence's manager its renewal is near, in their language.
 * @example licenceAlertNotice({ name: 'Office', software: 'LibreOffice', expiresOn: '2027-01-31', thresholdDays: 30, seats: 50 }, 'en').subject // 'Licence “Office” expires on 31 January 2027 (in 30 days)'
 */
export function licenceAlertNotice(facts: LicenceAlertFacts, language: 'fr' | 'en'): { subject: string; text: string } {
  if (language === 'en') {
    const on = day(facts.expiresOn, 'en-GB');
    return {
      subject: `Licence “${facts.name}” expires on ${on} (in ${facts.thresholdDays} days)`,
      text: [
        `The licence “${facts.name}” for ${facts.software}${facts.seats === null ? '' : ` (${facts.seats} seats)`} expires on ${on}.`,
        `Renew it, or record its new expiry date in guichet: its alerts then follow the new date.`,
      ].join('\n\n'),
    };
  }
  const on = day(facts.expiresOn, 'fr-FR');
  return {
    subject: `La licence « ${facts.name} » expire le ${on} (dans ${facts.thresholdDays} jours)`,
    text: [
      `La licence « ${facts.name} » de ${facts.software}${facts.seats === null ? '' : ` (${facts.seats} postes)`} expire le ${on}.`,
      `Renouvelez-la, ou indiquez sa nouvelle date d’expiration dans guichet : ses alertes suivront la nouvelle date.`,
    ].join('\n\n'),
  };
}
