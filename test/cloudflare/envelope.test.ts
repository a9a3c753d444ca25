import { describe, expect, it } from 'vitest';
import { errorCodes, hasErrorCode, parseEnvelope } from '../../src/cloudflare/envelope.js';

const JSON_TYPE = 'application/json';

describe('parseEnvelope', () => {
  it('reads a success answer with result_info', () => {
    const body = JSON.stringify({
      success: true,
      errors: [],
      messages: [{ code: 10000, message: 'This API Token is valid and active' }],
      result: [{ id: 'a1' }],
      result_info: { page: 1, per_page: 50, count: 1, total_count: 1, total_pages: 1 },
    });
    expect(parseEnvelope(200, body, JSON_TYPE)).toEqual({
      ok: true,
      answer: {
        status: 200,
        success: true,
        errors: [],
        messages: [{ code: 10000, message: 'This API Token is valid and active' }],
        result: [{ id: 'a1' }],
        resultInfo: { page: 1, per_page: 50, count: 1, total_count: 1, total_pages: 1 },
      },
    });
  });

  it('reads a 4xx error answer and defaults what is missing', () => {
    const body = JSON.stringify({ success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] });
    const parsed = parseEnvelope(401, body, JSON_TYPE);
    expect(parsed).toEqual({
      ok: true,
      answer: { status: 401, success: false, errors: [{ code: 1000, message: 'Invalid API Token' }], messages: [], result: null },
    });
  });

  it('derives total_pages when a list leaves it out', () => {
    const body = JSON.stringify({ success: true, errors: [], result: [], result_info: { page: 1, per_page: 5, count: 5, total_count: 12 } });
    const parsed = parseEnvelope(200, body, JSON_TYPE);
    expect(parsed.ok && parsed.answer.resultInfo?.total_pages).toBe(3);
  });

  it.each([
    ['an HTML page', '<!doctype html><title>Login</title>', 'text/html', 'html'],
    ['HTML without a content type', '  <html></html>', null, 'html'],
    ['JSON that is not the envelope', '{"message":"hello"}', JSON_TYPE, 'json'],
    ['success that is not a boolean', '{"success":"true","errors":[]}', JSON_TYPE, 'json'],
    ['no errors array', '{"success":true,"result":{}}', JSON_TYPE, 'json'],
    ['a JSON array', '[1,2]', JSON_TYPE, 'json'],
    ['plain text', 'upstream connect error', 'text/plain', 'text'],
    ['nothing', '  ', JSON_TYPE, 'empty'],
  ])('rejects %s', (_name, body, type, kind) => {
    expect(parseEnvelope(200, body, type)).toEqual({ ok: false, kind });
  });
});

describe('hasErrorCode', () => {
  const answer = {
    errors: [
      { code: 6003, message: 'Invalid request headers', error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }] },
    ],
  };
  it('finds a top-level code and one in error_chain', () => {
    expect(hasErrorCode(answer, 6003)).toBe(true);
    expect(hasErrorCode(answer, 6111)).toBe(true);
    expect(hasErrorCode(answer, 1000)).toBe(false);
    expect(errorCodes(answer)).toEqual([6003, 6111]);
  });
});
