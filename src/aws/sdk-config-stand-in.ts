// @ts-nocheck: it re-exports the SDK's own ES module files, which have no types beside them.
/**
 * What stands in for @smithy/core/config wherever the AWS SDK imports it, in the binary
 * (tsconfig.build.json "paths", as for sdk-transport-stand-in.ts): the package's
 * dist-es/submodules/config/index.js, export for export, from the same files, but for the
 * shared-file readers. The package's readFile and getSSOTokenFromFile import node:fs/promises
 * when they load, and node:fs/promises loads node:events: ~0.5-0.7 ms of a fresh login's CPU,
 * for reads a login never makes (clients.ts gives the SDK every setting it would look up in
 * ~/.aws; tests/aws/sdk-file-reads.test.ts). Here the two take node:fs/promises on their
 * first call instead (the same readFile, so the same errors), and the functions that reach
 * them through the package's relative imports are the package's code, copied line for line
 * (loadConfig's chain, the defaults mode, the shared-file loaders and the interceptor).
 *
 * Written for @smithy/core 3.41: an SDK update that adds an export other SDK code imports fails
 * the build ("No matching export"), not the user; tests/aws/sdk-stand-ins.test.ts compares
 * this list with the package's index and these copies' answers with the package's.
 */
import { join } from "node:path";
import { IniSectionType } from "@smithy/types";
import { NODE_REGION_CONFIG_OPTIONS } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/regionConfig/config.js";
import { getInstanceMetadataRegion } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/regionConfig/getInstanceMetadataRegion.js";
import {
  AWS_DEFAULT_REGION_ENV,
  AWS_EXECUTION_ENV,
  AWS_REGION_ENV,
  DEFAULTS_MODE_OPTIONS,
} from "../../node_modules/@smithy/core/dist-es/submodules/config/defaults-mode/constants.js";
import { NODE_DEFAULTS_MODE_CONFIG_OPTIONS } from "../../node_modules/@smithy/core/dist-es/submodules/config/defaults-mode/defaultsModeConfig.js";
import { fromEnv } from "../../node_modules/@smithy/core/dist-es/submodules/config/node-config-provider/fromEnv.js";
import { fromStatic } from "../../node_modules/@smithy/core/dist-es/submodules/config/node-config-provider/fromStatic.js";
import { getSelectorName } from "../../node_modules/@smithy/core/dist-es/submodules/config/node-config-provider/getSelectorName.js";
import { CredentialsProviderError } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/CredentialsProviderError.js";
import { chain } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/chain.js";
import { memoize } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/memoize.js";
import { CONFIG_PREFIX_SEPARATOR } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/constants.js";
import { getConfigData } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getConfigData.js";
import { getConfigFilepath } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getConfigFilepath.js";
import { getCredentialsFilepath } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getCredentialsFilepath.js";
import { getHomeDir } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getHomeDir.js";
import { getProfileName } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getProfileName.js";
import { getSSOTokenFilepath } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getSSOTokenFilepath.js";
import { mergeConfigFiles } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/mergeConfigFiles.js";
import { parseIni } from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/parseIni.js";

/** node:fs/promises' readFile, loaded on the first read. */
const fsReadFile = (path, encoding) =>
  import("node:fs/promises").then((fs) => fs.readFile(path, encoding));

