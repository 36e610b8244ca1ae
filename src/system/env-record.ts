/**
 * Objects that hold an environment by variable name. A plain object ({}) takes some names for
 * its own members: assigning a value to `__proto__` sets nothing (the variable was dropped
 * from `awsmfa exec`'s program), and `constructor`, `toString`, `hasOwnProperty`... read
 * Object's methods where no such variable is set (`$constructor` in AWS_CONFIG_FILE became
 * the text of a function). An object without a prototype has no such members: every name is
 * a variable and nothing else. main.ts holds the run's environment in one.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** An empty environment object in which every name is a variable (see above). */
export function envRecord<T extends string | undefined = string | undefined>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The value of the variable `name`, whatever object `env` is: never a member of Object. */
export function envValue(env: Env, name: string): string | undefined {
  return Object.hasOwn(env, name) ? env[name] : undefined;
}
