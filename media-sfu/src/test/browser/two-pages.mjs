// Two headless Chromium pages join one media-sfu conference through the Colibri2 API:
// "speaker" sends a fake microphone (a WAV file), "listener" plays what the bridge forwards.
// Prints one JSON line with the listener's inbound-rtp audio stats; exits 1 if no audio arrived.
// Usage: node two-pages.mjs <colibri base URL> <wav file> <user data dir>
import { chromium } from 'playwright-core';

const [base, wav, profileDir] = process.argv.slice(2);
const meetingId = `browser-${Date.now()}`;
const conf = `${base}/colibri/v2/conferences/${meetingId}`;

async function colibri(method, url, body) {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const opus = { type: 'audio', 'payload-types': [{ name: 'opus', id: '111', channels: '2', clockrate: '48000',
  parameters: { minptime: '10', useinbandfec: '1' } }],
  'rtp-hdrexts': [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 1 }] };

async function allocate(id) {
  const answer = await colibri('PATCH', conf, { endpoints: [{ create: true, id, 'stats-id': id, medias: [opus],
    transport: { 'ice-controlling': true }, capabilities: ['source-names'] }] });
  return answer.endpoints[0].transport.transport;
}

// The bridge's allocation as an SDP offer (the bridge is ICE-lite and offers setup actpass).
function offer(t, direction, forwardedSsrc) {
  const c = t.candidates[0];
  return [
    'v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'a=ice-lite',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${t.ufrag}`, `a=ice-pwd:${t.pwd}`,
    `a=fingerprint:${t.fingerprints[0].hash} ${t.fingerprints[0].fingerprint}`, 'a=setup:actpass',
    'a=mid:0', 'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', `a=${direction}`, 'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1',
    ...(forwardedSsrc ? [`a=ssrc:${forwardedSsrc} cname:speaker`, `a=ssrc:${forwardedSsrc} msid:speaker speaker-audio`] : []),
    `a=candidate:1 1 udp ${c.priority} ${c.ip} ${c.port} typ host`, 'a=end-of-candidates', ''
  ].join('\r\n');
}

// What the page answered, as a Colibri2 transport and sources update.
function transportUpdate(id, sdp) {
  const line = (prefix) => (sdp.split(/\r\n/).find((l) => l.startsWith(prefix)) || '').slice(prefix.length);
  const [hash, fingerprint] = line('a=fingerprint:').split(' ');
  const ssrc = line('a=ssrc:').split(' ')[0];
  const endpoint = { id, transport: { transport: { xmlns: 'urn:xmpp:jingle:transports:ice-udp:1',
    ufrag: line('a=ice-ufrag:'), pwd: line('a=ice-pwd:'), 'rtcp-mux': true,
    fingerprints: [{ fingerprint, hash, setup: line('a=setup:') }], candidates: [] } } };
  if (ssrc) endpoint.sources = [{ type: 'audio', id: `${id}-a0`, sources: [{ ssrc: Number(ssrc), name: `${id}-a0` }] }];
  return { endpoint, ssrc };
}

const PAGE = `<!doctype html><html><body><audio id="out" autoplay></audio><script>
  window.join = async (offerSdp, send) => {
    const pc = new RTCPeerConnection();
    window.pc = pc;
    if (send) {
      const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      pc.getTransceivers()[0].sender.replaceTrack(mic.getAudioTracks()[0]);
      pc.getTransceivers()[0].direction = 'sendonly';
    } else {
      pc.ontrack = (e) => { const a = document.getElementById('out'); a.srcObject = new MediaStream([e.track]); a.play(); };
      await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return pc.localDescription.sdp;
  };
  window.inbound = async () => {
    const stats = await window.pc.getStats();
    for (const s of stats.values()) if (s.type === 'inbound-rtp' && s.kind === 'audio') return s;
    return null;
  };
</script></body></html>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  ignoreDefaultArgs: true,
  args: ['--remote-debugging-pipe', '--no-startup-window', `--user-data-dir=${profileDir}`,
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection', '--disable-features=WebRtcHideLocalIpsWithMdns'],
});
let result = { ok: false };
try {
  const context = await browser.newContext();
  // A loopback origin is a secure context (getUserMedia needs one); Playwright serves the page.
  await context.route('http://127.0.0.1/sfu-test', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await colibri('POST', `${base}/colibri/v2/conferences`, { 'meeting-id': meetingId, name: 'browser@chorus', create: true, endpoints: [] });

  const speaker = await context.newPage();
  await speaker.goto('http://127.0.0.1/sfu-test');
  const speakerAnswer = await speaker.evaluate(([sdp]) => window.join(sdp, true), [offer(await allocate('speaker'), 'recvonly')]);
  const spoken = transportUpdate('speaker', speakerAnswer);
  await colibri('PATCH', conf, { endpoints: [spoken.endpoint] });

  const listener = await context.newPage();
  await listener.goto('http://127.0.0.1/sfu-test');
  const listenerAnswer = await listener.evaluate(([sdp]) => window.join(sdp, false), [offer(await allocate('listener'), 'sendonly', spoken.ssrc)]);
  await colibri('PATCH', conf, { endpoints: [transportUpdate('listener', listenerAnswer).endpoint] });

  const deadline = Date.now() + 20000;
  let inbound = null;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    inbound = await listener.evaluate(() => window.inbound());
    if (inbound && inbound.packetsReceived >= 100 && inbound.totalAudioEnergy > 0) break;
  }
  result = { ok: !!inbound && inbound.packetsReceived >= 100 && inbound.totalAudioEnergy > 0,
    speakerSsrc: Number(spoken.ssrc), inboundSsrc: inbound && inbound.ssrc,
    packetsReceived: inbound && inbound.packetsReceived, packetsLost: inbound && inbound.packetsLost,
    totalAudioEnergy: inbound && inbound.totalAudioEnergy, audioLevel: inbound && inbound.audioLevel,
    jitterBufferDelay: inbound && inbound.jitterBufferDelay, jitterBufferEmittedCount: inbound && inbound.jitterBufferEmittedCount };
  await colibri('PATCH', conf, { expire: true });
} catch (e) {
  result = { ok: false, error: String(e && e.stack || e) };
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
