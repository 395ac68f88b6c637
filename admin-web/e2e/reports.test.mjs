import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  OFFICIAL,
  WORKER,
  apiGetAs,
  openBrowser,
  openFromMenu,
  screenshot,
  signInAs,
} from './support.mjs';

const TIMEOUT = { timeout: 120_000 };

function currentMonth() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(new Date());
  return `${parts.find((p) => p.type === 'year').value}-${parts.find((p) => p.type === 'month').value}`;
}

function rate(share) {
  return share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

test(
  'a worker reads the monthly report with its charts and downloads it as Excel and CSV',
  TIMEOUT,
  async (t) => {
    const month = currentMonth();
    const me = await apiGetAs(WORKER, '/me');
    const community = me.communities[0];
    const report = await apiGetAs(
      WORKER,
      `/reports/monthly?month=${month}&communityId=${community.id}`,
    );
    const { page, consoleErrors } = await openBrowser(t);
    await signInAs(page);
    await openFromMenu(page, '统计报表');

    await page
      .getByTestId('figure-ordersPlaced')
      .getByText(String(report.total.ordersPlaced))
      .waitFor();
    assert.match(
      await page.getByTestId('figure-eldersServed').innerText(),
      new RegExp(`${report.total.eldersServed}`),
    );
    assert.match(
      await page.getByTestId('figure-visitRate').innerText(),
      new RegExp(rate(report.total.visits.rate).replace('.', '\\.')),
    );
    assert.match(
      await page.getByTestId('figure-timeBankIssued').innerText(),
      new RegExp(`${report.total.timeBank.issuedMinutes}`),
    );
    for (const [key, share] of [
      ['goodRate', report.total.ratings.goodRate],
      ['callBackRate', report.total.followUps.callBackRate],
      ['onTimeClosureRate', report.total.followUps.onTimeClosureRate],
    ]) {
      assert.match(
        await page.getByTestId(`figure-${key}`).innerText(),
        new RegExp(rate(share).replace('.', '\\.')),
        `${key} is shown`,
      );
    }
    assert.match(
      await page.getByTestId('figure-badRatings').innerText(),
      new RegExp(`${report.total.ratings.bad}`),
    );
    // every section is a figure now: nothing is listed as missing, the subsidy is spent in yuan
    assert.equal(report.unavailable.length, 0);
    assert.equal(await page.getByTestId('report-gaps').count(), 0);
    assert.match(
      await page.getByTestId('figure-subsidySpent').innerText(),
      new RegExp((report.total.subsidy.spentFen / 100).toFixed(2).replace('.', '\\.')),
    );

    const ratingsChart = page.getByTestId('ratings-chart');
    await ratingsChart.locator('svg').first().waitFor();
    const ratingsText = await ratingsChart.innerText();
    for (const label of ['好评率', '回访率', community.name]) {
      assert.ok(ratingsText.includes(label), `the ratings chart shows ${label}`);
    }
    const goodRate = report.communities[0].ratings.goodRate;
    if (goodRate !== undefined) {
      assert.ok(
        ratingsText.includes(`${Math.round(goodRate * 1000) / 10}%`),
        'the good-rating bar is labelled with its rate',
      );
    }

    const orders = page.getByTestId('orders-chart');
    await orders.locator('svg').first().waitFor();
    const ordersText = await orders.innerText();
    for (const label of ['助餐', '助浴', '助洁', '助医', 'APP下单', '电话下单']) {
      assert.ok(ordersText.includes(label), `the orders chart shows ${label}`);
    }
    const coverageChart = page.getByTestId('coverage-chart');
    await coverageChart.locator('svg').first().waitFor();
    const meal = report.total.coverage.find((c) => c.service === 'MEAL');
    if (meal.rate !== undefined) {
      assert.ok(
        (await coverageChart.innerText()).includes(`${Math.round(meal.rate * 1000) / 10}%`),
        'the meal coverage bar is labelled with its rate',
      );
    }
    await screenshot(page, 'report-community');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-xlsx').click(),
    ]);
    assert.match(xlsx.suggestedFilename(), new RegExp(`^月报-.*-${month}\\.xlsx$`));
    const xlsxBytes = await readFile(await xlsx.path());
    assert.equal(xlsxBytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip (OOXML) file');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    assert.match(csv.suggestedFilename(), /\.csv$/);
    const csvBytes = await readFile(await csv.path());
    assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
    const lines = csvBytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    assert.ok(lines[0].startsWith('月份,社区,服务老人数,下单总数,助餐-APP下单'));
    assert.equal(lines.length, 2, 'the headings and the community');
    assert.ok(
      lines[1].startsWith(
        `${month},${community.name},${report.total.eldersServed},${report.total.ordersPlaced},`,
      ),
    );
    assert.deepEqual(consoleErrors, []);
  },
);

test('a district official reads the district report of every community', TIMEOUT, async (t) => {
  const month = currentMonth();
  const communities = await apiGetAs(OFFICIAL, '/communities');
  const region = communities[0].regionCode;
  const report = await apiGetAs(OFFICIAL, `/reports/monthly?month=${month}&regionCode=${region}`);
  assert.ok(report.communities.length >= 2);
  const { page, consoleErrors } = await openBrowser(t);
  await signInAs(page, OFFICIAL);
  await openFromMenu(page, '统计报表');
  await page.getByTestId('report-scope').getByText('辖区').click();
  await page
    .getByTestId('figure-ordersPlaced')
    .getByText(String(report.total.ordersPlaced))
    .waitFor();
  const chart = page.getByTestId('communities-chart');
  await chart.locator('svg').first().waitFor();
  const text = await chart.innerText();
  for (const c of report.communities) assert.ok(text.includes(c.name), `${c.name} is on the chart`);
  const ratings = page.getByTestId('ratings-chart');
  await ratings.locator('svg').first().waitFor();
  const ratingsText = await ratings.innerText();
  for (const c of report.communities) {
    assert.ok(ratingsText.includes(c.name), `${c.name} is on the ratings chart`);
  }
  assert.deepEqual(consoleErrors, []);
  await screenshot(page, 'report-district');
});
