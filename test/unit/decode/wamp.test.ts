import { describe, expect, it } from 'vitest';
import { wamp } from '../../../src/panel/decode/protocols/wamp';
import { errorOf, messagesOf, only, preview, received, sent, summaries } from './decode-helpers';

// Messages as the WAMP v2 basic profile writes them (autobahn-js against a router such as Crossbar).
describe('wamp: session', () => {
  it('pairs HELLO with WELCOME, and ABORT is an error answer', () => {
    const hello = only(wamp, sent('[1,"realm1",{"roles":{"caller":{},"subscriber":{}},"authmethods":["anonymous"]}]'));
    expect(hello.summary).toBe('HELLO realm1');
    expect(hello.pair).toEqual({ key: 'wamp:send:session', role: 'request', name: 'HELLO' });
    const welcome = only(wamp, received('[2,2412941290462934,{"roles":{"broker":{},"dealer":{}},"authrole":"anonymous"}]'));
    expect(welcome.summary).toBe('WELCOME session 2412941290462934');
    expect(welcome.pair).toEqual({ key: 'wamp:send:session', role: 'response' });
    expect(only(wamp, received('[3,{"message":"no realm"},"wamp.error.no_such_realm"]'))).toMatchObject({
      summary: 'ABORT wamp.error.no_such_realm',
      pair: { key: 'wamp:send:session', role: 'response', error: true },
    });
    expect(only(wamp, sent('[6,{},"wamp.close.close_realm"]')).summary).toBe('GOODBYE wamp.close.close_realm');
  });
});

describe('wamp: RPC', () => {
  it('pairs CALL with RESULT by request id', () => {
    const call = only(wamp, sent('[48,7,{},"com.app.add",[23,7]]'));
    expect(call.summary).toBe('CALL com.app.add #7');
    expect(call.fields).toEqual({ type: 'CALL', method: 'com.app.add', id: '7' });
    expect(call.pair).toEqual({ key: 'wamp:send:CALL:7', role: 'request', name: 'com.app.add' });
    const result = only(wamp, received('[50,7,{},[30]]'));
    expect(result.summary).toBe('RESULT #7');
    expect(result.pair).toEqual({ key: 'wamp:send:CALL:7', role: 'response' });
    expect(result.body).toEqual([50, 7, {}, [30]]);
  });

  it('keeps an exchange open on progressive results', () => {
    expect(only(wamp, received('[50,7,{"progress":true},[10]]')).pair).toEqual({ key: 'wamp:send:CALL:7', role: 'next' });
  });

  it('reads ERROR as the error answer of the request type it names', () => {
    const error = only(wamp, received('[8,48,7,{},"wamp.error.no_such_procedure"]'));
    expect(error.summary).toBe('ERROR CALL #7 wamp.error.no_such_procedure');
    expect(error.pair).toEqual({ key: 'wamp:send:CALL:7', role: 'response', error: true });
  });

  it('pairs REGISTER/REGISTERED and, the other way, INVOCATION received with YIELD sent', () => {
    expect(only(wamp, sent('[64,25349185,{},"com.app.add"]')).pair).toEqual({
      key: 'wamp:send:REGISTER:25349185',
      role: 'request',
      name: 'com.app.add',
    });
    expect(only(wamp, received('[65,25349185,2103333224]'))).toMatchObject({
      summary: 'REGISTERED #25349185 reg 2103333224',
      pair: { key: 'wamp:send:REGISTER:25349185', role: 'response' },
    });
    const invocation = only(wamp, received('[68,6131533,2103333224,{},[23,7]]'));
    expect(invocation.summary).toBe('INVOCATION #6131533 reg 2103333224');
    expect(invocation.pair).toEqual({ key: 'wamp:recv:INVOCATION:6131533', role: 'request', name: 'registration 2103333224' });
    expect(only(wamp, sent('[70,6131533,{},[30]]')).pair).toEqual({ key: 'wamp:recv:INVOCATION:6131533', role: 'response' });
    expect(only(wamp, sent('[8,68,6131533,{},"com.app.error"]')).pair).toEqual({
      key: 'wamp:recv:INVOCATION:6131533',
      role: 'response',
      error: true,
    });
  });

  it('names CANCEL and INTERRUPT without pairing them', () => {
    expect(only(wamp, sent('[49,7,{"mode":"kill"}]'))).toMatchObject({ summary: 'CANCEL #7' });
    expect(only(wamp, sent('[49,7,{"mode":"kill"}]')).pair).toBeUndefined();
    expect(only(wamp, received('[69,6131533,{}]')).summary).toBe('INTERRUPT #6131533');
  });
});

