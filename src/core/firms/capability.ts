/**
 * Capability of each firm: the share of its baseline output its capacity and its input
 * stocks would allow, `min(1, Pcap_i / P0_i, min_s Pprop_is / P0_i)`. This is the
 * firm-level counterpart of the static model's supply ratio `(1 - outage) * x` (MODEL.md
 * §3): both measure what can be made, not what is sold. Actual output `Pact` can be lower
 * when buyers order less, a demand effect the static model does not have.
 */
import type { FirmState } from './kernel.js';
import type { FirmNetwork } from './network.js';

export type FirmCapability = Float64Array;

export function firmCapability(net: FirmNetwork, st: FirmState): FirmCapability {
  const out = new Float64Array(net.nFirms);
  for (let i = 0; i < net.nFirms; i++) {
    const p0 = net.initial[i]!;
    if (!(p0 > 0)) continue;
    const m = Math.min(st.pcap[i]!, st.pin[i]!) / p0;
    out[i] = m < 1 ? m : 1;
  }
  return out;
}
