import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  ADMIN_URL,
  DEMO_PASSWORD,
  FAMILY_MEMBER,
  TABLET,
  WORKER,
  apiGetAs,
  emulatorSignUp,
  fillSignIn,
  openBrowser,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 90_000 };
/** The screens a community worker has, in menu order. */
const WORKER_MENU = [
  '工作台',
  '调度台',
  '电话下单',
  '助餐计划',
  '订单',
  '老人档案',
  '家属绑定',
  '服务人员',
  '服务商',
  '养老服务补贴',
  '差评回访',
  '节假日安排',
  '月探访',
  '时间银行',
  '服务圈覆盖',
  '统计报表',
];

test('a worker signs in and sees their name, role and communities', TIMEOUT, async (t) => {
  const me = await apiGetAs(WORKER, '/me');
  const communities = await apiGetAs(WORKER, '/communities');
  assert.ok(communities.length > 0, 'the demo worker covers at least one community');
  const { page, consoleErrors } = await openBrowser(t);

  await signInAs(page);

  assert.equal(await page.getByTestId('welcome').innerText(), `您好，${me.displayName}`);
  assert.match(await page.getByTestId('header-user').innerText(), new RegExp(me.displayName));
  assert.match(await page.getByTestId('roles').innerText(), /社区工作者/);
  const cards = page.getByTestId('community-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), communities.length);
  for (const community of communities) {
    const card = cards.filter({ hasText: community.name });
    const text = await card.innerText();
    assert.match(text, new RegExp(`服务圈时限\\s*${community.travelTimeLimitMinutes} 分钟`));
    assert.match(text, /汉语/);
    assert.match(text, new RegExp(community.regionCode));
  }
  assert.ok(
    communities.some((community) => community.regionCode === '150802'),
    'the demo worker covers a community of 临河区 (150802)',
  );
  assert.deepEqual(
    await page.getByRole('menuitem').allInnerTexts(),
    WORKER_MENU,
    'only existing screens are in the menu',
  );
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'worker-signs-in-and-sees-their-communities');
});

test('the district official and the operator see their own role labels', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  const expected = [
    ['official@demo.carecircle.cn', '街道(民政)干部'],
    ['admin@demo.carecircle.cn', '平台运营'],
  ];
  for (const [email, label] of expected) {
    await signInAs(page, email);
    const roles = await page.getByTestId('roles').innerText();
    assert.ok(roles.includes(label), `${email} should be shown as ${label}, page says ${roles}`);
    await page.getByTestId('community-card').first().waitFor();
    await screenshot(page, `role-label-${email.split('@')[0]}`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/admin/sign-in');
  }
});

test(
  'on a tablet every menu entry can be scrolled to and clicked, none behind the collapse button',
  TIMEOUT,
  async (t) => {
    const { page, consoleErrors } = await openBrowser(t, TABLET);
    await signInAs(page);
    for (const label of WORKER_MENU) {
      const item = page.getByRole('menuitem', { name: label });
      await item.scrollIntoViewIfNeeded();
      const box = await item.boundingBox();
      const hit = await page.evaluate(
        ([x, y]) =>
          globalThis.document
            .elementFromPoint(x, y)
            ?.closest('[role="menuitem"]')
            ?.textContent?.trim() ?? null,
        [box.x + box.width / 2, box.y + box.height / 2],
      );
      assert.equal(hit, label, `the middle of ${label} is the entry itself, not what covers it`);
    }
    await page.getByRole('menuitem', { name: '统计报表' }).click();
    await page.getByRole('heading', { name: '统计报表', level: 2 }).waitFor();
    await screenshot(page, 'tablet-menu-scrolled-to-its-last-entry');
    assert.deepEqual(consoleErrors, []);
  },
);

test('a wrong password shows an error and stays on sign-in', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');

  await fillSignIn(page, WORKER, 'not-the-password');

  const error = page.getByTestId('sign-in-error');
  await error.waitFor();
  assert.match(await error.innerText(), /密码错误|邮箱或密码错误/);
  assert.match(page.url(), /\/admin\/sign-in$/);
  assert.equal(await page.getByTestId('welcome').count(), 0);
  await screenshot(page, 'wrong-password-shows-an-error');
});

