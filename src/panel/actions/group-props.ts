/** What every group of the Actions area receives. */
import type { PanelCommand } from '../../shared/protocol';
import type { Connection } from '../state/model';

export interface GroupProps {
  connection: Connection | undefined;
  /** Why the connection cannot be acted on (shown once, referenced by the disabled controls), or null. */
  unavailable: string | null;
  /** Why dropping (alone) is unavailable on an otherwise available connection (a WebSocketStream), or null. */
  dropUnavailable: string | null;
  /** Posts a command for the target connection's document. */
  post(command: PanelCommand): void;
}

/** The id of the explanation that disabled controls point to with aria-describedby. */
export const UNAVAILABLE_ID = 'actions-unavailable';

export const describedBy = (unavailable: string | null) => (unavailable ? UNAVAILABLE_ID : undefined);

/** The id of the explanation that the drop controls point to when only dropping is unavailable. */
export const DROP_UNAVAILABLE_ID = 'actions-drop-unavailable';

/** What disabled drop controls point to: the whole drawer's reason, else the drop's own. */
export const dropDescribedBy = (unavailable: string | null, dropUnavailable: string | null) =>
  unavailable ? UNAVAILABLE_ID : dropUnavailable ? DROP_UNAVAILABLE_ID : undefined;
