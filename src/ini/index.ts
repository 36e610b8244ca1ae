/**
 * PLACEHOLDER until the INI module lands (issue 2, part 3). The public API is fixed here;
 * the implementation replaces these bodies.
 */
export type IniValue = string | Readonly<Record<string, string>>;
export type FileKind = "config" | "credentials";
export interface ProfileRef {
  kind: FileKind;
  profile: string;
}

export function profilesOf(_text: string, _kind: FileKind): Map<string, Record<string, IniValue>> {
  throw new Error("ini: not implemented yet");
}
