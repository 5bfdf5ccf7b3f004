import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** What a figure was measured on: printed with every recorded run, since figures mean nothing without it. */
export function machineFacts(): string {
  const processors = cpus();
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(0)} GiB`;
  return [
    `${processors.length} cores (${processors[0]?.model.trim() ?? 'unknown CPU'})`,
    `${gib(totalmem())} memory`,
    `${platform()} ${release()}`,
    `Node.js ${process.versions.node}`,
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' / ')} (1 / 5 / 15 min)`,
  ].join(', ');
}
