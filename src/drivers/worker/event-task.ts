import { alertLine } from '../../adapters/influx/line-protocol.js';
import { EventStage } from '../../core/event/event-stage.js';
import type { EventSnapshot } from '../../core/event/event-state.js';
import type { EventOptionsInput } from '../../core/event/options.js';
import { TickClock, type TickClockState } from '../../core/tick-clock.js';
import { type DecodeFailure, failure } from '../../errors.js';
import type { Alert } from '../../schema/alert.js';
import { type AnomalousCell, anomalousCellSchema } from '../../schema/cell.js';
import type { WorkerOutputs } from './outputs.js';
import { type RepartitionInputState, RepartitionTask, type RepartitionTaskOptions } from './repartition-task.js';

/**
 * Stage 3, the one partition of the cells topic (the other workers' event runners stand by in the group). Cells are
 * held until every observation partition's region task has passed their tick, then handed to the event stage tick by
 * tick, each tick's cells before its evaluation, as the in-process Pipeline does. Alerts go to the alerts topic keyed
 * by id and to InfluxDB as gnss_alert points. Open alerts are counted for the metrics.
 */
export interface EventTaskOptions extends RepartitionTaskOptions {
  alertsTopic: string;
  event: EventOptionsInput & { tickMs: number };
}

interface EventTaskState extends RepartitionInputState<AnomalousCell> {
  clock: TickClockState;
  event: EventSnapshot;
  open: string[];
}

/** A cell's contract by zod: cells are nested and rare (one per anomalous cell per tick), not worth a hand check. */
function checkCell(value: unknown): AnomalousCell | DecodeFailure {
  const checked = anomalousCellSchema.safeParse(value);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0]!;
  return failure('JSON_SHAPE', `${issue.path.join('.')}: ${issue.message}`);
}

/** Cells of one tick in a fixed order, whatever order the region tasks wrote them in. */
function byTickKindCell(a: AnomalousCell, b: AnomalousCell): number {
  return a.t - b.t || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.cell < b.cell ? -1 : a.cell > b.cell ? 1 : 0);
}

export class EventTask extends RepartitionTask<AnomalousCell> {
  readonly stage: EventStage;
  protected readonly clock: TickClock;
  /** Ids of the alerts published open and not yet resolved. */
  readonly open = new Set<string>();

  constructor(
    id: string,
    private readonly o: EventTaskOptions,
    out: WorkerOutputs,
  ) {
    super(id, o, checkCell, out, byTickKindCell);
    this.stage = new EventStage(o.event);
    // No late allowance here: the watermarks already say when a tick's cells are all in.
    this.clock = new TickClock(o.event.tickMs, 0, this.onTick, this.isIdle);
  }

  protected release(cells: AnomalousCell[], complete: number): void {
    for (const cell of cells) {
      // Every tick before the cell's own is evaluated first; its own tick waits for all of its cells.
      this.clock.advance(cell.t - 1);
      this.stage.process(cell);
    }
    this.clock.advance(complete);
  }

  snapshot(): EventTaskState {
    const input = this.inputState();
    return {
      clock: this.clock.snapshot(),
      marks: input.marks,
      held: input.held,
      event: this.stage.snapshot(),
      open: [...this.open],
    };
  }

  restore(state: unknown): void {
    const s = state as EventTaskState;
    this.clock.restore(s.clock);
    this.restoreInput(s);
    this.stage.restore(s.event);
    this.open.clear();
    for (const id of s.open) this.open.add(id);
  }

  private readonly onAlert = (alert: Alert): void => {
    this.out.send(this.o.alertsTopic, alert.id, JSON.stringify(alert));
    this.out.point(alertLine(alert), Date.parse(alert.updatedAt));
    if (alert.status === 'resolved') this.open.delete(alert.id);
    else this.open.add(alert.id);
  };

  private readonly onTick = (boundary: number): void => {
    this.stage.advance(boundary, this.onAlert);
  };

  private readonly isIdle = (): boolean => this.stage.idle;
}
