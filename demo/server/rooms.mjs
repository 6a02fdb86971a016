// Room membership and per-room message history.

/**
 * @typedef {{ id: string, name: string, rooms: Set<string> }} Member
 */

/** History is kept for at most this many rooms; the oldest room history is evicted first. */
const MAX_HISTORY_ROOMS = 1000;

export class RoomRegistry {
  /** @param {number} historySize messages kept per room */
  constructor(historySize) {
    this.historySize = historySize;
    /** @type {Map<string, Set<Member>>} */
    this.rooms = new Map();
    /** @type {Map<string, object[]>} */
    this.histories = new Map();
  }

  /**
   * @param {string} roomId
   * @param {Member} member
   * @returns {boolean} false when the member was already in the room
   */
  join(roomId, member) {
    let members = this.rooms.get(roomId);
    if (!members) {
      members = new Set();
      this.rooms.set(roomId, members);
    }
    if (members.has(member)) return false;
    members.add(member);
    member.rooms.add(roomId);
    return true;
  }

  /**
   * Remove a member; an emptied room disappears, its history stays.
   * @param {string} roomId
   * @param {Member} member
   * @returns {boolean} false when the member was not in the room
   */
  leave(roomId, member) {
    const members = this.rooms.get(roomId);
    if (!members?.delete(member)) return false;
    member.rooms.delete(roomId);
    if (members.size === 0) this.rooms.delete(roomId);
    return true;
  }

  /** @param {string} roomId */
  members(roomId) {
    return [...(this.rooms.get(roomId) ?? [])];
  }

  list() {
    return [...this.rooms].map(([roomId, members]) => ({ roomId, members: members.size }));
  }

  /**
   * @param {string} roomId
   * @param {object} entry
   */
  record(roomId, entry) {
    if (this.historySize <= 0) return;
    let history = this.histories.get(roomId);
    if (!history) {
      history = [];
      this.histories.set(roomId, history);
      if (this.histories.size > MAX_HISTORY_ROOMS) {
        const oldest = this.histories.keys().next().value;
        if (oldest !== undefined) this.histories.delete(oldest);
      }
    }
    history.push(entry);
    if (history.length > this.historySize) history.splice(0, history.length - this.historySize);
  }

  /** @param {string} roomId */
  history(roomId) {
    return [...(this.histories.get(roomId) ?? [])];
  }
}