test('an unknown email is told that no account uses it', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');

  await fillSignIn(page, `nobody-${randomUUID()}@demo.carecircle.cn`, DEMO_PASSWORD);

  const error = page.getByTestId('sign-in-error');
  await error.waitFor();
  assert.match(await error.innerText(), /尚未开通账号|邮箱或密码错误/);
  assert.match(page.url(), /\/admin\/sign-in$/);
  await screenshot(page, 'unknown-email-shows-an-error');
});

test('switching to English changes the labels', { timeout: 90_000 }, async (t) => {
  const { page } = await openBrowser(t, TABLET);
  await signInAs(page);
  assert.match(await page.getByTestId('roles').innerText(), /社区工作者/);

  await page.getByTestId('language-switch').getByText('English').click();

  await page.getByRole('heading', { name: 'My communities' }).waitFor();
  assert.match(await page.getByTestId('roles').innerText(), /Community worker/);
  assert.match(await page.getByTestId('welcome').innerText(), /^Hello, /);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.match(
    await page.getByTestId('community-card').first().innerText(),
    /Service circle limit/,
  );
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await screenshot(page, 'switching-to-english-on-a-tablet');

  await page.reload();
  await page.getByRole('heading', { name: 'My communities' }).waitFor();
});

test('signing out returns to sign-in', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  await signInAs(page);

  await page.getByRole('button', { name: '退出登录' }).click();

  await page.waitForURL('**/admin/sign-in');
  await page.getByRole('button', { name: '登录' }).waitFor();
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');
  await screenshot(page, 'signing-out-returns-to-sign-in');
});

test(
  'a deep link visited signed out lands on sign-in and returns there after it',
  TIMEOUT,
  async (t) => {
    const { page } = await openBrowser(t);

    await page.goto(`${ADMIN_URL}some/route`);

    await page.waitForURL('**/admin/sign-in');
    await page.getByRole('heading', { name: '社区工作人员登录' }).waitFor();
    await screenshot(page, 'deep-link-lands-on-sign-in');

    await fillSignIn(page, WORKER, DEMO_PASSWORD);
    await page.waitForURL('**/admin/some/route');
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await page.getByRole('menuitem', { name: '工作台' }).waitFor();
  },
);

test('a Firebase user without an account is told to contact the operator', TIMEOUT, async (t) => {
  const email = `unregistered-${randomUUID()}@example.cn`;
  await emulatorSignUp(email, DEMO_PASSWORD);
  const { page } = await openBrowser(t);
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');

  await fillSignIn(page, email, DEMO_PASSWORD);

  const notice = page.getByTestId('account-not-registered');
  await notice.waitFor();
  assert.match(await notice.innerText(), /账号尚未开通/);
  assert.match(await notice.innerText(), /联系平台运营/);
  await screenshot(page, 'user-without-account-is-told-to-contact-the-operator');

  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/admin/sign-in');
});

test('a family member is told the site is for community staff', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  await page.goto(ADMIN_URL);
  await page.waitForURL('**/admin/sign-in');

  await fillSignIn(page, FAMILY_MEMBER, DEMO_PASSWORD);

  const notice = page.getByTestId('not-staff');
  await notice.waitFor();
  assert.match(await notice.innerText(), /本站仅供社区工作人员使用/);
  assert.match(await notice.innerText(), /家属/);
  assert.equal(await page.getByTestId('welcome').count(), 0);
  await screenshot(page, 'family-member-is-told-the-site-is-for-staff');
});

test(
  'a problem from the api is shown with its title, detail and field errors',
  TIMEOUT,
  async (t) => {
    const { page } = await openBrowser(t);
    // the one shared way of showing RFC 9457 problems, fed a problem the api could send
    await page.route('**/api/v1/communities', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://carecircle.cn/problems/validation-failed',
          title: '请求内容不符合要求',
          status: 400,
          detail: '1 field is invalid',
          errors: [{ field: 'regionCode', rule: 'pattern', message: '必须是6位行政区划代码' }],
        }),
      }),
    );

    await signInAs(page);

    const alert = page.getByTestId('problem-alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /请求内容不符合要求/);
    assert.match(text, /无法读取社区列表/);
    assert.match(text, /1 field is invalid/);
    assert.match(text, /regionCode.*必须是6位行政区划代码/s);
    await screenshot(page, 'api-problem-is-shown');
  },
);
