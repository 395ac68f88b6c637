import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  WORKER,
  apiGetAs,
  openBrowser,
  openFromMenu,
  priceListOf,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;

test(
  'a worker takes a phone-in order for an elder found by the last 4 phone digits',
  TIMEOUT,
  async (t) => {
    const all = await apiGetAs(WORKER, '/elders?size=100');
    const elder = all.items.filter((e) => e.maskedPhone)[31];
    const last4 = elder.maskedPhone.slice(-4);
    const entries = await priceListOf(elder.communityId);
    const entry = entries.find((e) => e.service === 'CLEANING') ?? entries[0];
    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '电话下单', '电话下单（12349 热线）');

    await page.getByPlaceholder('输入老人姓名，或电话后4位').fill(last4);
    await page.getByPlaceholder('输入老人姓名，或电话后4位').press('Enter');
    const match = page
      .getByTestId('elder-matches')
      .locator('.ant-list-item')
      .filter({ hasText: elder.maskedPhone })
      .filter({ hasText: elder.maskedName });
    await match.getByRole('button', { name: '为TA下单' }).click();
    await page.getByTestId('chosen-elder').getByText(elder.maskedName).waitFor();

    const serviceLabel = { MEAL: '助餐', BATHING: '助浴', CLEANING: '助洁', MEDICAL_VISIT: '助医' };
    await page.getByText(serviceLabel[entry.service], { exact: true }).click();
    await page.getByText(`${entry.durationMinutes} 分钟 · ${yuan(entry.priceFen)}`).click();
    assert.equal(await page.getByTestId('price-preview').innerText(), yuan(entry.priceFen));
    assert.equal(
      await page.getByRole('radio', { name: '时间银行' }).isDisabled(),
      entry.timeBankMinutes === undefined,
      'time bank only where the price list allows it',
    );
    await page.getByLabel('备注').fill('老人腿脚不便，请敲门后稍等');
    await screenshot(page, 'phone-order-form');
    await page.getByTestId('place-order').click();

    const placed = page.getByTestId('order-placed');
    await placed.waitFor();
    assert.equal(await placed.getByTestId('order-price').innerText(), yuan(entry.priceFen));
    const orderId = await placed.getByTestId('order-id').innerText();
    const order = await apiGetAs(WORKER, `/orders/${orderId.trim()}`);
    assert.equal(order.elderId, elder.id);
    assert.equal(order.channel, 'PHONE');
    assert.equal(order.service, entry.service);
    assert.equal(order.durationMinutes, entry.durationMinutes);
    assert.equal(order.priceFen, entry.priceFen);
    assert.equal(order.notes, '老人腿脚不便，请敲门后稍等');
    assert.match(
      await placed.getByTestId('order-status').innerText(),
      /待派单|匹配中|已派单|待人工派单/,
    );
    await screenshot(page, 'phone-order-placed');

    // from here the worker can follow the order: its details and timeline in 订单
    await placed.getByTestId('view-order').click();
    await page.waitForURL(`**/admin/orders?order=${orderId.trim()}`);
    const drawer = page.getByTestId('order-drawer');
    assert.match(await drawer.getByTestId('order-details').innerText(), /老人腿脚不便/);
    assert.match(await drawer.getByTestId('timeline-entry').first().innerText(), /待派单/);
    assert.deepEqual(consoleErrors, []);
  },
);
