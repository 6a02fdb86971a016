/**
 * Firefox's prompt for `permissions.request`, answered from chrome scope as a user answers it. Firefox
 * (ExtensionsUI.sys.mjs, ESR 153) shows it as a doorhanger: a PopupNotification with the id
 * "addon-webext-permissions" in the browser window's `PopupNotifications.panel`, drawn by the
 * `<popupnotification id="addon-webext-permissions-notification">` element. Its `button` is the main action
 * ("Allow"), its `secondaryButton` the other ("Don't allow"); a click on either runs that action's callback,
 * which resolves the add-on's `permissions.request` with true or false. It shows in headless mode too.
 */
import type { Browser } from 'puppeteer-core';
import { callInChrome } from './firefox-devtools';

export interface PermissionPrompt {
  /** All the prompt's text: who asks, and what for ("Access your data for all websites"). */
  text: string;
  /** The label of the button that grants ("Allow"). */
  allowLabel: string;
}

/** () → JSON PermissionPrompt, or '' while none is open. */
const READ_PROMPT = `function () {
  const prompt = document.getElementById('addon-webext-permissions-notification');
  if (PopupNotifications.panel.state !== 'open' || !prompt || prompt.hidden) return '';
  return JSON.stringify({ text: prompt.textContent, allowLabel: prompt.button.label });
}`;

/** (allow) → '': clicks "Allow" ('true') or "Don't allow" ('false') on the open prompt. */
const ANSWER_PROMPT = `function (allow) {
  const prompt = document.getElementById('addon-webext-permissions-notification');
  if (PopupNotifications.panel.state !== 'open' || !prompt) throw new Error('no permission prompt is open');
  (allow === 'true' ? prompt.button : prompt.secondaryButton).click();
  return '';
}`;

/** Waits for the prompt to open and reads it. */
export async function waitForPermissionPrompt(browser: Browser, timeoutMs = 10_000): Promise<PermissionPrompt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await callInChrome(browser, READ_PROMPT);
    if (read) return JSON.parse(read) as PermissionPrompt;
    if (Date.now() > deadline) throw new Error('no permission prompt opened');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function answerPermissionPrompt(browser: Browser, allow: boolean): Promise<void> {
  await callInChrome(browser, ANSWER_PROMPT, String(allow));
}
