/**
 * The demo world the standalone server starts with: one of each kind of user the CLI must
 * handle, and roles to assume. Users carry `region`, a region to sign with in their partition.
 */
import { IAM_SIGNING_REGION } from "./regions.ts";
import type { FakeAws, FakeRole, FakeUser } from "./types.ts";

export interface DemoWorld {
  url: string;
  users: (FakeUser & { region: string })[];
  roles: FakeRole[];
}

export function populateDemo(fake: FakeAws): DemoWorld {
  const alice = fake.addUser({ name: "alice", devices: 1 });
  const { account } = alice;
  fake.addUser({ name: "bob", account, devices: 2 });
  fake.addUser({ name: "root", account, root: true, devices: 1 });
  fake.addUser({ name: "dana", account, devices: 1, listMfaDevicesDenied: true });
  fake.addUser({ name: "chen", partition: "aws-cn", devices: 1 });
  fake.addUser({ name: "grace", partition: "aws-us-gov", devices: 1 });
  fake.addUser({ name: "nomfa", account, devices: 0 });
  fake.addRole({ account, name: "admin", requireMfa: true, maxSessionDuration: 43200 });
  fake.addRole({ account, name: "readonly" });
  fake.addRole({
    account: otherAccount(account),
    name: "auditor",
    externalId: "demo-external-id",
    requireMfa: true,
  });
  return worldSummary(fake);
}

export function worldSummary(fake: FakeAws): DemoWorld {
  const state = fake.state();
  return {
    url: state.url,
    users: state.users.map((u) => ({ ...u, region: IAM_SIGNING_REGION[u.partition] })),
    roles: state.roles,
  };
}

function otherAccount(account: string): string {
  const last = Number(account.at(-1));
  return account.slice(0, -1) + String((last + 1) % 10);
}
