import { describe, expect, it } from 'vitest';
import { containmentV1, containmentV2, nucpFromTypeCode } from '../../../../src/decode/modes/nic.js';

describe('NUCp (version 0)', () => {
  it('maps the type code one to one', () => {
    expect([5, 6, 7, 8].map(nucpFromTypeCode)).toEqual([9, 8, 7, 6]);
    expect([9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map(nucpFromTypeCode)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect([20, 21, 22].map(nucpFromTypeCode)).toEqual([9, 8, 0]);
    expect(nucpFromTypeCode(19)).toBeUndefined();
    expect(nucpFromTypeCode(0)).toBeUndefined();
  });
});

describe('NIC version 1', () => {
  it('uses the type code and the one NIC supplement', () => {
    expect(containmentV1(9, 0)).toEqual({ nic: 11, rc: 7.5 });
    expect(containmentV1(10, 0)).toEqual({ nic: 10, rc: 25 });
    expect(containmentV1(11, 1)).toEqual({ nic: 9, rc: 75 });
    expect(containmentV1(11, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV1(12, 0)).toEqual({ nic: 7, rc: 370.4 });
    expect(containmentV1(13, 0)).toEqual({ nic: 6, rc: 926 });
    expect(containmentV1(13, 1)).toEqual({ nic: 6, rc: 1111.2 });
    expect(containmentV1(14, 0)).toEqual({ nic: 5, rc: 1852 });
    expect(containmentV1(15, 0)).toEqual({ nic: 4, rc: 3704 });
    expect(containmentV1(16, 1)).toEqual({ nic: 3, rc: 7408 });
    expect(containmentV1(16, 0)).toEqual({ nic: 2, rc: 14_816 });
    expect(containmentV1(17, 0)).toEqual({ nic: 1, rc: 37_040 });
    expect(containmentV1(18, 0)).toEqual({ nic: 0, rc: undefined });
    expect(containmentV1(22, 0)).toEqual({ nic: 0, rc: undefined });
  });

  it('decodes surface type codes', () => {
    expect(containmentV1(5, 0)).toEqual({ nic: 11, rc: 7.5 });
    expect(containmentV1(6, 0)).toEqual({ nic: 10, rc: 25 });
    expect(containmentV1(7, 1)).toEqual({ nic: 9, rc: 75 });
    expect(containmentV1(7, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV1(8, 1)).toEqual({ nic: 0, rc: undefined });
  });
});

describe('NIC version 2', () => {
  it('uses supplements A and B for airborne positions', () => {
    expect(containmentV2(11, 1, 1, 0)).toEqual({ nic: 9, rc: 75 });
    expect(containmentV2(11, 0, 0, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV2(13, 0, 1, 0)).toEqual({ nic: 6, rc: 555.6 });
    expect(containmentV2(13, 0, 0, 0)).toEqual({ nic: 6, rc: 926 });
    expect(containmentV2(13, 1, 1, 0)).toEqual({ nic: 6, rc: 1111.2 });
    expect(containmentV2(16, 1, 1, 0)).toEqual({ nic: 3, rc: 7408 });
    expect(containmentV2(16, 0, 0, 0)).toEqual({ nic: 2, rc: 14_816 });
    expect(containmentV2(20, 1, 1, 1)).toEqual({ nic: 11, rc: 7.5 });
    expect(containmentV2(21, 0, 0, 0)).toEqual({ nic: 10, rc: 25 });
  });

  it('uses supplements A and C for surface positions', () => {
    expect(containmentV2(7, 1, 0, 0)).toEqual({ nic: 9, rc: 75 });
    expect(containmentV2(7, 0, 0, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV2(8, 1, 0, 1)).toEqual({ nic: 7, rc: 370.4 });
    expect(containmentV2(8, 1, 0, 0)).toEqual({ nic: 6, rc: 555.6 });
    expect(containmentV2(8, 0, 0, 1)).toEqual({ nic: 6, rc: 1111.2 });
    expect(containmentV2(8, 0, 0, 0)).toEqual({ nic: 0, rc: undefined });
  });

  it('never reads a better integrity than sent from an unlisted combination', () => {
    expect(containmentV2(11, 1, 0, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV2(11, 0, 1, 0)).toEqual({ nic: 8, rc: 185.2 });
    expect(containmentV2(13, 1, 0, 0)).toEqual({ nic: 6, rc: 1111.2 });
    expect(containmentV2(16, 0, 1, 0)).toEqual({ nic: 2, rc: 14_816 });
  });

  it('has no containment for non-position type codes', () => {
    expect(containmentV2(19, 0, 0, 0)).toBeUndefined();
    expect(containmentV1(4, 0)).toBeUndefined();
  });
});
