/**
 * awsmfa upgrade [--to vX.Y.Z]: replaces this binary with the newest release (or the one
 * named; not --version, which the program itself answers wherever it stands) from where the installer got it (source.ts), checked against the release's
 * SHA256SUMS. Installs made by npm, Homebrew or Scoop are left to their package manager: it
 * says which command to run. Messages go to stderr; stdout stays empty.
 */
import { Command } from "@commander-js/extra-typings";
import type { Deps } from "../../deps.ts";
import { ExitCode, NetworkError, UsageError, UserError } from "../../errors.ts";
import { printableInLine, textInLine } from "../../system/printable.ts";
import { checkedProxy } from "../../system/proxy-check.ts";
import { shownUrl } from "../../system/shown-url.ts";
import type { CommandContext } from "../context.ts";
import { currentBytes, removeLeftover, replaceSelf, stage } from "./replace.ts";
import { installSource, releaseFolder } from "./source.ts";

export interface UpgradeOptions {
  version: string | undefined;
}

export function upgradeCommand({ deps, state }: CommandContext) {
  return new Command("upgrade")
    .description("replace awsmfa with the newest release (or --to vX.Y.Z), checked by SHA-256")
    .option("--to <vX.Y.Z>", "install this release instead of the newest (also --version vX.Y.Z)")
    .action(async (raw) => {
      state.exitCode = await runUpgrade({ version: raw.to }, deps);
    });
}

/** The asset names of this machine: the archive to download, the raw binary SHA256SUMS lists. */
function assetsFor(deps: Deps, arch: string) {
  const os = deps.platform === "win32" ? "windows" : deps.platform;
  if (!["linux", "darwin", "windows"].includes(os) || !["x64", "arm64"].includes(arch)) {
    throw new UserError(`There is no awsmfa release for ${deps.platform} ${arch}.`);
  }
  // Windows downloads the .exe itself: the zip would need a zip reader for one file.
  const raw = `awsmfa-${os}-${arch}${os === "windows" ? ".exe" : ""}`;
  return { raw, download: os === "windows" ? raw : `${raw}.tar.gz` };
}

function checkedVersion(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const tagged = version.startsWith("v") ? version : `v${version}`;
  if (!/^v\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]+)?$/.test(tagged)) {
    throw new UsageError(`--to '${printableInLine(version)}' is not a version such as v1.2.3.`);
  }
  return tagged;
}

export async function runUpgrade(options: UpgradeOptions, deps: Deps): Promise<number> {
  const wanted = checkedVersion(options.version);
  const say = (line: string) => deps.io.stderr.write(`${line}\n`);
  const current = deps.build.version;
  const source = await installSource(deps.fs, deps.selfPath);
  if (source.kind === "manager") {
    throw new UserError(`This awsmfa was installed with ${source.manager}, which upgrades it.`, {
      hint: `Run: ${source.command}`,
    });
  }
  if (source.kind === "unknown") {
    throw new UserError(
      `awsmfa does not know where ${printableInLine(deps.selfPath)} came from (no ${printableInLine(source.record)}).`,
      {
        hint: "Install it again with install.sh or install.ps1 (they record where they download from), or upgrade it the way you installed it.",
      },
    );
  }
  if (wanted === `v${current}`) {
    say(`awsmfa ${current} is already installed; nothing to do.`);
    return ExitCode.ok;
  }
  await removeLeftover(deps.selfPath);
  // Loaded only for a download: node:crypto and node:zlib cost every `--help` and shell-init
  // ~1 ms if the command's definition brings them (docs/performance.md).
  const [
    {
      ASSET_DEADLINE_MS,
      ASSET_MAX_BYTES,
      download,
      parseSums,
      SUMS_DEADLINE_MS,
      SUMS_MAX_BYTES,
      sha256,
    },
    { fileFromTarGz },
  ] = await Promise.all([import("./download.ts"), import("./untar.ts")]);
  const folder = releaseFolder(source, wanted);
  // The folder as messages show it: a mirror's user and password never.
  const shown = shownUrl(folder);
  const assets = assetsFor(deps, deps.arch);
  // A proxy setting that is no URL is the setting to fix (exit 3), not an unreachable release.
  checkedProxy(deps.env, `${folder}/SHA256SUMS`);
  say(`Checking ${shown} for a newer awsmfa (this is ${current})`);
  const sums = parseSums(
    new TextDecoder().decode(
      await download(`${folder}/SHA256SUMS`, SUMS_DEADLINE_MS, SUMS_MAX_BYTES),
    ),
  );
  const rawSum = sums.get(assets.raw);
  if (rawSum && rawSum === sha256(await currentBytes(deps.selfPath))) {
    say(`awsmfa ${current} is the release at ${shown}; nothing to do.`);
    return ExitCode.ok;
  }
  const expected = sums.get(assets.download);
  if (!expected) {
    throw new NetworkError(
      `${shown}/SHA256SUMS has no checksum for ${assets.download}; awsmfa was not changed.`,
    );
  }
  say(`Downloading ${assets.download}`);
  const bytes = await download(`${folder}/${assets.download}`, ASSET_DEADLINE_MS, ASSET_MAX_BYTES);
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new NetworkError(
      `The download of ${assets.download} does not match its checksum (expected ${expected}, got ${actual}); awsmfa was not changed.`,
      {
        hint: "Try again later; if it keeps happening, the release or a proxy in between is broken.",
      },
    );
  }
  const binary = assets.download === assets.raw ? bytes : fileFromTarGz(bytes, "awsmfa");
  if (!binary)
    throw new NetworkError(`${assets.download} holds no awsmfa binary; awsmfa was not changed.`);
  return install(binary, { deps, current, wanted, shown, say });
}

interface Install {
  deps: Deps;
  current: string;
  wanted: string | undefined;
  /** The release folder as messages show it (shownUrl). */
  shown: string;
  say(line: string): void;
}

async function install(binary: Uint8Array, { deps, current, wanted, shown, say }: Install) {
  const staged = await stage(deps.selfPath, binary, deps.processes.pid).catch((error) => {
    throw new UserError(
      `Cannot write next to ${printableInLine(deps.selfPath)}: ${textInLine(error.message)}; awsmfa was not changed.`,
      {
        hint: ["ENOSPC", "EDQUOT"].includes(error.code)
          ? "The disk is full: free some space and run awsmfa upgrade again."
          : "Run awsmfa upgrade as the user who owns that folder.",
      },
    );
  });
  try {
    const ran = await deps.exec(staged.path, ["--version"], { timeoutMs: 15_000 });
    const version = /^awsmfa (\S+)/.exec(ran.stdout)?.[1];
    if (ran.code !== 0 || !version) {
      throw new UserError(
        `The downloaded awsmfa does not run on this system; awsmfa was not changed.`,
      );
    }
    if (wanted && `v${version}` !== wanted) {
      throw new UserError(
        `${shown} served awsmfa ${printableInLine(version)}, not ${wanted}; awsmfa was not changed.`,
      );
    }
    if (version === current) {
      say(`awsmfa ${current} is already the newest at ${shown}; nothing to do.`);
      return ExitCode.ok;
    }
    await replaceSelf(deps.selfPath, staged, deps.platform === "win32");
    say(
      `Upgraded awsmfa: ${current} -> ${printableInLine(version)} (${printableInLine(deps.selfPath)})`,
    );
    return ExitCode.ok;
  } finally {
    await staged.remove();
  }
}
