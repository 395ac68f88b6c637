import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORKER, apiGetAs, openBrowser, openFromMenu, screenshot, signInAs } from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

function serviceOf(coverage, service) {
  return coverage.services.find((s) => s.service === service);
}

test(
  'a worker reads the coverage of the 15-minute circle per service, on a map drawn from the data',
  TIMEOUT,
  async (t) => {
    const me = await apiGetAs(WORKER, '/me');
    const community = me.communities[0];
    const coverage = await apiGetAs(WORKER, `/communities/${community.id}/coverage`);
    assert.equal(coverage.services.length, 4);
    const { page, consoleErrors } = await openBrowser(t);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));

    await signInAs(page);
    await openFromMenu(page, '服务圈覆盖', '15分钟服务圈覆盖');
    for (const s of coverage.services) {
      await page
        .getByTestId(`coverage-${s.service}-count`)
        .getByText(`${s.covered} / ${s.elders} 人`)
        .waitFor();
    }
    const definition = await page.getByText(/15分钟服务圈覆盖率：/).innerText();
    assert.match(definition, new RegExp(`${coverage.travelLimitMinutes} 分钟`));
    assert.doesNotMatch(definition, /90%/, 'not the Bayannur indicator');

    // the map: the boundary, every elder (red where meals do not reach them), the providers
    const map = page.getByTestId('coverage-map');
    await map.locator('path.map-elder-covered, path.map-elder-uncovered').first().waitFor();
    const meal = serviceOf(coverage, 'MEAL');
    assert.equal(await map.locator('path.map-elder-uncovered').count(), meal.uncovered.length);
    assert.equal(
      await map.locator('path.map-elder-covered').count(),
      coverage.map.elders.length - meal.uncovered.length,
    );
    assert.equal(
      await map.locator('path.map-provider').count(),
      coverage.map.providers.filter((p) => p.services.includes('MEAL')).length,
    );
    assert.ok((await map.locator('path').count()) > coverage.map.elders.length, 'and the boundary');
    await screenshot(page, 'coverage-meal');

    const bathing = serviceOf(coverage, 'BATHING');
    await page.getByTestId('coverage-BATHING').click();
    await page.getByText('服务圈地图：助浴').waitFor();
    assert.equal(await map.locator('path.map-elder-uncovered').count(), bathing.uncovered.length);
    const rows = page.getByTestId('uncovered-table').locator('tbody tr.ant-table-row');
    assert.equal(await rows.count(), Math.min(10, bathing.uncovered.length));
    if (bathing.uncovered.length > 0) {
      const firstGap = bathing.uncovered[0];
      const text = await rows.first().innerText();
      assert.ok(text.includes(firstGap.maskedName));
      assert.ok(
        text.includes(
          firstGap.nearestMinutes === undefined
            ? '无符合条件的服务人员'
            : `${firstGap.nearestMinutes.toFixed(1)} 分钟`,
        ),
      );
    }

    await page.getByTestId('coverage-recompute').click();
    await page.getByText('已重新计算').waitFor();
    const fresh = await apiGetAs(WORKER, `/communities/${community.id}/coverage`);
    assert.ok(fresh.computedAt >= coverage.computedAt);
    assert.ok(
      requests.every(
        (url) =>
          url.startsWith('http://127.0.0.1') || url.startsWith('data:') || url.startsWith('blob:'),
      ),
      'no tile server nor any other outside address',
    );
    assert.deepEqual(consoleErrors, []);
    await screenshot(page, 'coverage-bathing');
  },
);
