/**
 * A page of results with links to its neighbours, like the real SDK's RestPaginator: `items` of the current page,
 * `hasNextPage` / `hasPrevPage`, and `nextPage()` / `prevPage()` that fetch a new paginator without changing this one
 * (and reject with "No next page" / "No previous page" when there is none, as the real one does).
 */
import { noPageError } from './errors';
import type { RealPaginator } from './realTypes';

/** Loads a neighbouring page; absent when there is none. */
export type PageLoader<T> = () => Promise<RestPaginator<T>>;

export class RestPaginator<T> implements RealPaginator<T> {
  private readonly pageItems: T[];

  constructor(
    items: readonly T[],
    private readonly loadNext: PageLoader<T> | null,
    private readonly loadPrev: PageLoader<T> | null,
  ) {
    this.pageItems = [...items];
  }

  /** A single page with no neighbours. */
  static of<T>(items: readonly T[]): RestPaginator<T> {
    return new RestPaginator(items, null, null);
  }

  get items(): T[] {
    return this.pageItems;
  }

  get hasNextPage(): boolean {
    return this.loadNext !== null;
  }

  get hasPrevPage(): boolean {
    return this.loadPrev !== null;
  }

  nextPage(): Promise<RestPaginator<T>> {
    return this.loadNext ? this.loadNext() : Promise.reject(noPageError('next'));
  }

  prevPage(): Promise<RestPaginator<T>> {
    return this.loadPrev ? this.loadPrev() : Promise.reject(noPageError('previous'));
  }
}
