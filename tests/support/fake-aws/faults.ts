/**
 * Injected failures, used up in the order they were injected: each matching request takes one
 * hit from the first fault that applies to its Action.
 */
import type { Fault, FaultKind } from "./types.ts";

interface ActiveFault {
  action: string | undefined;
  kind: FaultKind;
  remaining: number;
}

export const FAULT_KINDS: readonly FaultKind[] = [
  "throttle",
  "hang",
  "internal",
  "signature-expired",
];

export class FaultQueue {
  private faults: ActiveFault[] = [];

  inject(fault: Fault): void {
    if (!FAULT_KINDS.includes(fault.kind)) throw new Error(`unknown fault kind: ${fault.kind}`);
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault times must be positive: ${times}`);
    this.faults.push({ action: fault.action, kind: fault.kind, remaining: times });
  }

  /** The fault this request suffers, if any, counting it as used. */
  take(action: string | undefined): FaultKind | undefined {
    const fault = this.faults.find((f) => f.action === undefined || f.action === action);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault.kind;
  }

  clear(): void {
    this.faults = [];
  }

  /** What is still pending, for /_fake/state (Infinity shows as null in JSON). */
  pending(): Fault[] {
    return this.faults.map((f) => ({
      ...(f.action !== undefined ? { action: f.action } : {}),
      kind: f.kind,
      times: f.remaining,
    }));
  }
}
