/**
 * Config files that botocore (the AWS CLI, and so awsmfa) and the AWS SDK for JavaScript read
 * differently. sdk-agreement.test.ts checks the SDK column, botocore-agreement.test.ts the
 * botocore column, read.test.ts ours.
 */
/** Config files where botocore (and so awsmfa) and the SDK read differently. */
export interface ReaderDifference {
  why: string;
  text: string;
  /** What botocore reads, and so awsmfa: profile -> keys. */
  ours: Record<string, Record<string, string>>;
  /** What the AWS SDK for JavaScript reads. */
  sdk: Record<string, Record<string, string>>;
}

export const CONFIG_DIFFERENCES: ReaderDifference[] = [
  {
    why: "`key: value` is a key for botocore; the SDK knows only `=`",
    text: "[default]\nregion: eu-west-1\n",
    ours: { default: { region: "eu-west-1" } },
    sdk: {},
  },
  {
    why: "an inline # comment is part of the value for botocore",
    text: "[default]\nregion = eu-west-1 # home\n",
    ours: { default: { region: "eu-west-1 # home" } },
    sdk: { default: { region: "eu-west-1" } },
  },
  {
    why: "botocore lower-cases keys",
    text: "[default]\nRegion = eu-west-1\n",
    ours: { default: { region: "eu-west-1" } },
    sdk: { default: { Region: "eu-west-1" } },
  },
  {
    why: "an empty value is a value for botocore; the SDK starts a sub-section",
    text: "[default]\nregion =\noutput = json\n",
    ours: { default: { region: "", output: "json" } },
    sdk: { default: { output: "json" } },
  },
  {
    why: "deeper lines continue a value for botocore; the SDK reads them as keys",
    text: "[default]\nregion = a\n  output = json\n",
    ours: { default: { region: "a\noutput = json" } },
    sdk: { default: { region: "a", output: "json" } },
  },
  {
    why: "botocore shlex-splits headers; the SDK takes one space and simple names only",
    text: '[profile  dev]\nx = 1\n[profile "my name"]\nx = 2\n[profiles qa]\nx = 3\n',
    ours: { dev: { x: "1" }, "my name": { x: "2" }, qa: { x: "3" } },
    sdk: {},
  },
  {
    why: "of [default] and [profile default], botocore keeps the last, the SDK the latter",
    text: "[profile default]\nregion = a\n[default]\nregion = b\n",
    ours: { default: { region: "b" } },
    sdk: { default: { region: "a" } },
  },
  {
    why: "[DEFAULT] holds defaults for every section in Python's configparser",
    text: "[DEFAULT]\nregion = a\n[profile dev]\nx = 1\n",
    ours: { dev: { x: "1", region: "a" } },
    sdk: { dev: { x: "1" } },
  },
  {
    why: "a lone CR ends a line for Python; the SDK splits on LF only",
    text: "[default]\rregion = a\r",
    ours: { default: { region: "a" } },
    sdk: {},
  },
];
