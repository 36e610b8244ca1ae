/** The one rule every store applies before it overwrites a stored pair. */
import { type Credentials, maskKeyId } from "../aws/credentials.ts";
import { UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";

export function checkReplace(
  storeName: string,
  profile: string,
  there: Credentials | undefined,
  next: Credentials,
  replaces: string | undefined,
): void {
  if (!there || there.accessKeyId === next.accessKeyId || there.accessKeyId === replaces) return;
  throw new UserError(
    `The ${storeName} already holds other keys for ${printableInLine(profile)} (${maskKeyId(there.accessKeyId)}); awsmfa will not replace them unasked.`,
    {
      hint: `Move or remove them first (\`awsmfa keys list\` shows where each profile's keys are).`,
    },
  );
}