export {
  CONFIG_USE_DUALSTACK_ENDPOINT,
  DEFAULT_USE_DUALSTACK_ENDPOINT,
  ENV_USE_DUALSTACK_ENDPOINT,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  nodeDualstackConfigSelectors,
} from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/endpointsConfig/NodeUseDualstackEndpointConfigOptions.js";
export {
  CONFIG_USE_FIPS_ENDPOINT,
  DEFAULT_USE_FIPS_ENDPOINT,
  ENV_USE_FIPS_ENDPOINT,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  nodeFipsConfigSelectors,
} from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/endpointsConfig/NodeUseFipsEndpointConfigOptions.js";
export { resolveCustomEndpointsConfig } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/endpointsConfig/resolveCustomEndpointsConfig.js";
export { resolveEndpointsConfig } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/endpointsConfig/resolveEndpointsConfig.js";
export {
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  REGION_ENV_NAME,
  REGION_INI_NAME,
} from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/regionConfig/config.js";
export { resolveRegionConfig } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/regionConfig/resolveRegionConfig.js";
export { getRegionInfo } from "../../node_modules/@smithy/core/dist-es/submodules/config/config-resolver/regionInfo/getRegionInfo.js";
export { fromValue } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/fromValue.js";
export { ProviderError } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/ProviderError.js";
export { TokenProviderError } from "../../node_modules/@smithy/core/dist-es/submodules/config/property-provider/TokenProviderError.js";
export {
  DEFAULT_PROFILE,
  ENV_PROFILE,
  getProfileName,
} from "../../node_modules/@smithy/core/dist-es/submodules/config/shared-ini-file-loader/getProfileName.js";
export { booleanSelector } from "../../node_modules/@smithy/core/dist-es/submodules/config/util-config-provider/booleanSelector.js";
export { numberSelector } from "../../node_modules/@smithy/core/dist-es/submodules/config/util-config-provider/numberSelector.js";
export { SelectorType } from "../../node_modules/@smithy/core/dist-es/submodules/config/util-config-provider/types.js";
export {
  CONFIG_PREFIX_SEPARATOR,
  CredentialsProviderError,
  chain,
  fromStatic,
  getHomeDir,
  getSSOTokenFilepath,
  memoize,
};

// shared-ini-file-loader/readFile.js, but for fsReadFile.
const filePromises = {};
const fileIntercept = {};
export const readFile = (path, options) => {
  if (fileIntercept[path] !== undefined) {
    return fileIntercept[path];
  }
  if (!filePromises[path] || options?.ignoreCache) {
    filePromises[path] = fsReadFile(path, "utf8");
  }
  return filePromises[path];
};

// shared-ini-file-loader/getSSOTokenFromFile.js, but for fsReadFile.
const tokenIntercept = {};
export const getSSOTokenFromFile = async (id) => {
  if (tokenIntercept[id]) {
    return tokenIntercept[id];
  }
  const ssoTokenFilepath = getSSOTokenFilepath(id);
  const ssoTokenText = await fsReadFile(ssoTokenFilepath, "utf8");
  return JSON.parse(ssoTokenText);
};

// shared-ini-file-loader/externalDataInterceptor.js
export const externalDataInterceptor = {
  getFileRecord() {
    return fileIntercept;
  },
  interceptFile(path, contents) {
    fileIntercept[path] = Promise.resolve(contents);
  },
  getTokenRecord() {
    return tokenIntercept;
  },
  interceptToken(id, contents) {
    tokenIntercept[id] = contents;
  },
};

// shared-ini-file-loader/loadSharedConfigFiles.js
const swallowError = () => ({});
export const loadSharedConfigFiles = async (init = {}) => {
  const { filepath = getCredentialsFilepath(), configFilepath = getConfigFilepath() } = init;
  const homeDir = getHomeDir();
  const relativeHomeDirPrefix = "~/";
  let resolvedFilepath = filepath;
  if (filepath.startsWith(relativeHomeDirPrefix)) {
    resolvedFilepath = join(homeDir, filepath.slice(2));
  }
  let resolvedConfigFilepath = configFilepath;
  if (configFilepath.startsWith(relativeHomeDirPrefix)) {
    resolvedConfigFilepath = join(homeDir, configFilepath.slice(2));
  }
  const parsedFiles = await Promise.all([
    readFile(resolvedConfigFilepath, {
      ignoreCache: init.ignoreCache,
    })
      .then(parseIni)
      .then(getConfigData)
      .catch(swallowError),
    readFile(resolvedFilepath, {
      ignoreCache: init.ignoreCache,
    })
      .then(parseIni)
      .catch(swallowError),
  ]);
  return {
    configFile: parsedFiles[0],
    credentialsFile: parsedFiles[1],
  };
};

