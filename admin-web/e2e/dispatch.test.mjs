import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN_URL,
  TABLET,
  WORKER,
  apiGetAs,
  goOnline,
  newElder,
  openBrowser,
  placeOrder,
  priceListOf,
  providerOffering,
  screenshot,
  signInAs,
  tomorrowAt,
} from './support.mjs';

const TIMEOUT = { timeout: 180_000 };
const COMPONENTS = ['路程时间', '好评率', '履约可靠性', '服务连续性', '派单均衡', '语言'];

test(
  'the dispatch board ranks who could serve an order now, each score component explained',
  TIMEOUT,
  async (t) => {
    const elder = await newElder();
    const entries = await priceListOf(elder.communityId);
    const meal = entries.find((e) => e.service === 'MEAL') ?? entries[0];
    const { email, profile } = await providerOffering(meal.service, elder.communityId);
    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    // a provider is online at the elder's door when the order comes in: it goes out as an offer
    await goOnline(email, elder.location);
    const order = await placeOrder(elder.id, {
      service: meal.service,
      durationMinutes: meal.durationMinutes,
    });
    assert.equal(order.status, 'MATCHING');
    const expected = await apiGetAs(WORKER, `/orders/${order.id}/candidates`);
    const mine = expected.eligible.find((c) => c.providerId === profile.id);
    assert.ok(mine, 'the provider at the door is eligible');

    // from the order to its candidates
    await page.goto(`${ADMIN_URL}orders?order=${order.id}`);
    await page.getByTestId('order-drawer').getByTestId('to-dispatch').click();
    await page.waitForURL(`**/admin/dispatch?community=${elder.communityId}&order=${order.id}`);
    const board = page.getByTestId('board-candidates');
    await board.getByText(elder.maskedName).waitFor();
    await board.getByText('该订单目前匹配中，不在待处理列表中').waitFor();
    const communityName = (await apiGetAs(WORKER, '/me')).communities.find(
      (c) => c.id === elder.communityId,
    ).name;
    await page.getByRole('tab', { name: communityName, selected: true }).waitFor();

    const card = board.getByTestId('candidate').filter({ hasText: profile.displayName });
    await card.waitFor();
    const header = await card.innerText();
    assert.match(header, /从当前位置出发/, 'travel from the live position, for an order for now');
    assert.match(header, new RegExp(`${mine.travelMinutes.toFixed(1)} 分钟可到`));
    assert.match(header, new RegExp(`综合得分 ${mine.score.toFixed(2)}`));
    const rows = card.getByTestId('score-component');
    assert.equal(await rows.count(), mine.components.length);
    for (const [index, label] of COMPONENTS.entries()) {
      const row = await rows.nth(index).innerText();
      const part = mine.components[index];
      assert.match(row, new RegExp(label));
      assert.match(row, new RegExp(`${part.points.toFixed(2)} / ${part.weight.toFixed(2)}`));
      assert.ok(row.includes(part.explanation), `the api's basis for ${label}`);
    }
    const shownNames = await board
      .getByTestId('eligible-candidates')
      .getByTestId('candidate-name')
      .allInnerTexts();
    assert.ok(shownNames.length >= 1);
    assert.deepEqual(
      shownNames.slice(0, expected.eligible.length),
      expected.eligible.map((c) => c.displayName).slice(0, shownNames.length),
      'ranked as the engine ranked them',
    );
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'dispatch-candidates-now');
  },
);

test(
  'for a scheduled order the board shows who is left out and the rules they fail, on a tablet',
  TIMEOUT,
  async (t) => {
    const elder = await newElder();
    const entries = await priceListOf(elder.communityId);
    const cleaning = entries.find((e) => e.service === 'CLEANING') ?? entries[0];
    const order = await placeOrder(elder.id, {
      service: cleaning.service,
      durationMinutes: cleaning.durationMinutes,
      window: { start: tomorrowAt(9), end: tomorrowAt(9, 30 + cleaning.durationMinutes) },
    });
    const expected = await apiGetAs(WORKER, `/orders/${order.id}/candidates`);
    assert.ok(
      expected.ineligible.length > 0,
      'the demo district has providers who cannot take it (working hours, distance, credentials)',
    );
    const { page, consoleErrors } = await openBrowser(t, TABLET);
    await signInAs(page);
    await page.goto(`${ADMIN_URL}dispatch?community=${elder.communityId}&order=${order.id}`);
    const board = page.getByTestId('board-candidates');
    await board.getByTestId('candidates-evaluated').waitFor();
    await board.getByText(`服务圈时限 ${expected.travelLimitMinutes} 分钟`).waitFor();
    await board.getByText(`可派人员（${expected.eligible.length} 名`).waitFor();
    await board.getByText(`不符合条件（${expected.ineligible.length} 名）`).waitFor();

    const left = board.getByTestId('ineligible');
    assert.equal(await left.count(), expected.ineligible.length);
    for (const [index, candidate] of expected.ineligible.entries()) {
      const row = left.nth(index);
      const text = await row.innerText();
      assert.ok(text.includes(candidate.displayName));
      assert.equal(await row.getByTestId('failed-rule').count(), candidate.reasons.length);
      for (const reason of candidate.reasons) {
        assert.ok(text.includes(reason.detail), `the detail of ${reason.rule}`);
      }
      assert.equal(
        await row.getByTestId('rule-hard').count(),
        candidate.reasons.filter((r) => r.hard).length,
        'hard rules are marked as such',
      );
    }
    if (expected.eligible.length > 0) {
      assert.match(
        await board.getByTestId('candidate').first().innerText(),
        /从常驻地出发/,
        'a scheduled order is measured from the home base',
      );
    }
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'dispatch-candidates-scheduled-tablet');
  },
);
