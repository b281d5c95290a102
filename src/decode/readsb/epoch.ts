/**
 * readsb writes epoch seconds (aircraft.json and --net-json-port `now`, `gpsOkBefore`, trace `timestamp`); the
 * ADS-B Exchange v2 API, adsb.lol, airplanes.live and readsb's `jv2` form write `now` in milliseconds. Seconds stay
 * below 1e11 until the year 5138 and milliseconds pass 1e11 in March 1973, so the magnitude tells the two apart.
 */
export const EPOCH_MS_THRESHOLD = 1e11;

export function epochMsOf(secondsOrMs: number): number {
  return secondsOrMs >= EPOCH_MS_THRESHOLD ? secondsOrMs : secondsOrMs * 1000;
}
