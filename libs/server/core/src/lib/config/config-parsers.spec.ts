import { ConfigError, parseWholeNumber } from './config-parsers';
import { loadSmtpLaneSettings } from '../mail/smtp-lanes';

describe('parseWholeNumber', () => {
  it('gives the fallback when the variable is unset or blank, and the number otherwise', () => {
    expect(parseWholeNumber({}, 'LANES', 4, 1, 32)).toBe(4);
    expect(parseWholeNumber({ LANES: '  ' }, 'LANES', 4, 1, 32)).toBe(4);
    expect(parseWholeNumber({ LANES: ' 7 ' }, 'LANES', 4, 1, 32)).toBe(7);
  });

  it.each(['0', '33', '2.5', 'four', '1e1x'])('refuses "%s" with a ConfigError naming the variable', (raw) => {
    const parse = () => parseWholeNumber({ LANES: raw }, 'LANES', 4, 1, 32);
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(`Configuration error: LANES must be a whole number from 1 to 32 (got "${raw}")`);
  });

  it('is what the other loaders use: their bad settings are ConfigErrors too', () => {
    let error: unknown;
    try {
      loadSmtpLaneSettings({ REMINDER_SMTP_LANES: 'many' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('REMINDER_SMTP_LANES');
  });
});
