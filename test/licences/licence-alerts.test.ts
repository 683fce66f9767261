import { describe, expect, it } from 'vitest';
import { licenceAlertNotice } from '../../licences/licence-alert-notice';
import { alertKey, nextLicenceAlert } from '../../licences/licence-alerts';

const terms = { expiresOn: '2027-01-31', alertDays: [30, 7] };

describe('a licence’s next renewal alert', () => {
  it('comes at each threshold before expiry, nearest to now first, at 06:00 UTC', () => {
    expect(nextLicenceAlert(terms, [], new Date('2026-12-06T10:00:00Z'))).toEqual({
      thresholdDays: 30,
      at: new Date('2027-01-01T06:00:00Z'),
      superseded: [],
    });
    expect(nextLicenceAlert(terms, [alertKey(30, '2027-01-31')], new Date('2027-01-01T06:00:01Z'))).toEqual({
      thresholdDays: 7,
      at: new Date('2027-01-24T06:00:00Z'),
      superseded: [],
    });
  });

  it('is none once each threshold is sent, once expired, or when the licence does not expire', () => {
    const sent = [alertKey(30, '2027-01-31'), alertKey(7, '2027-01-31')];
    expect(nextLicenceAlert(terms, sent, new Date('2027-01-25T00:00:00Z'))).toBeNull();
    expect(nextLicenceAlert(terms, [], new Date('2027-01-31T00:00:00Z'))).toBeNull();
    expect(nextLicenceAlert({ expiresOn: null, alertDays: [30] }, [], new Date('2026-12-06T00:00:00Z'))).toBeNull();
  });

  it('alerts for the nearest threshold only, at once, when a licence is recorded late', () => {
    expect(nextLicenceAlert(terms, [], new Date('2027-01-27T12:00:00Z'))).toEqual({
      thresholdDays: 7,
      at: new Date('2027-01-24T06:00:00Z'),
      superseded: [30],
    });
  });

  it('alerts again for a renewed licence: its thresholds are those of its new expiry date', () => {
    const sent = [alertKey(30, '2027-01-31'), alertKey(7, '2027-01-31')];
    expect(nextLicenceAlert({ ...terms, expiresOn: '2028-01-31' }, sent, new Date('2027-01-30T00:00:00Z'))?.at).toEqual(
      new Date('2028-01-01T06:00:00Z'),
    );
  });

  it('is told to its manager in French or in English', () => {
    const facts = { name: 'Office 2024', software: 'LibreOffice', expiresOn: '2027-01-31', thresholdDays: 30, seats: 50 };
    expect(licenceAlertNotice(facts, 'fr').subject).toBe('La licence « Office 2024 » expire le 31 janvier 2027 (dans 30 jours)');
    expect(licenceAlertNotice(facts, 'en').text).toContain('for LibreOffice (50 seats) expires on 31 January 2027');
  });
});
