/**
 * src/ini/ (base layer): parse, edit and render INI text; pure functions, no I/O. Imports
 * nothing from the rest of src/ but errors.ts.
 *
 * The lossless INI module: reads ~/.aws/config and ~/.aws/credentials as botocore does, and
 * edits them by changing only the lines that must change.
 */

export { deleteProfile, deleteProfileKeys } from "./delete.ts";
export type { IniLine } from "./document.ts";
export { parseIni, renderIni } from "./document.ts";
export { IniEditError } from "./edit-input.ts";
export { profileIndex } from "./profile-index.ts";
export type { FileKind, ProfileRef } from "./profiles.ts";
export { profileNameOf, profilesOf, sectionsOf } from "./profiles.ts";
export type { IniValue, IniValues } from "./read.ts";
export { readSections } from "./read.ts";
export { deleteProfileKeysIn, setProfileKeysIn } from "./section-edit.ts";
export { setProfileKeys } from "./set-keys.ts";
