/**
 * Entry point of the sandbox's agent desktop page. The network redirection must be in place before any Flex code
 * runs, so Flex is imported dynamically afterwards rather than at the top of the module.
 */
import { installNetworkRedirect } from './networkRedirect';

installNetworkRedirect();

function showBootFailure(root: HTMLElement, error: unknown): void {
  console.error('[sandbox] Flex failed to start', error);
  const message = document.createElement('pre');
  message.setAttribute('data-sandbox-boot-error', '');
  message.textContent = `Flex failed to start: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(message);
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
import('./bootFlex').then(({ bootFlex }) => bootFlex(root)).catch((error: unknown) => showBootFailure(root, error));
