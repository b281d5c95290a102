import { describe, expect, it } from 'vitest';
import { decodeAirbornePosition, noPositionAltitude } from '../../../../src/decode/modes/airborne-position.js';
import { decodeIdentification, isSurfaceVehicleOrObstacle } from '../../../../src/decode/modes/identification.js';
import { decodeOperationalStatus, operationalStatusSubtype } from '../../../../src/decode/modes/operational-status.js';
import { decodeSurfacePosition, movementToKnots } from '../../../../src/decode/modes/surface-position.js';
import { decodeTargetState, targetStateSubtype } from '../../../../src/decode/modes/target-state.js';
import { decodeVelocity, isVelocitySubtype, velocitySubtype } from '../../../../src/decode/modes/velocity.js';
import { fromHex, identification, noPosition, operationalStatus, squitter, targetState } from './build-frame.js';

describe('identification (TC 1–4)', () => {
  it('decodes the Riddle example KLM1023', () => {
    const message = decodeIdentification(fromHex('8D4840D6202CC371C32CE0576098'));
    expect(message).toEqual({ typeCode: 4, category: 0, callsign: 'KLM1023' });
  });

  it('rejects a callsign with an unassigned character', () => {
    expect(decodeIdentification(fromHex('8f753a6a159136095a8b4db55887')).callsign).toBeUndefined();
  });

  it('tells surface vehicles and obstacles (set C) from aircraft', () => {
    expect(isSurfaceVehicleOrObstacle(decodeIdentification(identification(1, 'FOLLOWME', 2, 2)))).toBe(true);
    expect(isSurfaceVehicleOrObstacle(decodeIdentification(identification(1, 'MAST', 2, 3)))).toBe(true);
    expect(isSurfaceVehicleOrObstacle(decodeIdentification(identification(1, 'NOINFO', 2, 0)))).toBe(false);
    expect(isSurfaceVehicleOrObstacle(decodeIdentification(identification(1, 'GLIDER', 3, 1)))).toBe(false);
    expect(isSurfaceVehicleOrObstacle(decodeIdentification(identification(1, 'FIN7', 4, 5)))).toBe(false);
  });
});

describe('airborne position (TC 9–18, 20–22, 0)', () => {
  it('decodes the Riddle example fields', () => {
    expect(decodeAirbornePosition(fromHex('8D40621D58C382D690C8AC2863A7'))).toEqual({
      typeCode: 11,
      bit8: 0,
      altitude: 38_000,
      odd: false,
      cprLat: 93000,
      cprLon: 51372,
    });
    expect(decodeAirbornePosition(fromHex('8D40621D58C386435CC412692AD6'))).toMatchObject({
      odd: true,
      cprLat: 74158,
      cprLon: 50194,
    });
  });

  it('reads the altitude of a "no position" message (Helsinki capture)', () => {
    expect(noPositionAltitude(fromHex('8d4601fb003d0000000000f466c1'))).toBe(11_000);
    expect(noPositionAltitude(noPosition(1))).toBeUndefined();
  });
});

describe('surface position (TC 5–8)', () => {
  it('decodes the Riddle example: 17 kt, 92.8°, odd', () => {
    expect(decodeSurfacePosition(fromHex('8C4841753A9A153237AEF0F275BE'))).toEqual({
      typeCode: 7,
      groundSpeed: 17,
      track: 92.8125,
      odd: true,
      cprLat: 39195,
      cprLon: 110320,
    });
  });

  it('maps the movement code bands', () => {
    expect(movementToKnots(0)).toBeUndefined();
    expect(movementToKnots(1)).toBe(0);
    expect(movementToKnots(2)).toBe(0.125);
    expect(movementToKnots(8)).toBe(0.875);
    expect(movementToKnots(9)).toBe(1);
    expect(movementToKnots(12)).toBe(1.75);
    expect(movementToKnots(13)).toBe(2);
    expect(movementToKnots(25)).toBe(8);
    expect(movementToKnots(38)).toBe(14.5);
    expect(movementToKnots(39)).toBe(15);
    expect(movementToKnots(93)).toBe(69);
    expect(movementToKnots(94)).toBe(70);
    expect(movementToKnots(108)).toBe(98);
    expect(movementToKnots(109)).toBe(100);
    expect(movementToKnots(123)).toBe(170);
    expect(movementToKnots(124)).toBe(175);
    expect(movementToKnots(125)).toBeUndefined();
    expect(movementToKnots(127)).toBeUndefined();
  });

  it('leaves the track out when its status bit says invalid', () => {
    const frame = squitter({
      address: 1,
      me: [
        [7, 5],
        [1, 7],
        [0, 1],
        [33, 7],
        [0, 36],
      ],
    });
    expect(decodeSurfacePosition(frame).track).toBeUndefined();
  });
});

