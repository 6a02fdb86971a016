/**
 * A Node script (the `ws` package) that replays a connection: it opens the URL with its subprotocols
 * and sends the captured messages in order, text as text and binary as bytes, waiting the captured time
 * between them, then closes. Captured data only ever appears inside string literals made by jsString.
 */
import { jsString } from './js-string';
import { describePlan, type ReplayPlan } from './replay-plan';

function messageLine({ delayMs, body }: ReplayPlan['messages'][number]): string {
  return 'text' in body ? `  [${delayMs}, "text", ${jsString(body.text)}],` : `  [${delayMs}, "base64", ${jsString(body.base64)}],`;
}

export function nodeScript(plan: ReplayPlan): string {
  return [
    ...describePlan(plan).map((line) => `// ${line}`),
    '// Run it with Node 18 or later: npm install ws && node replay.js',
    "'use strict';",
    "const WebSocket = require('ws');",
    '',
    `const url = ${jsString(plan.url)};`,
    `const protocols = [${plan.protocols.map(jsString).join(', ')}];`,
    '// [milliseconds after the previous message, "text" or "base64" (binary), data]',
    'const messages = [',
    ...plan.messages.map(messageLine),
    '];',
    '',
    'const socket = new WebSocket(url, protocols);',
    "socket.on('error', (error) => {",
    '  console.error(String(error));',
    '  process.exitCode = 1;',
    '});',
    "socket.on('open', () => {",
    '  let next = 0;',
    '  const sendNext = () => {',
    '    if (next === messages.length) return socket.close(1000);',
    '    const [delay, kind, data] = messages[next++];',
    '    setTimeout(() => {',
    "      const binary = kind === 'base64';",
    "      socket.send(binary ? Buffer.from(data, 'base64') : data, { binary }, (error) => {",
    '        if (error) {',
    '          console.error(String(error));',
    '          process.exitCode = 1;',
    '        } else sendNext();',
    '      });',
    '    }, delay);',
    '  };',
    '  sendNext();',
    '});',
    "socket.on('close', (code) => console.log('closed with code', code, 'after', messages.length, 'messages'));",
    '',
  ].join('\n');
}
