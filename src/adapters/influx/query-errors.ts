import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import type { Config } from '../../config/schema.js';
import { JamwatchError } from '../../errors.js';

/**
 * What the InfluxDB client throws for a Flux query (an HttpError, a timeout, or the socket's own error) as one
 * JamwatchError that says what was being done: a refused token and an unreachable server read as checkInflux's do.
 * Anything else is a bug and is returned as it is, stack and all.
 */
export function influxQueryError(error: unknown, config: Config['influx'], doing: string): unknown {
  if (error instanceof JamwatchError) return error;
  if (error instanceof HttpError) {
    if (error.statusCode === 401 || error.statusCode === 403) {
      return new JamwatchError(
        'INFLUX_UNREACHABLE',
        `InfluxDB at ${config.url} refused the token (HTTP ${error.statusCode}) while ${doing}: check JAMWATCH_INFLUX_TOKEN ` +
          `and that it may read and write bucket "${config.bucket}"`,
        { cause: error },
      );
    }
    return new JamwatchError(
      'INFLUX_QUERY',
      `InfluxDB answered HTTP ${error.statusCode} while ${doing}: ${(error.body ?? error.message).slice(0, 500)}`,
      { cause: error, retriable: error.canRetry() },
    );
  }
  if (error instanceof RequestTimedOutError) {
    return new JamwatchError('INFLUX_QUERY', `InfluxDB did not answer in time while ${doing}`, {
      cause: error,
      retriable: true,
    });
  }
  // Socket errors (ECONNREFUSED, ECONNRESET, ENOTFOUND…) come through as Node's own, with a string code.
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return new JamwatchError(
      'INFLUX_UNREACHABLE',
      `cannot reach InfluxDB at ${config.url} while ${doing}: ${error.message}`,
      { cause: error, retriable: true },
    );
  }
  return error;
}
