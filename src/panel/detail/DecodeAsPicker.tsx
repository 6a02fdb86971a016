/** "Decode as": the connection's protocol, how it was chosen, and the user's override (kept per socket origin and path). */

import { decoderFor, decoders } from '../decode/registry';
import type { ProtocolId } from '../decode/types';
import type { ConnectionProtocol } from '../state/decoding';
import { chooseProtocol } from '../state/decoding';
import type { Connection } from '../state/model';

const HOW: Record<ConnectionProtocol['by'], string> = {
  subprotocol: 'detected from the negotiated subprotocol',
  url: 'detected from the URL',
  content: 'detected from its first messages',
  fallback: 'nothing detected',
  user: 'your choice for this socket',
  log: 'as the imported log recorded it',
};

interface DecodeAsPickerProps {
  connection: Connection;
  protocol: ProtocolId;
  by: ConnectionProtocol['by'];
}

export function DecodeAsPicker({ connection, protocol, by }: DecodeAsPickerProps) {
  return (
    <p class="decode-as">
      <span>
        {decoderFor(protocol).label} ({HOW[by]})
      </span>{' '}
      <label>
        Decode as{' '}
        <select
          value={by === 'user' ? protocol : ''}
          onChange={(event) => {
            const value = (event.target as HTMLSelectElement).value;
            chooseProtocol(connection, value === '' ? null : (value as ProtocolId));
          }}
        >
          <option value="">Automatic</option>
          {decoders.map((decoder) => (
            <option key={decoder.id} value={decoder.id}>
              {decoder.label}
            </option>
          ))}
        </select>
      </label>
    </p>
  );
}