describe('airborne velocity (TC 19)', () => {
  it('decodes the Riddle ground speed example: 159.2 kt, 182.88°, −832 ft/min', () => {
    const frame = fromHex('8D485020994409940838175B284F');
    expect(velocitySubtype(frame)).toBe(1);
    const message = decodeVelocity(frame);
    expect(message.groundSpeed).toBeCloseTo(159.2, 1);
    expect(message.track).toBeCloseTo(182.88, 2);
    expect(message.verticalRate).toBe(-832);
    expect(message.verticalRateIsBaro).toBe(false);
    expect(message.heading).toBeUndefined();
  });

  it('decodes the Riddle airspeed example: heading 243.98°, 375 kt TAS, −2304 ft/min', () => {
    const message = decodeVelocity(fromHex('8DA05F219B06B6AF189400CBC33F'));
    expect(message.subtype).toBe(3);
    expect(message.heading).toBeCloseTo(243.98, 2);
    expect(message.airspeed).toBe(375);
    expect(message.airspeedIsTrue).toBe(true);
    expect(message.verticalRate).toBe(-2304);
    expect(message.groundSpeed).toBeUndefined();
  });

  it('decodes the GNSS − baro difference with its sign (traffic corpus: +275 ft)', () => {
    expect(decodeVelocity(fromHex('8d3985a79908558e300c0c995bb2')).geoMinusBaro).toBe(275);
  });

  it('knows the reserved subtypes', () => {
    expect([0, 1, 2, 3, 4, 5, 7].map(isVelocitySubtype)).toEqual([false, true, true, true, true, false, false]);
  });
});

describe('target state and status (TC 29)', () => {
  it('decodes the integrity fields of subtype 1 (traffic corpus: NACp 9, NIC baro 1, SIL 3)', () => {
    const frame = fromHex('8d3461ceea0dc870013c0028c2c4');
    expect(targetStateSubtype(frame)).toBe(1);
    expect(decodeTargetState(frame)).toEqual({ nacp: 9, nicBaro: 1, sil: 3, silSupplement: 0 });
  });

  it('reads the SIL supplement', () => {
    const frame = targetState({ address: 1, nacp: 10, sil: 2, silSupplement: 1 });
    expect(decodeTargetState(frame)).toEqual({ nacp: 10, nicBaro: 0, sil: 2, silSupplement: 1 });
  });
});

describe('operational status (TC 31)', () => {
  it('decodes a version 2 airborne status', () => {
    const frame = operationalStatus({
      address: 1,
      version: 2,
      nicA: 1,
      nacp: 9,
      gva: 2,
      sil: 3,
      nicBaro: 1,
      silSupplement: 1,
    });
    expect(operationalStatusSubtype(frame)).toBe(0);
    expect(decodeOperationalStatus(frame)).toEqual({
      subtype: 0,
      version: 2,
      nicSupplementA: 1,
      nicSupplementC: undefined,
      nacp: 9,
      gva: 2,
      sil: 3,
      nicBaro: 1,
      silSupplement: 1,
    });
  });

  it('reads NIC supplement C from a version 2 surface status, and no GVA or NIC baro', () => {
    const message = decodeOperationalStatus(
      operationalStatus({ address: 1, version: 2, surface: true, nicA: 1, nicC: 1, nacp: 8, gva: 3, nicBaro: 1 }),
    );
    expect(message).toMatchObject({ subtype: 1, nicSupplementA: 1, nicSupplementC: 1, nacp: 8 });
    expect(message.gva).toBeUndefined();
    expect(message.nicBaro).toBeUndefined();
  });

  it('has no GVA, SIL supplement or NIC supplement C in version 1', () => {
    const message = decodeOperationalStatus(
      operationalStatus({ address: 1, version: 1, nicA: 1, nacp: 7, gva: 3, sil: 2, silSupplement: 1 }),
    );
    expect(message).toMatchObject({ version: 1, nicSupplementA: 1, nacp: 7, sil: 2 });
    expect(message.gva).toBeUndefined();
    expect(message.silSupplement).toBeUndefined();
  });

  it('reads only the version from version 0', () => {
    const message = decodeOperationalStatus(operationalStatus({ address: 1, version: 0, nacp: 9 }));
    expect(message.version).toBe(0);
    expect(message.nacp).toBeUndefined();
  });

  it('decodes a real version 2 status from the Helsinki capture', () => {
    // 4aca8d, airborne: ME …48 b8 → version 2, NIC-A 0, NACp 8, GVA 2, SIL 3, NIC baro 1, SIL supplement 0.
    expect(decodeOperationalStatus(fromHex('8d4aca8df82100020048b8bb84f4'))).toEqual({
      subtype: 0,
      version: 2,
      nicSupplementA: 0,
      nicSupplementC: undefined,
      nacp: 8,
      gva: 2,
      sil: 3,
      nicBaro: 1,
      silSupplement: 0,
    });
  });
});
