/**
 * One person's Teams client: a page of the Microsoft 365 Agents Playground, driven the way
 * a person uses it — pick a chat or channel in the left rail, type (with an @mention from
 * the typeahead in channels), click card buttons. Waits are on what the page shows.
 */
import type { Locator, Page } from 'playwright-core';

/** How long one visible reaction of the bot may take (a bot turn is well under a second here). */
export const STEP_MS = 15_000;

export class TeamsClient {
  constructor(
    readonly page: Page,
    readonly url: string,
    /** Short name for screenshots: "anne", "mads". */
    readonly who: string,
  ) {}

  /** Loads the Playground and waits for the bot's welcome in the personal chat. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.getByText('Personal Chat', { exact: true }).waitFor({ timeout: STEP_MS });
  }

  /**
   * Brings this client's tab to the front. Both clients share one browser window, and
   * Chromium throttles the animation frames of a tab behind another, which makes every
   * click there wait about two seconds for the element to settle.
   */
  async front(): Promise<void> {
    await this.page.bringToFront();
  }

  async openPersonalChat(): Promise<void> {
    await this.front();
    await this.page.getByText('Personal Chat', { exact: true }).click();
    await this.composer().waitFor({ timeout: STEP_MS });
  }

  /** Opens the group chat of the Playground's tenant (named in bot/playground.yml). */
  async openGroupChat(name: string): Promise<void> {
    await this.front();
    await this.page.getByText(name, { exact: true }).first().click();
    await this.composer().waitFor({ timeout: STEP_MS });
  }

  /**
   * Sends an activity of the Playground's own making into the open conversation: "Mock an
   * Activity" → "Custom activity" fills its editor with the activity's envelope (this
   * conversation, this user, the Playground's service URL); `patch` is merged over it, as a
   * person would edit it there (through the clipboard: the editor closes brackets as one types).
   */
  async mockActivity(patch: (envelope: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
    await this.front();
    await this.page.getByRole('button', { name: 'Mock an Activity' }).click();
    await this.page.getByText('Custom activity', { exact: true }).click();
    const editor = this.page.locator('.monaco-editor textarea');
    await editor.waitFor({ state: 'attached', timeout: STEP_MS });
    await editor.focus();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+C');
    // Expressions run in the page (this project is compiled without the DOM's types).
    const envelope = JSON.parse(await this.page.evaluate<string>('navigator.clipboard.readText()')) as Record<string, unknown>;
    await this.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(JSON.stringify(patch(envelope), null, 2))})`);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+V');
    await this.page.getByRole('button', { name: 'Send activity' }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'detached', timeout: STEP_MS });
  }

  /** Opens a channel of the team; the first visit installs the bot there (the Playground sends installationUpdate). */
  async openChannel(name: string): Promise<void> {
    await this.front();
    await this.page.getByText(name, { exact: true }).first().click();
    await this.newPost().waitFor({ timeout: STEP_MS });
  }

  /** A 1:1 message: typed into the compose box and sent with Enter. */
  async say(text: string): Promise<void> {
    await this.front();
    await this.composer().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** A new channel post "@Referent <text>": the mention is picked from the typeahead, as a person would. */
  async postToBot(text: string): Promise<void> {
    await this.front();
    await this.newPost().click();
    await this.page.keyboard.type('@Ref');
    await this.page.locator('#typeahead-menu').getByRole('menuitem', { name: 'Referent' }).click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** Rendered Adaptive Cards showing `text`; in a channel the newest thread comes first, in a chat last. */
  cards(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text });
  }

  /** Waits until some element shows `text` (a bot reply in plain text). */
  async waitForText(text: string | RegExp): Promise<void> {
    await this.page.getByText(text).first().waitFor({ timeout: STEP_MS });
  }

  /** Waits until a card shows every one of `texts`, and returns it. */
  async waitForCard(first: string | RegExp, ...more: (string | RegExp)[]): Promise<Locator> {
    let card = this.cards(first);
    for (const text of more) card = card.filter({ hasText: text });
    try {
      await card.first().waitFor({ timeout: STEP_MS });
    } catch (err) {
      // Say what the client shows instead: the card that matches the first text, if any.
      const seen = (await this.cards(first).count()) ? await this.cards(first).first().innerText() : '(no such card)';
      throw new Error(`${this.who}: no card showing ${[first, ...more].map(String).join(' + ')}; the card showing ${String(first)} says:\n${seen}\n${String(err)}`);
    }
    return card.first();
  }

  private composer(): Locator {
    return this.page.locator('[data-lexical-editor]').first();
  }

  /** The "Start a new post" box at the top of a channel (each thread below has its own reply box). */
  private newPost(): Locator {
    return this.page.locator('div:has(> [data-lexical-editor]):has-text("Start a new post") [data-lexical-editor]');
  }
}
