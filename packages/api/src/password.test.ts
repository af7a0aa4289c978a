import { scryptSync } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { generatePassword, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  test('a hash verifies its password and nothing else', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  test('the stored string carries scheme, parameters and a random salt; never the password', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
    const [scheme, n, r, p, salt, hash] = a.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64url')).toHaveLength(64);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  test('verification uses the parameters stored with the hash', async () => {
    // A hash made with other parameters (as older or stronger settings would store) still verifies.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('pw with other cost', salt, 32, { N: 1024, r: 4, p: 2 });
    const stored = ['scrypt', 1024, 4, 2, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('pw with other cost', stored)).toBe(true);
    expect(await verifyPassword('pw with other cost', stored.replace('scrypt$1024$', 'scrypt$2048$'))).toBe(false);
  });

  test('a malformed stored hash never matches', async () => {
    for (const bad of ['', 'plain', 'scrypt$x$8$1$c2FsdA$aGFzaA', 'bcrypt$16384$8$1$c2FsdA$aGFzaA', 'scrypt$16384$8$1$$']) {
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
  });

  test('generated passwords are long and different', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
