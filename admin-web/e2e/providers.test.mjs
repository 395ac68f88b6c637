import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  OFFICIAL,
  TABLET,
  WORKER,
  apiGetAs,
  openBrowser,
  openFromMenu,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

test('a worker verifies a pending credential', TIMEOUT, async (t) => {
  const waiting = await apiGetAs(WORKER, '/providers?pendingVerification=true');
  assert.ok(waiting.total >= 1, 'the demo has credentials waiting for verification');
  const provider = waiting.items[0];
  const credential = provider.credentials.find((c) => c.verification === 'PENDING');
  const { page, consoleErrors } = await openBrowser(t);
  await signInAs(page);
  await openFromMenu(page, '服务人员');

  await page.getByTestId('pending-only').click();
  await page.getByTestId('providers-total').getByText(`共 ${waiting.total} 条`).waitFor();
  await screenshot(page, 'providers-pending-verification');
  await page.locator(`tr[data-row-key="${provider.id}"]`).click();

  const drawer = page.getByTestId('provider-drawer');
  const item = drawer.getByTestId(`credential-${credential.id}`);
  assert.ok((await item.innerText()).includes(credential.number), 'the certificate number');
  assert.match(await item.innerText(), /待审核/);
  await screenshot(page, 'provider-credentials');
  await item.getByRole('button', { name: '审核通过' }).click();
  const modal = page.getByTestId('credential-decision-modal');
  await modal.getByLabel('审核备注').fill('已核对原件');
  await modal.getByRole('button', { name: '审核通过' }).click();

  await item.getByTestId('verification-tag').getByText('已通过').waitFor();
  assert.equal(await item.getByRole('button', { name: '审核通过' }).count(), 0);
  const after = await apiGetAs(WORKER, `/providers/${provider.id}`);
  const decided = after.credentials.find((c) => c.id === credential.id);
  assert.equal(decided.verification, 'VERIFIED');
  assert.equal(decided.note, '已核对原件');
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'provider-credential-verified');
});

test('a worker suspends a provider with a reason and reinstates them', TIMEOUT, async (t) => {
  const firstPage = await apiGetAs(WORKER, '/providers');
  // one taking orders with nothing to verify, so that the verification test never picks it
  const provider = firstPage.items.find(
    (p) => !p.suspended && p.credentials.every((c) => c.verification !== 'PENDING'),
  );
  assert.ok(provider, 'a provider taking orders on the first page');
  const { page } = await openBrowser(t, TABLET);
  await signInAs(page);
  await openFromMenu(page, '服务人员');

  const row = page.locator(`tr[data-row-key="${provider.id}"]`);
  assert.match(await row.innerText(), /正常接单/);
  await row.click();
  const drawer = page.getByTestId('provider-drawer');
  await drawer.getByRole('button', { name: '暂停接单' }).click();
  const suspend = page.getByTestId('suspend-modal');
  await suspend.getByRole('button', { name: '暂停接单' }).click();
  await suspend.getByText('请填写原因').waitFor();
  await suspend.getByLabel('原因').fill('连续两次未按时到达，暂停核查');
  await suspend.getByRole('button', { name: '暂停接单' }).click();

  await drawer.getByTestId('suspension-notice').getByText('连续两次未按时到达，暂停核查').waitFor();
  await row.getByTestId('provider-status').getByText('暂停接单').waitFor(); // the list refreshed
  assert.equal((await apiGetAs(WORKER, `/providers/${provider.id}`)).suspended, true);
  await screenshot(page, 'provider-suspended');

  await drawer.getByRole('button', { name: '恢复接单' }).click();
  const reinstate = page.getByTestId('reinstate-modal');
  await reinstate.getByLabel('原因').fill('核查完毕，情况属实已整改');
  await reinstate.getByRole('button', { name: '恢复接单' }).click();
  await drawer.getByRole('button', { name: '暂停接单' }).waitFor();
  assert.equal(await drawer.getByTestId('suspension-notice').count(), 0);
  await row.getByText('正常接单').waitFor();
  assert.equal((await apiGetAs(WORKER, `/providers/${provider.id}`)).suspended, false);
});

test('the district official sees providers without actions', TIMEOUT, async (t) => {
  const list = await apiGetAs(OFFICIAL, '/providers');
  const { page } = await openBrowser(t);
  await signInAs(page, OFFICIAL);
  await openFromMenu(page, '服务人员');
  await page.getByTestId('providers-total').getByText(`共 ${list.total} 条`).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: '家属绑定' }).count(), 0);
  await page.getByTestId('providers-table').locator('tbody tr.ant-table-row').first().click();
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('provider-drawer').count(), 0);
  await screenshot(page, 'providers-district-official');
});
