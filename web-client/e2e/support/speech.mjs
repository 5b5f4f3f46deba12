// Test speech for the fake microphones: espeak-ng says a sentence, sox turns it into the format
// Chromium's fake capture device reads reliably (48 kHz, mono, signed 16-bit WAV).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function makeSpeechWav(dir, name, sentence) {
  const raw = join(dir, `${name}-raw.wav`);
  const wav = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-s', '150', '-w', raw, sentence]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', '-e', 'signed-integer', wav]);
  return wav;
}
