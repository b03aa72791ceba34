/// <reference types="node" />
import { GIFEncoder, applyPalette, quantize } from 'gifenc';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';

/** Records a page into an animated GIF, one screenshot per frame. */
export class GifRecorder {
  private readonly encoder = GIFEncoder();
  private frames = 0;

  constructor(
    private readonly page: Page,
    private readonly clip?: { x: number; y: number; width: number; height: number },
  ) {}

  /** Adds the page as it looks now, shown for `delayMs` in the GIF. */
  async frame(delayMs: number): Promise<void> {
    const png = PNG.sync.read(await this.page.screenshot({ type: 'png', clip: this.clip }));
    const palette = quantize(png.data, 256);
    this.encoder.writeFrame(applyPalette(png.data, palette), png.width, png.height, { palette, delay: delayMs });
    this.frames += 1;
  }

  /** Records a frame every `everyMs` for `forMs` of real time. */
  async record(forMs: number, everyMs: number): Promise<void> {
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      const started = Date.now();
      await this.frame(everyMs);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (Date.now() - started))));
    }
  }

  finish(): { bytes: Uint8Array; frames: number } {
    this.encoder.finish();
    return { bytes: this.encoder.bytes(), frames: this.frames };
  }
}
