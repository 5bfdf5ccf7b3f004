export type LogFields = Readonly<Record<string, unknown>>;

/** Structured logging; hosts decide where lines go. Never pass secrets in fields. */
export interface LoggerV1 {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: LoggerV1 = { info: () => {}, warn: () => {}, error: () => {} };
