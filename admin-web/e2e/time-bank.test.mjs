import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  OFFICIAL,
  WORKER,
  apiAs,
  apiGetAs,
  openBrowser,
  openFromMenu,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 180_000 };
/** A second worker of the first worker's first community (团结社区). */
const SECOND_WORKER = 'worker06@demo.carecircle.cn';

function chinaToday() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function recordAs(email, volunteerId, minutes, description) {
  const { status, body } = await apiAs(email, 'POST', '/timebank/service-records', {
    volunteerId,
    minutes,
    servedOn: chinaToday(),
    description,
  });
  if (status !== 201)
    throw new Error(`${email} records service: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function summaryOf(communityId) {
  return apiGetAs(
    WORKER,
    `/communities/${communityId}/timebank/summary?month=${chinaToday().slice(0, 7)}`,
  );
}

test(
  "a second worker approves a volunteer's offline service; the recorder cannot approve their own",
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const second = await apiGetAs(SECOND_WORKER, '/me');
    const community = me.communities.find((c) => second.communities.some((s) => s.id === c.id));
    assert.ok(community, 'two demo workers share a community');
    const providers = await apiGetAs(WORKER, `/providers?communityId=${community.id}&size=100`);
    const volunteer = providers.items.find((p) => p.kind === 'VOLUNTEER' && !p.suspended);
    assert.ok(volunteer, 'the community has volunteers');
    const theirs = await recordAs(
      SECOND_WORKER,
      volunteer.id,
      90,
      '重阳节社区集体活动，协助老人用餐',
    );
    const toReject = await recordAs(SECOND_WORKER, volunteer.id, 45, '电话探访独居老人三位');
    const before = await summaryOf(community.id);

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '时间银行');
    await page.getByTestId('timebank-community').click();
    await page.locator('.ant-select-item-option').filter({ hasText: community.name }).click();
    const theirRow = page.locator(`tr[data-row-key="${theirs.id}"]`);
    await theirRow.getByText(volunteer.displayName).waitFor(); // names come with the providers
    const theirText = await theirRow.innerText();
    assert.match(theirText, /90 分钟/);
    assert.match(theirText, /其他社区工作者/);
    assert.match(theirText, /待审核/);
    await screenshot(page, 'time-bank-pending');

    // the worker records one too, through the page ...
    await page.getByTestId('record-service').click();
    const drawer = page.getByTestId('record-service-drawer');
    await drawer.getByTestId('record-volunteer').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: volunteer.displayName })
      .first()
      .click();
    await drawer.getByLabel('服务时长').fill('60');
    await drawer.getByLabel('服务内容').fill('陪同老人到社区卫生服务站复诊');
    await drawer.getByTestId('record-service-submit').click();
    await page.getByText('已登记，等待另一名社区工作者审核').waitFor();
    const pending = await apiGetAs(
      WORKER,
      `/timebank/service-records?communityId=${community.id}&status=PENDING`,
    );
    const mine = pending.items.find((r) => r.recordedBy === me.accountId);
    assert.equal(mine.minutes, 60);
    assert.equal(mine.volunteerId, volunteer.id);
    const myRow = page.locator(`tr[data-row-key="${mine.id}"]`);
    await myRow.getByTestId('recorded-by-me').waitFor();

    // ... and cannot approve it: the api says a second worker must
    await myRow.getByTestId('approve-record').click();
    await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: '审核通过' }).click();
    const problem = page.getByTestId('decision-problem');
    await problem.getByText('须由本社区另一名社区工作者审核').waitFor();
    assert.match(await problem.innerText(), /不符合业务规则/);
    await screenshot(page, 'time-bank-two-reviewers');
    const still = await apiGetAs(
      WORKER,
      `/timebank/service-records?communityId=${community.id}&status=PENDING`,
    );
    assert.ok(
      still.items.some((r) => r.id === mine.id),
      'still pending',
    );

    // the other worker's record: approved, its minutes issued from the pool
    await theirRow.getByTestId('approve-record').click();
    await page.locator('.ant-popconfirm-buttons').getByRole('button', { name: '审核通过' }).click();
    await page.getByText(`已审核通过，${volunteer.displayName} 获得 90 分钟`).waitFor();
    await theirRow.waitFor({ state: 'detached' });
    const after = await summaryOf(community.id);
    assert.equal(after.issued, before.issued + 90);
    assert.equal(after.outstanding, before.outstanding + 90);
    const monthRow = page
      .getByTestId('timebank-months')
      .locator(`tr[data-row-key="${after.month}"]`);
    await monthRow.getByText(`${after.issued} 分钟`).first().waitFor();
    assert.match(await monthRow.innerText(), new RegExp(`${after.outstanding} 分钟`));
    assert.ok(
      (await page.getByTestId('timebank-chart').locator('svg').innerHTML()).includes(after.month),
      'the chart has the month',
    );

    // another record: rejected with a reason
    await page.locator(`tr[data-row-key="${toReject.id}"]`).getByTestId('reject-record').click();
    const modal = page.getByTestId('reject-record-modal');
    await modal.getByLabel('原因').fill('活动签到表上没有该志愿者');
    await modal.getByRole('button', { name: '不通过' }).click();
    await page.getByText('已审核不通过').waitFor();
    await page.locator('.ant-segmented-item').filter({ hasText: '未通过' }).click();
    const rejectedRow = page.locator(`tr[data-row-key="${toReject.id}"]`);
    await rejectedRow.getByText('原因：活动签到表上没有该志愿者').waitFor();
    assert.equal(await rejectedRow.getByTestId('approve-record').count(), 0);
    const rejected = (
      await apiGetAs(
        WORKER,
        `/timebank/service-records?communityId=${community.id}&status=REJECTED`,
      )
    ).items.find((r) => r.id === toReject.id);
    assert.equal(rejected.reason, '活动签到表上没有该志愿者');
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'time-bank-decided');
  },
);

test('the district official reads the time bank and decides nothing', TIMEOUT, async (t) => {
  const me = await apiGetAs(OFFICIAL, '/me');
  const summary = await apiGetAs(
    OFFICIAL,
    `/communities/${me.communities[0].id}/timebank/summary?month=${chinaToday().slice(0, 7)}`,
  );
  const { page, consoleErrors } = await openBrowser(t);
  await signInAs(page, OFFICIAL);
  await openFromMenu(page, '时间银行');
  const monthRow = page
    .getByTestId('timebank-months')
    .locator(`tr[data-row-key="${summary.month}"]`);
  await monthRow.getByText(`${summary.issued} 分钟`).first().waitFor();
  await page.getByTestId('timebank-chart').waitFor();
  assert.equal(await page.getByTestId('record-service').count(), 0);
  assert.equal(await page.getByTestId('approve-record').count(), 0);
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'time-bank-district-official');
});
