/**
 * Configure's later questions: the MFA device, the region and the code source. Each has a
 * flag; without the flag it is asked on the terminal; without a terminal the current value is
 * kept (the device, which login cannot do without, is looked up instead).
 */
import type { Credentials } from "../../aws/credentials.ts";
import { isRegionName } from "../../aws/partition.ts";
import type { Deps } from "../../deps.ts";
import { UsageError } from "../../errors.ts";
import { selectableSources, sourceNamed } from "../../otp/registry.ts";
import { settingOf } from "../../otp/settings.ts";
import { type DiscoverTargets, discoverDevice } from "../../session/discover-device.ts";
import { checkSerial } from "../../session/serial-format.ts";
import { printableInLine } from "../../system/printable.ts";
import { askSelect, askText } from "../../ui/prompts.ts";
import { questionDeadline } from "../../ui/question-deadline.ts";

export async function chooseDevice(
  flag: string | undefined,
  configured: string | undefined,
  keys: Credentials,
  profile: string,
  targets: DiscoverTargets,
  deps: Deps,
): Promise<string> {
  if (flag) return checkSerial(flag, "--serial");
  if (configured) {
    deps.io.stderr.write(
      `MFA device: ${printableInLine(configured)} (as configured; --serial changes it)\n`,
    );
    return configured;
  }
  const found = await discoverDevice(keys, profile, targets, deps);
  deps.io.stderr.write(`${found.note}\n`);
  return found.serial;
}

/** --region, checked (also before the keys are asked for: checkFlagsFirst). */
function checkedRegionFlag(flag: string): string {
  if (!isRegionName(flag)) {
    throw new UsageError(`"${printableInLine(flag)}" is not an AWS region name.`, {
      hint: "Use a name such as us-east-1, eu-west-1, cn-north-1 or us-gov-west-1.",
    });
  }
  return flag;
}

/** --otp-source, as one of CODE_SOURCES (also before the keys are asked for). */
function knownSource(name: string): (typeof CODE_SOURCES)[number] {
  const canonical = sourceNamed(name)?.name ?? name;
  const source = CODE_SOURCES.find((known) => known.name === canonical);
  if (!source) {
    throw new UsageError(`Unknown code source "${printableInLine(name)}".`, {
      hint: `Choose one of: ${CODE_SOURCES.map((known) => known.name).join(", ")}.`,
    });
  }
  return source;
}

/**
 * The flags configure can check on their own, checked before anything is asked (the secret
 * access key) or called: --serial, --region, --otp-source. Each is checked again where it is
 * used, with the same message.
 */
export function checkFlagsFirst(flags: {
  serial: string | undefined;
  region: string | undefined;
  otpSource: string | undefined;
}): void {
  if (flags.serial) checkSerial(flags.serial, "--serial");
  if (flags.region !== undefined) checkedRegionFlag(flags.region);
  if (flags.otpSource !== undefined) knownSource(flags.otpSource);
}

export async function chooseRegion(
  flag: string | undefined,
  current: string | undefined,
  suggested: string,
  profile: string,
  deps: Deps,
): Promise<string | undefined> {
  if (flag !== undefined) return checkedRegionFlag(flag);
  const terminal = deps.terminal();
  if (!terminal) return current;
  const answer = await askText(
    terminal,
    `Region for ${printableInLine(profile)}:`,
    questionDeadline(deps.env),
    {
      default: current ?? suggested,
      validate: (value) =>
        isRegionName(value.trim()) || "That is not a region name, e.g. eu-west-1.",
    },
  );
  return answer.trim();
}

/** The code sources and the config key that names each one's item (see docs/otp.md). */
/** The code sources a profile can name, straight from the registry (otp/registry.ts). */
export const CODE_SOURCES: ReadonlyArray<{ name: string; itemKey?: string; what: string }> =
  selectableSources().map((kind) => ({
    name: kind.name,
    ...(kind.required ? { itemKey: settingOf(kind.required.key).config } : {}),
    what: kind.required ? kind.required.noun : kind.summary,
  }));

export interface CodeSourceChoice {
  source: string;
  /** The config key and value of the source's item, when it has one. */
  item: { key: string; value: string } | undefined;
}

export async function chooseCodeSource(
  flags: { source: string | undefined; item: string | undefined },
  current: { source: string | undefined; item: (key: string) => string | undefined },
  profile: string,
  deps: Deps,
): Promise<CodeSourceChoice | undefined> {
  const terminal = deps.terminal();
  let name = flags.source;
  if (name === undefined) {
    if (!terminal) return undefined; // keep what is configured
    const first = current.source ?? "prompt";
    const ordered = [...CODE_SOURCES].sort(
      (a, b) => Number(b.name === first) - Number(a.name === first),
    );
    name = await askSelect(
      terminal,
      `Where should ${printableInLine(profile)}'s MFA codes come from?`,
      ordered.map((source) => ({ name: `${source.name}: ${source.what}`, value: source.name })),
      questionDeadline(deps.env),
    );
  }
  const source = knownSource(name);
  if (!source.itemKey) return { source: source.name, item: undefined };
  const existing = current.item(source.itemKey);
  let value = flags.item;
  if (value === undefined && terminal) {
    value = await askText(
      terminal,
      `${source.what} for ${printableInLine(profile)}:`,
      questionDeadline(deps.env),
      {
        ...(existing ? { default: existing } : {}),
        validate: (text) => text.trim() !== "" || "Needed for this source.",
      },
    );
  }
  value = value?.trim() || existing;
  if (!value) {
    throw new UsageError(`The ${source.name} code source needs ${source.what}.`, {
      hint: `Pass it with --otp-item (it is saved as ${source.itemKey}).`,
    });
  }
  return { source: source.name, item: { key: source.itemKey, value } };
}
