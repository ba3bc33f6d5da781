/** Why the microphone could not be opened, worded for the person at the browser. */
export class MicrophoneError extends Error {
  static readonly refused = "Microphone access is blocked. Allow the microphone for this site in the browser's address bar, then try again.";

  constructor(message: string, readonly refused: boolean) {
    super(message);
  }
}

/** Opens the chosen microphone (or the default one); a refusal becomes a MicrophoneError with a clear message. */
export async function openMicrophone(deviceId: string): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new MicrophoneError("This browser cannot use a microphone here (calling needs HTTPS).", false);
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });
  } catch (err) {
    const name = err instanceof DOMException ? err.name : "";
    if (name === "NotAllowedError" || name === "SecurityError") throw new MicrophoneError(MicrophoneError.refused, true);
    if (name === "NotFoundError" || name === "OverconstrainedError") throw new MicrophoneError("No microphone was found. Connect one and try again.", false);
    throw new MicrophoneError("The microphone could not be opened.", false);
  }
}

export interface AudioDevices { microphones: MediaDeviceInfo[]; speakers: MediaDeviceInfo[] }

/** The audio inputs and outputs the browser lists (names appear once the microphone was allowed). */
export async function audioDevices(): Promise<AudioDevices> {
  const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return { microphones: all.filter((d) => d.kind === "audioinput"), speakers: all.filter((d) => d.kind === "audiooutput") };
}
