import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { readConsoleConfiguration } from './console-configuration';
import { ConsoleRoot } from './console-root';

// The browser entry of the Exalate console, bundled by console-routes.ts (and scripts/build.ts).
const container = document.getElementById('root');
if (container) {
  const configuration = readConsoleConfiguration(window.exalateConsole);
  if (configuration.ok) {
    createRoot(container).render(createElement(ConsoleRoot, { configuration: configuration.value }));
  } else {
    container.textContent = configuration.message;
  }
}
