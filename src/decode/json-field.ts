/**
 * Typed reads of optional fields of a parsed JSON object (readsb aircraft objects and trace details, aisstream
 * messages). A field that is
 * absent or null reads as undefined (readsb omits what it does not know; traces write null); a field of the wrong
 * type is a JSON_SHAPE failure and a number outside its bounds a VALUE_RANGE failure, each naming the field.
 * Failures are values (STYLE 7): callers test with `isFailure` and return them.
 */
import { type DecodeFailure, failure } from '../errors.js';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isFailure(value: unknown): value is DecodeFailure {
  return typeof value === 'object' && value !== null && (value as DecodeFailure).ok === false;
}

/** A number field within [min, max]. */
export function readNumber(
  object: JsonObject,
  key: string,
  min: number,
  max: number,
  where: string,
): number | undefined | DecodeFailure {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') return failure('JSON_SHAPE', `${where}: ${key} is not a number`);
  if (!(value >= min && value <= max)) return failure('VALUE_RANGE', `${where}: ${key} ${value} outside ${min}…${max}`);
  return value;
}

/** An integer field within [min, max] (integrity categories, versions). */
export function readInteger(
  object: JsonObject,
  key: string,
  min: number,
  max: number,
  where: string,
): number | undefined | DecodeFailure {
  const value = readNumber(object, key, min, max, where);
  if (typeof value === 'number' && !Number.isInteger(value)) {
    return failure('JSON_SHAPE', `${where}: ${key} ${value} is not an integer`);
  }
  return value;
}

export function readString(object: JsonObject, key: string, where: string): string | undefined | DecodeFailure {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return failure('JSON_SHAPE', `${where}: ${key} is not a string`);
  return value;
}

export function readBoolean(object: JsonObject, key: string, where: string): boolean | undefined | DecodeFailure {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') return failure('JSON_SHAPE', `${where}: ${key} is not a boolean`);
  return value;
}
