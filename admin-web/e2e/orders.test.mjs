import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN_URL,
  TABLET,
  WORKER,
  apiAs,
  apiGetAs,
  newElder,
  openBrowser,
  openFromMenu,
  placeOrder,
  priceListOf,
  screenshot,
  signInAs,
  tomorrowAt,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

/**
 * An elder of the worker's with two orders: one for now, which goes to matching and, with nobody
 * online who offers it, on to the dispatch board (ESCALATED); one for tomorrow (REQUESTED). The
 * order for now is a home doctor's visit: the other tests bring only meal couriers online, so
 * this holds whichever tests ran just before.
 */
async function elderWithTwoOrders() {
  const elder = await newElder();
  const entries = await priceListOf(elder.communityId);
  const now = entries.find((e) => e.service === 'MEDICAL_VISIT') ?? entries[0];
  const later = entries.find((e) => e.service === 'MEAL') ?? entries[0];
  const immediate = await placeOrder(elder.id, {
    service: now.service,
    durationMinutes: now.durationMinutes,
    notes: '老人腿脚不便，请敲门后稍等',
  });
  const scheduled = await placeOrder(elder.id, {
    service: later.service,
    durationMinutes: later.durationMinutes,
    window: { start: tomorrowAt(11), end: tomorrowAt(12) },
  });
  return { elder, immediate, scheduled };
}

test(
  'a worker finds an elder’s orders, reads the timeline and cancels one with a reason',
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const { elder, immediate, scheduled } = await elderWithTwoOrders();
    assert.equal(
      immediate.status,
      'ESCALATED',
      'an order for now with nobody online goes to the dispatch board',
    );
    assert.equal(scheduled.status, 'REQUESTED');
    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '订单');

    // newest first across the covered communities; then only this elder's
    const all = await apiGetAs(WORKER, '/orders?size=20');
    await page.getByTestId('orders-total').getByText(`共 ${all.total} 条`).waitFor();
    await page.getByTestId('order-elder-filter').click();
    await page.getByTestId('order-elder-filter').locator('input').fill(elder.name);
    await page.locator('.ant-select-item-option').filter({ hasText: elder.maskedName }).click();
    await page.getByTestId('orders-total').getByText('共 2 条').waitFor();
    const rows = page.getByTestId('orders-table').locator('tbody tr.ant-table-row');
    for (const row of await rows.all()) {
      assert.match(await row.innerText(), new RegExp(elder.maskedName.replace('*', '\\*')));
      assert.match(await row.innerText(), /电话下单/);
    }

    // by status: 待人工派单 leaves the order for now
    await page.getByTestId('order-status-filter').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '待人工派单' }).click();
    await page.getByTestId('orders-total').getByText('共 1 条').waitFor();
    assert.match(page.url(), /status=ESCALATED/);
    assert.match(page.url(), new RegExp(`elderId=${elder.id}`));
    await screenshot(page, 'orders-filtered');

    // the order: what was ordered and its timeline
    await rows.first().click();
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('order-details').waitFor();
    const details = await drawer.getByTestId('order-details').innerText();
    assert.match(details, /助洁|助餐|助浴|助医/);
    assert.match(details, /老人腿脚不便，请敲门后稍等/);
    assert.match(details, /电话下单/);
    const entries = drawer.getByTestId('timeline-entry');
    await entries.nth(2).waitFor();
    assert.equal(await entries.count(), 3);
    const placed = await entries.nth(0).innerText();
    assert.match(placed, /待派单/);
    assert.match(placed, /社区工作者（我）/, 'the worker placed it');
    assert.match(placed, /电话下单/, 'with the reason the api recorded');
    const matching = await entries.nth(1).innerText();
    assert.match(matching, /待派单[\s\S]*匹配中/, 'from → to');
    assert.match(matching, /系统/);
    assert.match(
      await entries.nth(2).innerText(),
      /匹配中[\s\S]*待人工派单/,
      'nobody to offer it to',
    );

    // cancelling needs a reason: an empty one is refused and nothing is sent
    await drawer.getByTestId('cancel-order').click();
    const modal = page.getByTestId('cancel-order-modal');
    await modal.getByText('上门签到前可以取消').waitFor();
    await modal.getByRole('button', { name: '取消订单' }).click();
    await modal.getByText('请填写原因').waitFor();
    await screenshot(page, 'orders-cancel-needs-reason');
    assert.equal((await apiGetAs(WORKER, `/orders/${immediate.id}`)).status, 'ESCALATED');

    const reason = '家属已另行联系社区医生';
    await modal.getByLabel('取消原因').fill(reason);
    await modal.getByRole('button', { name: '取消订单' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByText('订单已取消').waitFor();
    await entries.nth(3).waitFor();
    const cancelled = await entries.nth(3).innerText();
    assert.match(cancelled, /待人工派单[\s\S]*已取消/);
    assert.match(cancelled, new RegExp(`原因：${reason}`));
    assert.match(cancelled, /社区工作者（我）/);
    assert.match(await drawer.getByTestId('order-details').innerText(), /已取消/);
    assert.equal(await drawer.getByTestId('cancel-order').count(), 0, 'no second cancel');
    await screenshot(page, 'orders-cancelled-timeline');

    const after = await apiGetAs(WORKER, `/orders/${immediate.id}`);
    assert.equal(after.status, 'CANCELLED');
    const timeline = await apiGetAs(WORKER, `/orders/${immediate.id}/timeline`);
    const last = timeline.at(-1);
    assert.deepEqual(
      [last.from, last.to, last.reason, last.actorAccountId],
      ['ESCALATED', 'CANCELLED', reason, me.accountId],
    );
    assert.equal((await apiGetAs(WORKER, `/orders/${scheduled.id}`)).status, 'REQUESTED');

    // the list follows: the filter 待人工派单 no longer finds it
    await drawer.locator('.ant-drawer-close').click();
    await page.getByTestId('orders-table').locator('.ant-empty-description').waitFor();
    assert.equal(await rows.count(), 0);
    assert.deepEqual(consoleErrors, []);
  },
);

