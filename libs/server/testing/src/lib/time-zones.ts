import { earliestSendTime } from '@followthrough/shared-domain';

/** Zones a few hours apart all around the world: whatever the hour, some are in business hours and some at night. */
export const ZONES_AROUND_THE_WORLD = [
  'Pacific/Pago_Pago',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Atlantic/Azores',
  'UTC',
  'Europe/Paris',
  'Europe/Athens',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
];

/** Every day a working day: with it, whether an e-mail may go out depends on the hour alone. */
export const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/**
 * A zone where a business-hours e-mail may be sent now and for `hours` more, for a calendar working
 * every day, so a test that sends one passes at any hour it runs.
 */
export function zoneWhereSendingIsAllowed(hours = 2, now = new Date()): string {
  const calendar = { timezone: 'UTC', workingWeekdays: EVERY_DAY, holidays: [] };
  const later = new Date(now.getTime() + hours * 3_600_000);
  const zone = ZONES_AROUND_THE_WORLD.find(
    (timeZone) =>
      earliestSendTime(now, calendar, { timeZone }).getTime() === now.getTime() &&
      earliestSendTime(later, calendar, { timeZone }).getTime() === later.getTime(),
  );
  if (!zone) throw new Error('No zone is in business hours right now');
  return zone;
}
