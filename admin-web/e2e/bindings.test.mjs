import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORKER, apiGetAs, openBrowser, openFromMenu, screenshot, signInAs } from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

async function pendingBindings() {
  const pending = await apiGetAs(WORKER, '/bindings?status=PENDING');
  assert.ok(pending.length >= 1, 'the demo has pending bindings');
  return pending;
}

test('a worker confirms a pending family binding and the list refreshes', TIMEOUT, async (t) => {
  const pending = await pendingBindings();
  const binding = pending[0];
  const { page, consoleErrors } = await openBrowser(t);
  await signInAs(page);
  await openFromMenu(page, '家属绑定');

  await page.getByTestId('bindings-total').getByText(`共 ${pending.length} 条`).waitFor();
  const row = page.locator(`tr[data-row-key="${binding.id}"]`);
  const text = await row.innerText();
  assert.ok(text.includes(binding.elderMaskedName), 'the elder, masked');
  assert.ok(text.includes(binding.familyDisplayName), 'the family member');
  assert.match(text, /待确认/);
  await screenshot(page, 'bindings-pending');

  await row.getByRole('button', { name: '确认绑定' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '确认绑定' }).click();

  await row.waitFor({ state: 'detached' });
  await page
    .getByTestId('bindings-total')
    .getByText(`共 ${pending.length - 1} 条`)
    .waitFor();
  const active = await apiGetAs(WORKER, '/bindings?status=ACTIVE');
  assert.ok(
    active.some((b) => b.id === binding.id && b.status === 'ACTIVE'),
    'confirmed',
  );

  await page.getByText('已绑定', { exact: true }).click();
  await page.locator(`tr[data-row-key="${binding.id}"]`).getByText('已绑定').waitFor();
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'bindings-confirmed');
});

test('a worker rejects a pending binding with a reason', TIMEOUT, async (t) => {
  const pending = await pendingBindings();
  const binding = pending[pending.length - 1];
  const reason = '经电话核实，老人表示不认识该申请人';
  const { page } = await openBrowser(t);
  await signInAs(page);
  await openFromMenu(page, '家属绑定');

  const row = page.locator(`tr[data-row-key="${binding.id}"]`);
  await row.getByRole('button', { name: '驳回' }).click();
  const modal = page.getByTestId('reject-binding-modal');
  await modal.getByRole('button', { name: '驳回' }).click();
  await modal.getByText('请填写原因').waitFor();
  await modal.getByLabel('驳回原因').fill(reason);
  await screenshot(page, 'binding-reject-reason');
  await modal.getByRole('button', { name: '驳回' }).click();

  await row.waitFor({ state: 'detached' });
  const rejected = await apiGetAs(WORKER, '/bindings?status=REJECTED');
  const decided = rejected.find((b) => b.id === binding.id);
  assert.ok(decided, 'rejected');
  assert.equal(decided.reason, reason);
  await page.getByText('已驳回', { exact: true }).click();
  await page.locator(`tr[data-row-key="${binding.id}"]`).getByText(reason).waitFor();
  await screenshot(page, 'bindings-rejected');
});
