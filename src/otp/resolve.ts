/**
 * Which source a login uses, and with what settings, from the layers (command line,
 * environment, profile, long-term profile; highest first). Pure.
 *
 * The first layer that says anything decides the source: it names one (awsmfa_otp_source), or
 * it names the item of exactly one (awsmfa_op_item alone means 1Password). Each setting then
 * comes from the highest layer that has it. Nothing said anywhere: the terminal prompt.
 */

import { parseDuration } from "../config/durations.ts";
import { UsageError, UserError } from "../errors.ts";
import { printableInLine } from "../system/printable.ts";
import { selectableSources, sourceNamed } from "./registry.ts";
import {
  type LayerKind,
  type OtpLayer,
  originOf,
  settingOf,
  settingValue,
  settingValues,
} from "./settings.ts";
import type { OtpSourceKind, SourceSettings } from "./source.ts";

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface SourceChoice {
  kind: OtpSourceKind;
  /** Where the choice came from, e.g. "--otp-source", "awsmfa_op_item of profile prod". */
  from: string;
  /** The layer that chose it; undefined for the default. */
  layer: OtpLayer | undefined;
  settings: SourceSettings;
}

export function resolveSource(layers: readonly OtpLayer[]): SourceChoice {
  const decided = decide(layers);
  const values = settingValues(layers);
  const choice: SourceChoice = {
    ...decided,
    settings: { values, timeoutMs: timeoutOf(layers) },
  };
  const required = choice.kind.required;
  if (required && !values[required.key]) throw missingSetting(choice, required);
  return choice;
}

/** Checks the names and durations given on the command line or in the environment. */
export function checkFlagLayers(layers: readonly OtpLayer[]): void {
  const given = layers.filter((l) => l.kind !== "config");
  for (const layer of given) {
    const named = layer.values.source?.trim();
    if (named && !sourceNamed(named)) {
      throw unknownSource(named, originOf(layer, "source"), layer.kind);
    }
  }
  timeoutOf(given);
}

function decide(layers: readonly OtpLayer[]): Omit<SourceChoice, "settings"> {
  for (const layer of layers) {
    const named = layer.values.source?.trim();
    if (named) {
      const kind = sourceNamed(named);
      if (!kind) throw unknownSource(named, originOf(layer, "source"), layer.kind);
      return { kind, from: originOf(layer, "source"), layer };
    }
    const implied = selectableSources().filter(
      (k) => k.required && layer.values[k.required.key]?.trim(),
    );
    if (implied.length === 1) {
      const kind = implied[0]!;
      return { kind, from: originOf(layer, kind.required!.key), layer };
    }
    if (implied.length > 1) throw ambiguous(layer, implied);
  }
  return { kind: sourceNamed("prompt")!, from: "default", layer: undefined };
}

/** --otp-timeout (AWSMFA_OTP_TIMEOUT, awsmfa_otp_timeout), first layer that gives it. */
export function timeoutOf(layers: readonly OtpLayer[]): number {
  const given = settingValue(layers, "timeout");
  if (!given) return DEFAULT_TIMEOUT_MS;
  let seconds: number;
  try {
    seconds = parseDuration(given.value, given.from);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw fail(given.layer, error.message, error.hint ?? "");
  }
  if (seconds < 1) {
    throw fail(given.layer, `${given.from} must be at least 1 second.`, "For example 60s, 2m.");
  }
  return seconds * 1000;
}

function fail(layer: LayerKind | undefined, message: string, hint: string): UserError {
  return layer === "config"
    ? new UserError(message, { hint, code: "config" })
    : new UsageError(message, { hint });
}

function unknownSource(name: string, from: string, layer: LayerKind): UserError {
  const names = selectableSources().map((k) => k.name);
  return fail(
    layer,
    `"${printableInLine(name)}" (${from}) is not a code source.`,
    `Use one of: ${names.join(", ")}. ` +
      "A code on the command line is --otp 123456, or --otp - for stdin.",
  );
}

function ambiguous(layer: OtpLayer, kinds: readonly OtpSourceKind[]): UserError {
  const keys = kinds.map((k) => originOf(layer, k.required!.key));
  const source = settingOf("source");
  const which =
    layer.kind === "config" ? source.config : layer.kind === "flag" ? source.flag : source.env;
  return fail(
    layer.kind,
    `${keys.join(" and ")} name items of ${kinds.length} code sources; ` +
      "awsmfa will not guess which to use.",
    `Say which with ${which} (${kinds.map((k) => k.name).join(" or ")}).`,
  );
}

function missingSetting(
  choice: SourceChoice,
  required: { key: OtpSourceKind["keys"][number]; noun: string },
) {
  const s = settingOf(required.key);
  const layer = choice.layer;
  if (layer?.kind === "config") {
    return new UserError(
      `Profile ${printableInLine(layer.profile)} takes its MFA codes from ${choice.kind.name} ` +
        `(${choice.from}), but does not name ${required.noun}.`,
      {
        code: "config",
        hint: `Set ${s.config} = ... in ${layer.section}, or pass ${s.flag} ${s.value}.`,
      },
    );
  }
  const said =
    layer?.kind === "env"
      ? `${choice.from}=${choice.kind.name}`
      : `${choice.from} ${choice.kind.name}`;
  return new UsageError(`${said} needs ${required.noun}.`, {
    hint: `Pass ${s.flag} ${s.value}, or set ${s.env}, or ${s.config} in the profile.`,
  });
}
