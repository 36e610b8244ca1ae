/** STS GetCallerIdentity: works for every valid signature, long-term or session. */
import { identityAccount, identityArn, identityUserId } from "../identity.ts";
import { element } from "../xml.ts";
import { type ActionSpec, STS_VERSION } from "./context.ts";

export const getCallerIdentity: ActionSpec = {
  service: "sts",
  version: STS_VERSION,
  run({ caller }) {
    return [
      element("Arn", identityArn(caller.identity)),
      element("UserId", identityUserId(caller.identity)),
      element("Account", identityAccount(caller.identity)),
    ].join("");
  },
};
