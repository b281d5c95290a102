import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

describe('logger', () => {
  it('never writes secrets, wherever they sit in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ config: { kafka: { saslPassword: 'hunter2-sasl' }, influx: { token: 'tok-influx-secret' } } }, 'start');
    log.info({ influx: { token: 'tok-2' }, kafka: { saslPassword: 'pw-2' } }, 'again');
    log.info({ token: 'tok-3', password: 'pw-3', headers: { authorization: 'Token tok-4' } }, 'direct');
    const text = lines.join('');
    expect(lines).toHaveLength(3);
    for (const secret of ['hunter2-sasl', 'tok-influx-secret', 'tok-2', 'pw-2', 'tok-3', 'pw-3', 'tok-4']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });
});
