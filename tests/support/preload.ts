/**
 * Loaded before every test file (bunfig.toml). Its afterAll runs once, when the whole run
 * ends: module-level afterAll hooks in shared support files only fire for the first file that
 * imports them, and bun test fires no process exit event, so run-wide clean-up lives here.
 */
import { afterAll } from "bun:test";
import { removeScratchDirs } from "../fs/support/scratch.ts";
import { removeTestBinary } from "./binary.ts";

// The tests talk only to servers on 127.0.0.1 and localhost. awsmfa's calls go out on fetch,
// which honours HTTP_PROXY/HTTPS_PROXY for loopback too (as the AWS CLI does): a proxy set in
// the shell that runs the tests must not take in-process calls there. Binaries started by the
// tests get a clean environment (sandbox.ts); tests/e2e/proxy.test.ts sets a proxy itself.
const loopback = ["127.0.0.1", "localhost"];
const noProxy = (process.env.NO_PROXY ?? process.env.no_proxy ?? "").split(",").filter(Boolean);
process.env.NO_PROXY = [...noProxy, ...loopback.filter((h) => !noProxy.includes(h))].join(",");
process.env.no_proxy = process.env.NO_PROXY;

afterAll(() => {
  removeScratchDirs();
  removeTestBinary();
});
