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

const TIMEOUT = { timeout: 150_000 };

test(
  "a worker sees the community's canteen and registers a home-care agency, once",
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const community = me.communities[0];
    const before = await apiGetAs(WORKER, `/service-organisations?communityId=${community.id}`);
    const canteen = before.find((o) => o.kind === 'CANTEEN');
    assert.ok(canteen, 'the demo opened a canteen (老年餐桌) in the community');
    assert.match(canteen.name, /老年餐桌$/);
    const name = `测试居家养老服务站${Date.now() % 100000}`;
    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '服务商');

    const rows = page.getByTestId('organisations-table').locator('tbody tr.ant-table-row');
    await page.locator(`tr[data-row-key="${canteen.id}"]`).waitFor();
    assert.equal(await rows.count(), before.length);
    const canteenRow = page.locator(`tr[data-row-key="${canteen.id}"]`);
    assert.match(await canteenRow.innerText(), new RegExp(canteen.name));
    assert.equal(
      await canteenRow.getByTestId('organisation-kind').innerText(),
      '老年餐桌（助餐点）',
    );
    await screenshot(page, 'organisations-list');

    await page.getByTestId('register-organisation').click();
    const modal = page.getByTestId('register-organisation-modal');
    await modal.getByText(`登记服务商：${community.name}`).waitFor();
    await modal.getByText('居家养老服务机构').click();
    await modal.getByLabel('名称').fill(name);
    await modal.getByRole('button', { name: '登记' }).click();
    await page.getByText(`已登记 ${name}`).waitFor();

    const after = await apiGetAs(WORKER, `/service-organisations?communityId=${community.id}`);
    const agency = after.find((o) => o.name === name);
    assert.equal(agency.kind, 'AGENCY');
    const agencyRow = page.locator(`tr[data-row-key="${agency.id}"]`);
    await agencyRow.waitFor();
    assert.equal(await agencyRow.getByTestId('organisation-kind').innerText(), '居家养老服务机构');
    assert.equal(await rows.count(), before.length + 1);

    // the same name again in the same community: the api's problem, shown in the dialog
    await page.getByTestId('register-organisation').click();
    await modal.getByText('社区卫生服务机构').click();
    await modal.getByLabel('名称').fill(name);
    await modal.getByRole('button', { name: '登记' }).click();
    await modal.getByTestId('problem-alert').getByText('该内容已存在').waitFor();
    await screenshot(page, 'organisations-duplicate');
    await modal.getByRole('button', { name: '取消' }).click();
    assert.equal(
      (await apiGetAs(WORKER, `/service-organisations?communityId=${community.id}`)).length,
      after.length,
    );
    assert.deepEqual(consoleErrors, []);
  },
);

test(
  "a worker sees who works at the canteen and sets a provider's organisation",
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const community = me.communities[0];
    const organisations = await apiGetAs(
      WORKER,
      `/service-organisations?communityId=${community.id}`,
    );
    const canteen = organisations.find((o) => o.kind === 'CANTEEN');
    const providers = await apiGetAs(WORKER, `/providers?communityId=${community.id}`);
    const courier = providers.items.find((p) => p.organisationId === canteen.id);
    assert.ok(courier, 'the demo canteen employs couriers on the first page');
    assert.equal(courier.kind, 'MEAL_COURIER');
    const target = providers.items.find(
      (p) => !p.organisationId && p.kind !== 'VOLUNTEER' && p.id !== courier.id,
    );
    assert.ok(target, 'an independent provider on the first page');

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '服务人员');
    await page.locator('.search-form .ant-select').first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: community.name }).click();
    await page.getByTestId('providers-total').getByText(`共 ${providers.total} 条`).waitFor();
    const courierRow = page.locator(`tr[data-row-key="${courier.id}"]`);
    await courierRow.getByText(canteen.name).waitFor();
    const targetRow = page.locator(`tr[data-row-key="${target.id}"]`);
    assert.match(await targetRow.innerText(), /独立/);
    await screenshot(page, 'providers-organisations');

    await targetRow.click();
    const drawer = page.getByTestId('provider-drawer');
    const field = drawer.getByTestId('provider-organisation');
    assert.match(await field.innerText(), /独立/);
    await field.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: canteen.name }).click();
    await drawer.getByTestId('save-provider-organisation').click();
    await page.getByText('已更新所属服务商').waitFor();
    await targetRow.getByText(canteen.name).waitFor(); // the list refreshed
    assert.equal((await apiGetAs(WORKER, `/providers/${target.id}`)).organisationId, canteen.id);
    assert.match(await field.innerText(), new RegExp(canteen.name));
    // the drawer has read the saved employer back: nothing left to save
    await drawer.locator('[data-testid="save-provider-organisation"][disabled]').waitFor();
    await screenshot(page, 'provider-organisation-set');

    await field.locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '独立' }).click();
    await drawer.getByTestId('save-provider-organisation').click();
    await targetRow.getByText('独立').waitFor();
    assert.equal((await apiGetAs(WORKER, `/providers/${target.id}`)).organisationId, undefined);
    assert.deepEqual(consoleErrors, []);
  },
);

test('the district official reads the organisations but registers none', TIMEOUT, async (t) => {
  const me = await apiGetAs(OFFICIAL, '/me');
  const list = await apiGetAs(
    OFFICIAL,
    `/service-organisations?communityId=${me.communities[0].id}`,
  );
  const { status } = await apiAs(OFFICIAL, 'POST', '/service-organisations', {
    communityId: me.communities[0].id,
    kind: 'CLINIC',
    name: '官员不能登记的卫生站',
  });
  assert.equal(status, 403);
  const { page, consoleErrors } = await openBrowser(t);
  await signInAs(page, OFFICIAL);
  await openFromMenu(page, '服务商');
  await page.locator(`tr[data-row-key="${list[0].id}"]`).waitFor();
  assert.equal(await page.getByTestId('register-organisation').count(), 0);
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'organisations-district-official');
});
