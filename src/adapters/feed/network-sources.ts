import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.js';

/** A chunk of live input with its wall-clock arrival time (the event time of inputs that carry none). */
export interface LiveChunk {
  chunk: Uint8Array;
  receivedAt: number;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** Chunks buffered while the consumer is busy; past it the socket is paused (TCP) or datagrams dropped (UDP). */
const MAX_QUEUED = 1024;

/**
 * A TCP client for the ports receivers serve (Beast 30005, AVR 30002, SBS 30003, AIS-catcher NMEA): reconnects
 * with exponential backoff when the connection drops or is refused, forever, until `signal` aborts.
 */
export async function* tcpSource(
  host: string,
  port: number,
  log: Logger,
  signal: AbortSignal,
): AsyncGenerator<LiveChunk> {
  let backoff = MIN_BACKOFF_MS;
  while (!signal.aborted) {
    const queue: LiveChunk[] = [];
    let wake: (() => void) | undefined;
    let closed = false;
    let connected = false;
    const socket: Socket = connect({ host, port });
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    socket.on('connect', () => {
      connected = true;
      backoff = MIN_BACKOFF_MS;
      log.info({ host, port }, 'connected');
    });
    socket.on('data', (data: Buffer) => {
      queue.push({ chunk: data, receivedAt: Date.now() });
      if (queue.length >= MAX_QUEUED) socket.pause();
      notify();
    });
    socket.on('error', (error) => log.warn({ host, port, err: error.message }, 'source connection error'));
    socket.on('close', () => {
      closed = true;
      notify();
    });
    const abort = () => socket.destroy();
    signal.addEventListener('abort', abort, { once: true });
    try {
      while (!closed || queue.length > 0) {
        const next = queue.shift();
        if (next) {
          if (socket.isPaused() && queue.length < MAX_QUEUED / 2) socket.resume();
          yield next;
        } else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal.removeEventListener('abort', abort);
      socket.destroy();
    }
    if (signal.aborted) return;
    log.warn({ host, port, retryInMs: backoff, wasConnected: connected }, 'source disconnected; reconnecting');
    await sleep(backoff, undefined, { signal }).catch(() => undefined);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

/** NMEA over UDP (AIS-catcher, rtl-ais): each datagram is a chunk of lines. */
export async function* udpSource(
  host: string,
  port: number,
  log: Logger,
  signal: AbortSignal,
): AsyncGenerator<LiveChunk> {
  const socket = createSocket('udp4');
  const queue: LiveChunk[] = [];
  let wake: (() => void) | undefined;
  let dropped = 0;
  socket.on('message', (message) => {
    if (queue.length >= MAX_QUEUED) dropped++;
    else queue.push({ chunk: message, receivedAt: Date.now() });
    wake?.();
    wake = undefined;
  });
  socket.on('error', (error) => log.error({ port, err: error.message }, 'UDP source error'));
  await new Promise<void>((resolve) => socket.bind(port, host || undefined, resolve));
  log.info({ host, port }, 'listening for NMEA over UDP');
  const stop = () => {
    socket.close();
    wake?.();
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    while (!signal.aborted || queue.length > 0) {
      const next = queue.shift();
      if (next) yield next;
      else if (!signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
      if (dropped > 0) {
        log.warn({ dropped }, 'UDP datagrams dropped while the feed was busy');
        dropped = 0;
      }
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

/** Polls a readsb/dump1090 aircraft.json (or an API v2 URL) every `intervalMs`; each body is one document. */
export async function* httpPollSource(
  url: string,
  intervalMs: number,
  log: Logger,
  signal: AbortSignal,
): AsyncGenerator<LiveChunk> {
  let backoff = MIN_BACKOFF_MS;
  while (!signal.aborted) {
    const started = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = new Uint8Array(await response.arrayBuffer());
      backoff = MIN_BACKOFF_MS;
      yield { chunk: body, receivedAt: Date.now() };
    } catch (error) {
      if (signal.aborted) return;
      log.warn({ url, err: (error as Error).message, retryInMs: backoff }, 'poll failed; retrying');
      await sleep(backoff, undefined, { signal }).catch(() => undefined);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      continue;
    }
    const wait = intervalMs - (Date.now() - started);
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
}
