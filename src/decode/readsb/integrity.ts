/**
 * The integrity fields of a readsb aircraft object (aircraft.json, API v2, --net-json-port, trace `details`), named
 * as readsb names them (README-json.md, DO-260B sections in brackets):
 *   nic [2.2.3.2.7.2.6] 0–11, rc (containment radius, m), nac_p [2.2.5.1.35] 0–11, sil [2.2.5.1.40] 0–3,
 *   sil_type unknown|perhour|persample, gva [2.2.3.2.7.2.8] 0–3, nic_baro 0–1, version [2.2.3.2.7.5] 0–7.
 */
import type { DecodeFailure } from '../../errors.js';
import type { Report } from '../../schema/report.js';
import { isFailure, type JsonObject, readInteger, readNumber } from '../json-field.js';

export type Integrity = Pick<Report, 'nic' | 'rc' | 'nacp' | 'sil' | 'silType' | 'gva' | 'nicBaro' | 'adsbVersion'>;

/** Largest containment radius readsb reports is 37,040 m (20 NM, NIC 1); anything above a million is corrupt. */
const MAX_RC_M = 1_000_000;

/**
 * ADS-B version 0 transponders send NUCp, not NIC/NACp (DO-260; DOMAIN.md): values readsb derives for them are not
 * integrity categories and must not be read as degraded. Unknown version: the values stand.
 */
export function integrityCategoriesApply(adsbVersion: number | undefined): boolean {
  return adsbVersion !== 0;
}

function silTypeOf(value: unknown): Report['silType'] {
  return value === 'perhour' || value === 'persample' || value === 'unknown' ? value : undefined;
}

/** Read the integrity fields of `object` into `target`; a bad field is returned as a failure and nothing more is read. */
export function readIntegrity(object: JsonObject, target: Integrity, where: string): DecodeFailure | undefined {
  const version = readInteger(object, 'version', 0, 7, where);
  if (isFailure(version)) return version;
  const nic = readInteger(object, 'nic', 0, 11, where);
  if (isFailure(nic)) return nic;
  const rc = readNumber(object, 'rc', 0, MAX_RC_M, where);
  if (isFailure(rc)) return rc;
  const nacp = readInteger(object, 'nac_p', 0, 11, where);
  if (isFailure(nacp)) return nacp;
  const sil = readInteger(object, 'sil', 0, 3, where);
  if (isFailure(sil)) return sil;
  const gva = readInteger(object, 'gva', 0, 3, where);
  if (isFailure(gva)) return gva;
  const nicBaro = readInteger(object, 'nic_baro', 0, 1, where);
  if (isFailure(nicBaro)) return nicBaro;
  if (integrityCategoriesApply(version)) {
    if (nic !== undefined) target.nic = nic;
    if (nacp !== undefined) target.nacp = nacp;
  }
  if (rc !== undefined) target.rc = rc;
  if (sil !== undefined) target.sil = sil;
  const silType = silTypeOf(object.sil_type);
  if (silType !== undefined) target.silType = silType;
  if (gva !== undefined) target.gva = gva;
  if (nicBaro !== undefined) target.nicBaro = nicBaro;
  if (version !== undefined) target.adsbVersion = version;
  return undefined;
}

export function copyIntegrity(from: Integrity, to: Integrity): void {
  if (from.nic !== undefined) to.nic = from.nic;
  if (from.rc !== undefined) to.rc = from.rc;
  if (from.nacp !== undefined) to.nacp = from.nacp;
  if (from.sil !== undefined) to.sil = from.sil;
  if (from.silType !== undefined) to.silType = from.silType;
  if (from.gva !== undefined) to.gva = from.gva;
  if (from.nicBaro !== undefined) to.nicBaro = from.nicBaro;
  if (from.adsbVersion !== undefined) to.adsbVersion = from.adsbVersion;
}
