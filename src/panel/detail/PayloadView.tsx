/**
 * Shows a payload in the views that fit it (Text, JSON, Hex, Base64), with copy buttons. Captured
 * data is hostile: everything is rendered as text nodes, and every view is capped in size.
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { Tabs } from '../components/Tabs';
import { CappedText } from './CappedText';
import { CopyButtons } from './CopyButtons';
import { FindBar } from './find/FindBar';
import { useFind } from './find/useFind';
import { HexView } from './HexView';
import { describeJsonError, JsonView } from './JsonView';
import { describePayload, type PayloadModel, VIEW_LABELS, type ViewId } from './payload';

export interface PayloadViewProps {
  body: { text: string } | { base64: string };
  /** The body is not the whole payload (a preview, or trimmed at capture). */
  incomplete: boolean;
  /** The Decoded tab's content (for message rows): the first tab. */
  decoded?: ComponentChildren;
  /** Show the Decoded tab first: the connection speaks a known protocol (plain JSON has its JSON tab). */
  preferDecoded?: boolean;
}

type ShownView = ViewId | 'decoded';

interface ViewContentProps {
  view: ViewId;
  model: PayloadModel;
  incomplete: boolean;
  find: ReturnType<typeof useFind>;
}

function ViewContent({ view, model, incomplete, find }: ViewContentProps) {
  const { text, json } = model;
  switch (view) {
    case 'text':
      return (
        <>
          {json && !json.ok ? <p class="json-error">Looks like JSON, but it does not parse: {describeJsonError(json.error)}</p> : null}
          <CappedText text={text ?? ''} label="text" matches={find.textMatches} current={find.current} />
        </>
      );
    case 'json':
      return json && text !== null ? (
        <JsonView json={json} text={text} incomplete={incomplete} query={find.query} matches={find.treeMatches} current={find.current} />
      ) : null;
    case 'hex':
      return <HexView bytes={model.bytes()} />;
    case 'base64':
      return <CappedText text={model.base64()} label="base64" />;
  }
}

export function PayloadView({ body, incomplete, decoded, preferDecoded }: PayloadViewProps) {
  const model = useMemo(() => describePayload(body), [body]);
  const [chosen, setChosen] = useState<ShownView | null>(null);
  const views: ShownView[] = decoded ? ['decoded', ...model.views] : model.views;
  // The choice survives the preview being replaced by the whole body, when the view still applies.
  const view = chosen && views.includes(chosen) ? chosen : decoded && preferDecoded ? 'decoded' : model.initial;
  // The find bar searches the raw views; the Decoded tab has its own tree.
  const find = useFind(model, view === 'decoded' ? 'hex' : view);
  return (
    <section class="payload" aria-label="Payload">
      {model.problem ? <p class="note">{model.problem}</p> : null}
      <CopyButtons model={model} />
      {find.applies ? <FindBar query={find.query} onQuery={find.setQuery} status={find.status} onStep={find.step} /> : null}
      <Tabs<ShownView>
        label="Payload views"
        tabs={views.map((id) => ({ id, label: id === 'decoded' ? 'Decoded' : VIEW_LABELS[id] }))}
        selected={view}
        onSelect={setChosen}
        focusablePanel={view !== 'json' && view !== 'decoded'}
      >
        {view === 'decoded' ? decoded : <ViewContent view={view} model={model} incomplete={incomplete} find={find} />}
      </Tabs>
    </section>
  );
}
