// A whole room, end to end, in real browsers against a running platform (CHORUS_BASE_URL):
// a host opens a room, a listener raises a hand, is invited, accepts and speaks, the host hears
// them and sees their talking ring, chat goes both ways, the host removes a third person (who
// cannot come back) and ends the room.
// Screenshots of every step go to target/e2e-screenshots/.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inboundAudio, micRequests, openPerson } from './support/browser.mjs';
import { makeSpeechWav } from './support/speech.mjs';

const baseUrl = process.env.CHORUS_BASE_URL;
const here = dirname(fileURLToPath(import.meta.url));
const screenshots = process.env.CHORUS_SCREENSHOTS ?? join(here, '..', 'target', 'e2e-screenshots');
const run = Date.now().toString(36);
const title = `Morning coffee ${run}`;
// Generous: seven services and three browsers share two cores.
const WAIT = { timeout: 45_000 };

let host, lee, tia;

before(async () => {
  assert.ok(baseUrl, 'Set CHORUS_BASE_URL to the platform under test, e.g. http://127.0.0.1:8080');
  rmSync(screenshots, { recursive: true, force: true });
  const dir = mkdtempSync(join(tmpdir(), 'chorus-e2e-'));
  const sentence = 'Hello everyone, thanks for having me on stage. Can you all hear me clearly?';
  host = await openPerson('host', { baseUrl, screenshots, wav: makeSpeechWav(dir, 'host', 'Welcome to the room.') });
  // Lee uses a phone-width screen.
  lee = await openPerson('lee', { baseUrl, screenshots, wav: makeSpeechWav(dir, 'lee', sentence), viewport: { width: 390, height: 844 } });
  tia = await openPerson('tia', { baseUrl, screenshots, wav: makeSpeechWav(dir, 'tia', 'Hi there.') });
});

after(async () => {
  // The last picture of every page, so a failed step can be read from the screenshots too.
  for (const person of [host, lee, tia]) await person?.screenshot('final').catch(() => {});
  for (const person of [host, lee, tia]) await person?.close();
});

async function signUp(person, displayName) {
  const { page } = person;
  await page.goto('/');
  await page.getByRole('tab', { name: 'Sign up' }).click();
  await page.getByLabel('Username').fill(`${person.name}${run}`);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Live now' }).waitFor(WAIT);
}

const stage = (person) => person.page.getByRole('list', { name: 'On stage' });
const audience = (person) => person.page.getByRole('list', { name: 'Audience' });
const seat = (list, name) => list.getByRole('listitem').filter({ hasText: name });

/** The same menu by keyboard only: focus the person's actions button, Enter, arrow to the item, Enter. */
async function moderateByKeyboard(person, target, action) {
  const { page } = person;
  await page.getByRole('button', { name: `Actions for ${target}` }).focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 6; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    if (focused === action) break;
    await page.keyboard.press('ArrowDown');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'menuitem');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), action);
  await page.keyboard.press('Enter');
}

async function moderate(person, target, action) {
  await person.page.getByRole('button', { name: `Actions for ${target}` }).click();
  await person.page.getByRole('menuitem', { name: action }).click();
}

