import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CprVault, resolveCprKey } from '../src/security/cpr-vault.js';

describe('CPR vault', () => {
  test('a CPR number round-trips through encryption, and the ciphertext never contains it', () => {
    const vault = new CprVault(randomBytes(32));
    const sealed = vault.encrypt('0101901234');
    assert.equal(vault.decrypt(sealed), '0101901234');
    assert.ok(!sealed.toString('latin1').includes('0101901234'));
    assert.notDeepEqual(vault.encrypt('0101901234'), sealed, 'a fresh IV each time');
  });

  test('the search hash is stable under one key and differs under another', () => {
    const key = randomBytes(32);
    assert.deepEqual(new CprVault(key).searchHash('0101901234'), new CprVault(key).searchHash('0101901234'));
    assert.notDeepEqual(
      new CprVault(randomBytes(32)).searchHash('0101901234'),
      new CprVault(key).searchHash('0101901234'),
    );
  });

  test('a number sealed under one key cannot be opened with another', () => {
    const sealed = new CprVault(randomBytes(32)).encrypt('0101901234');
    assert.throws(() => new CprVault(randomBytes(32)).decrypt(sealed));
  });

  test('the embedded default generates a key file on first run, owner-only, and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medborger-key-'));
    try {
      const a = resolveCprKey({ cprKey: undefined, dataDir: dir, embedded: true });
      const b = resolveCprKey({ cprKey: undefined, dataDir: dir, embedded: true });
      assert.deepEqual(a, b);
      assert.equal(statSync(path.join(dir, 'cpr.key')).mode & 0o777, 0o600);
      assert.equal(Buffer.from(readFileSync(path.join(dir, 'cpr.key'), 'utf8').trim(), 'base64').length, 32);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL without a configured key is refused with advice', () => {
    assert.throws(
      () => resolveCprKey({ cprKey: undefined, dataDir: '/nonexistent', embedded: false }),
      /MEDBORGER_CPR_KEY/,
    );
    assert.throws(() => resolveCprKey({ cprKey: 'c2hvcnQ=', dataDir: '/nonexistent', embedded: false }), /32 bytes/);
  });
});
