/** A bad setting: the start stops with its message, one line naming the variable. */
export class ConfigError extends Error {}
