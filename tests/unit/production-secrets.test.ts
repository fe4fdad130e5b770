import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  REQUIRED_SECRETS,
  assertProductionSecrets,
  findEnvExample,
  parseEnvFile,
  productionSecretProblems,
} from '../../src/bootstrap/production-secrets';
import { APP_DIR } from '../setup/env';
import { randomSecrets } from '../../scripts/lib/secrets';

const EXAMPLE_FILE = path.join(APP_DIR, '.env.example');
const examples = parseEnvFile(fs.readFileSync(EXAMPLE_FILE, 'utf8')) as Record<string, string>;

const goodSecrets = () =>
  Object.fromEntries(REQUIRED_SECRETS.map((name) => [name, name === 'APP_KEYS' ? 'k1-9f8e7d,k2-6c5b4a' : `${name}-a1b2c3d4e5`]));

describe('production secrets', () => {
  it('reads every required secret from .env.example', () => {
    for (const name of REQUIRED_SECRETS) expect(examples[name]).toEqual(expect.any(String));
    expect(examples.APP_KEYS.split(',').length).toBeGreaterThan(1);
  });

  it('accepts real values', () => {
    expect(productionSecretProblems(goodSecrets(), examples)).toEqual([]);
  });

  it.each(REQUIRED_SECRETS)('names %s when it is missing, empty or the example value', (name) => {
    const missing = { ...goodSecrets(), [name]: undefined };
    expect(productionSecretProblems(missing, examples)).toEqual([`${name} is not set`]);
    expect(productionSecretProblems({ ...goodSecrets(), [name]: '  ' }, examples)).toEqual([`${name} is not set`]);
    const example = { ...goodSecrets(), [name]: examples[name] };
    expect(productionSecretProblems(example, examples)).toEqual([expect.stringContaining(`${name} is the example value`)]);
  });

  it('refuses an example key among real APP_KEYS, and an empty key', () => {
    const exampleKey = examples.APP_KEYS.split(',')[1];
    expect(productionSecretProblems({ ...goodSecrets(), APP_KEYS: `real-key-1,${exampleKey}` }, examples)).toHaveLength(1);
    expect(productionSecretProblems({ ...goodSecrets(), APP_KEYS: 'real-key-1,' }, examples)).toHaveLength(1);
  });

  it('accepts INITIAL_ADMIN_PASSWORD left out, refuses it as the example value', () => {
    expect(examples.INITIAL_ADMIN_PASSWORD).toEqual(expect.any(String));
    expect(productionSecretProblems({ ...goodSecrets(), INITIAL_ADMIN_PASSWORD: 'A-real-one-42' }, examples)).toEqual([]);
    expect(productionSecretProblems({ ...goodSecrets(), INITIAL_ADMIN_PASSWORD: examples.INITIAL_ADMIN_PASSWORD }, examples)).toEqual([
      expect.stringContaining('INITIAL_ADMIN_PASSWORD is the example value'),
    ]);
  });

  it('lists every bad variable at once', () => {
    const problems = productionSecretProblems({ ...goodSecrets(), JWT_SECRET: undefined, ENCRYPTION_KEY: examples.ENCRYPTION_KEY }, examples);
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(['JWT_SECRET', 'ENCRYPTION_KEY']);
  });

  it('parses dotenv lines: comments, quotes, "=" inside values', () => {
    expect(parseEnvFile('# c\n\nA=1\nexport B="x=y"\nC=\'z\'\nnot a line\n')).toEqual({ A: '1', B: 'x=y', C: 'z' });
  });

  it('finds .env.example from src/config and from dist/src/config', () => {
    expect(findEnvExample(path.join(APP_DIR, 'src', 'config'))).toBe(EXAMPLE_FILE);
    expect(findEnvExample(path.join(APP_DIR, 'dist', 'src', 'config'))).toBe(EXAMPLE_FILE);
  });

  it('throws only in production, naming the variable', () => {
    const unsafe = { ...goodSecrets(), ADMIN_JWT_SECRET: examples.ADMIN_JWT_SECRET };
    expect(() => assertProductionSecrets({ ...unsafe, NODE_ENV: 'development' }, EXAMPLE_FILE)).not.toThrow();
    expect(() => assertProductionSecrets({ ...unsafe, NODE_ENV: 'test' }, EXAMPLE_FILE)).not.toThrow();
    expect(() => assertProductionSecrets({ ...unsafe, NODE_ENV: 'production' }, EXAMPLE_FILE)).toThrow(/ADMIN_JWT_SECRET/);
    expect(() => assertProductionSecrets({ ...goodSecrets(), NODE_ENV: 'production' }, EXAMPLE_FILE)).not.toThrow();
    expect(() => assertProductionSecrets({ ...goodSecrets(), NODE_ENV: 'production' }, null)).toThrow(/\.env\.example was not found/);
  });

  it('randomSecrets gives every required secret a fresh value that passes the production check', () => {
    const first = randomSecrets();
    expect(Object.keys(first).sort()).toEqual([...REQUIRED_SECRETS].sort());
    expect(productionSecretProblems(first, examples)).toEqual([]);
    expect(randomSecrets().JWT_SECRET).not.toBe(first.JWT_SECRET);
  });

  it('the development .env written by scripts/ensure-env.js passes the production check', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pcms-env-'));
    fs.mkdirSync(path.join(dir, 'scripts'));
    fs.mkdirSync(path.join(dir, 'scripts', 'lib'));
    for (const file of ['ensure-env.js', 'lib/secrets.js']) fs.copyFileSync(path.join(APP_DIR, 'scripts', file), path.join(dir, 'scripts', file));
    execFileSync(process.execPath, [path.join(dir, 'scripts', 'ensure-env.js')], { stdio: 'ignore' });
    const written = parseEnvFile(fs.readFileSync(path.join(dir, '.env'), 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(productionSecretProblems(written, examples)).toEqual([]);
  });
});
