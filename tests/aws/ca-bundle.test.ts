/** aws/ca-bundle.ts: which CA bundle is in effect, as the AWS CLI reads them. */
import { expect, test } from "bun:test";
import { caBundleSetting, caCertificates } from "../../src/aws/ca-bundle.ts";
import { UserError } from "../../src/errors.ts";
import { testDeps } from "../support/test-deps.ts";

test("AWS_CA_BUNDLE beats the profile's ca_bundle, set empty too (botocore: `is not None`)", () => {
  expect(caBundleSetting({ AWS_CA_BUNDLE: "/env.pem" }, "/profile.pem")).toEqual({
    path: "/env.pem",
    source: "AWS_CA_BUNDLE",
  });
  // Empty and blank are set, not unset: to the AWS CLI "" means "verify nothing".
  expect(caBundleSetting({ AWS_CA_BUNDLE: "" }, "/profile.pem")).toEqual({
    path: "",
    source: "AWS_CA_BUNDLE",
  });
  expect(caBundleSetting({ AWS_CA_BUNDLE: "  " }, " /profile.pem ")).toEqual({
    path: "",
    source: "AWS_CA_BUNDLE",
  });
  expect(caBundleSetting({}, " /profile.pem ")?.path).toBe("/profile.pem");
  expect(caBundleSetting({}, "")).toEqual({ path: "", source: "ca_bundle" });
  expect(caBundleSetting({}, undefined)).toBeUndefined();
});

test.each([
  [{ AWS_CA_BUNDLE: "" }, undefined, "AWS_CA_BUNDLE is set but empty"],
  [{ AWS_CA_BUNDLE: " " }, "/profile.pem", "AWS_CA_BUNDLE is set but empty"],
  [{}, "", "ca_bundle in the profile's config is set but empty"],
])(
  "%j with ca_bundle %j: refused when a call needs it (exit 3), no file opened",
  async (env, profile, said) => {
    const { deps } = testDeps({ env });
    let opened = 0;
    const fs = {
      ...deps.fs,
      open: (...args: Parameters<typeof deps.fs.open>) => {
        opened++;
        return deps.fs.open(...args);
      },
    };
    const read = caCertificates({ ...deps, fs }, profile);
    expect(read).toBeDefined();
    const error = await read!().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(said);
    expect((error as UserError).code).toBe("config");
    expect(opened).toBe(0);
  },
);

test("a leading ~ is the home folder, as urllib3 expands it for the CLI; $HOME is not", async () => {
  const { deps } = testDeps({ env: { HOME: "/home/u" } });
  const seen: string[] = [];
  const fs = {
    ...deps.fs,
    open: async (path: unknown) => {
      seen.push(String(path));
      throw Object.assign(new Error("no"), { code: "ENOENT" });
    },
  } as typeof deps.fs;
  for (const value of ["~/ca.pem", "$HOME/ca.pem", "/abs/ca.pem"]) {
    await caCertificates({ ...deps, fs, homedir: "/home/u" }, value)!().catch(() => undefined);
  }
  expect(seen).toEqual(["/home/u/ca.pem", "$HOME/ca.pem", "/abs/ca.pem"]);
});
