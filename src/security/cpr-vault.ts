// CPR numbers at rest: AES-256-GCM encryption for the number itself, and an HMAC-SHA-256
// keyed hash so that a caseworker can find a person by CPR number without the database ever
// holding the number in clear. Both sub-keys are derived (HKDF) from one master key that lives
// outside the database: MEDBORGER_CPR_KEY, or on the embedded default a key file generated on
// first run in the data directory beside (not inside) the database files.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.js';

const FORMAT_VERSION = 1;

export class CprVault {
  private readonly encKey: Buffer;
  private readonly hashKey: Buffer;
  /** Identifies the master key without revealing it; stored in the database to catch a wrong key. */
  readonly fingerprint: string;

  private readonly master: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new ConfigError('The CPR key must be 32 bytes (base64 of 32 random bytes).');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'medborger cpr encryption v1', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'medborger cpr search hash v1', 32));
    this.fingerprint = createHmac('sha256', masterKey)
      .update('medborger key fingerprint')
      .digest('base64url')
      .slice(0, 16);
    this.master = Buffer.from(masterKey);
  }

  /** A key for another purpose (e.g. signing session cookies), derived so it never equals the CPR keys. */
  deriveKey(label: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `medborger ${label} v1`, 32));
  }

  /** version(1) | iv(12) | tag(16) | ciphertext */
  encrypt(normalized: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Uint8Array): string {
    const buf = Buffer.from(sealed);
    if (buf[0] !== FORMAT_VERSION) throw new Error('Unknown CPR cipher format.');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, buf.subarray(1, 13));
    decipher.setAuthTag(buf.subarray(13, 29));
    return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of the normalised number: equal numbers, equal hashes; useless without the key. */
  searchHash(normalized: string): Buffer {
    return createHmac('sha256', this.hashKey).update(normalized).digest();
  }
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * The master key: from configuration, else (embedded only) the key file in the data directory,
 * created on first run with owner-only permissions.
 */
export function resolveCprKey(options: { cprKey: string | undefined; dataDir: string; embedded: boolean }): Buffer {
  if (options.cprKey) {
    const key = Buffer.from(options.cprKey, 'base64');
    if (key.length !== 32)
      throw new ConfigError('MEDBORGER_CPR_KEY must be base64 of exactly 32 bytes (e.g. `openssl rand -base64 32`).');
    return key;
  }
  if (!options.embedded) {
    throw new ConfigError(
      'MEDBORGER_CPR_KEY must be set when DATABASE_URL is used: CPR numbers are encrypted with it. Generate one with `openssl rand -base64 32` and keep it outside the database.',
    );
  }
  const file = path.join(options.dataDir, 'cpr.key');
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, generateKey() + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`The key file ${file} does not hold base64 of 32 bytes.`);
  return key;
}