// shared-ini-file-loader/getSsoSessionData.js and loadSsoSessionData.js
const getSsoSessionData = (data) =>
  Object.entries(data)
    .filter(([key]) => key.startsWith(IniSectionType.SSO_SESSION + CONFIG_PREFIX_SEPARATOR))
    .reduce(
      (acc, [key, value]) => ({
        // biome-ignore lint/performance/noAccumulatingSpread: the package's code, as it is.
        ...acc,
        [key.substring(key.indexOf(CONFIG_PREFIX_SEPARATOR) + 1)]: value,
      }),
      {},
    );
export const loadSsoSessionData = async (init = {}) =>
  readFile(init.configFilepath ?? getConfigFilepath())
    .then(parseIni)
    .then(getSsoSessionData)
    .catch(swallowError);

// shared-ini-file-loader/parseKnownFiles.js
export const parseKnownFiles = async (init) => {
  const parsedFiles = await loadSharedConfigFiles(init);
  return mergeConfigFiles(parsedFiles.configFile, parsedFiles.credentialsFile);
};

// node-config-provider/fromSharedConfigFiles.js
const fromSharedConfigFiles =
  (configSelector, { preferredFile = "config", ...init } = {}) =>
  async () => {
    const profile = getProfileName(init);
    const { configFile, credentialsFile } = await loadSharedConfigFiles(init);
    const profileFromCredentials = credentialsFile[profile] || {};
    const profileFromConfig = configFile[profile] || {};
    const mergedProfile =
      preferredFile === "config"
        ? { ...profileFromCredentials, ...profileFromConfig }
        : { ...profileFromConfig, ...profileFromCredentials };
    try {
      const cfgFile = preferredFile === "config" ? configFile : credentialsFile;
      const configValue = configSelector(mergedProfile, cfgFile);
      if (configValue === undefined) {
        throw new Error();
      }
      return configValue;
    } catch (e) {
      throw new CredentialsProviderError(
        e.message ||
          `Not found in config files w/ profile [${profile}]: ${getSelectorName(configSelector.toString())}`,
        { logger: init.logger },
      );
    }
  };

// node-config-provider/configLoader.js
export const loadConfig = (
  { environmentVariableSelector, configFileSelector, default: defaultValue },
  configuration = {},
) => {
  const { signingName, logger } = configuration;
  const envOptions = { signingName, logger };
  return memoize(
    chain(
      fromEnv(environmentVariableSelector, envOptions),
      fromSharedConfigFiles(configFileSelector, configuration),
      fromStatic(defaultValue),
    ),
  );
};

// defaults-mode/resolveDefaultsModeConfig.js
export const resolveDefaultsModeConfig = ({
  region = loadConfig(NODE_REGION_CONFIG_OPTIONS),
  defaultsMode = loadConfig(NODE_DEFAULTS_MODE_CONFIG_OPTIONS),
} = {}) =>
  memoize(async () => {
    const mode = typeof defaultsMode === "function" ? await defaultsMode() : defaultsMode;
    switch (mode?.toLowerCase()) {
      case "auto":
        return resolveNodeDefaultsModeAuto(region);
      case "in-region":
      case "cross-region":
      case "mobile":
      case "standard":
      case "legacy":
        return Promise.resolve(mode?.toLocaleLowerCase());
      case undefined:
        return Promise.resolve("legacy");
      default:
        throw new Error(
          `Invalid parameter for "defaultsMode", expect ${DEFAULTS_MODE_OPTIONS.join(", ")}, got ${mode}`,
        );
    }
  });
const resolveNodeDefaultsModeAuto = async (clientRegion) => {
  if (clientRegion) {
    const resolvedRegion = typeof clientRegion === "function" ? await clientRegion() : clientRegion;
    const inferredRegion = await inferPhysicalRegion();
    if (!inferredRegion) {
      return "standard";
    }
    if (resolvedRegion === inferredRegion) {
      return "in-region";
    } else {
      return "cross-region";
    }
  }
  return "standard";
};
const inferPhysicalRegion = async () => {
  if (
    process.env[AWS_EXECUTION_ENV] &&
    (process.env[AWS_REGION_ENV] || process.env[AWS_DEFAULT_REGION_ENV])
  ) {
    return process.env[AWS_REGION_ENV] ?? process.env[AWS_DEFAULT_REGION_ENV];
  }
  return getInstanceMetadataRegion();
};
