import { trackerKinds } from '../trackers';
import { basicModeScripts } from './basic-mode-scripts';
import { defaultScripts } from './default-scripts';

/**
 * Whether a script is one the product wrote, word for word: a default script or a Basic-mode
 * script of some pair of trackers. A host may run such a script outside the interpreter (the node
 * runs it in V8, hosts/node/script-sandbox/product-script-runner.ts), because no admin wrote any
 * of it; every other script, however close to these, runs in the sandbox with its limits.
 */
export function isProductScript(script: string): boolean {
  productScripts ??= productScriptTexts();
  return productScripts.has(script);
}

let productScripts: ReadonlySet<string> | undefined;

function productScriptTexts(): ReadonlySet<string> {
  const texts = new Set<string>();
  for (const local of trackerKinds) {
    for (const remote of trackerKinds) {
      for (const scripts of [defaultScripts(local, remote), basicModeScripts(local, remote)]) {
        texts.add(scripts.outgoing);
        texts.add(scripts.incoming);
      }
    }
  }
  return texts;
}
