import type { Catalog } from '../../services/i18n';
import type { Member, Network, Role } from '../../services/model';
import type { HandlerContext } from '../turn';

/** Everything a command handler may use; the sender and network are already checked. */
export interface CommandContext extends HandlerContext {
  /** The network the command acts on, and the sender's entry in it. */
  network: Network;
  member: Member;
  /** The words after the command, e.g. ["2"] for "afstem 2". */
  args: string[];
  reply(text: string): Promise<void>;
}

/** One row of the command table. */
export interface Command {
  /** Stable name, for logs and tests. */
  name: string;
  /** One line for help and the manifest's command list, from the reader's catalog. */
  description(t: Catalog): string;
  /** Danish words first (the first is shown in help), then English ones. */
  da: string[];
  en: string[];
  /** Shown after the command word in help, e.g. "<netværk>". */
  usage?: { da: string; en: string };
  /** Roles that may use it; `any` for every member on the roster. */
  roles: readonly Role[] | 'any';
  /**
   * Only in a team's channel: refused elsewhere before anything else is looked up, and left out
   * of the manifest's personal and group chat command lists.
   */
  channelOnly?: true;
  /** Where the network comes from: the channel/sender (default) or the first argument. */
  network?: 'context' | 'argument';
  handler(ctx: CommandContext): Promise<void>;
}
