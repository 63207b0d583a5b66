import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.js';

describe('BatchLoader', () => {
  it('loads what is asked for in one moment together, in batches, each id once', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader(async (ids) => {
      calls.push(ids);
    }, 2);
    for (const id of ['a', 'b', 'a', 'c']) loader.want(id);
    await Promise.resolve();
    expect(calls).toEqual([['a', 'b'], ['c']]);
    loader.want('a');
    loader.forget('b');
    loader.want('b');
    await Promise.resolve();
    expect(calls).toEqual([['a', 'b'], ['c'], ['b']]);
  });
});
