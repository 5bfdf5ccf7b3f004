import { createSandbox } from './sandbox/create-sandbox';
import { readSandboxFaultPlan } from './sandbox/sandbox-fault-plan';

// `npm start`: the whole product on this machine. PORT (default 8080), DATA_DIR (default .data) and
// SANDBOX_HOST_NAMES (comma-separated names it answers to besides localhost, 127.0.0.1 and [::1]);
// SANDBOX_KILL_AT (<step>:<n>, for fault tests: see sandbox/sandbox-fault-plan.ts).
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8080);
  const dataDirectory = process.env['DATA_DIR'] ?? '.data';
  const startedAt = performance.now();
  const allowedHostNames = (process.env['SANDBOX_HOST_NAMES'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const faultPlan = readSandboxFaultPlan(process.env['SANDBOX_KILL_AT']);
  const sandbox = await createSandbox({ port, dataDirectory, allowedHostNames, verbose: process.env['LOG_LEVEL'] === 'info', faultPlan });
  const lines = sandbox.description.instances.map((instance) => `  ${instance.id.padEnd(22)} ${instance.public ? 'public ' : 'private'}  ${instance.console}`);
  process.stdout.write(
    `Exalate sandbox ready in ${Math.round(performance.now() - startedAt)} ms at ${sandbox.baseUrl}/\n${lines.join('\n')}\n` +
      `Instances, URLs and admin tokens: ${sandbox.baseUrl}/sandbox.json · state in ${dataDirectory}\n`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
    process.stderr.write('Another program uses that port; start with PORT=8081 npm start.\n');
  process.exit(1);
});
