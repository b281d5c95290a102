import { describe, expect, it } from 'vitest';
import { metricValue } from '../../../src/bench/worker-process.js';

const TEXT = `# HELP jamwatch_reports_total valid reports consumed, per input topic
# TYPE jamwatch_reports_total counter
jamwatch_reports_total{topic="b.reports.adsb"} 900
jamwatch_reports_total{topic="b.reports.ais"} 100
jamwatch_reports_total_extra 7
jamwatch_batch_seconds_count{stage="entity"} 40
jamwatch_batch_seconds_count{stage="region"} 12
jamwatch_batch_seconds_sum{stage="region"} 0.5
jamwatch_process_cpu_seconds_total 3.25
`;

describe('metricValue', () => {
  it('sums the samples of one metric, not of metrics whose name it starts', () => {
    expect(metricValue(TEXT, 'jamwatch_reports_total')).toBe(1000);
    expect(metricValue(TEXT, 'jamwatch_process_cpu_seconds_total')).toBe(3.25);
  });

  it('keeps the samples with the label asked for', () => {
    expect(metricValue(TEXT, 'jamwatch_batch_seconds_count', 'stage="region"')).toBe(12);
    expect(metricValue(TEXT, 'jamwatch_reports_total', 'topic="b.reports.ais"')).toBe(100);
  });

  it('is 0 for a metric that is not there', () => {
    expect(metricValue(TEXT, 'jamwatch_open_alerts')).toBe(0);
  });
});
