/**
 * The AWS federation (console sign-in) endpoint, /federation on the fake's port:
 *
 *   GET /federation?Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"}
 *       [&SessionDuration=900..43200]   -> 200 {"SigninToken": "..."}
 *   GET /federation?Action=login&Issuer=...&Destination=https://...&SigninToken=...
 *       -> 302 to Destination (each token works once, for 15 minutes)
 *
 * Like AWS, it takes role sessions only: the keys of an IAM user's GetSessionToken session,
 * unknown, expired or mismatched keys are answered 400. POST with a form body works too.
 */
import { randomBytes } from "node:crypto";
import { identityArn } from "./identity.ts";
import type { SigninCall } from "./types.ts";
import type { FakeWorld } from "./world.ts";

export const SIGNIN_TOKEN_SECONDS = 15 * 60;

export interface SigninAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface IssuedToken {
  identityArn: string;
  expiresAt: number;
  used: boolean;
}

export class FakeSignin {
  readonly calls: SigninCall[] = [];
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(private readonly world: FakeWorld) {}

  answer(params: Readonly<Record<string, string>>, now: number): SigninAnswer {
    const call: SigninCall = { action: params.Action ?? "", status: 400, at: now };
    this.calls.push(call);
    const answer = this.dispatch(params, now, call);
    call.status = answer.status;
    return answer;
  }

  private dispatch(params: Readonly<Record<string, string>>, now: number, call: SigninCall) {
    if (params.Action === "getSigninToken") return this.signinToken(params, now, call);
    if (params.Action === "login") return this.login(params, now, call);
    return badRequest(`unknown Action ${params.Action ?? "(none)"}`);
  }

  private signinToken(params: Readonly<Record<string, string>>, now: number, call: SigninCall) {
    let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
    try {
      session = JSON.parse(params.Session ?? "");
    } catch {
      return badRequest("Session is not JSON");
    }
    if (params.SessionDuration !== undefined) {
      const seconds = Number(params.SessionDuration);
      if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) {
        return badRequest("SessionDuration must be 900..43200");
      }
    }
    const issued =
      typeof session.sessionId === "string"
        ? this.world.sessionByAccessKey(session.sessionId)
        : undefined;
    if (
      !issued ||
      issued.secretAccessKey !== session.sessionKey ||
      issued.sessionToken !== session.sessionToken ||
      now >= issued.expiresAt
    ) {
      return badRequest("invalid session credentials");
    }
    if (issued.identity.kind !== "role") return badRequest("not a role session");
    const token = randomBytes(48).toString("base64url");
    call.identityArn = identityArn(issued.identity);
    this.tokens.set(token, {
      identityArn: call.identityArn,
      expiresAt: now + SIGNIN_TOKEN_SECONDS * 1000,
      used: false,
    });
    return {
      status: 200,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ SigninToken: token }),
    };
  }

  private login(params: Readonly<Record<string, string>>, now: number, call: SigninCall) {
    const issued = this.tokens.get(params.SigninToken ?? "");
    if (!issued || issued.used || now >= issued.expiresAt) return badRequest("bad SigninToken");
    const destination = params.Destination ?? "";
    if (!/^https:\/\/[^/]+\//.test(destination)) return badRequest("bad Destination");
    issued.used = true;
    call.identityArn = issued.identityArn;
    call.destination = destination;
    call.issuer = params.Issuer;
    return { status: 302, headers: { Location: destination }, body: "" };
  }
}

function badRequest(why: string): SigninAnswer {
  return { status: 400, headers: { "Content-Type": "text/plain" }, body: `Bad Request: ${why}` };
}
