/**
 * Config files and what awsmfa reads from them (profile -> keys). Cases whose name starts with
 * "botocore: error" are files botocore refuses, where awsmfa reads on as the SDK does; all
 * others botocore reads exactly so (botocore-agreement.test.ts checks both claims).
 */
export type Profiles = Record<string, Record<string, unknown>>;

export const CONFIG_CASES: Array<[string, string, Profiles]> = [
  ["empty text", "", {}],
  [
    "[default] and [profile x]",
    "[default]\na = 1\n[profile x]\nb = 2\n",
    {
      default: { a: "1" },
      x: { b: "2" },
    },
  ],
  ["[profile default] is default too", "[profile default]\na = 1\n", { default: { a: "1" } }],
  [
    "shlex-split names",
    "[profile  x]\na = 1\n[profile \"my name\"]\nb = 2\n[profile 'q']\nc = 3\n",
    {
      x: { a: "1" },
      "my name": { b: "2" },
      q: { c: "3" },
    },
  ],
  ["trailing space inside the brackets is fine", "[profile x ]\na = 1\n", { x: { a: "1" } }],
  [
    "not profiles: leading space, one word, three words, open quote, other families, plain",
    '[ profile x ]\na=1\n[profile]\na=1\n[profile a b]\na=1\n[profile "open]\na=1\n' +
      "[sso-session s]\na=1\n[services v]\na=1\n[plain]\na=1\n[Default]\na=1\n",
    {},
  ],
  [
    "botocore's prefix test is startswith: [profiles x] is x",
    "[profiles x]\na = 1\n",
    {
      x: { a: "1" },
    },
  ],
  ["an empty section is a profile without keys", "[profile x]\n# nothing\n", { x: {} }],
  [
    "inline comments belong to the value; : is a delimiter",
    "[default]\na = 1 # c\nb: 2 ; d\n",
    {
      default: { a: "1 # c", b: "2 ; d" },
    },
  ],
  [
    "keys are lower-cased, nested keys keep their case",
    "[default]\nS3 =\n  Max_Bandwidth = 1\n",
    {
      default: { s3: { Max_Bandwidth: "1" } },
    },
  ],
  [
    "nested block with blank and comment lines",
    "[default]\ns3 =\n  a = 1\n\n  # c\n  b=2\nregion = x\n",
    {
      default: { s3: { a: "1", b: "2" }, region: "x" },
    },
  ],
  [
    "nested value splits at the first =",
    "[default]\ns3 =\n  a = b = c\n",
    {
      default: { s3: { a: "b = c" } },
    },
  ],
  [
    "a multi-line value joins with newlines",
    "[default]\nca = first\n  second\n\n  third\n",
    {
      default: { ca: "first\nsecond\n\nthird" },
    },
  ],
  ["an empty value stays empty", "[default]\na =\nb = 2\n", { default: { a: "", b: "2" } }],
  [
    "Python whitespace is stripped, U+FEFF is not",
    "[default]\na = \u3000x\x85\nb = \uFEFFy\n",
    {
      default: { a: "x", b: "\uFEFFy" },
    },
  ],
  [
    "[DEFAULT] keys fill every section, own keys first",
    "[profile x]\nb = own\n[DEFAULT]\na = 1\nb = 2\n",
    {
      x: { b: "own", a: "1" },
    },
  ],
  [
    "botocore: error. A byte-order mark is ignored",
    "\uFEFF[default]\na = 1\n",
    {
      default: { a: "1" },
    },
  ],
  [
    "botocore: error. Text before the first header is skipped",
    "a = 1\n[default]\nb = 2\n",
    {
      default: { b: "2" },
    },
  ],
  [
    "botocore: error. Invalid lines are skipped",
    "[default]\ngarbage\n= x\nb = 2\n",
    {
      default: { b: "2" },
    },
  ],
  [
    "botocore: error. A repeated section merges, later keys win",
    "[default]\na = 1\nb = 1\n[default]\nb = 2\n",
    {
      default: { a: "1", b: "2" },
    },
  ],
  [
    "botocore: error. A repeated key keeps the last value",
    "[default]\na = 1\nA = 2\n",
    {
      default: { a: "2" },
    },
  ],
  [
    "botocore: error. Repeated nested blocks merge",
    "[default]\ns3 =\n  a = 1\n  b = 1\ns3 =\n  b = 2\n",
    {
      default: { s3: { a: "1", b: "2" } },
    },
  ],
  [
    "botocore: error. Nested lines without = are skipped",
    "[default]\ns3 =\n  a = 1\n  junk\n",
    {
      default: { s3: { a: "1" } },
    },
  ],
];
