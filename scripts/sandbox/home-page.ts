import type { SandboxDescription } from './sandbox-description';

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The sandbox's front page: every instance with its console, node and tracker, one click away. */
export function renderHomePage(description: SandboxDescription, titles: ReadonlyMap<string, string>): string {
  const rows = description.instances
    .map(
      (instance) => `<tr>
        <td><strong>${escape(titles.get(instance.id) ?? instance.id)}</strong><br><code>${escape(instance.id)}</code></td>
        <td>${instance.public ? 'Public' : 'Private (no inbound URL)'}</td>
        <td><a href="${escape(instance.console)}">Open the Exalate console</a></td>
        <td><a href="/${escape(instance.id)}/projects">Projects and items</a></td>
        <td>${instance.url ? `<code>${escape(instance.url)}</code>` : '<em>none: it calls out</em>'}</td>
        <td><a href="${escape(instance.adminApi)}/openapi.json">openapi.json</a></td>
      </tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exalate sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f7f8f9;color:#172b4d}
 header{background:#0c66e4;color:#fff;padding:16px 32px}h1{margin:0;font-size:20px}
 main{padding:24px 32px;max-width:1100px}table{border-collapse:collapse;width:100%;background:#fff;box-shadow:0 1px 2px #091e4240}
 th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #dfe1e6;vertical-align:top}th{font-size:12px;color:#626f86;text-transform:uppercase}
 a{color:#0c66e4}code{font-size:12px;background:#f1f2f4;padding:1px 4px;border-radius:3px}
</style></head><body><header><h1>Exalate sandbox</h1></header><main>
<p>Every tracker is emulated on this machine, each with its own sync node and console. Initiate a connection on one console, copy the invitation code, and accept it on another. Then open an instance's projects, create or edit an item, and watch it sync from the Exalate panel on the item.</p>
<table><thead><tr><th>Instance</th><th>Network</th><th>Console</th><th>Items</th><th>Destination Instance URL</th><th>Admin API</th></tr></thead><tbody>${rows}</tbody></table>
<p>Machine-readable: <a href="/sandbox.json">/sandbox.json</a> (admin tokens included: this sandbox is for local use).</p>
</main></body></html>`;
}
