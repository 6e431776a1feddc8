/**
 * Distribu signs no timestamp header, but the signed envelope carries `timestamp`, so a
 * receiver can refuse replays of old deliveries (the kit's window check). `windowSeconds` 0 turns it off.
 */
export { isWithinReplayWindow } from '../kit/inbound/guards';
