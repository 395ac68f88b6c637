import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  FAMILY_MEMBER,
  OFFICIAL,
  WORKER,
  apiAs,
  apiGetAs,
  openBrowser,
  openFromMenu,
  priceListOf,
  randomBirthDate,
  residentIdNumber,
  screenshot,
  signInAs,
  tomorrowAt,
  uniqueChineseName,
  sql,
} from './support.mjs';

const TIMEOUT = { timeout: 180_000 };

/**
 * An order the family paid for in the app and cancelled before WeChat Pay's payment was completed:
 * everything through the api (the family adds the elder, the worker confirms the binding, the
 * family orders, pays and cancels; the payment is CLOSED). Returns the order and the elder.
 */
async function closedPayment() {
  const me = await apiGetAs(WORKER, '/me');
  const communityId = me.communities[0].id;
  const community = await apiGetAs(WORKER, `/communities/${communityId}`);
  const name = uniqueChineseName('退');
  const birthDate = randomBirthDate();
  const added = await apiAs(FAMILY_MEMBER, 'POST', '/elders', {
    communityId,
    name,
    gender: 'FEMALE',
    birthDate,
    idNumber: residentIdNumber(birthDate.replaceAll('-', ''), true),
    address: '临河区测试小区2号楼1单元202',
    location: community.centre,
    mobilityLevel: 'SELF_CARE',
    // paid online in full: no subsidy
    subsidyEligible: false,
    relationship: '母亲',
    consentBy: 'ELDER',
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const pending = await apiGetAs(FAMILY_MEMBER, '/bindings?status=PENDING');
  const binding = pending.find((b) => b.elderId === added.body.id);
  assert.ok(binding, 'adding a parent opens a pending binding');
  assert.equal((await apiAs(WORKER, 'POST', `/bindings/${binding.id}/confirm`)).status, 200);

  const entry = (await priceListOf(communityId)).sort((a, b) => a.priceFen - b.priceFen)[0];
  const placed = await apiAs(FAMILY_MEMBER, 'POST', '/orders', {
    elderId: added.body.id,
    service: entry.service,
    durationMinutes: entry.durationMinutes,
    settlement: 'PAID',
    window: { start: tomorrowAt(9), end: tomorrowAt(11) },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  const paid = await apiAs(FAMILY_MEMBER, 'POST', `/orders/${placed.body.id}/payment`, {
    expectedTotalFen: entry.priceFen,
  });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.state, 'PENDING');
  const cancelled = await apiAs(FAMILY_MEMBER, 'POST', `/orders/${placed.body.id}/cancellation`, {
    reason: '老人住院了',
  });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  return { order: placed.body, communityId, onlineFen: paid.body.onlineFen };
}

/**
 * WeChat Pay refuses to close the payment: the demo's stand-in for WeChat Pay never refuses a
 * closing, so the case is written as PaymentGatewayWork writes it when the gateway declines.
 */
function declinedClosing(orderId) {
  return sql(`insert into payment_case (id, order_id, community_id, action, amount_fen, gateway_code,
                  gateway_message, opened_at)
              select gen_random_uuid(), order_id, community_id, 'CLOSE', online_fen, 'INVALID_REQUEST',
                  '订单状态不允许关闭', now()
              from payment where order_id = '${orderId}' and state = 'CLOSED'
              returning id`);
}

test(
  'a worker handles the refunds WeChat Pay declined: asks again, records one settled offline; the official only reads',
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const { order, communityId, onlineFen } = await closedPayment();
    const amount = `¥${Math.floor(onlineFen / 100)}.${String(onlineFen % 100).padStart(2, '0')}`;
    const first = declinedClosing(order.id);
    assert.ok(first, 'the declined closing is recorded');

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '订单');
    const card = page.getByTestId('payment-cases');
    await card.waitFor();
    const row = card.locator('tbody tr.ant-table-row').filter({ hasText: order.elderMaskedName });
    await row.waitFor();
    assert.equal(await row.getByTestId('case-amount').innerText(), amount);
    assert.match(await row.getByTestId('case-gateway').innerText(), /INVALID_REQUEST/);
    assert.match(await row.innerText(), /关闭支付/);
    await screenshot(page, 'payment-cases-queue');

    // ask WeChat Pay again: it closes the payment now, the case leaves the queue
    await row.getByTestId('case-retry').click();
    await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: '重新发起' }).click();
    await page.getByText('微信支付已受理，款项将原路退回').waitFor();
    await row.waitFor({ state: 'detached' });
    const retried = await apiGetAs(
      WORKER,
      `/communities/${communityId}/payment-cases?status=RETRIED`,
    );
    const handled = retried.items.find((c) => c.id === first);
    assert.equal(handled.retryOutcome, undefined);
    assert.equal(handled.resolvedByName, me.displayName);

    // declined once more; this time the community settles it itself and says why
    const second = declinedClosing(order.id);
    await page.reload();
    const again = page
      .getByTestId('payment-cases')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: order.elderMaskedName });
    await again.waitFor();
    await again.getByTestId('case-settle-offline').click();
    const modal = page.getByTestId('offline-settlement-modal');
    await modal.getByRole('button', { name: '线下已处理' }).click();
    await modal.getByText('请填写原因').waitFor();
    await modal.getByTestId('case-reason').fill('已与家属核实未完成付款，无需退款');
    await modal.getByTestId('case-reference').fill('核实记录 2026-12-07');
    await screenshot(page, 'payment-cases-offline');
    await modal.getByRole('button', { name: '线下已处理' }).click();
    await page.getByText('已记录为线下处理').waitFor();
    await again.waitFor({ state: 'detached' });
    const settled = await apiGetAs(
      WORKER,
      `/communities/${communityId}/payment-cases?status=SETTLED_OFFLINE`,
    );
    const recorded = settled.items.find((c) => c.id === second);
    assert.equal(recorded.reason, '已与家属核实未完成付款，无需退款');
    assert.equal(recorded.reference, '核实记录 2026-12-07');
    assert.equal(recorded.resolvedByName, me.displayName);
    assert.deepEqual(consoleErrors, []);

    // the district official sees what waits, without the actions
    const third = declinedClosing(order.id);
    t.after(async () => {
      await apiAs(WORKER, 'POST', `/payment-cases/${third}/offline-settlement`, {
        reason: '测试结束，清理',
      });
    });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/admin/sign-in');
    await signInAs(page, OFFICIAL);
    await openFromMenu(page, '订单');
    const seen = page
      .getByTestId('payment-cases')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: order.elderMaskedName });
    await seen.waitFor();
    assert.equal(await seen.getByTestId('case-retry').count(), 0);
    assert.equal(await seen.getByTestId('case-settle-offline').count(), 0);
    const refused = await apiAs(OFFICIAL, 'POST', `/payment-cases/${third}/retry`);
    assert.equal(refused.status, 403);
    await screenshot(page, 'payment-cases-official');
  },
);
