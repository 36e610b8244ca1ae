/**
 * A small HTTP control surface under /_fake/ for tests that run in another process (shell and
 * tmux tests, the demo): read state, codes and calls; inject faults; move the clock; add users.
 * Unsigned on purpose; the fake only ever listens on 127.0.0.1. Bodies and answers are JSON.
 *
 *   GET    /_fake/state                  {url, clockOffsetMs, sessionLifetimeOverrideSeconds,
 *                                          users, roles, faults}
 *   GET    /_fake/code?serial=S[&at=MS]   {serial, at, code}   (at: ms; default server now)
 *   GET    /_fake/calls                  RecordedCall[]       DELETE /_fake/calls clears them
 *   POST   /_fake/fault                  {action?, kind, times?} ("Infinity" allowed)
 *   DELETE /_fake/fault                  clears all faults
 *   POST   /_fake/clock                  {offsetMs}           server clock = real + offsetMs
 *   POST   /_fake/session-lifetime       {seconds | null}
 *   POST   /_fake/users                  addUser options  -> FakeUser
 *   POST   /_fake/roles                  addRole options  -> FakeRole
 */
import type { AddRoleOptions, AddUserOptions, FakeAws, Fault } from "./types.ts";

export interface ControlAnswer {
  status: number;
  body: unknown;
}

export function handleControl(
  fake: FakeAws,
  method: string,
  path: string,
  query: URLSearchParams,
  bodyText: string,
): ControlAnswer {
  try {
    const body = bodyText.trim() === "" ? {} : (JSON.parse(bodyText) as Record<string, unknown>);
    const route = `${method} ${path}`;
    switch (route) {
      case "GET /_fake/state":
        return ok(fake.state());
      case "GET /_fake/code": {
        const serial = query.get("serial") ?? "";
        const at = query.has("at") ? Number(query.get("at")) : fake.now();
        return ok({ serial, at, code: fake.code(serial, at) });
      }
      case "GET /_fake/calls":
        return ok(fake.calls);
      case "DELETE /_fake/calls":
        fake.clearCalls();
        return ok({});
      case "POST /_fake/fault": {
        const fault = body as unknown as Fault;
        fake.inject({
          ...fault,
          ...(fault.times !== undefined ? { times: Number(fault.times) } : {}),
        });
        return ok({});
      }
      case "DELETE /_fake/fault":
        fake.clearFaults();
        return ok({});
      case "POST /_fake/clock":
        fake.clockOffsetMs = Number(body.offsetMs ?? 0);
        return ok({ clockOffsetMs: fake.clockOffsetMs, now: fake.now() });
      case "POST /_fake/session-lifetime":
        fake.sessionLifetimeOverrideSeconds =
          body.seconds === null || body.seconds === undefined ? undefined : Number(body.seconds);
        return ok({});
      case "POST /_fake/users":
        return ok(fake.addUser(body as Partial<AddUserOptions>));
      case "POST /_fake/roles":
        return ok(fake.addRole(body as unknown as AddRoleOptions));
      default:
        return { status: 404, body: { error: `no control route ${route}` } };
    }
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function ok(body: unknown): ControlAnswer {
  return { status: 200, body };
}
