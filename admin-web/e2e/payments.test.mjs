import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  WORKER,
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

const yuan = (fen) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

test(
  'a worker pays an elder’s phone-in order with the service subsidy, and the money is held',
  TIMEOUT,
  async (t) => {
    // an elder entitled to the subsidy, with a scheduled order the subsidy covers in full
    const elder = await newElder({ subsidyEligible: true });
    const entries = await priceListOf(elder.communityId);
    const entry = entries
      .filter((e) => e.subsidyEligible && e.priceFen <= 10000)
      .sort((a, b) => a.priceFen - b.priceFen)[0];
    assert.ok(entry, 'the community prices a service the subsidy may pay');
    const order = await placeOrder(elder.id, {
      service: entry.service,
      durationMinutes: entry.durationMinutes,
      window: { start: tomorrowAt(10), end: tomorrowAt(12) },
    });
    const quote = await apiGetAs(WORKER, `/orders/${order.id}/quote`);
    assert.equal(quote.totalFen, entry.priceFen);
    assert.equal(quote.onlineFen, 0, 'this month’s allowance covers it');

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '订单');
    await page.getByTestId('order-elder-filter').click();
    await page.getByTestId('order-elder-filter').locator('input').fill(elder.name);
    await page.locator('.ant-select-item-option').filter({ hasText: elder.maskedName }).click();
    await page.getByTestId('orders-total').getByText('共 1 条').waitFor();
    await page.getByTestId('orders-table').locator('tbody tr.ant-table-row').first().click();

    // before paying: the split the api quotes
    const payment = page.getByTestId('order-drawer').getByTestId('order-payment');
    await payment.getByTestId('payment-state').getByText('未支付').waitFor();
    assert.equal(await payment.getByTestId('payment-subsidy').innerText(), yuan(quote.subsidyFen));
    assert.equal(await payment.getByTestId('payment-online').innerText(), yuan(0));
    await screenshot(page, 'payment-quote');

    await payment.getByTestId('pay-with-subsidy').click();
    await payment.getByTestId('payment-state').getByText('平台托管中').waitFor();
    assert.equal(await payment.getByTestId('pay-with-subsidy').count(), 0);
    const paid = await apiGetAs(WORKER, `/orders/${order.id}/payment`);
    assert.equal(paid.state, 'HELD');
    assert.equal(paid.subsidyFen, entry.priceFen);
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'payment-held');
  },
);
