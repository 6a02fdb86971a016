/**
 * Protobuf needs its schema: load a .proto file or a binary descriptor set, then pick the message type
 * of each direction of this connection. The schema loader (protobufjs's full build) loads on first use.
 */
import { useState } from 'preact/hooks';
import type { Connection } from '../state/model';
import { type ProtobufSetting, protobufSettings, setProtobuf } from '../state/protobuf-choices';

const MAX_SCHEMA_BYTES = 4 * 1024 * 1024;

async function readSchema(file: File): Promise<string | Uint8Array> {
  if (file.size > MAX_SCHEMA_BYTES) throw new Error(`the file is ${file.size.toLocaleString('en-US')} bytes; at most 4 MiB`);
  return /\.proto$/i.test(file.name) ? file.text() : new Uint8Array(await file.arrayBuffer());
}

function TypeSelect({ setting, dir, connection }: { setting: ProtobufSetting; dir: 'send' | 'recv'; connection: Connection }) {
  const [error, setError] = useState<string | null>(null);
  const current = setting[dir];
  return (
    <label>
      {dir === 'send' ? 'Sent messages are' : 'Received messages are'}{' '}
      <select
        value={current?.name ?? ''}
        onChange={async (event) => {
          const name = (event.target as HTMLSelectElement).value;
          if (!name) return setProtobuf(connection.key, { ...setting, [dir]: null });
          const { chooseType } = await import('../decode/protobuf/schema');
          const chosen = chooseType(setting.schema, name);
          setError(chosen.ok ? null : chosen.error);
          if (chosen.ok) setProtobuf(connection.key, { ...setting, [dir]: chosen.choice });
        }}
      >
        <option value="">(pick a message type)</option>
        {setting.schema.types.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {error ? <span role="alert"> {error}</span> : null}
    </label>
  );
}

export function ProtobufPicker({ connection }: { connection: Connection }) {
  const [status, setStatus] = useState<string | null>(null);
  const setting = protobufSettings.value.get(connection.key);
  return (
    <div class="protobuf-picker">
      <label>
        Load .proto or descriptor set{' '}
        <input
          type="file"
          accept=".proto,.pb,.desc,.bin"
          onChange={async (event) => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (!file) return;
            setStatus(`Loading ${file.name}…`);
            try {
              const { loadSchema } = await import('../decode/protobuf/schema');
              const loaded = loadSchema(await readSchema(file));
              if (!loaded.ok) return setStatus(`Not a usable schema: ${loaded.error}`);
              setProtobuf(connection.key, { schema: loaded, fileName: file.name, send: null, recv: null });
              setStatus(`${file.name}: ${loaded.types.length} message types.`);
            } catch (error) {
              setStatus(`Could not read ${file.name}: ${(error as Error).message}`);
            }
          }}
        />
      </label>
      {status ? <span role="status"> {status}</span> : null}
      {setting ? (
        <>
          <TypeSelect setting={setting} dir="send" connection={connection} />
          <TypeSelect setting={setting} dir="recv" connection={connection} />
        </>
      ) : null}
    </div>
  );
}
