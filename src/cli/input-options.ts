import { type Command, Option } from 'commander';
import { INPUT_FORMATS, type InputFormat } from '../decode/detect-format.js';
import { JamwatchError } from '../errors.js';

/** The input options that `decode`, `feed` and `replay` share (DESIGN.md "Event time, per input"). */
export interface InputCliOptions {
  format?: InputFormat;
  startTime?: string;
  rate: string;
  tz?: string;
  receiver?: string;
}

export function addInputOptions(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'input format (default: detected)').choices(INPUT_FORMATS))
    .option(
      '--start-time <iso>',
      'wall time of the first frame of Beast/AVR files (their counter is not wall time) and of untimed text files',
    )
    .option(
      '--rate <lines-per-second>',
      'pace of untimed text lines in files (AVR without @, NMEA without tag block, SBS)',
      '1',
    )
    .option(
      '--tz <offset>',
      'time zone of SBS local times, as ±HH:MM (default: inferred from a receive-time prefix, else unused)',
    )
    .option('--receiver <lat,lon>', 'receiver position, for decoding single CPR positions and surface positions');
}

export interface ParsedInputOptions {
  format: InputFormat | undefined;
  startTime: number | undefined;
  rate: number;
  tzOffsetMinutes: number | undefined;
  receiver: { lat: number; lon: number } | undefined;
}

export function parseInputOptions(options: InputCliOptions): ParsedInputOptions {
  let startTime: number | undefined;
  if (options.startTime !== undefined) {
    startTime = Date.parse(options.startTime);
    if (Number.isNaN(startTime))
      usage(`--start-time ${options.startTime} is not an ISO 8601 time (e.g. 2026-01-06T22:12:14Z)`);
  }
  const rate = Number(options.rate);
  if (!(rate > 0)) usage(`--rate ${options.rate} must be a number of lines per second > 0`);
  let tzOffsetMinutes: number | undefined;
  if (options.tz !== undefined) {
    const tz = /^([+-])(\d{2}):?(\d{2})$/.exec(options.tz);
    if (!tz) usage(`--tz ${options.tz} must be an offset like +02:00 or -0500`);
    tzOffsetMinutes = (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3]));
  }
  let receiver: { lat: number; lon: number } | undefined;
  if (options.receiver !== undefined) {
    const [lat, lon] = options.receiver.split(',').map(Number);
    if (!(Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180))
      usage(`--receiver ${options.receiver} must be lat,lon in degrees`);
    receiver = { lat: lat!, lon: lon! };
  }
  return { format: options.format, startTime, rate, tzOffsetMinutes, receiver };
}

function usage(message: string): never {
  throw new JamwatchError('USAGE', message);
}
