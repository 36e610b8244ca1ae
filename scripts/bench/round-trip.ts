/**
 * A fresh login's overhead beyond the STS round trip (the goal of issue 16: <= 30 ms at 10
 * profiles). The round trip is what the call would cost a client that did nothing else: the
 * fake AWS's own time for the GetSessionToken call (from the whole request read to its answer
 * handed to the socket, server.ts `serverMs`) plus a loopback round trip on a new connection, which
 * the fake answers before doing anything (`/_fake/ping`), measured right after each login.
 * Each login's wall time minus its own round trip is one sample, so a machine that gets busier
 * raises both sides together.
 */
import { median, ms, type Result } from "./measure.ts";
import type { FakeAwsProcess } from "./world.ts";

export interface RoundTripRun {
  /** The login's wall time (ms). */
  wall: number;
  /** The fake AWS's time for the call (ms). */
  server: number;
  /** A request on a new loopback connection, answered at once (ms). */
  loopback: number;
}

export class RoundTrips {
  private readonly runs = new Map<string, RoundTripRun[]>();

  constructor(private readonly aws: FakeAwsProcess) {}

  /** Before a login: forget the calls made so far (other cases call the fake AWS too). */
  async forget(): Promise<void> {
    await this.aws.takeCalls();
  }

  /** A Case's `after`: the login's one GetSessionToken call and a loopback round trip. */
  readonly after = async (id: string, wall: number): Promise<void> => {
    const calls = (await this.aws.takeCalls()).filter((c) => c.action === "GetSessionToken");
    if (calls.length !== 1 || !Number.isFinite(calls[0]!.serverMs)) {
      throw new Error(`${id}: expected one timed GetSessionToken call, got ${calls.length}`);
    }
    const loopback = await this.aws.loopbackRoundTrip();
    const list = this.runs.get(id) ?? [];
    list.push({ wall, server: calls[0]!.serverMs, loopback });
    this.runs.set(id, list);
  };

  /**
   * Two derived rows per case measured: the round trip, and the login minus it; the runs are
   * forgotten (the scaling table measures again per size).
   */
  take(): Result[] {
    const results: Result[] = [];
    for (const [id, runs] of this.runs) {
      const tag = id.endsWith("@baseline") ? " [baseline]" : "";
      const trip = runs.map((r) => r.server + r.loopback);
      results.push({
        id: `${id}-round-trip`,
        label: `STS round trip (fake AWS ${ms(median(runs.map((r) => r.server)))} + loopback ${ms(median(runs.map((r) => r.loopback)))})${tag}`,
        ...derived(trip),
      });
      results.push({
        id: `${id}-overhead`,
        label: `fresh login - STS round trip${tag}`,
        ...derived(runs.map((r, i) => r.wall - trip[i]!)),
      });
    }
    this.runs.clear();
    return results;
  }
}

/** Wall times only: no process of its own, so no CPU time or peak RSS (NaN). */
function derived(values: readonly number[]): Omit<Result, "id" | "label"> {
  return {
    runs: values.length,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    cpuMedian: Number.NaN,
    rssMedian: Number.NaN,
    rssMax: Number.NaN,
  };
}
