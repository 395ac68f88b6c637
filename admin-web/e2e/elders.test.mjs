import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN,
  OFFICIAL,
  TABLET,
  WORKER,
  apiAs,
  apiGetAs,
  openBrowser,
  openFromMenu,
  residentIdNumber,
  screenshot,
  signInAs,
  uniqueChineseName,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

async function recordReadsBy(accountId, elderId) {
  const { status, body } = await apiAs(ADMIN, 'GET', `/audit-events?subjectId=${elderId}`);
  assert.equal(status, 200, 'the operator reads the audit trail');
  return body.filter(
    (event) => event.action === 'ELDER_RECORD_READ' && event.actorAccountId === accountId,
  ).length;
}

test(
  'a worker finds an elder by the last 4 phone digits and opens the full record, which is logged',
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const all = await apiGetAs(WORKER, '/elders?size=100');
    assert.ok(
      all.total >= 100,
      `the demo worker sees the elders of two communities (${all.total})`,
    );
    const target = all.items.filter((elder) => elder.maskedPhone)[7];
    assert.ok(target, 'a seeded elder with a phone');
    const last4 = target.maskedPhone.slice(-4);
    const matches = await apiGetAs(WORKER, `/elders?phoneLast4=${last4}&size=100`);
    const readsBefore = await recordReadsBy(me.accountId, target.id);
    const { page, consoleErrors } = await openBrowser(t);

    await signInAs(page);
    await openFromMenu(page, '老人档案');

    await page.getByTestId('elders-total').getByText(`共 ${all.total} 条`).waitFor();
    const table = page.getByTestId('elders-table');
    assert.equal(await table.locator('tbody tr.ant-table-row').count(), 20, 'pages of 20');
    await screenshot(page, 'elders-list');

    await page.getByLabel('电话后4位').fill(last4);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('elders-total').getByText(`共 ${matches.total} 条`).waitFor();
    const rows = table.locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), matches.items.length);
    for (const row of await rows.all()) assert.match(await row.innerText(), new RegExp(last4));
    const row = rows.filter({ hasText: target.maskedPhone });
    assert.match(await row.innerText(), new RegExp(target.maskedName.replace('*', '\\*')));
    assert.match(await row.innerText(), new RegExp(`${target.age}`));

    await row.click();
    const drawer = page.getByTestId('elder-drawer');
    await drawer.getByTestId('elder-full-name').waitFor();
    assert.match(
      await drawer.getByTestId('elder-audit-notice').innerText(),
      /查看完整档案将被记录/,
    );
    const fullName = await drawer.getByTestId('elder-full-name').innerText();
    assert.equal(fullName.length, target.maskedName.length);
    assert.equal(fullName[0], target.maskedName[0]);
    assert.match(await drawer.getByTestId('elder-full-phone').innerText(), /^1\d{10}$/);
    assert.equal(
      await recordReadsBy(me.accountId, target.id),
      readsBefore + 1,
      'the read is logged',
    );
    const record = await apiGetAs(WORKER, `/elders/${target.id}`);
    assert.equal(fullName, record.name);
    const text = await drawer.innerText();
    assert.ok(text.includes(record.idNumber), 'the ID number is shown');
    assert.ok(text.includes(record.address), 'the address is shown');
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'elder-full-record');
  },
);

test(
  'a worker adds an elder who phoned in; the api field errors show next to the fields',
  TIMEOUT,
  async (t) => {
    const name = uniqueChineseName();
    const idNumber = residentIdNumber('19450308', true);
    const { page, consoleErrors } = await openBrowser(t, TABLET);
    await signInAs(page);
    await openFromMenu(page, '老人档案');

    await page.getByTestId('add-elder').click();
    const drawer = page.getByTestId('add-elder-drawer');
    await drawer.getByLabel('姓名', { exact: true }).fill(name);
    await drawer.getByLabel('身份证号').fill(idNumber);
    assert.equal(await drawer.getByLabel('出生日期').inputValue(), '1945-03-08', 'from the ID');
    await drawer.getByLabel('居住地址').fill('临河区解放街道团结社区7号楼1单元302');
    await drawer.getByText('半失能', { exact: true }).click();
    await drawer.getByText('助餐', { exact: true }).click();
    await drawer.getByLabel('联系人姓名').fill('王强');
    await drawer.getByLabel('联系人电话').fill('1234567');
    await drawer.getByLabel('与老人关系').fill('儿子');
    await drawer.getByTestId('add-elder-submit').click();

    const problem = drawer.getByTestId('problem-alert');
    await problem.waitFor();
    const problemText = await problem.innerText();
    assert.match(problemText, /emergencyContact\.phone/);
    const phoneItem = drawer
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('联系人电话') });
    await phoneItem.locator('.ant-form-item-explain-error').waitFor();
    assert.match(await phoneItem.innerText(), /11/, 'the api says what a mobile number is');
    await screenshot(page, 'add-elder-field-error');

    await drawer.getByLabel('联系人电话').fill('13812345678');
    await drawer.getByTestId('add-elder-submit').click();

    await drawer.waitFor({ state: 'hidden' });
    const found = await apiGetAs(WORKER, `/elders?name=${encodeURIComponent(name)}`);
    assert.equal(found.total, 1, 'the elder was created');
    const rows = page.getByTestId('elders-table').locator('tbody tr.ant-table-row');
    await rows.filter({ hasText: found.items[0].maskedName }).waitFor();
    assert.equal(await rows.count(), 1, 'the list shows the new elder');
    assert.match(await rows.first().innerText(), /半失能/);
    const created = await apiGetAs(WORKER, `/elders/${found.items[0].id}`);
    assert.equal(created.idNumber, idNumber);
    assert.equal(created.gender, 'FEMALE');
    assert.deepEqual(created.emergencyContact, {
      name: '王强',
      phone: '13812345678',
      relationship: '儿子',
    });
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'add-elder-created');
  },
);

test(
  'the district official sees the masked list but cannot open records or add',
  TIMEOUT,
  async (t) => {
    const list = await apiGetAs(OFFICIAL, '/elders');
    const { page } = await openBrowser(t);
    await signInAs(page, OFFICIAL);
    await openFromMenu(page, '老人档案');

    await page.getByTestId('elders-total').getByText(`共 ${list.total} 条`).waitFor();
    assert.equal(await page.getByTestId('add-elder').count(), 0);
    assert.equal(await page.getByTestId('elders-open-hint').count(), 0);
    await page.getByTestId('elders-table').locator('tbody tr.ant-table-row').first().click();
    await page.waitForTimeout(500);
    assert.equal(await page.getByTestId('elder-drawer').count(), 0, 'no full record');
    await screenshot(page, 'elders-list-district-official');
  },
);

test('the operator has no elders screen', TIMEOUT, async (t) => {
  const { page } = await openBrowser(t);
  await signInAs(page, ADMIN);
  await page.getByRole('menuitem', { name: '工作台' }).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: '老人档案' }).count(), 0);
});
