/** A console check list for scripts: one PASS/FAIL line per check, as CI's `N passed, N failed` summary counts them. */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export class Checks {
  readonly all: Check[] = [];

  record(name: string, ok: boolean, detail = ''): void {
    this.all.push({ name, ok, detail });
    console.info(`${ok ? 'PASS' : 'FAIL'} ${name}${detail === '' ? '' : `: ${detail}`}`);
  }

  async step(name: string, run: () => Promise<string | void>): Promise<void> {
    try {
      this.record(name, true, (await run()) ?? '');
    } catch (error) {
      this.record(name, false, error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error));
    }
  }
}
