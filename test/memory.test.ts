import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../src/memory.js';

describe('collectGarbage', () => {
  it('collects what nothing holds any more, at once', async () => {
    let held: object | undefined = { big: new Array(1000).fill('x') };
    const ref = new WeakRef(held);
    held = undefined;
    // A WeakRef's target is kept until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect(held).toBeUndefined();
  });
});
