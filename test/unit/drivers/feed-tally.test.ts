import { describe, expect, it } from 'vitest';
import { FeedTally } from '../../../src/drivers/feed-tally.js';

const S = 10_000;

/** The points written, as [src, topic, reports, invalid, t]. */
function tally() {
  const points: [string, string, number, number, number][] = [];
  const feed = new FeedTally(S, (line) => {
    const m = /^jamwatch_feed,src=(\w+),topic=(\S+) reports=(\d+)i,invalid=(\d+)i,lag=0i (\d+)$/.exec(line);
    expect(m, line).not.toBeNull();
    points.push([m![1]!, m![2]!, Number(m![3]), Number(m![4]), Number(m![5])]);
  });
  return { feed, points };
}

describe('FeedTally (jamwatch_feed points of a replay)', () => {
  it('counts reports per file and domain in intervals of event time, stamped at the end of each', () => {
    const { feed, points } = tally();
    for (const t of [1_000, 2_000, 9_999, 10_000, 15_000, 19_999]) feed.report('adsb.jsonl', 'adsb', t);
    feed.report('ais.nmea', 'ais', 5_000);
    feed.report('adsb.jsonl', 'adsb', 21_000);
    feed.finish();
    expect(points).toEqual([
      ['adsb', 'adsb.jsonl', 3, 0, 10_000],
      ['adsb', 'adsb.jsonl', 3, 0, 20_000],
      ['adsb', 'adsb.jsonl', 1, 0, 30_000],
      ['ais', 'ais.nmea', 1, 0, 10_000],
    ]);
  });

  it('closes a gap with a zero point at either end, however long it is', () => {
    const { feed, points } = tally();
    feed.report('f', 'adsb', 0);
    feed.report('f', 'adsb', 3_600_000 + 5);
    feed.finish();
    expect(points).toEqual([
      ['adsb', 'f', 1, 0, S],
      ['adsb', 'f', 0, 0, 2 * S],
      ['adsb', 'f', 0, 0, 3_600_000],
      ['adsb', 'f', 1, 0, 3_600_000 + S],
    ]);
    // A gap of one interval has a single zero point.
    const short = tally();
    short.feed.report('f', 'adsb', 0);
    short.feed.report('f', 'adsb', 2 * S);
    short.feed.finish();
    expect(short.points.map((p) => [p[2], p[4]])).toEqual([
      [1, S],
      [0, 2 * S],
      [1, 3 * S],
    ]);
  });

  it('counts invalid input in the interval of its file’s latest report, and before the first into the first', () => {
    const { feed, points } = tally();
    feed.invalid('mixed.nmea');
    feed.invalid('other');
    feed.report('mixed.nmea', 'ais', 1_000);
    feed.invalid('mixed.nmea');
    feed.report('mixed.nmea', 'ais', 12_000);
    feed.invalid('mixed.nmea');
    feed.invalid('mixed.nmea');
    feed.finish();
    expect(points).toEqual([
      ['ais', 'mixed.nmea', 1, 2, S],
      ['ais', 'mixed.nmea', 1, 2, 2 * S],
    ]);
  });

  it('counts a report slightly out of order in the open interval', () => {
    const { feed, points } = tally();
    feed.report('f', 'adsb', 12_000);
    feed.report('f', 'adsb', 9_000);
    feed.finish();
    expect(points).toEqual([['adsb', 'f', 2, 0, 2 * S]]);
  });
});