test('a cancel the api refuses is shown with its problem, on a tablet', TIMEOUT, async (t) => {
  const { scheduled } = await elderWithTwoOrders();
  const { page, consoleErrors } = await openBrowser(t, TABLET);
  await signInAs(page);
  // a link straight to the order, as the phone-order screen gives one
  await page.goto(`${ADMIN_URL}orders?order=${scheduled.id}`);
  const drawer = page.getByTestId('order-drawer');
  await drawer.getByTestId('order-details').waitFor();
  assert.match(await drawer.getByTestId('order-details').innerText(), /待派单/);
  await drawer.getByTestId('cancel-order').click();
  const modal = page.getByTestId('cancel-order-modal');
  await modal.getByLabel('取消原因').fill('重复下单');

  // meanwhile the family (here: another session of the worker) cancels it
  const { status } = await apiAs(WORKER, 'POST', `/orders/${scheduled.id}/cancellation`, {
    reason: '老人住院，家属来电取消',
  });
  assert.equal(status, 200);
  // the open order follows its live timeline: cancelled, without a reload
  await drawer.getByText('原因：老人住院，家属来电取消').waitFor({ timeout: 30_000 });
  assert.match(await drawer.getByTestId('order-details').innerText(), /已取消/);

  await modal.getByRole('button', { name: '取消订单' }).click();
  const problem = modal.getByTestId('problem-alert');
  await problem.waitFor();
  const text = await problem.innerText();
  assert.match(text, /当前状态不允许此操作/, 'the 409 in words');
  assert.match(text, /CANCELLED/, 'with the api’s detail');
  await screenshot(page, 'orders-cancel-refused');
  await modal.getByRole('button', { name: '返回' }).click();
  await modal.waitFor({ state: 'hidden' });
  assert.equal(await drawer.getByTestId('cancel-order').count(), 0, 'nothing left to cancel');

  const timeline = await apiGetAs(WORKER, `/orders/${scheduled.id}/timeline`);
  assert.equal(timeline.filter((event) => event.to === 'CANCELLED').length, 1, 'cancelled once');
  assert.equal(timeline.at(-1).reason, '老人住院，家属来电取消');
  assert.deepEqual(consoleErrors, []);
});
