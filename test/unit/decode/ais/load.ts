import { SixBitReader } from '../../../../src/decode/ais/sixbit.js';
import type { PayloadWriter } from './ais-fixtures.js';

/** A reader loaded with an armoured payload, or with what a fixture writer wrote. */
export function loaded(payload: string | PayloadWriter, fillBits = 0): SixBitReader {
  const reader = new SixBitReader();
  if (typeof payload === 'string') reader.load(payload, fillBits);
  else {
    const armoured = payload.armour();
    reader.load(armoured.payload, armoured.fillBits);
  }
  return reader;
}
