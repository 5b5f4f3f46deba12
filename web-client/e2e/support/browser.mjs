// One headless Chromium per person (each needs its own fake microphone file), with the flags that
// make real WebRTC work on loopback, and a page instrumented so the test can read what the app did
// with the microphone and its peer connections without the app exposing anything for tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function openPerson(name, { baseUrl, wav, screenshots, viewport = { width: 1100, height: 800 } }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
  mkdirSync(screenshots, { recursive: true });
  return {
    name,
    page,
    problems,
    async screenshot(label) {
      const file = join(screenshots, `${String(nextShot()).padStart(2, '0')}-${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
    },
  };
}

let shots = 0;
const nextShot = () => ++shots;

/** Runs in the page before the app: counts microphone requests and keeps each RTCPeerConnection. */
function instrument() {
  window.__micRequests = 0;
  window.__peers = [];
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = (constraints) => {
    if (constraints && constraints.audio) window.__micRequests += 1;
    return original(constraints);
  };
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__peers.push(this);
    }
  };
}

/** Sums inbound audio over the page's open peer connections. */
export async function inboundAudio(page) {
  return page.evaluate(async () => {
    let packets = 0;
    let energy = 0;
    for (const pc of window.__peers) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          packets += s.packetsReceived ?? 0;
          energy += s.totalAudioEnergy ?? 0;
        }
      });
    }
    return { packets, energy };
  });
}

export async function micRequests(page) {
  return page.evaluate(() => window.__micRequests);
}
