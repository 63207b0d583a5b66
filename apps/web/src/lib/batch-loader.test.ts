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

  it('loads a list at once, and not again when asked for in the same moment', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader(async (ids) => {
      calls.push(ids);
    }, 10);
    loader.loadNow(['a', 'b']);
    expect(calls).toEqual([['a', 'b']]);
    loader.want('a');
    loader.want('c');
    loader.loadNow(['b']);
    await Promise.resolve();
    expect(calls).toEqual([['a', 'b'], ['c']]);
  });
});
