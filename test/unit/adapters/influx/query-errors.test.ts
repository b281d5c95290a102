import { HttpError, RequestTimedOutError } from '@influxdata/influxdb-client';
import { describe, expect, it } from 'vitest';
import { influxQueryError } from '../../../../src/adapters/influx/query-errors.js';
import { influxSchema } from '../../../../src/config/schema.js';
import { JamwatchError } from '../../../../src/errors.js';

const config = influxSchema.parse({ url: 'http://influx.example:8086', bucket: 'gnss', token: 't' });

describe('influxQueryError', () => {
  it('reads a refused token as checkInflux does, naming the bucket', () => {
    const error = influxQueryError(
      new HttpError(401, 'Unauthorized', '{"message":"unauthorized access"}'),
      config,
      'x',
    );
    expect(error).toBeInstanceOf(JamwatchError);
    expect((error as JamwatchError).code).toBe('INFLUX_UNREACHABLE');
    expect((error as JamwatchError).message).toMatch(
      /refused the token \(HTTP 401\) while x: .*JAMWATCH_INFLUX_TOKEN.*"gnss"/,
    );
  });

  it('gives InfluxDB’s own answer to a failed query, retriable when the status is', () => {
    const bad = influxQueryError(new HttpError(400, 'Bad Request', 'error @1:1: undefined identifier'), config, 'y');
    expect(bad).toMatchObject({ code: 'INFLUX_QUERY', retriable: false });
    expect((bad as Error).message).toBe('InfluxDB answered HTTP 400 while y: error @1:1: undefined identifier');
    expect(influxQueryError(new HttpError(503, 'Unavailable', 'busy'), config, 'y')).toMatchObject({
      code: 'INFLUX_QUERY',
      retriable: true,
    });
    expect(influxQueryError(new RequestTimedOutError(), config, 'z')).toMatchObject({
      code: 'INFLUX_QUERY',
      retriable: true,
    });
  });

  it('reads a socket error as an unreachable server, and leaves bugs and JamwatchErrors alone', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:8086'), { code: 'ECONNREFUSED' });
    expect(influxQueryError(refused, config, 'z')).toMatchObject({
      code: 'INFLUX_UNREACHABLE',
      retriable: true,
      message: 'cannot reach InfluxDB at http://influx.example:8086 while z: connect ECONNREFUSED 10.0.0.1:8086',
    });
    const bug = new TypeError('x is undefined');
    expect(influxQueryError(bug, config, 'z')).toBe(bug);
    const usage = new JamwatchError('USAGE', 'bad day');
    expect(influxQueryError(usage, config, 'z')).toBe(usage);
  });
});
