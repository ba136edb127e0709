import type { Clock } from '../services/clock';
import { MINUTES_LINK_TTL_MS, signMinutesToken, type MinutesRef } from '../services/minutes';
import type { Config } from './config';

/** Absolute, signed links to what the bot serves itself; handed to commands through the app composition. */
export interface Links {
  /** `${PUBLIC_URL}/minutes/<meeting>.docx?token=…`, valid for 24 hours from now. */
  minutesDocx(ref: MinutesRef): string;
}

export function createLinks(config: Pick<Config, 'publicUrl' | 'linkSecret'>, clock: Clock): Links {
  return {
    minutesDocx(ref) {
      const token = signMinutesToken(config.linkSecret, ref, new Date(clock.now().getTime() + MINUTES_LINK_TTL_MS));
      return `${config.publicUrl}/minutes/${encodeURIComponent(ref.meetingId)}.docx?token=${encodeURIComponent(token)}`;
    },
  };
}
