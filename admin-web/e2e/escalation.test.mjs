import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN,
  ADMIN_URL,
  WORKER,
  apiAs,
  apiGetAs,
  newElder,
  openBrowser,
  openFromMenu,
  priceListOf,
  providerOffering,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 300_000 };
/**
 * While its live stream is open the board polls only every 60 s (for deadlines coming near); an
 * order seen well before that came by the stream.
 */
const BY_THE_STREAM = { timeout: 30_000 };

/** Chooses a provider in 指定其他服务人员 by typing the name (the list shows a few at a time). */
/**
 * Presses the modal's button and waits for the assignment request it sends. A click that lands
 * while the modal is still opening is lost (no request goes out), so such a click is repeated.
 */
async function pressAssign(page, modal, label) {
  for (let attempt = 0; ; attempt++) {
    const request = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/assignment'),
      { timeout: 3_000 },
    );
    await modal.getByRole('button', { name: label }).click();
    try {
      await request;
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

async function pickOther(page, name) {
  const select = page.getByTestId('other-provider').getByTestId('other-provider-select');
  await select.click();
  await select.locator('input').fill(name);
  await page.locator('.ant-select-item-option').filter({ hasText: name }).click();
}

test(
  'a worker takes a phone-in order, sees it escalate and assigns it by hand with a reason',
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const community = me.communities[1] ?? me.communities[0];
    // a woman to bathe her and a man who may not; the elder lives 4 km from the woman's home
    const woman = await providerOffering('BATHING', community.id, (p) => p.gender === 'FEMALE');
    const man = await providerOffering('BATHING', community.id, (p) => p.gender === 'MALE');
    const elder = await newElder({
      communityId: community.id,
      location: { lat: woman.profile.homeBase.lat + 0.036, lon: woman.profile.homeBase.lon },
      bathingGenderPreference: 'FEMALE',
    });
    const entries = await priceListOf(community.id);
    const bathing = entries.find((e) => e.service === 'BATHING');
    assert.ok(bathing, 'the price list has bathing');

    const { page: board, consoleErrors } = await openBrowser(t);
    await signInAs(board);
    await openFromMenu(board, '调度台');
    await board.getByRole('tab', { name: community.name }).click();
    await board.waitForURL(`**/admin/dispatch?community=${community.id}`);
    const queue = board.getByTestId('board-queue');
    await queue.getByText('待处理').waitFor();
    await board.getByTestId('board-freshness').getByText('实时更新').waitFor();

    // the 12349 call, on a second tab of the same worker
    const phone = await board.context().newPage();
    await phone.goto(`${ADMIN_URL}phone-order`);
    await phone.getByPlaceholder('输入老人姓名，或电话后4位').fill(elder.name);
    await phone.getByPlaceholder('输入老人姓名，或电话后4位').press('Enter');
    await phone.getByRole('button', { name: '为TA下单' }).click();
    await phone.getByText('助浴', { exact: true }).click();
    await phone.getByText(`${bathing.durationMinutes} 分钟`, { exact: false }).first().click();
    await phone.getByTestId('place-order').click();
    await phone.getByTestId('order-placed').waitFor();
    const orderId = (await phone.getByTestId('order-id').innerText()).trim();
    await phone.close();

    // nobody can bathe her now: the board shows the order without being reloaded
    const item = queue.getByTestId('board-order').filter({ hasText: elder.maskedName });
    await item.waitFor(BY_THE_STREAM);
    assert.match(await item.innerText(), /需人工派单/);
    assert.match(await item.innerText(), /助浴/);
    assert.match(await item.innerText(), /电话下单/);
    const escalated = await apiGetAs(WORKER, `/orders/${orderId}/timeline`);
    const escalation = escalated.find((event) => event.to === 'ESCALATED');
    assert.equal(escalation.actorRole, 'SYSTEM');
    assert.match(escalation.reason, /无可派单/);

    await item.click();
    const panel = board.getByTestId('board-candidates');
    await panel.getByText('此刻没有符合全部条件的服务人员').waitFor();
    await screenshot(board, 'escalation-on-the-board');

    // a man may not bathe her: no reason makes that right
    const other = panel.getByTestId('other-provider');
    await pickOther(board, man.profile.displayName);
    await other.getByTestId('assign-other').click();
    const modal = board.getByTestId('assign-modal');
    await pressAssign(board, modal, '派给TA');
    const refusal = modal.getByTestId('problem-alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /该服务人员不能派单（硬性条件不符）/);
    assert.match(await refusal.innerText(), /不符合：符合老人对服务人员性别的要求/);
    assert.equal(await modal.getByRole('button', { name: '派给TA' }).isDisabled(), true);
    await screenshot(board, 'escalation-hard-rule-refused');
    await modal.getByRole('button', { name: '返回' }).click();
    await modal.waitFor({ state: 'hidden' });

    // a new round finds nobody either, and says so
    await panel.getByTestId('redispatch').click();
    const again = board.getByTestId('redispatch-modal');
    await again.getByLabel('原因').fill('已电话联系服务人员，请再派一次');
    await again.getByRole('button', { name: '重新派单' }).click();
    await board.getByText('仍没有符合条件的服务人员，订单已回到待人工派单').waitFor();
    await item.waitFor();

    // the woman lives too far for the 15-minute circle: the api asks for a reason
    await pickOther(board, woman.profile.displayName);
    await other.getByTestId('assign-other').click();
    await pressAssign(board, modal, '派给TA');
    const demand = modal.getByTestId('problem-alert');
    await demand.waitFor();
    assert.match(await demand.innerText(), /此次派单破例，须说明原因/);
    assert.match(await demand.innerText(), /不符合：在服务圈时限内可到达/);
    await modal.getByText('破例派单须说明原因').waitFor();
    const reason = '老人行动不便急需助浴，已电话确认该护理员可在40分钟内到达';
    await modal.getByLabel('破例原因').fill(reason);
    await screenshot(board, 'escalation-override-reason');
    await modal.getByRole('button', { name: '破例派单' }).click();
    await board.getByText(`已派给 ${woman.profile.displayName}`).waitFor();
    await modal.waitFor({ state: 'hidden' });

    // on the board now until the provider checks in; the order shows who has it
    await item.getByTestId('attention-reason').getByText('服务人员未签到').waitFor();
    await panel.getByTestId('order-status').getByText('已派单').waitFor();
    const seat = panel.getByTestId('order-seat');
    assert.match(await seat.innerText(), new RegExp(woman.profile.displayName));
    assert.match(await seat.innerText(), /人工派单/);
    await screenshot(board, 'escalation-assigned');

    const order = await apiGetAs(WORKER, `/orders/${orderId}`);
    assert.equal(order.status, 'ASSIGNED');
    assert.equal(order.seats[0].providerId, woman.profile.id);
    assert.equal(order.seats[0].assignedByRole, 'COMMUNITY_WORKER');
    const timeline = await apiGetAs(WORKER, `/orders/${orderId}/timeline`);
    const last = timeline.at(-1);
    assert.deepEqual(
      [last.from, last.to, last.actorAccountId],
      ['ESCALATED', 'ASSIGNED', me.accountId],
    );
    assert.ok(last.reason.includes(reason), 'the reason is on the timeline');
    assert.ok(
      timeline.some((e) => e.from === 'ESCALATED' && e.to === 'MATCHING'),
      'the new round is on the timeline',
    );
    const { status, body: audit } = await apiAs(ADMIN, 'GET', `/audit-events?subjectId=${orderId}`);
    assert.equal(status, 200);
    const override = audit.find((event) => event.action === 'DISPATCH_OVERRIDE');
    assert.ok(override, 'the override is audited');
    assert.equal(override.actorAccountId, me.accountId);
    assert.deepEqual(consoleErrors, []);
  },
);