test('a room from first listener to removed guest', async (t) => {
  await t.test('three people sign up', async () => {
    await signUp(host, 'Hana Host');
    await host.screenshot('signed-up');
    await signUp(lee, 'Lee Listener');
    await signUp(tia, 'Tia Third');
  });

  await t.test('the host starts a room and is on stage with a host badge', async () => {
    await host.page.getByRole('button', { name: 'Start a room' }).click();
    await host.page.getByLabel('Title').fill(title);
    await host.page.getByRole('button', { name: 'Start room' }).click();
    await host.page.getByRole('heading', { name: title }).waitFor(WAIT);
    await seat(stage(host), 'Hana Host').getByText('Host', { exact: true }).waitFor(WAIT);
    await host.screenshot('room-started');
  });

  await t.test('a second person finds it in the hallway and joins as a listener without a microphone', async () => {
    await lee.page.goto('/');
    const card = lee.page.getByRole('link', { name: `Join ${title}` });
    await card.waitFor(WAIT);
    assert.match(await card.innerText(), /Hana Host/);
    await lee.screenshot('hallway');
    await card.click();
    await seat(audience(lee), 'Lee Listener').waitFor(WAIT);
    await seat(audience(host), 'Lee Listener').waitFor(WAIT);
    assert.equal(await micRequests(lee.page), 0, 'a listener must not be asked for the microphone');
    await lee.screenshot('joined-as-listener');
  });

  await t.test('a third person joins too', async () => {
    await tia.page.goto('/');
    await tia.page.getByRole('link', { name: `Join ${title}` }).click(WAIT);
    await seat(audience(host), 'Tia Third').waitFor(WAIT);
  });

  await t.test('the listener raises a hand and the host sees it first in the audience', async () => {
    await lee.page.getByRole('button', { name: /Raise hand/ }).click();
    await lee.page.getByRole('button', { name: 'Lower hand' }).waitFor(WAIT);
    const leeOnHostPage = seat(audience(host), 'Lee Listener');
    await leeOnHostPage.getByText('hand raised').waitFor(WAIT);
    const first = audience(host).getByRole('listitem').first();
    assert.match(await first.innerText(), /Lee Listener/);
    await host.screenshot('hand-raised');
  });

  await t.test('the host invites the listener (by keyboard), who accepts and goes on stage with the microphone', async () => {
    await moderateByKeyboard(host, 'Lee Listener', 'Invite to speak');
    await lee.page.getByText("You're invited to speak.").waitFor(WAIT);
    await lee.screenshot('invited');
    await lee.page.getByRole('button', { name: 'Accept invitation' }).click();
    await seat(stage(lee), 'Lee Listener').waitFor(WAIT);
    await seat(stage(host), 'Lee Listener').waitFor(WAIT);
    await waitFor(async () => (await micRequests(lee.page)) > 0, 'the speaker page asks for the microphone');
    await lee.screenshot('on-stage');
  });

  await t.test('the host hears the new speaker and sees the talking ring', async () => {
    await waitFor(async () => {
      const audio = await inboundAudio(host.page);
      return audio.packets > 0 && audio.energy > 0;
    }, 'audio packets with energy above zero at the host', 30_000);
    const ring = seat(stage(host), 'Lee Listener');
    await waitFor(async () => (await ring.getAttribute('data-talking')) === 'true', 'the talking ring on Lee', 20_000);
    await host.screenshot('speaker-talking');
    const audio = await inboundAudio(host.page);
    assert.ok(audio.packets > 0 && audio.energy > 0, JSON.stringify(audio));
    // Both connections were renegotiated for the new speaker; neither header may still say "connecting".
    await host.page.getByText('audio on').waitFor(WAIT);
    await lee.page.getByText('audio on').waitFor(WAIT);
  });

  await t.test('chat goes both ways', async () => {
    await host.page.getByRole('textbox', { name: 'Message' }).fill('Welcome up, Lee!');
    await host.page.getByRole('button', { name: 'Send' }).click();
    await lee.page.getByRole('log', { name: 'Chat messages' }).getByText('Welcome up, Lee!').waitFor(WAIT);
    await lee.page.getByRole('textbox', { name: 'Message' }).fill('Thanks, glad to be here');
    await lee.page.getByRole('button', { name: 'Send' }).click();
    await host.page.getByRole('log', { name: 'Chat messages' }).getByText('Thanks, glad to be here').waitFor(WAIT);
    await host.screenshot('chat');
    await lee.screenshot('chat');
  });

  await t.test('the host removes the third person, whose page says so', async () => {
    await moderate(host, 'Tia Third', 'Remove from room');
    // Told by the member-left event, or (socket down) by the refusal when the page tries to rejoin.
    await tia.page.getByRole('alert').filter({ hasText: /removed/i }).waitFor(WAIT);
    await seat(audience(host), 'Tia Third').waitFor({ state: 'detached', ...WAIT });
    await tia.screenshot('removed');
    await host.screenshot('after-removal');
  });

  await t.test('the removed person cannot come back and is told why', async () => {
    await tia.page.reload();
    await tia.page.getByRole('heading', { name: "Can't join this room" }).waitFor(WAIT);
    const reason = await tia.page.getByRole('alert').innerText();
    assert.ok(reason.trim().length > 0, 'the refusal says why');
    await tia.screenshot('cannot-rejoin');
  });

  await t.test('the host ends the room and the speaker is told', async () => {
    host.page.once('dialog', (dialog) => dialog.accept());
    await host.page.getByRole('button', { name: 'End room' }).click();
    await lee.page.getByRole('alert').filter({ hasText: /room has ended/i }).waitFor(WAIT);
    await lee.screenshot('room-ended');
  });

  await t.test('the pages raised no errors', () => {
    assert.deepEqual([...host.problems, ...lee.problems, ...tia.problems], []);
  });
});

async function waitFor(check, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
