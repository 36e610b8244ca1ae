/**
 * Loaded before every test file (bunfig.toml). Its afterAll runs once, when the whole run
 * ends: module-level afterAll hooks in shared support files only fire for the first file that
 * imports them, and bun test fires no process exit event, so run-wide clean-up lives here.
 */
import { afterAll } from "bun:test";
import { removeScratchDirs } from "../fs/support/scratch.ts";
import { removeTestBinary } from "./binary.ts";

afterAll(() => {
  removeScratchDirs();
  removeTestBinary();
});
