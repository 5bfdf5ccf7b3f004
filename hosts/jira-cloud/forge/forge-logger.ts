import type { LogFields, LoggerV1 } from '../../../core';

/** Forge collects console output per invocation (`forge logs`); one JSON object per line keeps fields searchable. */
export function createForgeLogger(source: string): LoggerV1 {
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields) => {
    const line = JSON.stringify({ level, source, message, ...fields });
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
