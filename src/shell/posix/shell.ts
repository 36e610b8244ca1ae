/**
 * sh and dash: they read bash's function, but have no completion system and no prompt hook
 * that avoids a process, and no rc file the installer writes to.
 */
import type { ShellSyntax } from "../syntax.ts";
import { posixSyntax } from "./index.ts";

export const sh: ShellSyntax = posixSyntax("bash", false);
