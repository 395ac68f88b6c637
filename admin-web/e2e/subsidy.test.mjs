import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ADMIN,
  OFFICIAL,
  WORKER,
  apiAs,
  apiGetAs,
  openBrowser,
  openFromMenu,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

const yuan = (fen) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

test(
  'the operator changes the 养老服务补贴 allowance in 元, a bad amount shows on the field, the worker and the official only read it',
  TIMEOUT,
  async (t) => {
    const community = (await apiGetAs(WORKER, '/me')).communities[0];
    const operator = await apiGetAs(ADMIN, '/me');
    const path = `/communities/${community.id}/subsidy-policy`;
    const before = await apiGetAs(WORKER, path);
    t.after(async () => {
      // the other tests count on the allowance the community had
      await apiAs(ADMIN, 'PUT', path, { monthlyFen: before.monthlyFen });
    });

    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page, ADMIN);
    await openFromMenu(page, '养老服务补贴');
    if (operator.communities[0].id !== community.id) {
      await page.getByTestId('subsidy-community').click();
      await page.locator('.ant-select-item-option').filter({ hasText: community.name }).click();
    }
    const monthly = page.getByTestId('subsidy-monthly');
    await monthly.getByText(`${yuan(before.monthlyFen)} 元/人/月`).waitFor();
    const eligible = await page.getByTestId('subsidy-eligible-elders').innerText();
    assert.equal(eligible, `${before.eligibleElders} 人`);

    // 88.29 × 100 is 8828.999999999998 in floating point: the page must send 8829 fen
    const input = page.getByTestId('subsidy-input');
    await input.fill('88.29');
    await page.getByTestId('subsidy-save').click();
    await monthly.getByText('88.29 元/人/月').waitFor();
    await page.getByTestId('subsidy-updated').getByText(operator.displayName).waitFor();
    const saved = await apiGetAs(WORKER, path);
    assert.equal(saved.monthlyFen, 8829);
    assert.equal(saved.communityDefault, false);
    assert.equal(saved.updatedByName, operator.displayName);
    await screenshot(page, 'subsidy-changed');

    // more than the api allows: its rule, worded in 元, on the field; nothing changes
    await input.fill('200000');
    await page.getByTestId('subsidy-save').click();
    await page
      .locator('.ant-form-item-explain-error')
      .getByText('每人每月额度不能超过 100000.00 元')
      .waitFor();
    await page.getByTestId('problem-alert').waitFor();
    assert.equal((await apiGetAs(WORKER, path)).monthlyFen, 8829);
    await monthly.getByText('88.29 元/人/月').waitFor();
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'subsidy-bad-amount');

    // the community's worker and the district official read the same figure, with nothing to change it
    for (const reader of [WORKER, OFFICIAL]) {
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/admin/sign-in');
      await signInAs(page, reader);
      await openFromMenu(page, '养老服务补贴');
      const readerMe = await apiGetAs(reader, '/me');
      if (readerMe.communities[0].id !== community.id) {
        await page.getByTestId('subsidy-community').click();
        await page.locator('.ant-select-item-option').filter({ hasText: community.name }).click();
      }
      await page.getByTestId('subsidy-monthly').getByText('88.29 元/人/月').waitFor();
      await page.getByTestId('subsidy-read-only').waitFor();
      assert.equal(await page.getByTestId('subsidy-input').count(), 0);
      assert.equal(await page.getByTestId('subsidy-save').count(), 0);
      const refused = await apiAs(reader, 'PUT', path, { monthlyFen: 1 });
      assert.equal(refused.status, 403);
    }
    assert.equal((await apiGetAs(WORKER, path)).monthlyFen, 8829);
    await screenshot(page, 'subsidy-official-reads');
  },
);
