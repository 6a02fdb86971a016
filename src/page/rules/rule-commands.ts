/**
 * The panel's commands about message rules: a new list (compiled here; a rule that does not compile is
 * reported and left out), the answer to one held frame, and "release every hold" when no panel can answer.
 */
import type { HoldOutcome } from '../../shared/message-rules';
import type { PageCommand, PageEventTuple } from '../../shared/page-link';
import { encode } from '../../shared/page-tuples';
import type { Natives } from '../natives';
import { compileRules } from './compile';
import { pageJsonOps } from './page-json';
import type { RuleState } from './state';

type RuleCommand = Extract<PageCommand, { c: 'msg-rules' | 'hold' | 'release-holds' }>;

const OUTCOME: Record<'forward' | 'edited' | 'drop', HoldOutcome> = { forward: 'forwarded', edited: 'edited', drop: 'dropped' };

export function isRuleCommand(command: PageCommand): command is RuleCommand {
  return command.c === 'msg-rules' || command.c === 'hold' || command.c === 'release-holds';
}

export function runRuleCommand(
  n: Natives,
  state: RuleState,
  command: RuleCommand,
  push: (event: PageEventTuple) => void,
  time: () => number,
) {
  switch (command.c) {
    case 'msg-rules': {
      const refuse = (rule: number, error: string) => push(encode['rule-error'](undefined, time(), rule, `not applied: ${error}`));
      const rules = compileRules(n, pageJsonOps(n), command.rules, refuse);
      state.rules = rules.length > 0 ? rules : null;
      state.lastError = n.create(null) as RuleState['lastError'];
      state.errorKeys = 0;
      return;
    }
    case 'hold': {
      const open = state.holds[command.hold];
      if (!open || open.socket !== command.id) {
        push(encode['rule-error'](command.id, time(), 0, `hold ${command.hold} is no longer waiting`));
        return;
      }
      open.answer(OUTCOME[command.decision], command.decision === 'edited' ? command.data : undefined);
      return;
    }
    case 'release-holds':
      for (const hold in state.holds) state.holds[hold]?.answer('released');
  }
}
