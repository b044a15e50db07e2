/**
 * The live version each open meeting's screen shows. Sent when the websocket (re)connects, so that the server pushes
 * only what a returning screen missed — nothing when it is up to date.
 */
const versions = new Map<string, number>();

export function rememberLiveVersion(meetingId: string, version: number): void {
  if (version > (versions.get(meetingId) ?? -1)) versions.set(meetingId, version);
}

export function forgetLiveVersion(meetingId: string): void {
  versions.delete(meetingId);
}

export const liveVersions = (): Record<string, number> => Object.fromEntries(versions);
