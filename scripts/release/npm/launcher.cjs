#!/usr/bin/env node
// The `awsmfa` command of the npm package: finds the binary that npm installed for this machine
// (the optional dependency @awsmfa/<os>-<arch>, chosen by its os/cpu fields; nothing is
// downloaded at install time) and runs it with the same arguments, terminal, exit code and
// signals. Plain CommonJS so that any Node.js from 18 on runs it without a build step.
"use strict";
const { spawn } = require("node:child_process");

const name = `@awsmfa/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
const file = process.platform === "win32" ? "awsmfa.exe" : "awsmfa";

let binary;
try {
  binary = require.resolve(`${name}/bin/${file}`);
} catch {
  process.stderr.write(
    `awsmfa: the package ${name} is not installed, so there is no awsmfa binary for this ` +
      `${process.platform} ${process.arch} machine.\n` +
      "If npm skipped optional dependencies (--omit=optional, --no-optional), install again " +
      "without that option: npm install -g awsmfa\n" +
      "awsmfa is built for linux, macOS and Windows on x64 and arm64 (Windows: x64 only); " +
      "see https://github.com/awsmfa/awsmfa#install for the other ways to install it.\n",
  );
  process.exit(1);
}

const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });

// A signal sent to this process by pid (kill, a supervisor, a closing terminal) is passed on.
// Ctrl-C and Ctrl-\ on a terminal already reach the child (same process group), so they are
// only passed on when there is no terminal, never twice.
const fromTerminal = new Set(["SIGINT", "SIGQUIT"]);
const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2"];
for (const signal of process.platform === "win32" ? ["SIGINT"] : signals) {
  process.on(signal, () => {
    if (fromTerminal.has(signal) && process.stdin.isTTY) return;
    child.kill(signal);
  });
}

child.on("error", (error) => {
  process.stderr.write(`awsmfa: could not start ${binary}: ${error.message}\n`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  if (signal) {
    // Die of the same signal, so the caller sees what the binary saw (exit status 128+n).
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
