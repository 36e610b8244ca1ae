/**
 * awsmfa credential-process PROFILE: the session as the JSON that `credential_process` in
 * ~/.aws/config expects, so every SDK and the AWS CLI get MFA sessions from awsmfa.
 *
 * The caller reads stdout as JSON and may show stderr, so on success nothing but the JSON is
 * printed anywhere except on the terminal (the code prompt, and what it led to). Errors go to
 * stderr as usual: that is what the SDKs show when a credential process fails.
 */
import { Command } from "@commander-js/extra-typings";
import { readAwsFiles } from "../config/aws-files.ts";
import type { Deps } from "../deps.ts";
import { ExitCode } from "../errors.ts";
import { credentialProcessJson } from "../output/variables.ts";
import { getSession } from "../session/get-session.ts";
import { reportSession } from "../session/messages.ts";
import { terminalOnly } from "../system/terminal-only.ts";
import type { CommandContext } from "./context.ts";
import {
  addSessionOptions,
  type SessionOptions,
  sessionOptionsOf,
  sessionRequest,
} from "./options/session.ts";

const CONFIG_HELP = `
In ~/.aws/config (use the full path of awsmfa; \`command -v awsmfa\` prints it):
  [profile prod]
  credential_process = /home/me/.local/bin/awsmfa credential-process prod

Then \`aws --profile prod ...\`, terraform and every SDK get the MFA session of prod. Many
processes asking at once share one prompt (on the terminal) and one session.`;

export function credentialProcessCommand({ deps, state }: CommandContext) {
  const command = new Command("credential-process")
    .description("print a session as credential_process JSON, for ~/.aws/config")
    .argument("<profile>", "the profile to get a session for")
    .addHelpText("after", CONFIG_HELP);
  return addSessionOptions(command).action(async (profile, _raw, self) => {
    state.exitCode = await runCredentialProcess(sessionOptionsOf(profile, self, deps.env), deps);
  });
}

export async function runCredentialProcess(options: SessionOptions, deps: Deps): Promise<number> {
  const quiet = terminalOnly(deps);
  const files = await readAwsFiles(deps);
  const result = await getSession(files, sessionRequest(options, files), quiet);
  deps.io.stdout.write(credentialProcessJson(result.session));
  if (!result.reused) reportSession(options.profile, result.session, false, quiet);
  return ExitCode.ok;
}
