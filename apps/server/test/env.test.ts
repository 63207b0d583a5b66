import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, isLoopbackHost, loadEnv } from '../src/env.js';

function issuesOf(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).issues.map((issue) => issue.name);
  }
  throw new Error('expected loadEnv to refuse');
}

describe('loadEnv', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadEnv({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      provider: { kind: 'local' },
      concurrency: 2,
      token: undefined,
      logLevel: 'info',
      defaultCharacter: 'every-coon',
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('uses ElevenLabs when a key is set, with its default concurrency', () => {
    const config = loadEnv({
      ELEVENLABS_API_KEY: 'sk_test',
      ELEVENLABS_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(config.provider).toEqual({
      kind: 'elevenlabs',
      apiKey: 'sk_test',
      baseUrl: 'http://127.0.0.1:9',
      modelId: undefined,
    });
    expect(config.concurrency).toBe(4);
  });

  it('keeps the local voice when asked, even with a key', () => {
    expect(loadEnv({ ELEVENLABS_API_KEY: 'sk', TTS_PROVIDER: 'local' }).provider.kind).toBe(
      'local',
    );
  });

  it('listens to takes (QC) when a key is set, unless told not to', () => {
    expect(loadEnv({}).qc).toEqual({ listening: null, autoRegenerate: true });
    expect(loadEnv({ ELEVENLABS_API_KEY: 'sk', TTS_PROVIDER: 'local' }).qc.listening).toEqual({
      apiKey: 'sk',
      baseUrl: undefined,
    });
    expect(loadEnv({ ELEVENLABS_API_KEY: 'sk', QC_LISTENING: 'off' }).qc.listening).toBeNull();
    expect(loadEnv({ QC_AUTO_REGENERATE: 'false' }).qc.autoRegenerate).toBe(false);
    expect(issuesOf({ QC_LISTENING: 'on' })).toEqual(['ELEVENLABS_API_KEY']);
    expect(issuesOf({ QC_LISTENING: 'sometimes' })).toEqual(['QC_LISTENING']);
  });

  it('treats empty values as unset', () => {
    expect(
      loadEnv({ ELEVENLABS_API_KEY: '', STUDIO_TOKEN: '', GENERATION_CONCURRENCY: '' }),
    ).toMatchObject({
      provider: { kind: 'local' },
      token: undefined,
      concurrency: 2,
    });
  });

  it('names every bad value', () => {
    expect(
      issuesOf({
        PORT: 'eighty',
        TTS_PROVIDER: 'espeak',
        GENERATION_CONCURRENCY: '0',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        ELEVENLABS_BASE_URL: 'not a url',
      }).sort(),
    ).toEqual(
      [
        'DATABASE_URL',
        'ELEVENLABS_BASE_URL',
        'GENERATION_CONCURRENCY',
        'LOG_LEVEL',
        'PORT',
        'TTS_PROVIDER',
      ].sort(),
    );
  });

  it('requires a key for TTS_PROVIDER=elevenlabs', () => {
    expect(issuesOf({ TTS_PROVIDER: 'elevenlabs' })).toEqual(['ELEVENLABS_API_KEY']);
  });

  it('refuses a non-loopback host without a token', () => {
    expect(issuesOf({ HOST: '0.0.0.0' })).toEqual(['STUDIO_TOKEN']);
    expect(loadEnv({ HOST: '0.0.0.0', STUDIO_TOKEN: 'a-long-enough-token' }).token).toBe(
      'a-long-enough-token',
    );
  });

  it('refuses a short token', () => {
    expect(issuesOf({ STUDIO_TOKEN: 'short' })).toEqual(['STUDIO_TOKEN']);
  });

  it('refuses a token of only whitespace rather than running without one', () => {
    expect(issuesOf({ STUDIO_TOKEN: '   ' })).toEqual(['STUDIO_TOKEN']);
    expect(issuesOf({ STUDIO_TOKEN: '\t\n' })).toEqual(['STUDIO_TOKEN']);
  });

  it('reads ALLOWED_HOSTS as lower-case names with optional ports, and refuses anything else', () => {
    expect(loadEnv({}).allowedHosts).toEqual([]);
    expect(
      loadEnv({ ALLOWED_HOSTS: ' Studio.Example.com, [fd00::5]:3000 ,' }).allowedHosts,
    ).toEqual(['studio.example.com', '[fd00::5]:3000']);
    expect(issuesOf({ ALLOWED_HOSTS: 'https://studio.example.com' })).toEqual(['ALLOWED_HOSTS']);
    expect(issuesOf({ ALLOWED_HOSTS: 'studio.example.com/path' })).toEqual(['ALLOWED_HOSTS']);
  });

  it('resolves DATA_DIR against the repository root, not the cwd', () => {
    const config = loadEnv({ DATA_DIR: 'somewhere' });
    expect(config.dataDir).toMatch(/\/somewhere$/);
    expect(config.dataDir).not.toContain('apps/server');
    expect(loadEnv({ DATA_DIR: '/tmp/x' }).dataDir).toBe('/tmp/x');
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.2', false],
    ['::', false],
    ['example.com', false],
  ])('%s → %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
