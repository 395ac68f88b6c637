// Helpers for the admin site's browser tests: Debian's Chromium through playwright-core, the
// demo accounts, and direct calls to the api and the Auth emulator for what a test must know.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = requiredEnv('E2E_BASE_URL');
export const AUTH_EMULATOR_URL = requiredEnv('E2E_AUTH_EMULATOR_URL');
export const OUT_DIR = process.env.E2E_OUT ?? 'target/e2e';
export const ADMIN_URL = `${BASE_URL}/admin/`;

export const DEMO_PASSWORD = 'carecircle-demo';
export const WORKER = 'worker01@demo.carecircle.cn';
/** A family member seeded by the demo profile (family001 … family150). */
export const FAMILY_MEMBER = 'family001@demo.carecircle.cn';

export const LAPTOP = { width: 1366, height: 860 };
export const TABLET = { width: 1024, height: 768 };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests through e2e/run.sh`);
  return value;
}

/**
 * A fresh browser (its own user-data-dir, so nobody is signed in) and a page; closes both and
 * removes the profile when the test ends.
 */
export async function openBrowser(t, viewport = LAPTOP) {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'carecircle-e2e-'));
  // launchPersistentContext is how playwright passes --user-data-dir.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  t.after(async () => {
    // what the page showed when the test ended, passed or failed
    const page = context.pages()[0];
    if (page) {
      const name = t.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
      await page.screenshot({ path: path.join(OUT_DIR, `end-${name}.png`) }).catch(() => {});
    }
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on('pageerror', (error) => {
    consoleErrors.push(String(error));
    // in the run's output too, so that a page that went blank says why
    console.error(`[page error] ${t.name}: ${error.stack ?? error}`);
  });
  return { page, consoleErrors };
}

/** Saves a full-page screenshot named after the test. */
export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true });
}

export async function fillSignIn(page, email, password) {
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Opens the site signed out, signs in through the form and waits for the workbench. */
export async function signInAs(page, email = WORKER) {
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');
  await fillSignIn(page, email, DEMO_PASSWORD);
  await page.getByTestId('welcome').waitFor();
}

/** Signs in at the Auth emulator's REST API and returns the ID token. */
export async function emulatorSignIn(email, password) {
  const response = await fetch(
    `${AUTH_EMULATOR_URL}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=e2e`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    },
  );
  if (!response.ok) throw new Error(`emulator sign-in of ${email}: ${response.status}`);
  return (await response.json()).idToken;
}

/** Creates a Firebase user that has no CareCircle account. */
export async function emulatorSignUp(email, password) {
  const response = await fetch(
    `${AUTH_EMULATOR_URL}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=e2e`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    },
  );
  if (!response.ok) throw new Error(`emulator sign-up of ${email}: ${response.status}`);
}

/** GET an api path as a demo user, to learn what the page should show. */
export async function apiGetAs(email, apiPath) {
  const token = await emulatorSignIn(email, DEMO_PASSWORD);
  const response = await fetch(`${BASE_URL}/api/v1${apiPath}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET ${apiPath} as ${email}: ${response.status}`);
  return response.json();
}

export const OFFICIAL = 'official@demo.carecircle.cn';
export const ADMIN = 'admin@demo.carecircle.cn';

/** Calls the api as a demo user; returns { status, body }. */
export async function apiAs(email, method, apiPath, body) {
  const token = await emulatorSignIn(email, DEMO_PASSWORD);
  const response = await fetch(`${BASE_URL}/api/v1${apiPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Opens a screen from the side menu and waits for its heading. */
export async function openFromMenu(page, label, heading = label) {
  await page.getByRole('menuitem', { name: label }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
}

/** A valid 18-character resident ID number (GB 11643) of 临河区 for a birth date YYYYMMDD. */
export function residentIdNumber(birthDate, female = true) {
  // the order code's last digit is even for a woman, odd for a man
  const sequence = String(Math.floor(Math.random() * 500) * 2 + (female ? 0 : 1)).padStart(3, '0');
  const first17 = `150802${birthDate}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A day from 1935 to 1950, as YYYY-MM-DD. */
export function randomBirthDate() {
  const from = Date.UTC(1935, 0, 1);
  const days = Math.floor((Date.UTC(1950, 11, 31) - from) / 86_400_000);
  const at = new Date(from + Math.floor(Math.random() * days) * 86_400_000);
  return at.toISOString().slice(0, 10);
}

/** A Chinese name no seeded elder has, e.g. 测试秀兰. */
export function uniqueChineseName(prefix = '测') {
  const chars = '秀兰桂英玉珍凤芝淑华明国建平志强德福';
  let name = prefix;
  for (let i = 0; i < 3; i++) name += chars[Math.floor(Math.random() * chars.length)];
  return name;
}

/** The community's price list; the operator sets a usual one when the demo has none yet. */
export async function priceListOf(communityId) {
  const current = await apiGetAs(WORKER, `/communities/${communityId}/price-list`);
  if (current.entries.length > 0) return current.entries;
  const entries = [
    {
      service: 'MEAL',
      durationMinutes: 30,
      priceFen: 1200,
      subsidyEligible: true,
      timeBankMinutes: 30,
    },
    { service: 'BATHING', durationMinutes: 60, priceFen: 8000, subsidyEligible: true },
    { service: 'CLEANING', durationMinutes: 90, priceFen: 6000, subsidyEligible: false },
    { service: 'CLEANING', durationMinutes: 120, priceFen: 8000, subsidyEligible: false },
    { service: 'MEDICAL_VISIT', durationMinutes: 30, priceFen: 5000, subsidyEligible: true },
  ];
  const { status, body } = await apiAs(ADMIN, 'PUT', `/communities/${communityId}/price-list`, {
    entries,
  });
  if (status !== 200)
    throw new Error(`the operator sets the price list: ${status} ${JSON.stringify(body)}`);
  return entries;
}

/**
 * A new elder who phoned in, registered by the worker in one of their communities (the first
 * unless told), at the community's centre: a test's own elder, so that no other test's orders
 * show up in its lists. Returns the summary as lists show it (maskedName, ...) and the full name.
 */
export async function newElder(overrides = {}) {
  const me = await apiGetAs(WORKER, '/me');
  const communityId = overrides.communityId ?? me.communities[0].id;
  const community = await apiGetAs(WORKER, `/communities/${communityId}`);
  const name = uniqueChineseName('订');
  // a random birth date as well as a random order code: a few hundred ID numbers would collide
  const birthDate = randomBirthDate();
  const { status, body } = await apiAs(WORKER, 'POST', '/elders', {
    communityId,
    name,
    gender: 'FEMALE',
    birthDate,
    idNumber: residentIdNumber(birthDate.replaceAll('-', ''), true),
    address: '临河区测试小区1号楼1单元101',
    location: community.centre,
    mobilityLevel: 'SELF_CARE',
    ...overrides,
  });
  if (status !== 201)
    throw new Error(`the worker adds an elder: ${status} ${JSON.stringify(body)}`);
  const found = await apiGetAs(WORKER, `/elders?name=${encodeURIComponent(name)}`);
  const summary = found.items.find((elder) => elder.id === body.id);
  if (!summary) throw new Error(`the new elder ${body.id} is not in the list`);
  return { ...summary, name, location: community.centre };
}

/** Places an order as the worker (a phone-in order); returns the order. */
export async function placeOrder(elderId, order) {
  const { status, body } = await apiAs(WORKER, 'POST', '/orders', {
    elderId,
    settlement: 'PAID',
    ...order,
  });
  if (status !== 201)
    throw new Error(`the worker places an order: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * A demo provider (provider01 … provider80) of the community who may serve paid orders of the
 * service: offers it, holds a verified credential for it valid for a while, not suspended, and
 * meets `where` (e.g. a gender).
 */
export async function providerOffering(service, communityId, where = () => true) {
  const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  for (let number = 1; number <= 80; number++) {
    const email = `provider${String(number).padStart(2, '0')}@demo.carecircle.cn`;
    const profile = await apiGetAs(email, '/providers/me');
    const fits =
      profile.communityId === communityId &&
      profile.kind !== 'VOLUNTEER' &&
      !profile.suspended &&
      profile.services.includes(service) &&
      profile.credentials.some(
        (c) => c.service === service && c.verification === 'VERIFIED' && c.expiresOn > validUntil,
      );
    if (fits && where(profile)) return { email, profile };
  }
  throw new Error(`no demo provider of community ${communityId} serves ${service}`);
}

/** The provider goes online at a position (PUT /providers/me/presence). */
export async function goOnline(email, position) {
  const { status, body } = await apiAs(email, 'PUT', '/providers/me/presence', { position });
  if (status !== 204) throw new Error(`${email} goes online: ${status} ${JSON.stringify(body)}`);
}

/** Tomorrow at hh:mm Beijing time, as an ISO instant. */
export function tomorrowAt(hour, minute = 0) {
  const beijingToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const midnight = new Date(`${beijingToday}T00:00:00+08:00`);
  return new Date(midnight.getTime() + (24 * 60 + hour * 60 + minute) * 60_000).toISOString();
}

/** Runs SQL on the run's own database (e2e/run.sh passes its address); the first column of the answer. */
export function sql(statement) {
  const url = process.env.E2E_DATABASE_URL;
  assert.ok(url, 'E2E_DATABASE_URL is set by e2e/run.sh');
  return execFileSync('psql', [url, '-qAtc', statement], {
    encoding: 'utf8',
    env: { ...process.env, PGOPTIONS: '-c search_path=carecircle' },
  }).trim();
}