describe('wamp: PubSub', () => {
  it('pairs SUBSCRIBE with SUBSCRIBED and names EVENTs by subscription', () => {
    const subscribe = only(wamp, sent('[32,713845233,{},"com.app.topic1"]'));
    expect(subscribe.summary).toBe('SUBSCRIBE com.app.topic1 #713845233');
    expect(subscribe.fields.topic).toBe('com.app.topic1');
    expect(subscribe.pair).toEqual({ key: 'wamp:send:SUBSCRIBE:713845233', role: 'request', name: 'com.app.topic1' });
    expect(only(wamp, received('[33,713845233,5512315355]')).summary).toBe('SUBSCRIBED #713845233 sub 5512315355');
    const event = only(wamp, received('[36,5512315355,4429313566,{},["Hello"]]'));
    expect(event.summary).toBe('EVENT sub 5512315355');
    expect(event.fields).toEqual({ type: 'EVENT', id: '5512315355' });
    expect(event.pair).toBeUndefined();
  });

  it('pairs PUBLISH with PUBLISHED only when it asks for an acknowledgement', () => {
    expect(only(wamp, sent('[16,239714735,{"acknowledge":true},"com.app.topic1",["Hello"]]')).pair).toEqual({
      key: 'wamp:send:PUBLISH:239714735',
      role: 'request',
      name: 'com.app.topic1',
    });
    expect(only(wamp, sent('[16,239714736,{},"com.app.topic1",["Hello"]]')).pair).toBeUndefined();
    expect(only(wamp, received('[17,239714735,4429313566]')).pair).toEqual({ key: 'wamp:send:PUBLISH:239714735', role: 'response' });
  });

  it('pairs UNSUBSCRIBE with UNSUBSCRIBED', () => {
    expect(only(wamp, sent('[34,85346237,5512315355]')).pair).toEqual({
      key: 'wamp:send:UNSUBSCRIBE:85346237',
      role: 'request',
      name: 'UNSUBSCRIBE',
    });
    expect(only(wamp, received('[35,85346237]')).pair).toEqual({ key: 'wamp:send:UNSUBSCRIBE:85346237', role: 'response' });
  });
});

describe('wamp: batched, previews and malformed messages', () => {
  it('reads wamp.2.json.batched frames, each message ended by 0x1E', () => {
    expect(summaries(wamp, received('[50,7,{},[30]]\u001e[36,5,6,{}]\u001e'))).toEqual(['RESULT #7', 'EVENT sub 5']);
  });

  it('reads the code, id and URI of a long CALL from its preview', () => {
    const result = wamp.decode(preview('send', `[48,7,{"receive_progress":true},"com.app.upload",["${'u'.repeat(3000)}"]]`), {});
    expect(result).toMatchObject({ ok: true, partial: true });
    expect(result.ok && result.messages[0].pair).toEqual({ key: 'wamp:send:CALL:7', role: 'request', name: 'com.app.upload' });
    const progress = wamp.decode(preview('recv', `[50,7,{"progress":true},["${'r'.repeat(3000)}"]]`), {});
    expect(progress.ok && progress.messages[0].pair?.role).toBe('next');
    expect(errorOf(wamp, preview('recv', `[36,"x",${'1,'.repeat(1000)}1]`))).toMatch(/does not show the message code/);
  });

  it.each([
    ['[]', /non-empty JSON array/],
    ['{"a":1}', /non-empty JSON array/],
    ['[99,1]', /unknown message code 99/],
    ['["constructor",1]', /unknown message code "constructor"/],
    ['[48,7,{}]', /CALL has 2 elements after its code, not 3–5/],
    ['[48,"7",{},"com.app.add"]', /CALL element 1 is not an id/],
    ['[48,-1,{},"com.app.add"]', /CALL element 1 is not an id/],
    ['[48,7,[],"com.app.add"]', /CALL element 2 is not a dict/],
    ['[48,7,{},42]', /CALL element 3 is not a URI/],
    ['[48,7,{},"p",{"kw":1}]', /CALL element 4 is not an array/],
    ['[17,1,2,3]', /PUBLISHED has 3 elements after its code, not 2/],
    ['[50,7,{},[30]]\u001e[1]\u001e', /^message 2: HELLO has 0 elements/],
    ['[48,7,', /invalid JSON/],
  ])('rejects %j', (text, error) => {
    expect(errorOf(wamp, received(text))).toMatch(error);
  });

  it('caps a batched frame of 5,000 messages', () => {
    expect(messagesOf(wamp, received('[36,5,6,{}]\u001e'.repeat(5000)))).toHaveLength(1001);
  });

  it('is chosen by its subprotocols and sniffs well-formed messages only', () => {
    expect(wamp.subprotocols).toEqual(['wamp.2.json', 'wamp.2.json.batched']);
    expect(wamp.sniff?.(sent('[1,"realm1",{}]'))).toBe(true);
    expect(wamp.sniff?.(received('[36,5,6,{},["x"]]'))).toBe(true);
    expect(wamp.sniff?.(received('[1,2,3]'))).toBe(false);
    expect(wamp.sniff?.(received('["3","3","room:lobby","phx_join",{}]'))).toBe(false);
  });
});
