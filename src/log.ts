import { type Logger, pino } from 'pino';

/** The one pino root. Secrets are redacted wherever they appear in logged objects; the core never logs. */
export const REDACTED_PATHS = [
  'token',
  'password',
  '*.token',
  '*.password',
  '*.saslPassword',
  'config.kafka.saslPassword',
  'config.influx.token',
  'kafka.saslPassword',
  'influx.token',
  'headers.authorization',
  '*.headers.authorization',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { app: 'jamwatch' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
