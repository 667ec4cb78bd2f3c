import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signKlingJwt } from './kling-auth';

describe('signKlingJwt', () => {
  it('builds the HS256 token Kling documents (checked against node:crypto)', async () => {
    const token = await signKlingJwt({ accessKey: 'AK', secretKey: 'SK', nowSeconds: 1781080794 });
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toStrictEqual({ alg: 'HS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toStrictEqual({
      iss: 'AK',
      exp: 1781080794 + 1800,
      nbf: 1781080794 - 5,
    });
    expect(signature).toBe(createHmac('sha256', 'SK').update(`${header}.${payload}`).digest('base64url'));
    expect(token).not.toMatch(/[=+/]/);
  });
});
