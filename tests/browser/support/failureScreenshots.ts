import type { AgentPage } from './sandboxSession';

/**
 * Runs a test body and, if it fails, saves a screenshot of every agent page it opened (test-results/browser/), so a
 * red CI run shows what Flex looked like.
 */
export async function withScreenshots(
  name: string,
  pages: () => readonly AgentPage[],
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await Promise.all(pages().map((page, i) => page.screenshot(`${slug}-${i}`).catch(() => undefined)));
    throw error;
  }
}
