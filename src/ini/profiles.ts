/**
 * Which sections are profiles, following botocore's build_profile_map.
 *
 * Config file: a header that starts with "profile" and shlex-splits into two words names the
 * profile in its second word (`[profile x]`, `[profile  x]`, `[profile "my name"]`, and, as in
 * botocore, even `[profiles x]`); `[default]` is the profile "default". When several headers
 * name the same profile (`[default]` and `[profile default]`, `[profile a]` and
 * `[profile "a"]`), the one whose header appears last wins as a whole, as in botocore. The
 * same rule with "sso-session" and "services" gives those families.
 *
 * Credentials file: every section is a profile named by its exact header.
 */
import { parseIni } from "./document.ts";
import { type IniValues, readSections } from "./read.ts";
import { shlexSplit } from "./shlex.ts";

export type FileKind = "config" | "credentials";
export type SectionFamily = "profile" | "sso-session" | "services";

export interface ProfileRef {
  kind: FileKind;
  profile: string;
}

/** The family and name botocore gives a config-file header, or undefined for other sections. */
export function configSectionOf(
  header: string,
): { family: SectionFamily; name: string } | undefined {
  // botocore tests the prefixes in this order, so `[profile...]` never counts as anything else.
  for (const family of ["profile", "sso-session", "services"] as const) {
    if (!header.startsWith(family)) continue;
    const words = shlexSplit(header);
    return words?.length === 2 ? { family, name: words[1]! } : undefined;
  }
  return header === "default" ? { family: "profile", name: "default" } : undefined;
}

/** The profile a header names in a file of `kind`, or undefined. */
export function profileNameOf(header: string, kind: FileKind): string | undefined {
  if (kind === "credentials") return header;
  const section = configSectionOf(header);
  return section?.family === "profile" ? section.name : undefined;
}

export function profilesOf(text: string, kind: FileKind): Map<string, IniValues> {
  const profiles = new Map<string, IniValues>();
  for (const [header, values] of readSections(parseIni(text))) {
    const name = profileNameOf(header, kind);
    if (name !== undefined) profiles.set(name, values);
  }
  return profiles;
}

/** Other section families of the config file ("sso-session", "services"): name -> keys. */
export function sectionsOf(
  text: string,
  family: "sso-session" | "services",
): Map<string, IniValues> {
  const sections = new Map<string, IniValues>();
  for (const [header, values] of readSections(parseIni(text))) {
    const section = configSectionOf(header);
    if (section?.family === family) sections.set(section.name, values);
  }
  return sections;
}
