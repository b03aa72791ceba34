/** Whether the agent can see this page, and when that changes. */
export interface PageVisibility {
  isVisible(): boolean;
  /** Calls `listener` whenever the page becomes visible; returns the way to stop. */
  onVisible(listener: () => void): () => void;
}

/** The document's visibility; a page without a document counts as visible and never changes. */
export const documentVisibility: PageVisibility = {
  isVisible: () => typeof document === 'undefined' || document.visibilityState === 'visible',
  onVisible(listener) {
    if (typeof document === 'undefined') return () => undefined;
    const handler = (): void => {
      if (document.visibilityState === 'visible') listener();
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  },
};
