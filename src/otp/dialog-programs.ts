/**
 * The desktop dialogs that can ask for a code when there is no terminal (an IDE, terraform
 * started from a GUI): zenity or kdialog on Linux and the BSDs (with DISPLAY or
 * WAYLAND_DISPLAY), osascript on macOS, a small WinForms dialog in Windows PowerShell. Each is
 * run without a shell; the text shown travels on argv (zenity, kdialog: not a secret) or in
 * the environment (osascript, PowerShell, so no quoting is involved), and the code comes back
 * on stdout, never on argv. What a dialog would read as syntax in the text is escaped for it:
 * zenity's backslash escapes and mnemonic underscore (zenityEntryText), kdialog's backslash
 * escapes, rich text and & mark (kdialogText), the & that marks a WinForms label's access key
 * (UseMnemonic off).
 */
import { Buffer } from "node:buffer";
import type { Deps } from "../deps.ts";
import { findProgram } from "../system/which.ts";

export type DialogKind = "zenity" | "kdialog" | "osascript" | "powershell";

export interface DialogProgram {
  kind: DialogKind;
  path: string;
}

export type DialogAnswer =
  | { kind: "answer"; text: string }
  | { kind: "cancel" }
  | { kind: "timeout" }
  | { kind: "failed"; detail: string };

type DialogDeps = Pick<Deps, "env" | "fs" | "platform" | "homedir" | "exec">;

/** The dialog program this machine can show, or why none: for `awsmfa sources` and the source. */
export async function findDialog(
  deps: DialogDeps,
): Promise<{ program: DialogProgram } | { missing: string }> {
  if (/^(0|false|no|off)$/i.test(deps.env.AWSMFA_DIALOG ?? "")) {
    return { missing: "turned off (AWSMFA_DIALOG=0)" };
  }
  if (deps.platform === "darwin") {
    const path = await findProgram("osascript", deps);
    return path ? { program: { kind: "osascript", path } } : { missing: "osascript not found" };
  }
  if (deps.platform === "win32") {
    const path = await findProgram("powershell.exe", deps);
    return path
      ? { program: { kind: "powershell", path } }
      : { missing: "powershell.exe not found" };
  }
  if (!deps.env.DISPLAY && !deps.env.WAYLAND_DISPLAY) {
    return { missing: "no desktop (DISPLAY and WAYLAND_DISPLAY are not set)" };
  }
  for (const kind of ["zenity", "kdialog"] as const) {
    const path = await findProgram(kind, deps);
    if (path) return { program: { kind, path } };
  }
  return { missing: "neither zenity nor kdialog is on PATH" };
}

/** Shows one dialog and waits for it, at most `timeoutMs`. */
export async function showDialog(
  program: DialogProgram,
  text: string,
  timeoutMs: number,
  deps: DialogDeps,
): Promise<DialogAnswer> {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const env = { ...deps.env, AWSMFA_DIALOG_TEXT: text, AWSMFA_DIALOG_SECONDS: String(seconds) };
  const call = RUNS[program.kind](text, seconds);
  const result = await deps.exec(program.path, call.args, {
    env,
    // The dialogs time out by themselves; this only catches one that does not.
    timeoutMs: timeoutMs + 5_000,
    input: call.input ?? "",
  });
  if (result.timedOut) return { kind: "timeout" };
  if (result.spawnError) return { kind: "failed", detail: result.spawnError.message };
  const out = result.stdout.trim();
  if (result.code === 0 && out === TIMED_OUT) return { kind: "timeout" };
  if (result.code === 0) return { kind: "answer", text: out };
  if (result.code === call.timeoutCode) return { kind: "timeout" };
  if (result.code === 1) return { kind: "cancel" };
  const detail = result.stderr.trim().split("\n").at(-1) ?? "";
  return { kind: "failed", detail: `${program.kind} exited with ${result.code}: ${detail}` };
}

/** What osascript and PowerShell print when the dialog was left unanswered. */
const TIMED_OUT = "AWSMFA-TIMED-OUT";

interface Run {
  args: string[];
  input?: string;
  /** The exit status that means "timed out", when the program has one. */
  timeoutCode?: number;
}

