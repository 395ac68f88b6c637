import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  WORKER,
  apiGetAs,
  newElder,
  openBrowser,
  openFromMenu,
  priceListOf,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 180_000 };
const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;
const STATUS = {
  REQUESTED: '待派单',
  MATCHING: '匹配中',
  ASSIGNED: '已派单',
  ESCALATED: '待人工派单',
  CANCELLED: '已取消',
};

/** A day in China `days` from today, as YYYY-MM-DD. */
function chinaDay(days) {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

async function plansOf(elderId) {
  return apiGetAs(WORKER, `/meal-plans?elderId=${elderId}`);
}

test(
  'a worker books a meal plan for an elder who phoned in, then pauses, resumes and cancels it',
  TIMEOUT,
  async (t) => {
    const elder = await newElder();
    const canteens = (
      await apiGetAs(WORKER, `/service-organisations?communityId=${elder.communityId}`)
    ).filter((o) => o.kind === 'CANTEEN');
    assert.ok(canteens.length > 0, 'the demo opened a canteen in every community');
    const canteen = canteens[0];
    const meal = (await priceListOf(elder.communityId)).find((e) => e.service === 'MEAL');
    assert.ok(meal, 'the demo price list has meals');

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '助餐计划');
    await page.getByTestId('meal-plan-elder').click();
    await page.getByTestId('meal-plan-elder').locator('input').fill(elder.name);
    await page.locator('.ant-select-item-option').filter({ hasText: elder.maskedName }).click();
    await page.getByText(`${elder.maskedName} 的助餐计划`).waitFor();
    await page.getByTestId('no-meal-plans').getByText('该老人还没有助餐计划').waitFor();

    await page.getByTestId('new-meal-plan').click();
    const drawer = page.getByTestId('place-meal-plan-drawer');
    await drawer.getByText(`为 ${elder.maskedName} 新建助餐计划`).waitFor();
    await drawer.getByTestId('meal-plan-canteen').click();
    await page.locator('.ant-select-item-option').filter({ hasText: canteen.name }).click();
    await drawer.getByLabel('预订周数').fill('2');
    assert.equal(await drawer.getByLabel('送餐开始时间').inputValue(), '11:00');
    assert.equal(
      await drawer.getByRole('radio', { name: '时间银行' }).isDisabled(),
      meal.timeBankMinutes === undefined,
      'time bank only where the price list allows it',
    );
    assert.equal(
      await drawer.getByTestId('meal-price-preview').innerText(),
      `每餐 ${yuan(meal.priceFen)}`,
    );
    await drawer.getByLabel('备注（口味、忌口等）').fill('少盐，米饭软一些');

    // beyond the 30 days an order may be placed ahead: the api's field error shows at the field
    await drawer.getByLabel('首次送餐日').fill(chinaDay(45));
    await drawer.getByTestId('place-meal-plan').click();
    const firstDayItem = drawer.locator('.ant-form-item').filter({ hasText: '首次送餐日' });
    await firstDayItem.locator('.ant-form-item-explain-error').getByText(/30/).waitFor();
    await drawer.getByTestId('problem-alert').getByText('助餐计划未提交').waitFor();
    assert.equal((await plansOf(elder.id)).length, 0, 'nothing was booked');
    await screenshot(page, 'meal-plan-field-error');

    await drawer.getByLabel('首次送餐日').fill(chinaDay(1));
    await drawer.getByTestId('place-meal-plan').click();
    await page.getByText(`已为 ${elder.maskedName} 预订助餐计划`).waitFor();
    await drawer.waitFor({ state: 'hidden' });

    const [plan] = await plansOf(elder.id);
    assert.equal(plan.status, 'ACTIVE');
    assert.equal(plan.channel, 'PHONE');
    assert.equal(plan.canteenId, canteen.id);
    assert.equal(plan.firstDay, chinaDay(1));
    assert.equal(plan.lastDay, chinaDay(14));
    assert.equal(plan.notes, '少盐，米饭软一些');
    assert.equal(plan.upcoming.length, 14);
    const card = page.getByTestId(`meal-plan-${plan.id}`);
    assert.match(await card.innerText(), new RegExp(canteen.name));
    assert.equal(await card.getByTestId('meal-plan-status').innerText(), '执行中');
    assert.equal(
      await card.getByTestId('meal-plan-period').innerText(),
      `${chinaDay(1)} – ${chinaDay(14)}`,
    );
    assert.equal(await card.getByTestId('meal-plan-window').innerText(), '11:00–12:00');
    assert.equal(await card.getByTestId('meal-plan-price').innerText(), yuan(meal.priceFen));
    await card.getByText('接下来的送餐日（14 天）').waitFor();
    const days = card.getByTestId('meal-plan-days').locator('tbody tr.ant-table-row');
    assert.equal(await days.count(), 7, 'a week per page');
    const first = plan.upcoming[0];
    const firstRow = card.locator(`tr[data-row-key="${first.orderId}"]`);
    assert.match(await firstRow.innerText(), new RegExp(first.day));
    assert.equal(await firstRow.getByTestId('order-status').innerText(), STATUS[first.status]);
    await screenshot(page, 'meal-plan-booked');

    await card.getByTestId('pause-meal-plan').click();
    const pause = page.getByTestId('pause-meal-plan-modal');
    await pause.getByLabel('原因').fill('老人住院，暂停送餐');
    await pause.getByRole('button', { name: '暂停' }).click();
    await card.getByTestId('meal-plan-status').getByText('已暂停').waitFor();
    await card.getByText('计划已暂停，恢复后从次日起重新生成订单').waitFor();
    const paused = (await plansOf(elder.id))[0];
    assert.equal(paused.status, 'PAUSED');
    assert.equal(paused.upcoming.length, 0);
    const cancelledDay = await apiGetAs(WORKER, `/orders/${first.orderId}`);
    assert.equal(cancelledDay.status, 'CANCELLED', "the paused days' orders are cancelled");
    await screenshot(page, 'meal-plan-paused');

    await card.getByTestId('resume-meal-plan').click();
    await card.getByTestId('meal-plan-status').getByText('执行中').waitFor();
    await card.getByText('接下来的送餐日（14 天）').waitFor();
    const resumed = (await plansOf(elder.id))[0];
    assert.equal(resumed.status, 'ACTIVE');
    assert.equal(resumed.upcoming.length, 14);
    assert.notEqual(resumed.upcoming[0].orderId, first.orderId, 'a new order for the day');

    await card.getByTestId('cancel-meal-plan').click();
    const cancel = page.getByTestId('cancel-meal-plan-modal');
    await cancel.getByLabel('原因').fill('家属接老人同住，不再需要送餐');
    await cancel.getByRole('button', { name: '取消计划' }).click();
    await card.getByTestId('meal-plan-status').getByText('已取消').waitFor();
    assert.equal(await card.getByTestId('pause-meal-plan').count(), 0);
    assert.equal(await card.getByTestId('cancel-meal-plan').count(), 0);
    const cancelled = (await plansOf(elder.id))[0];
    assert.equal(cancelled.status, 'CANCELLED');
    assert.equal(cancelled.upcoming.length, 0);
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'meal-plan-cancelled');
  },
);
