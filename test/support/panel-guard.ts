/**
 * A guard installed in the panel frame that records anything a hostile payload could make run or
 * render there: the robustness suite (test/e2e/robust-*.test.ts) expects it to stay empty.
 */
import type { PanelTarget } from './panel';

export interface GuardReport {
  /** False when the frame was replaced since the guard was installed (its records would be lost). */
  installed: boolean;
  pwned: unknown;
  /** Calls of alert/confirm/prompt/print/open, as [name, first argument]. */
  calls: string[][];
  /** securitypolicyviolation events: "directive blocked-uri sample". */
  csp: string[];
  /** Elements that should never come from captured data: script/img/iframe/object/embed/style/link, on* or javascript: attributes. */
  suspicious: string[];
  /** Uncaught errors in the panel since install. */
  errors: string[];
}

interface GuardGlobal {
  __guard?: GuardReport & { observer: MutationObserver };
  __pwned?: unknown;
}

/**
 * Installs, in the panel frame, a marker (`window.__pwned` must stay undefined), recorders for
 * alert/confirm/prompt/print/open, a CSP-violation listener and a MutationObserver over the whole
 * document that flags any element or attribute a payload could only have produced by being parsed.
 */
export async function installPanelGuard(panel: PanelTarget): Promise<void> {
  await panel.evaluate(() => {
    const g = window as unknown as GuardGlobal & Record<string, unknown>;
    if (g.__guard) return;
    const report = { installed: true, pwned: undefined, calls: [], csp: [], suspicious: [], errors: [] } as GuardReport;
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      g[name] = (...args: unknown[]) => {
        report.calls.push([name, String(args[0])]);
        return null;
      };
    }
    document.addEventListener('securitypolicyviolation', (e) =>
      report.csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`.slice(0, 300)),
    );
    window.addEventListener('error', (e) => report.errors.push(String(e.message).slice(0, 300)));
    const BAD_TAGS = new Set(['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM']);
    const check = (el: Element) => {
      if (BAD_TAGS.has(el.tagName.toUpperCase())) report.suspicious.push(`<${el.tagName}> ${el.outerHTML.slice(0, 120)}`);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name) || /^\s*(javascript|data):/i.test(attr.value)) {
          report.suspicious.push(`${el.tagName}[${attr.name}=${attr.value.slice(0, 80)}]`);
        }
      }
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) check(r.target);
        for (const node of r.addedNodes) {
          if (!(node instanceof Element)) continue;
          check(node);
          for (const el of node.querySelectorAll('*')) check(el);
        }
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    g.__guard = Object.assign(report, { observer });
  });
}

export async function readPanelGuard(panel: PanelTarget): Promise<GuardReport> {
  return panel.evaluate(() => {
    const g = window as unknown as GuardGlobal;
    if (!g.__guard) return { installed: false, pwned: g.__pwned, calls: [], csp: [], suspicious: [], errors: [] };
    const { installed, calls, csp, suspicious, errors } = g.__guard;
    return { installed, pwned: g.__pwned ?? null, calls, csp, suspicious, errors };
  });
}

/** The clean report every hostile test expects at its end. */
export const CLEAN_GUARD: GuardReport = { installed: true, pwned: null, calls: [], csp: [], suspicious: [], errors: [] };