const RUNS: Record<DialogKind, (text: string, seconds: number) => Run> = {
  zenity: (text, seconds) => ({
    args: ["--entry", "--title=awsmfa", `--text=${zenityEntryText(text)}`, `--timeout=${seconds}`],
    timeoutCode: 5,
  }),
  kdialog: (text) => ({ args: ["--title", "awsmfa", "--inputbox", kdialogText(text)] }),
  osascript: () => ({ args: ["-"], input: APPLESCRIPT }),
  powershell: () => ({
    args: ["-NoProfile", "-NonInteractive", "-EncodedCommand", encodeUtf16Base64(POWERSHELL)],
  }),
};

// Cancel makes osascript fail with "User canceled. (-128)" and exit 1.
const APPLESCRIPT = `set t to system attribute "AWSMFA_DIALOG_TEXT"
set s to (system attribute "AWSMFA_DIALOG_SECONDS") as integer
set r to display dialog t default answer "" with title "awsmfa" buttons {"Cancel", "OK"} default button "OK" giving up after s
if gave up of r then return "${TIMED_OUT}"
return text returned of r
`;

const POWERSHELL = `
Add-Type -AssemblyName System.Windows.Forms
$f = New-Object Windows.Forms.Form
$f.Text = 'awsmfa'; $f.Width = 420; $f.Height = 170; $f.TopMost = $true
$f.FormBorderStyle = 'FixedDialog'; $f.StartPosition = 'CenterScreen'
$l = New-Object Windows.Forms.Label
$l.UseMnemonic = $false
$l.Text = $env:AWSMFA_DIALOG_TEXT; $l.Left = 10; $l.Top = 10; $l.Width = 390; $l.Height = 40
$t = New-Object Windows.Forms.TextBox; $t.Left = 10; $t.Top = 55; $t.Width = 385
$ok = New-Object Windows.Forms.Button; $ok.Text = 'OK'; $ok.Left = 230; $ok.Top = 90
$ok.DialogResult = 'OK'; $f.AcceptButton = $ok
$no = New-Object Windows.Forms.Button; $no.Text = 'Cancel'; $no.Left = 315; $no.Top = 90
$no.DialogResult = 'Cancel'; $f.CancelButton = $no
$f.Controls.AddRange(@($l, $t, $ok, $no))
$timer = New-Object Windows.Forms.Timer
$timer.Interval = 1000 * [int]$env:AWSMFA_DIALOG_SECONDS
$script:gaveUp = $false
$timer.Add_Tick({ $script:gaveUp = $true; $f.Close() })
$timer.Start()
$r = $f.ShowDialog()
if ($script:gaveUp) { '${TIMED_OUT}'; exit 0 }
if ($r -eq 'OK') { $t.Text; exit 0 }
exit 1
`;

/** PowerShell's -EncodedCommand: the script as base64 of UTF-16LE, so nothing needs quoting. */
export function encodeUtf16Base64(script: string): string {
  return Buffer.from(script, "utf16le").toString("base64");
}

/**
 * kdialog --inputbox's text, written so that the label shows `text` exactly. kdialog reads
 * backslash escapes (\\ is one backslash), and its label (Qt) takes text with a tag in it as
 * rich text ("<b>x</b>" showed bold) and `&` as the access-key mark ("R&D" read "RD"), as
 * seen in kdialog 22.12. So the text is always rich, <qt>...</qt>, with < > & as entities,
 * & doubled for the mark, line breaks as <br>, runs of spaces kept with &nbsp;, and each
 * backslash doubled.
 */
export function kdialogText(text: string): string {
  const html = text
    .replace(/\\/g, "\\\\")
    .replace(/&/g, "&amp;&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/ (?= )/g, "&nbsp;")
    .replace(/\n/g, "<br>");
  return `<qt>${html}</qt>`;
}

/**
 * zenity --entry's --text, written so that the label shows `text` exactly. Unlike --info and
 * --question, the entry dialog does not read it as Pango markup (zenity 3.44 shows "&amp;" as
 * it is): it runs it through g_strcompress (a backslash starts an escape, \t \n \\ \101) and
 * shows it as a label with a mnemonic (an underscore marks the access key and is not shown:
 * "my_profile" read "myprofile"). So each backslash and each underscore is doubled.
 */
export function zenityEntryText(text: string): string {
  return text.replace(/[\\_]/g, "$&$&");
}
