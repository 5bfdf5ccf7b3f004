import type { LogFields, LoggerV1 } from '../../core';

/** One JSON line per event on stderr, tagged with the node's name; what a log collector expects. */
export function createConsoleLogger(name: string, options: { quiet?: boolean } = {}): LoggerV1 {
  const write = (level: string, message: string, fields?: LogFields) => {
    if (options.quiet && level === 'info') return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, node: name, message, ...fields })}\n`);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
