/** Saved messages for the connection's origin: save the editor, then send, load or delete. */
import { useEffect, useState } from 'preact/hooks';
import { ErrorMessage } from '../components/ErrorMessage';
import { draft, showStatus } from './action-state';
import { deliver } from './deliver';
import { describedBy, type GroupProps } from './group-props';
import { FORMATS } from './payload-format';
import { deleteSnippet, type KeyValueStorage, loadSnippets, type Snippet, saveSnippet, snippetNameError, snippetOrigin } from './snippets';
import { useEditError } from './useEditError';

const formatLabel = (format: Snippet['format']) => FORMATS.find((f) => f.value === format)?.label ?? format;

export function SnippetsGroup({ connection, unavailable, post, storage }: GroupProps & { storage: KeyValueStorage }) {
  const origin = connection ? snippetOrigin(connection) : '';
  const [list, setList] = useState<Snippet[]>([]);
  const [name, setName] = useState('');
  const [error, setError, edited] = useEditError();

  useEffect(() => {
    let current = true;
    setList([]);
    if (origin) {
      loadSnippets(storage, origin).then(
        (loaded) => current && setList(loaded),
        (e: Error) => current && setError(`Could not read snippets: ${e.message}`),
      );
    }
    return () => {
      current = false;
    };
  }, [storage, origin]);

  /** Storage calls can fail (quota, a removed extension): the message is shown, never thrown. */
  const update = (work: Promise<Snippet[]>, done: string) =>
    work.then(
      (next) => {
        setList(next);
        setError(null);
        showStatus(done);
      },
      (e: Error) => setError(e.message),
    );

  const save = () => {
    const problem = origin ? snippetNameError(name) : 'Snippets are saved per origin: select a connection first.';
    if (problem) return setError(problem);
    const trimmed = name.trim();
    const { text, format } = draft.value; // not `from`: a snippet stands on its own
    void update(saveSnippet(storage, origin, { name: trimmed, text, format }), `Saved snippet ${trimmed}`);
  };

  const send = (s: Snippet) => {
    if (!connection || unavailable) return;
    const result = deliver(post, connection.conn, 'send', s.text, s.format);
    if (!result.ok) return setError(`Snippet ${s.name}: ${result.error}`);
    setError(null);
    showStatus(`${result.status} (snippet ${s.name})`);
  };

  return (
    <fieldset class="actions-group">
      <legend>Snippets{origin ? ` for ${origin}` : ''}</legend>
      <div class="actions-row">
        <input type="text" aria-label="Snippet name" placeholder="Snippet name" value={name} onInput={edited(setName)} />
        <button type="button" disabled={!origin} onClick={save}>
          Save snippet
        </button>
      </div>
      <ErrorMessage class="actions-error" message={error} />
      {/* biome-ignore lint/a11y/noRedundantRoles: list-style: none makes WebKit drop the implicit list role */}
      <ul class="snippets" role="list" aria-label="Saved snippets">
        {list.map((s) => (
          <li key={s.name}>
            <span class="snippet-name" title={s.text.slice(0, 500)}>
              {s.name}
            </span>
            <span class="snippet-format">{formatLabel(s.format)}</span>
            <button
              type="button"
              aria-label={`Send snippet ${s.name}`}
              disabled={unavailable !== null}
              aria-describedby={describedBy(unavailable)}
              onClick={() => send(s)}
            >
              Send
            </button>
            <button type="button" aria-label={`Load snippet ${s.name}`} onClick={() => (draft.value = { text: s.text, format: s.format })}>
              Load
            </button>
            <button
              type="button"
              aria-label={`Delete snippet ${s.name}`}
              onClick={() => void update(deleteSnippet(storage, origin, s.name), `Deleted snippet ${s.name}`)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      {origin && list.length === 0 ? <p class="actions-note">No snippets saved for this origin.</p> : null}
    </fieldset>
  );
}
